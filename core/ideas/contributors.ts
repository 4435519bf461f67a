import { sql } from 'kysely';
import type { Executor } from '../db/database.js';
import { ADOPTED_STATUSES } from './idea-statuses.js';

/**
 * The givers: who brought the ideas that were adopted (planned, in progress or done — the
 * statuses marked `adopted`). For an idea from the crowd, the author of its earliest supporting
 * mention across its family; for a staff idea, the staff member who posted it.
 */
export interface ContributorDto {
  kind: 'author' | 'staff';
  id: string;
  name: string;
  platform: string | null;
  profileUrl: string | null;
  adopted: number;
  ideas: { id: string; title: string; status: string }[];
}

interface Row {
  kind: 'author' | 'staff';
  giver_id: string;
  name: string;
  platform: string | null;
  profile_url: string | null;
  idea_id: string;
  title: string;
  status: string;
}

export async function listContributors(db: Executor, limit = 10): Promise<ContributorDto[]> {
  const r = await sql<Row>`
    with adopted as (
      select id, title, status, origin, created_by_key_id from ideas
      where merged_into is null and status = any(${ADOPTED_STATUSES}::text[])),
    first_mention as (
      select distinct on (ad.id) ad.id as idea_id, m.author_id
      from adopted ad join idea_roots f on f.root = ad.id
      join idea_mentions im on im.idea_id = f.id join mentions m on m.id = im.mention_id
      where m.author_id is not null
      order by ad.id, m.published_at, m.id)
    select 'author' as kind, a.id as giver_id, a.handle as name, a.platform, a.profile_url,
      ad.id as idea_id, ad.title, ad.status
    from first_mention fm join adopted ad on ad.id = fm.idea_id join authors a on a.id = fm.author_id
    union all
    select 'staff', k.id, k.name, null, null, ad.id, ad.title, ad.status
    from adopted ad join api_keys k on k.id = ad.created_by_key_id
    where ad.origin = 'staff'
  `.execute(db);
  const byGiver = new Map<string, ContributorDto>();
  for (const row of r.rows) {
    const key = `${row.kind}:${row.giver_id}`;
    const c = byGiver.get(key) ?? {
      kind: row.kind,
      id: row.giver_id,
      name: row.name,
      platform: row.platform,
      profileUrl: row.profile_url,
      adopted: 0,
      ideas: [],
    };
    c.adopted++;
    c.ideas.push({ id: row.idea_id, title: row.title, status: row.status });
    byGiver.set(key, c);
  }
  return [...byGiver.values()]
    .sort((a, b) => b.adopted - a.adopted || a.name.localeCompare(b.name))
    .slice(0, limit);
}
