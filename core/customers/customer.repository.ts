import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import type { CrmHandle, CustomerRecord } from './crm-row.js';

export interface UpsertedCustomer {
  id: string;
  externalId: string;
  inserted: boolean;
}

/**
 * Inserts or updates a batch of customers keyed on their CRM id, in one statement. Risk columns
 * are left alone: they belong to the risk job.
 */
export async function upsertCustomers(
  db: Executor,
  rows: CustomerRecord[],
): Promise<UpsertedCustomer[]> {
  if (rows.length === 0) return [];
  const r = await sql<{ id: string; external_id: string; inserted: boolean }>`
    insert into customers (external_id, name, tier, plan, region, owner, value, email_domains, website)
    select t.external_id, t.name, t.tier, t.plan, t.region, t.owner, t.value,
      array(select jsonb_array_elements_text(t.domains)), t.website
    from unnest(${rows.map((c) => c.externalId)}::text[], ${rows.map((c) => c.name)}::text[],
      ${rows.map((c) => c.tier)}::text[], ${rows.map((c) => c.plan)}::text[],
      ${rows.map((c) => c.region)}::text[], ${rows.map((c) => c.owner)}::text[],
      ${rows.map((c) => c.value)}::numeric[], ${rows.map((c) => JSON.stringify(c.emailDomains))}::jsonb[],
      ${rows.map((c) => c.website)}::text[])
      as t(external_id, name, tier, plan, region, owner, value, domains, website)
    on conflict (external_id) do update set
      name = excluded.name, tier = excluded.tier, plan = excluded.plan, region = excluded.region,
      owner = excluded.owner, value = excluded.value, email_domains = excluded.email_domains,
      website = excluded.website, updated_at = now()
    returning id, external_id, (xmax = 0) as inserted
  `.execute(db);
  return r.rows.map((x) => ({ id: x.id, externalId: x.external_id, inserted: x.inserted }));
}

/** Handles already listed for another customer: `platform:handle` → that customer's CRM id. */
export async function handleOwners(
  db: Executor,
  handles: CrmHandle[],
): Promise<Map<string, string>> {
  if (handles.length === 0) return new Map();
  const r = await sql<{ platform: string; handle: string; external_id: string }>`
    select h.platform, h.handle, c.external_id
    from customer_handles h join customers c on c.id = h.customer_id
    join unnest(${handles.map((h) => h.platform)}::text[], ${handles.map((h) => h.handle)}::text[])
      as t(platform, handle) on t.platform = h.platform and t.handle = h.handle
  `.execute(db);
  return new Map(r.rows.map((x) => [`${x.platform}:${x.handle}`, x.external_id]));
}

/** Replaces the CRM-listed handles of these customers with the given ones. */
export async function replaceHandles(
  db: Executor,
  customerIds: string[],
  handles: { customerId: string; platform: string; handle: string }[],
): Promise<void> {
  if (customerIds.length === 0) return;
  await sql`delete from customer_handles where customer_id = any(${customerIds}::bigint[])`.execute(
    db,
  );
  if (handles.length === 0) return;
  await sql`
    insert into customer_handles (customer_id, platform, handle)
    select * from unnest(${handles.map((h) => h.customerId)}::bigint[],
      ${handles.map((h) => h.platform)}::text[], ${handles.map((h) => h.handle)}::text[])
    on conflict do nothing
  `.execute(db);
}
