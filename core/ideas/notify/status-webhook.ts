import type { AxiosInstance } from 'axios';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import {
  SIGNATURE_HEADER,
  signWebhook,
  TIMESTAMP_HEADER,
} from '../../ingestion/webhook-signature.js';
import type { SecretBox } from '../../security/secret-box.js';
import { statusDef } from '../idea-statuses.js';
import { statusEventId, type StatusChange } from './status-change.js';

export interface WebhookDeps {
  db: Db;
  /** The SSRF-safe outbound client (core/http/outbound.ts). */
  http: AxiosInstance;
  secrets: SecretBox;
}

/** The JSON sent for a status change; signed like Écoute's inbound webhook (HMAC-SHA256). */
export function statusEventBody(change: StatusChange, supporters: number) {
  return {
    eventId: statusEventId(change.historyId),
    type: 'idea.status_changed',
    occurredAt: change.changedAt.toISOString(),
    idea: { id: change.ideaId, title: change.title },
    from: change.from,
    to: change.to,
    toLabel: statusDef(change.to)?.label ?? null,
    reason: change.reason,
    supporters,
  };
}

/**
 * Sends the change's one event to every active subscriber. Each (change, subscriber) pair has a
 * delivery row: a retried job skips what already arrived and throws while anything is missing,
 * so BullMQ retries with backoff. Returns how many subscribers have it.
 */
export async function deliverStatusEvent(
  deps: WebhookDeps,
  change: StatusChange,
  supporters: number,
): Promise<number> {
  const eventId = statusEventId(change.historyId);
  await sql`
    insert into idea_webhook_deliveries (status_history_id, webhook_id, event_id)
    select ${change.historyId}::bigint, id, ${eventId} from idea_webhooks where active
    on conflict do nothing
  `.execute(deps.db);
  const pending = await sql<{ webhook_id: string; url: string; secret_sealed: string }>`
    select d.webhook_id, w.url, w.secret_sealed
    from idea_webhook_deliveries d join idea_webhooks w on w.id = d.webhook_id
    where d.status_history_id = ${change.historyId}::bigint and d.delivered_at is null and w.active
    order by d.webhook_id
  `.execute(deps.db);
  const body = JSON.stringify(statusEventBody(change, supporters));
  const failures: string[] = [];
  for (const target of pending.rows) {
    const error = await sendOne(deps, target, body, eventId);
    await sql`
      update idea_webhook_deliveries set attempts = attempts + 1, status_code = ${error.status},
        delivered_at = case when ${error.message}::text is null then now() end, last_error = ${error.message}
      where status_history_id = ${change.historyId}::bigint and webhook_id = ${target.webhook_id}::bigint
    `.execute(deps.db);
    if (error.message) failures.push(`webhook ${target.webhook_id}: ${error.message}`);
  }
  if (failures.length > 0)
    throw new Error(`idea event ${eventId} not delivered: ${failures.join('; ')}`);
  const done = await sql<{ n: string }>`
    select count(*) as n from idea_webhook_deliveries
    where status_history_id = ${change.historyId}::bigint and delivered_at is not null
  `.execute(deps.db);
  return Number(done.rows[0]?.n ?? 0);
}

async function sendOne(
  deps: WebhookDeps,
  target: { url: string; secret_sealed: string },
  body: string,
  eventId: string,
): Promise<{ status: number | null; message: string | null }> {
  const ts = Math.floor(Date.now() / 1000);
  try {
    const res = await deps.http.post(target.url, body, {
      headers: {
        'Content-Type': 'application/json',
        [TIMESTAMP_HEADER]: String(ts),
        [SIGNATURE_HEADER]: signWebhook(deps.secrets.open(target.secret_sealed), ts, body),
        'X-Ecoute-Event': eventId,
      },
      // The body is JSON text already: axios must send it byte for byte as signed.
      transformRequest: [(data: unknown) => data],
    });
    return { status: res.status, message: null };
  } catch (err) {
    const message = (err as Error).message.slice(0, 1_000);
    const m = /\b([45]\d\d)\b/.exec(message);
    return { status: m ? Number(m[1]) : null, message };
  }
}
