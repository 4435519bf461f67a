import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * Author ↔ customer linking, computed in batch in SQL (never per mention).
 * - A handle the CRM lists links with full confidence (status confirmed, method exact_handle).
 * - Other candidates only become suggestions with a confidence and their evidence:
 *   website_domain 0.8 (profile URL host, or a Bluesky domain handle, equals the customer's website
 *   or e-mail domain), display_name 0.3 + 0.5 × trigram similarity (≥ 0.55), names_account
 *   0.35 + 0.1 per mention naming the account (≥ 2 mentions, at most 0.75).
 * A pair a person rejected or confirmed is never touched again, and nothing here creates customers.
 */
export interface LinkScope {
  customerIds?: string[];
  authorIds?: string[];
}

/** Mail providers whose domain says nothing about who the sender works for. */
const PUBLIC_MAIL_DOMAINS = [
  'gmail.com',
  'outlook.com',
  'hotmail.com',
  'hotmail.fr',
  'yahoo.com',
  'yahoo.fr',
  'orange.fr',
  'free.fr',
  'sfr.fr',
  'laposte.net',
  'icloud.com',
  'proton.me',
  'protonmail.com',
  'wanadoo.fr',
];

const scopeOf = (s: LinkScope) => ({
  customers: s.customerIds ?? null,
  authors: s.authorIds ?? null,
});

/** Links authors whose handle the CRM lists; returns the customers that gained a link. */
export async function linkExactHandles(db: Executor, scope: LinkScope = {}): Promise<string[]> {
  const { customers, authors } = scopeOf(scope);
  // Mastodon handles of the home server carry no @server part; a CRM may also omit it.
  const r = await sql<{ customer_id: string }>`
    insert into customer_identities (customer_id, author_id, status, method, confidence, evidence,
      decided_by, decided_at)
    select distinct on (h.customer_id, a.id) h.customer_id, a.id, 'confirmed', 'exact_handle', 1,
      jsonb_build_array(jsonb_build_object('method', 'exact_handle', 'confidence', 1,
        'detail', 'CRM lists ' || h.platform || ':' || h.handle)), 'crm', now()
    from customer_handles h
    join authors a on a.platform = h.platform and (lower(a.handle) = h.handle
      or (h.platform = 'mastodon' and position('@' in h.handle) = 0
        and split_part(lower(a.handle), '@', 1) = h.handle))
    where (${customers}::bigint[] is null or h.customer_id = any(${customers}::bigint[]))
      and (${authors}::bigint[] is null or a.id = any(${authors}::bigint[]))
    on conflict (customer_id, author_id) do update set status = 'confirmed', method = 'exact_handle',
      confidence = 1, evidence = excluded.evidence, decided_by = 'crm', decided_at = now()
      where customer_identities.status = 'suggested'
    returning customer_id
  `.execute(db);
  return [...new Set(r.rows.map((x) => x.customer_id))];
}

/** Proposes (or refreshes) suggestions in scope; returns how many pairs are now suggested. */
export async function suggestIdentities(db: Executor, scope: LinkScope = {}): Promise<number> {
  const { customers, authors } = scopeOf(scope);
  const r = await sql<{ n: number }>`
    with c as (
      select id, name, lower(ecoute_unaccent(name)) as uname,
        array_remove(array_append(email_domains,
          nullif(substring(lower(website) from '^https?://(?:www\\.)?([^/:]+)'), '')), null) as domains
      from customers
      where ${customers}::bigint[] is null or id = any(${customers}::bigint[])
    ),
    a as (
      select id, platform, handle, display_name,
        substring(lower(profile_url) from '^https?://(?:www\\.)?([^/:]+)') as host
      from authors
      where ${authors}::bigint[] is null or id = any(${authors}::bigint[])
    ),
    by_domain as (
      select c.id as customer_id, a.id as author_id, 0.8::real as confidence, 'website_domain' as method,
        'profile ' || coalesce(a.host, a.handle) || ' matches ' || d.domain as detail
      from c cross join lateral unnest(c.domains) as d(domain)
      join a on a.host = d.domain
        or (a.platform = 'bluesky' and (lower(a.handle) = d.domain or lower(a.handle) like '%.' || d.domain))
      where d.domain <> all(${PUBLIC_MAIL_DOMAINS}::text[])
    ),
    by_name as (
      select s.id, a.id, (0.3 + 0.5 * s.sim)::real, 'display_name',
        'display name "' || a.display_name || '" is ' || round((s.sim * 100)::numeric) || '% similar to "' || s.name || '"'
      from a cross join lateral (
        select c.id, c.name, similarity(c.uname, lower(ecoute_unaccent(a.display_name))) as sim from c
        where a.display_name is not null and length(a.display_name) >= 4
          and c.uname % lower(ecoute_unaccent(a.display_name))
      ) s
      where s.sim >= 0.55
    ),
    by_naming as (
      select c.id, m.author_id, least(0.75, 0.35 + 0.1 * count(*))::real, 'names_account',
        count(*) || ' mentions name "' || c.name || '" (e.g. mention ' || min(m.id) || ')'
      from c join mentions m on m.search @@ phraseto_tsquery('simple', c.uname)
      where length(c.uname) >= 5 and m.author_id is not null
        and (${authors}::bigint[] is null or m.author_id = any(${authors}::bigint[]))
      group by c.id, c.name, m.author_id
      having count(*) >= 2
    ),
    candidates as (
      select * from by_domain union all select * from by_name union all select * from by_naming
    ),
    pairs as (
      select customer_id, author_id, max(confidence) as confidence,
        (array_agg(method order by confidence desc))[1] as method,
        jsonb_agg(jsonb_build_object('method', method, 'confidence', round(confidence::numeric, 2),
          'detail', detail) order by confidence desc) as evidence
      from candidates group by customer_id, author_id
    ),
    written as (
      insert into customer_identities (customer_id, author_id, status, method, confidence, evidence)
      select customer_id, author_id, 'suggested', method, confidence, evidence from pairs
      on conflict (customer_id, author_id) do update set method = excluded.method,
        confidence = excluded.confidence, evidence = excluded.evidence
        where customer_identities.status = 'suggested'
      returning 1
    )
    select count(*)::int as n from written
  `.execute(db);
  return r.rows[0]?.n ?? 0;
}
