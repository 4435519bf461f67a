import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { invalid, notFound } from '../errors.js';
import type { Queues } from '../queue/queues.js';
import { assertCustomer } from './customer.service.js';

interface IdentityRow {
  customer_id: string;
  customer_name: string;
  author_id: string;
  platform: string;
  handle: string;
  display_name: string | null;
  profile_url: string | null;
  status: string;
  method: string;
  confidence: number;
  evidence: unknown[];
  decided_by: string | null;
  decided_at: Date | null;
  mentions: number;
}

const toDto = (r: IdentityRow) => ({
  customer: { id: r.customer_id, name: r.customer_name },
  author: {
    id: r.author_id,
    platform: r.platform,
    handle: r.handle,
    name: r.display_name,
    profileUrl: r.profile_url,
  },
  status: r.status,
  method: r.method,
  confidence: r.confidence,
  evidence: r.evidence,
  mentions: r.mentions,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at?.toISOString() ?? null,
});

function selectIdentities(where: ReturnType<typeof sql>, limit: number) {
  return sql<IdentityRow>`
    select i.customer_id, c.name as customer_name, i.author_id, a.platform, a.handle, a.display_name,
      a.profile_url, i.status, i.method, i.confidence, i.evidence, i.decided_by, i.decided_at,
      (select count(*)::int from mentions m where m.author_id = i.author_id) as mentions
    from customer_identities i
    join customers c on c.id = i.customer_id join authors a on a.id = i.author_id
    where ${where}
    order by i.status = 'confirmed' desc, i.confidence desc, i.customer_id, i.author_id
    limit ${limit}
  `;
}

/**
 * Confirmed and suggested identities of one account (rejected ones are kept but not shown): one
 * query, the account's existence included (no row: no account; one row of nulls: no identity).
 */
export async function customerIdentities(db: Db, customerId: string) {
  if (!/^\d+$/.test(customerId)) throw notFound('customer', customerId);
  const r = await sql<IdentityRow | Record<keyof IdentityRow, null>>`
    select c.id as customer_id, c.name as customer_name, i.author_id, a.platform, a.handle,
      a.display_name, a.profile_url, i.status, i.method, i.confidence, i.evidence, i.decided_by,
      i.decided_at,
      case when i.author_id is not null then
        (select count(*)::int from mentions m where m.author_id = i.author_id) end as mentions
    from customers c
    left join customer_identities i on i.customer_id = c.id and i.status <> 'rejected'
    left join authors a on a.id = i.author_id
    where c.id = ${customerId}::bigint
    order by i.status = 'confirmed' desc, i.confidence desc, i.customer_id, i.author_id
    limit 500
  `.execute(db);
  if (r.rows.length === 0) throw notFound('customer', customerId);
  return {
    items: r.rows.filter((x): x is IdentityRow => x.author_id !== null).map(toDto),
  };
}

export const suggestionQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    minConfidence: z.coerce.number().min(0).max(1).default(0),
  })
  .strict();

/** Suggestions awaiting a person, most confident first. */
export async function listSuggestions(db: Db, q: z.output<typeof suggestionQuerySchema>) {
  const r = await selectIdentities(
    sql`i.status = 'suggested' and i.confidence >= ${q.minConfidence}::real`,
    q.limit,
  ).execute(db);
  return { items: r.rows.map(toDto) };
}

export const decideSchema = z.object({ status: z.enum(['confirmed', 'rejected']) }).strict();
export const linkSchema = z.object({ authorId: z.string().regex(/^\d+$/) }).strict();

/**
 * A person's decision on a pair: confirmed makes the author's past and future mentions count for
 * the account; rejected keeps the pair so it is never suggested again. Either way the account's
 * risk is recomputed.
 */
export async function decideIdentity(
  deps: { db: Db; queues: Queues },
  customerId: string,
  authorId: string,
  status: 'confirmed' | 'rejected',
  who: string,
) {
  await assertCustomer(deps.db, customerId);
  const author = await deps.db
    .selectFrom('authors')
    .select('id')
    .where('id', '=', authorId)
    .executeTakeFirst();
  if (!/^\d+$/.test(authorId) || !author) throw notFound('author', authorId);
  await sql`
    insert into customer_identities (customer_id, author_id, status, method, confidence, evidence, decided_by, decided_at)
    values (${customerId}::bigint, ${authorId}::bigint, ${status}, 'manual', 1,
      ${JSON.stringify([{ method: 'manual', confidence: 1, detail: `${status} by ${who}` }])}::jsonb, ${who}, now())
    on conflict (customer_id, author_id) do update set status = excluded.status,
      decided_by = excluded.decided_by, decided_at = now(),
      confidence = case when excluded.status = 'confirmed' then 1 else customer_identities.confidence end
  `.execute(deps.db);
  await deps.queues.enqueue('customers.risk', { customerIds: [customerId] });
  const r = await selectIdentities(
    sql`i.customer_id = ${customerId}::bigint and i.author_id = ${authorId}::bigint`,
    1,
  ).execute(deps.db);
  if (!r.rows[0]) throw invalid('authorId', 'the identity could not be stored');
  return toDto(r.rows[0]);
}
