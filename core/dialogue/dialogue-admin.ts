import { z } from 'zod';
import type { CredentialsInput } from '../sources/credentials/credential-input.js';
import {
  storeCredentials,
  type CredentialDeps,
} from '../sources/credentials/credential.service.js';
import type { Db } from '../db/database.js';
import { invalid, notFound } from '../errors.js';
import { drainBacklog } from './assignment-backlog.js';
import { REPLY_SENDERS } from './reply-senders.js';

export const agentSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    apiKeyId: z.string().regex(/^\d+$/).nullable().optional(),
    team: z.string().trim().min(1).max(100).optional(),
    capacity: z.number().int().min(0).max(10_000).optional(),
    available: z.boolean().optional(),
  })
  .strict();
export const agentPatchSchema = agentSchema.partial().strict();

const toAgent = (a: {
  id: string;
  name: string;
  api_key_id: string | null;
  team: string;
  capacity: number;
  available: boolean;
}) => ({
  id: a.id,
  name: a.name,
  apiKeyId: a.api_key_id,
  team: a.team,
  capacity: a.capacity,
  available: a.available,
});

export async function listAgents(db: Db) {
  const rows = await db.selectFrom('agents').selectAll().orderBy('id').execute();
  return rows.map(toAgent);
}

export async function createAgent(db: Db, input: z.infer<typeof agentSchema>) {
  const a = await db
    .insertInto('agents')
    .values({
      name: input.name,
      api_key_id: input.apiKeyId ?? null,
      ...(input.team ? { team: input.team } : {}),
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      ...(input.available !== undefined ? { available: input.available } : {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await drainBacklog(db);
  return toAgent(a);
}

export async function updateAgent(db: Db, id: string, input: z.infer<typeof agentPatchSchema>) {
  const a = await db
    .updateTable('agents')
    .set({
      ...(input.name ? { name: input.name } : {}),
      ...(input.apiKeyId !== undefined ? { api_key_id: input.apiKeyId } : {}),
      ...(input.team ? { team: input.team } : {}),
      ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
      ...(input.available !== undefined ? { available: input.available } : {}),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!a) throw notFound('agent', id);
  // More room or back at work: the unassigned backlog is dealt again.
  if (input.capacity !== undefined || input.available !== undefined) await drainBacklog(db);
  return toAgent(a);
}

/** The agent signed in with this API key, if any. */
export async function agentOfKey(db: Db, keyId: string | undefined) {
  if (!keyId) return null;
  return (
    (await db
      .selectFrom('agents')
      .select(['id', 'name'])
      .where('api_key_id', '=', keyId)
      .executeTakeFirst()) ?? null
  );
}

export const brandAccountsSchema = z
  .object({
    accounts: z
      .array(
        z
          .object({
            platform: z.string().trim().min(1).max(32),
            handle: z.string().trim().min(1).max(512),
          })
          .strict(),
      )
      .max(500),
  })
  .strict();

/** Replaces the list of the brand's own accounts (handles stored lower-cased). */
export async function setBrandAccounts(db: Db, accounts: { platform: string; handle: string }[]) {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('brand_accounts').execute();
    if (accounts.length === 0) return;
    const unique = new Map(
      accounts.map((a) => [`${a.platform}\u0000${a.handle.toLowerCase().replace(/^@/, '')}`, a]),
    );
    await trx
      .insertInto('brand_accounts')
      .values(
        [...unique.values()].map((a) => ({
          platform: a.platform,
          handle: a.handle.toLowerCase().replace(/^@/, ''),
        })),
      )
      .execute();
  });
  return listBrandAccounts(db);
}

export async function listBrandAccounts(db: Db) {
  return db
    .selectFrom('brand_accounts')
    .selectAll()
    .orderBy('platform')
    .orderBy('handle')
    .execute();
}

export { credentialsSchema } from '../sources/credentials/credential-input.js';

/**
 * Stores a source's platform credentials, sealed (AES-256-GCM): a token, or what renews one
 * (Reddit OAuth refresh token, Bluesky app password; see core/sources/credentials/). The access
 * token posts replies and is the poller's bearer token; nothing is ever returned.
 */
export async function setSourceCredentials(
  deps: CredentialDeps,
  sourceId: string,
  input: CredentialsInput,
) {
  const source = await deps.db
    .selectFrom('sources')
    .select(['id', 'kind'])
    .where('id', '=', sourceId)
    .executeTakeFirst();
  if (!source) throw notFound('source', sourceId);
  if (!REPLY_SENDERS[source.kind])
    throw invalid('sourceId', `replies are not supported on ${source.kind} sources`);
  return storeCredentials(deps, sourceId, input);
}
