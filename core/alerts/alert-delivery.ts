import type { AxiosInstance } from 'axios';
import { UnrecoverableError } from 'bullmq';
import { sql } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import { retryPolicy } from '../connectors/connector-error.js';
import type { Db } from '../db/database.js';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../ingestion/webhook-signature.js';
import type { SecretBox } from '../security/secret-box.js';
import { emailBody, jsonBody, slackBody, type AlertMessage } from './alert-payload.js';
import { parseRecipients } from './alert-rule.schema.js';

export interface DeliveryDeps {
  db: Db;
  /** The SSRF-safe outbound client (createOutboundHttp). */
  http: AxiosInstance;
  secrets: SecretBox;
  smtpUrl?: string;
  emailFrom: string;
}

interface DeliveryRow {
  id: string;
  status: string;
  channel: 'webhook' | 'email';
  target: string;
  event_id: string;
  title: string;
  payload: Record<string, unknown>;
  is_test: boolean;
  fired_at: Date;
  rule_id: string;
  rule_name: string;
  kind: string;
  format: 'json' | 'slack';
  secret_sealed: string | null;
}

/**
 * Sends one delivery and records the outcome. A sent delivery is not sent again (the job is
 * at-least-once, the effect once). A failure is recorded and rethrown for the queue to retry
 * with backoff; permanent failures (refused URL, 4xx, no SMTP) stop retrying at once.
 */
export async function deliverAlert(deps: DeliveryDeps, deliveryId: string, finalAttempt: boolean) {
  const d = await loadDelivery(deps.db, deliveryId);
  if (!d || d.status === 'sent') return { skipped: true };
  const message: AlertMessage = {
    eventId: d.event_id,
    rule: { id: d.rule_id, name: d.rule_name, kind: d.kind },
    title: d.title,
    firedAt: d.fired_at.toISOString(),
    test: d.is_test,
    payload: d.payload,
  };
  try {
    const status =
      d.channel === 'webhook'
        ? await sendWebhook(deps, d, message)
        : await sendEmail(deps, d, message);
    await record(deps.db, deliveryId, { status: 'sent', responseStatus: status, error: null });
    return { sent: true, status };
  } catch (err) {
    const giveUp = err instanceof UnrecoverableError || retryPolicy(err) === 'give_up';
    const failed = giveUp || finalAttempt;
    await record(deps.db, deliveryId, {
      status: failed ? 'failed' : 'retrying',
      responseStatus: statusOf(err),
      error: (err as Error).message.slice(0, 1000),
    });
    throw giveUp && !(err instanceof UnrecoverableError)
      ? new UnrecoverableError((err as Error).message)
      : err;
  }
}

async function sendWebhook(deps: DeliveryDeps, d: DeliveryRow, m: AlertMessage): Promise<number> {
  if (!d.secret_sealed) throw new UnrecoverableError('the rule has no signing secret');
  const body = JSON.stringify(d.format === 'slack' ? slackBody(m) : jsonBody(m));
  const ts = Math.floor(Date.now() / 1000);
  const res = await deps.http.post(d.target, body, {
    headers: {
      'Content-Type': 'application/json',
      [TIMESTAMP_HEADER]: String(ts),
      [SIGNATURE_HEADER]: signWebhook(deps.secrets.open(d.secret_sealed), ts, body),
      'X-Ecoute-Event': d.event_id,
      'X-Ecoute-Delivery': d.id,
    },
    // The body is JSON text already: axios must send it byte for byte as signed.
    transformRequest: [(data: unknown) => data],
  });
  return res.status;
}

const transports = new Map<string, Transporter>();

async function sendEmail(deps: DeliveryDeps, d: DeliveryRow, m: AlertMessage): Promise<number> {
  if (!deps.smtpUrl) throw new UnrecoverableError('SMTP_URL is not configured');
  const { ok, bad } = parseRecipients(d.target);
  if (bad) throw new UnrecoverableError(`"${bad}" is not an e-mail address`);
  let transport = transports.get(deps.smtpUrl);
  if (!transport) {
    transport = nodemailer.createTransport(deps.smtpUrl);
    transports.set(deps.smtpUrl, transport);
  }
  const { subject, text } = emailBody(m);
  await transport.sendMail({
    from: deps.emailFrom,
    to: ok,
    subject,
    text,
    headers: { 'X-Ecoute-Event': d.event_id },
  });
  return 250;
}

function statusOf(err: unknown): number | null {
  const m = /\b([45]\d\d)\b/.exec((err as Error).message ?? '');
  return m ? Number(m[1]) : null;
}

async function loadDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  const r = await sql<DeliveryRow>`
    select d.id, d.status, d.channel, d.target, e.id as event_id, e.title, e.payload, e.is_test,
      e.fired_at, r.id as rule_id, r.name as rule_name, r.kind, r.format, r.secret_sealed
    from alert_deliveries d join alert_events e on e.id = d.event_id join alert_rules r on r.id = d.rule_id
    where d.id = ${id}
  `.execute(db);
  return r.rows[0];
}

async function record(
  db: Db,
  id: string,
  o: {
    status: 'sent' | 'retrying' | 'failed';
    responseStatus: number | null;
    error: string | null;
  },
) {
  await sql`
    update alert_deliveries set status = ${o.status}, attempts = attempts + 1,
      response_status = ${o.responseStatus}, last_error = ${o.error}, updated_at = now(),
      delivered_at = case when ${o.status} = 'sent' then now() else delivered_at end
    where id = ${id}
  `.execute(db);
}
