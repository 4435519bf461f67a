import { assertSafeUrl } from '../../http/outbound.js';
import type { Db } from '../../db/database.js';
import { invalid, notFound } from '../../errors.js';
import type { SecretBox } from '../../security/secret-box.js';

/** Subscribers to idea status changes. The signing secret is sealed and never returned. */
export interface IdeaWebhookDto {
  id: string;
  url: string;
  active: boolean;
  createdAt: string;
}

export async function addIdeaWebhook(
  deps: { db: Db; secrets: SecretBox; allowHosts: readonly string[] },
  input: { url: string; secret: string },
): Promise<IdeaWebhookDto> {
  try {
    await assertSafeUrl(input.url, deps.allowHosts);
  } catch (err) {
    throw invalid('url', (err as Error).message);
  }
  const row = await deps.db
    .insertInto('idea_webhooks')
    .values({ url: input.url, secret_sealed: deps.secrets.seal(input.secret) })
    .returning(['id', 'url', 'active', 'created_at'])
    .executeTakeFirstOrThrow();
  return { id: row.id, url: row.url, active: row.active, createdAt: row.created_at.toISOString() };
}

export async function listIdeaWebhooks(db: Db): Promise<IdeaWebhookDto[]> {
  const rows = await db
    .selectFrom('idea_webhooks')
    .select(['id', 'url', 'active', 'created_at'])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    url: r.url,
    active: r.active,
    createdAt: r.created_at.toISOString(),
  }));
}

export async function removeIdeaWebhook(db: Db, id: string): Promise<void> {
  const r = await db.deleteFrom('idea_webhooks').where('id', '=', id).executeTakeFirst();
  if (r.numDeletedRows === 0n) throw notFound('idea webhook', id);
}
