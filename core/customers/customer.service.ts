import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { DomainError, invalid, notFound } from '../errors.js';
import { toCustomerRecord, type CrmField } from './crm-row.js';
import { replaceHandles, upsertCustomers } from './customer.repository.js';
import {
  listCustomerPage,
  type CustomerListQuery,
  type CustomerListRow,
} from './customer.query.js';
import { linkExactHandles } from './identity-linking.js';

export interface CustomerDto {
  id: string;
  crmId: string;
  name: string;
  tier: string | null;
  plan: string | null;
  region: string | null;
  owner: string | null;
  value: number | null;
  risk: { score: number; trend: number; computedAt: string | null };
  sparkline?: number[];
}

export function toCustomerDto(r: CustomerListRow): CustomerDto {
  return {
    id: r.id,
    crmId: r.external_id,
    name: r.name,
    tier: r.tier,
    plan: r.plan,
    region: r.region,
    owner: r.owner,
    value: r.value === null ? null : Number(r.value),
    risk: {
      score: r.risk_score,
      trend: r.risk_trend,
      computedAt: r.risk_computed_at?.toISOString() ?? null,
    },
  };
}

/** The churn board's page as JSON text: {items: (CustomerDto & {sparkline})[], nextCursor}. */
export async function listCustomers(db: Db, q: CustomerListQuery): Promise<string> {
  return listCustomerPage(db, q);
}

/** One account: its fields, CRM handles, current risk with its breakdown (one query). */
export async function getCustomer(db: Db, id: string) {
  if (!/^\d+$/.test(id)) throw notFound('customer', id);
  const r = await sql<
    Omit<CustomerListRow, 'risk_sparkline' | 'sort_key'> & {
      email_domains: string[];
      website: string | null;
      risk_breakdown: Record<string, unknown>;
      created_at: Date;
      updated_at: Date;
      handles: string[];
    }
  >`
    select c.id, c.external_id, c.name, c.tier, c.plan, c.region, c.owner, c.value, c.email_domains,
      c.website, c.risk_score, c.risk_trend, c.risk_breakdown, c.risk_computed_at, c.created_at,
      c.updated_at,
      array(select h.platform || ':' || h.handle from customer_handles h where h.customer_id = c.id)
        as handles
    from customers c where c.id = ${id}::bigint
  `.execute(db);
  const c = r.rows[0];
  if (!c) throw notFound('customer', id);
  return {
    ...toCustomerDto({ ...c, risk_sparkline: [], sort_key: 0 }),
    emailDomains: c.email_domains,
    website: c.website,
    handles: c.handles,
    breakdown: c.risk_breakdown,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  };
}

/** 404 unless the account exists: for reads whose own query found nothing about it. */
export async function assertCustomer(db: Db, id: string): Promise<void> {
  if (!/^\d+$/.test(id)) throw notFound('customer', id);
  const r = await sql`select 1 from customers where id = ${id}::bigint`.execute(db);
  if (r.rows.length === 0) throw notFound('customer', id);
}

/** A customer as JSON: the same fields as a CRM line (handles as "platform:handle" strings). */
export const customerInputSchema = z
  .object({
    crmId: z.string().trim().min(1).max(200),
    name: z.string().trim().min(1).max(300),
    tier: z.string().max(100).nullish(),
    plan: z.string().max(300).nullish(),
    region: z.string().max(200).nullish(),
    owner: z.string().max(200).nullish(),
    value: z.number().min(0).nullish(),
    handles: z.array(z.string().max(300)).max(100).default([]),
    emailDomains: z.array(z.string().max(253)).max(50).default([]),
    website: z.string().max(2000).nullish(),
  })
  .strict();
export type CustomerInput = z.output<typeof customerInputSchema>;

/**
 * An edit: any of the fields, none filled in by default, so that what the request does not name
 * keeps its value (zod applies a field's default even inside `.partial()`).
 */
export const customerPatchSchema = customerInputSchema
  .extend({
    handles: z.array(z.string().max(300)).max(100),
    emailDomains: z.array(z.string().max(253)).max(50),
  })
  .partial()
  .strict();
export type CustomerPatch = z.output<typeof customerPatchSchema>;

/** Creates or updates (by CRM id) one customer, with the same checks as the CSV import. */
export async function saveCustomer(db: Db, input: CustomerInput, expectId?: string) {
  const field = (f: CrmField): string | undefined => {
    const v = {
      crm_id: input.crmId,
      name: input.name,
      tier: input.tier,
      plan: input.plan,
      region: input.region,
      owner: input.owner,
      value: input.value ?? undefined,
      handles: input.handles.join(';'),
      email_domains: input.emailDomains.join(';'),
      website: input.website,
    }[f];
    return v === null || v === undefined ? undefined : String(v);
  };
  const { record, errors } = toCustomerRecord(field);
  if (!record) {
    const camel = (f: string) => ({ crm_id: 'crmId', email_domains: 'emailDomains' })[f] ?? f;
    throw new DomainError(
      'validation_failed',
      errors.map((e) => `${camel(e.field)}: ${e.reason}`).join('; '),
      errors.map((e) => ({ field: camel(e.field), reason: e.reason })),
    );
  }
  const id = await db.transaction().execute(async (trx) => {
    if (expectId) {
      const other = await trx
        .selectFrom('customers')
        .select('id')
        .where('external_id', '=', record.externalId)
        .executeTakeFirst();
      if (other && other.id !== expectId)
        throw new DomainError(
          'conflict',
          `crmId ${record.externalId} belongs to customer ${other.id}`,
        );
      await trx
        .updateTable('customers')
        .set({ external_id: record.externalId })
        .where('id', '=', expectId)
        .execute();
    }
    const [u] = await upsertCustomers(trx, [record]);
    const taken = await sql<{ handle: string }>`
      select platform || ':' || handle as handle from customer_handles
      where customer_id <> ${u!.id}::bigint
        and (platform, handle) in (select * from unnest(${record.handles.map((h) => h.platform)}::text[], ${record.handles.map((h) => h.handle)}::text[]))
    `.execute(trx);
    if (taken.rows.length > 0)
      throw invalid('handles', `${taken.rows[0]!.handle} is already listed for another customer`);
    await replaceHandles(
      trx,
      [u!.id],
      record.handles.map((h) => ({ customerId: u!.id, ...h })),
    );
    return u!.id;
  });
  await linkExactHandles(db, { customerIds: [id] });
  return getCustomer(db, id);
}

export async function updateCustomer(db: Db, id: string, patch: CustomerPatch) {
  const current = await getCustomer(db, id);
  const merged = customerInputSchema.parse({
    crmId: current.crmId,
    name: current.name,
    tier: current.tier,
    plan: current.plan,
    region: current.region,
    owner: current.owner,
    value: current.value,
    handles: current.handles,
    emailDomains: current.emailDomains,
    website: current.website,
    ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
  });
  return saveCustomer(db, merged, id);
}

export async function deleteCustomer(db: Db, id: string): Promise<void> {
  await getCustomer(db, id);
  await db.deleteFrom('customers').where('id', '=', id).execute();
}
