import { randomUUID } from 'node:crypto';
import { UnrecoverableError } from 'bullmq';
import type { AxiosInstance } from 'axios';
import { sql } from 'kysely';
import { z } from 'zod';
import { ConnectorError, retryPolicy } from '../connectors/connector-error.js';
import type { Db, Executor } from '../db/database.js';
import { DomainError, invalid, notFound } from '../errors.js';
import type { Queues } from '../queue/queues.js';
import type { SecretBox } from '../security/secret-box.js';
import { accessToken, isRenewable } from '../sources/credentials/credential.service.js';
import { insertEvents } from './conversation-open.repository.js';
import { replySenderFor } from './reply-senders.js';
import { storableText } from '../text/storable-text.js';

export const replyInputSchema = z
  .object({
    text: z.string().trim().min(1).max(10_000),
    /** platform: post it where the person spoke; elsewhere: record an answer given outside Écoute. */
    mode: z.enum(['platform', 'elsewhere']).default('platform'),
    /** The message replied to; the person's latest message when absent. */
    inReplyToMentionId: z.string().regex(/^\d+$/).optional(),
  })
  .strict();

export interface Actor {
  agentId: string | null;
  name: string;
}

interface Target {
  mention_id: string;
  external_id: string;
  source_id: string | null;
  kind: string | null;
  has_secret: boolean;
}

/** The mention to answer: the one named, or the person's latest message in the conversation. */
async function replyTarget(
  db: Executor,
  conversationId: string,
  mentionId?: string,
): Promise<Target | undefined> {
  const r = await sql<Target>`
    select m.id as mention_id, m.external_id, m.source_id, s.kind, (s.secret_sealed is not null) as has_secret
    from conversation_messages cm join mentions m on m.id = cm.mention_id
    left join sources s on s.id = m.source_id
    where cm.conversation_id = ${conversationId} and cm.direction = 'in'
      ${mentionId ? sql`and m.id = ${mentionId}` : sql``}
    order by m.published_at desc, m.id desc limit 1
  `.execute(db);
  return r.rows[0];
}

/**
 * Stores an agent's reply and, for the platform, queues its sending (job id = message id; the
 * idempotency key is made here, once, and reused by every attempt). An answer given elsewhere
 * counts as a response at once.
 */
export async function queueReply(
  deps: { db: Db; queues: Queues },
  conversationId: string,
  actor: Actor,
  input: z.input<typeof replyInputSchema>,
) {
  const data = replyInputSchema.parse(input);
  const conv = await deps.db
    .selectFrom('conversations')
    .select(['id', 'platform'])
    .where('id', '=', conversationId)
    .executeTakeFirst();
  if (!conv) throw notFound('conversation', conversationId);
  const target = await replyTarget(deps.db, conversationId, data.inReplyToMentionId);
  if (data.mode === 'platform') checkSendable(conv.platform, target, data.text);
  const message = await deps.db.transaction().execute(async (trx) => {
    // A prepared draft (e.g. from ideas) is replaced by what the agent actually sends.
    await trx
      .deleteFrom('conversation_messages')
      .where('conversation_id', '=', conversationId)
      .where('send_status', '=', 'draft')
      .execute();
    const row = await trx
      .insertInto('conversation_messages')
      .values({
        conversation_id: conversationId,
        direction: 'out',
        agent_id: actor.agentId,
        text: data.text,
        send_status: data.mode === 'platform' ? 'queued' : 'elsewhere',
        in_reply_to_external_id: target?.external_id ?? null,
        idempotency_key: `ecoute-reply-${randomUUID()}`,
        sent_at: data.mode === 'elsewhere' ? new Date() : null,
      })
      .returning(['id', 'send_status'])
      .executeTakeFirstOrThrow();
    if (data.mode === 'elsewhere')
      await markResponded(trx, conversationId, actor.name, row.id, 'answered_elsewhere');
    return row;
  });
  if (data.mode === 'platform') {
    await deps.queues.enqueue(
      'dialogue.reply-send',
      { messageId: message.id },
      { jobId: `reply-send-${message.id}` },
    );
  }
  return { id: message.id, sendStatus: message.send_status };
}

function checkSendable(platform: string, target: Target | undefined, text: string) {
  const sender = replySenderFor(platform);
  if (!sender)
    throw invalid(
      'mode',
      `Écoute cannot post on ${platform}; record the answer as given elsewhere`,
    );
  if (!target)
    throw invalid(
      'inReplyToMentionId',
      'no message from the person to reply to in this conversation',
    );
  if (!target.has_secret) {
    throw invalid(
      'mode',
      `the source of mention ${target.mention_id} has no credentials to post with; add them or answer elsewhere`,
    );
  }
  const length = sender.lengthOf(text);
  if (length > sender.maxLength)
    throw invalid('text', `${length} characters; ${platform} allows ${sender.maxLength}`);
}

