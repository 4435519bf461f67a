import { z } from 'zod';
import type { Db } from '../db/database.js';
import { invalid } from '../errors.js';

export const auditQuerySchema = z
  .object({
    action: z.string().max(100).optional(),
    targetType: z.string().max(100).optional(),
    targetId: z.string().max(100).optional(),
    actor: z.string().max(200).optional(),
    since: z.iso.datetime({ offset: true }).optional(),
    until: z.iso.datetime({ offset: true }).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(100).optional(),
  })
  .strict();
export type AuditQuery = z.infer<typeof auditQuerySchema>;

export interface AuditEntryDto {
  id: string;
  at: string;
  actor: { keyId: string | null; userId: string | null; name: string; role: string };
  action: string;
  target: { type: string; id: string | null };
  details: Record<string, unknown>;
}

/** Newest first; the cursor is the id of the last entry of the previous page (ids only grow). */
export async function listAudit(
  db: Db,
  q: AuditQuery,
): Promise<{ items: AuditEntryDto[]; nextCursor: string | null }> {
  const after = q.cursor === undefined ? null : decodeCursor(q.cursor);
  let query = db
    .selectFrom('audit_log')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(q.limit + 1);
  if (after) query = query.where('id', '<', after);
  if (q.action) query = query.where('action', '=', q.action);
  if (q.targetType) query = query.where('target_type', '=', q.targetType);
  if (q.targetId) query = query.where('target_id', '=', q.targetId);
  if (q.actor) query = query.where('actor_name', '=', q.actor);
  if (q.since) query = query.where('at', '>=', new Date(q.since));
  if (q.until) query = query.where('at', '<', new Date(q.until));
  const rows = await query.execute();
  const page = rows.slice(0, q.limit);
  const more = rows.length > q.limit;
  return { items: page.map(toDto), nextCursor: more ? encodeCursor(page.at(-1)!.id) : null };
}

/** Every entry matching the filters, oldest pages last, in batches of `batch` (for exports). */
export async function* auditBatches(
  db: Db,
  q: AuditQuery,
  batch = 1000,
): AsyncGenerator<AuditEntryDto[]> {
  let cursor: string | undefined;
  for (;;) {
    const page = await listAudit(db, { ...q, limit: batch, cursor });
    if (page.items.length) yield page.items;
    if (!page.nextCursor) return;
    cursor = page.nextCursor;
  }
}

const encodeCursor = (id: string) => Buffer.from(`a${id}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^a\d{1,19}$/.test(text))
    throw invalid('cursor', 'is not a cursor returned by this listing');
  return text.slice(1);
}

function toDto(r: {
  id: string;
  at: Date;
  actor_key_id: string | null;
  actor_user_id: string | null;
  actor_name: string;
  actor_role: string;
  action: string;
  target_type: string;
  target_id: string | null;
  details: Record<string, unknown>;
}): AuditEntryDto {
  return {
    id: r.id,
    at: r.at.toISOString(),
    actor: {
      keyId: r.actor_key_id,
      userId: r.actor_user_id,
      name: r.actor_name,
      role: r.actor_role,
    },
    action: r.action,
    target: { type: r.target_type, id: r.target_id },
    details: r.details,
  };
}
