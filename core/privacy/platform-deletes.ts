import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/database.js';
import type { NormalizedMention } from '../mentions/normalized-mention.js';
import { eraseMentions } from './erase.js';

/** A post its platform says is gone, named as the platform names it. */
export const platformDeletionSchema = z
  .object({
    platform: z.string().min(1).max(50),
    externalId: z.string().min(1).max(512),
  })
  .strict();
export type PlatformDeletion = z.infer<typeof platformDeletionSchema>;

export interface DeletionReport {
  /** Deletions received (tombstones written or already there). */
  received: number;
  /** Stored mentions that were removed. */
  mentions: number;
  /** Rows removed or scrubbed per table. */
  rows: Record<string, number>;
}

/**
 * Honours posts deleted on their platform, inside the caller's transaction: a tombstone for each
 * (so the post is never stored again, whatever order the deletion and the post arrive in), and
 * the stored mention removed with everything that names it (see `eraseMentions`). Aggregates
 * that no longer identify anyone stay. Idempotent: a repeated deletion finds its tombstone and
 * nothing left to remove.
 */
export async function honourDeletions(
  trx: Executor,
  deletions: readonly PlatformDeletion[],
  origin: string,
): Promise<DeletionReport> {
  if (deletions.length === 0) return { received: 0, mentions: 0, rows: {} };
  const platforms = deletions.map((d) => d.platform);
  const externalIds = deletions.map((d) => d.externalId);
  await sql`
    insert into mention_tombstones (platform, external_id, origin)
    select distinct d.platform, d.external_id, ${origin}::text
    from unnest(${platforms}::text[], ${externalIds}::text[]) as d(platform, external_id)
    on conflict do nothing`.execute(trx);
  const { rows: found } = await sql<{ id: string }>`
    select m.id from mentions m
    join unnest(${platforms}::text[], ${externalIds}::text[]) as d(platform, external_id)
      on m.platform = d.platform and m.external_id = d.external_id`.execute(trx);
  const rows = await eraseMentions(
    trx,
    found.map((r) => r.id),
  );
  return { received: deletions.length, mentions: rows.mentions ?? 0, rows };
}

/** The mentions of a batch whose post was deleted on its platform before it reached us go. */
export async function withoutTombstoned(
  trx: Executor,
  mentions: readonly NormalizedMention[],
): Promise<NormalizedMention[]> {
  if (mentions.length === 0) return [];
  const { rows } = await sql<{ platform: string; external_id: string }>`
    select t.platform, t.external_id from mention_tombstones t
    join unnest(${mentions.map((m) => m.platform)}::text[],
                ${mentions.map((m) => m.externalId)}::text[]) as d(platform, external_id)
      on t.platform = d.platform and t.external_id = d.external_id`.execute(trx);
  if (rows.length === 0) return [...mentions];
  const gone = new Set(rows.map((r) => `${r.platform}\u0000${r.external_id}`));
  return mentions.filter((m) => !gone.has(`${m.platform}\u0000${m.externalId}`));
}