/** First response (if none yet) and "pending" (waiting on the customer) after an answer. */
async function markResponded(
  db: Executor,
  conversationId: string,
  actor: string,
  messageId: string,
  kind: string,
) {
  await sql`
    update conversations set first_response_at = coalesce(first_response_at, now()),
      status = case when status = 'open' then 'pending' else status end, updated_at = now()
    where id = ${conversationId}
  `.execute(db);
  await insertEvents(db, [{ conversationId, kind, detail: { messageId }, actor }]);
}

export interface SendDeps {
  db: Db;
  http: AxiosInstance;
  secrets: SecretBox;
  timeoutMs: number;
  /** The clock that decides whether the access token needs renewing (tests move it). */
  now?: () => Date;
}

interface Outgoing {
  id: string;
  conversation_id: string;
  text: string;
  send_status: string;
  idempotency_key: string;
  attempts: number;
  created_at: Date;
  platform: string;
  in_reply_to_external_id: string;
  parent_thread: string | null;
  parent_raw: unknown;
  config: Record<string, unknown>;
  secret_sealed: string | null;
  source_id: string | null;
}

/**
 * One attempt at posting a queued reply. Counts the attempt first, so a later attempt knows an
 * earlier one may have reached the platform (the sender then looks before posting). A sent
 * message is never sent again; a permanent refusal marks it failed without further retries.
 */
export async function sendReply(deps: SendDeps, messageId: string, finalAttempt: boolean) {
  const msg = await claimAttempt(deps.db, messageId);
  if (!msg) return { messageId, skipped: true };
  const sender = replySenderFor(msg.platform);
  if (!sender || !msg.secret_sealed || !msg.source_id)
    return fail(deps.db, messageId, `no sender or credentials for ${msg.platform}`, true);
  const sourceId = msg.source_id;
  const now = deps.now?.() ?? new Date();
  try {
    const attempt = async (token: string, retry: boolean) =>
      sender.send({
        http: deps.http,
        timeoutMs: deps.timeoutMs,
        sourceConfig: msg.config,
        token,
        parent: {
          externalId: msg.in_reply_to_external_id,
          threadExternalId: msg.parent_thread,
          raw: msg.parent_raw,
        },
        text: msg.text,
        idempotencyKey: msg.idempotency_key,
        createdAt: msg.created_at,
        retry,
      });
    // A token renewed ahead of its expiry (see core/sources/credentials/); one the platform
    // refuses all the same (revoked, clock skew) is renewed once and the post tried again.
    const sent = await attempt(await accessToken(deps, sourceId, now), msg.attempts > 1).catch(
      async (err: unknown) => {
        const refused = err instanceof ConnectorError && err.code === 'unauthorized';
        if (!refused || !(await isRenewable(deps.db, sourceId))) throw err;
        return attempt(await accessToken(deps, sourceId, now, true), true);
      },
    );
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('conversation_messages')
        .set({
          send_status: 'sent',
          platform_external_id: sent.externalId,
          platform_url: sent.url,
          sent_at: new Date(),
          last_error: null,
        })
        .where('id', '=', messageId)
        .execute();
      await markResponded(trx, msg.conversation_id, 'ecoute', messageId, 'replied');
    });
    return { messageId, externalId: sent.externalId, attempts: msg.attempts };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const giveUp = retryPolicy(err) === 'give_up';
    return fail(deps.db, messageId, reason, giveUp || finalAttempt, err);
  }
}

async function claimAttempt(db: Db, messageId: string): Promise<Outgoing | undefined> {
  const r = await sql<Outgoing>`
    with claimed as (
      update conversation_messages set attempts = attempts + 1
      where id = ${messageId} and direction = 'out' and send_status = 'queued'
      returning *
    )
    select cl.id, cl.conversation_id, cl.text, cl.send_status, cl.idempotency_key, cl.attempts, cl.created_at,
      c.platform, cl.in_reply_to_external_id, m.thread_external_id as parent_thread, m.raw as parent_raw,
      s.config, s.secret_sealed, s.id as source_id
    from claimed cl
    join conversations c on c.id = cl.conversation_id
    join mentions m on m.platform = c.platform and m.external_id = cl.in_reply_to_external_id
    left join sources s on s.id = m.source_id
  `.execute(db);
  return r.rows[0];
}

async function fail(
  db: Db,
  messageId: string,
  reason: string,
  final: boolean,
  err?: unknown,
): Promise<never> {
  await db
    .updateTable('conversation_messages')
    .set({
      // A platform's message, cut to size: either may leave what Postgres refuses (NUL, half a pair).
      last_error: storableText(reason.slice(0, 1000)),
      ...(final ? { send_status: 'failed' as const } : {}),
    })
    .where('id', '=', messageId)
    .execute();
  if (final) throw new UnrecoverableError(`reply ${messageId} not sent: ${reason}`);
  throw err instanceof Error ? err : new DomainError('unavailable', reason);
}
