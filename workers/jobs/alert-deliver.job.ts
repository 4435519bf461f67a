import { deliverAlert } from '../../core/alerts/alert-delivery.js';
import type { JobHandler } from '../job-handler.js';

/** `alerts.deliver` {deliveryId}: one signed webhook or e-mail; retried with backoff on failure. */
export const alertDeliverJob: JobHandler<'alerts.deliver'> = async (job, deps) =>
  deliverAlert(
    {
      db: deps.db,
      http: deps.http,
      secrets: deps.secrets,
      smtpUrl: deps.config.SMTP_URL,
      emailFrom: deps.config.ALERT_EMAIL_FROM,
    },
    job.data.deliveryId,
    job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
  );
