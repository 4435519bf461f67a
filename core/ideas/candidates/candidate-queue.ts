import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { similarIdeasForTexts, type SimilarIdea } from '../similar-ideas.js';

export interface CandidateDto {
  mentionId: string;
  text: string;
  url: string | null;
  platform: string;
  publishedAt: string;
  lang: string | null;
  author: { id: string; handle: string; displayName: string | null } | null;
  /** Why the analysis read it as an idea: spans and words with their weight. */
  evidence: unknown[];
  /** Cosine to its group when it joined it (1 for the mention that started the group). */
  similarity: number | null;
}

export interface CandidateGroupDto {
  groupKey: string;
  size: number;
  /** Distinct authors in the group: how many people asked. */
  authors: number;
  candidates: CandidateDto[];
  /** Existing ideas this group may belong to, most similar first. */
  similarIdeas: SimilarIdea[];
}

interface Row {
  mention_id: string;
  group_key: string | null;
  similarity: number | null;
  text: string;
  url: string | null;
  platform: string;
  published_at: Date;
  lang: string | null;
  evidence: unknown[] | null;
  author_id: string | null;
  handle: string | null;
  display_name: string | null;
}

/** Candidates read per request; the queue is shown group by group, largest first. */
const MAX_CANDIDATES = 5_000;

export async function listCandidateGroups(
  db: Executor,
  limit = 50,
): Promise<{ items: CandidateGroupDto[]; pending: number }> {
  const r = await sql<Row>`
    select c.mention_id, c.group_key, c.similarity, m.text, m.url, m.platform, m.published_at,
      an.lang, an.evidence, a.id as author_id, a.handle, a.display_name
    from idea_candidates c
    join mentions m on m.id = c.mention_id
    left join mention_analyses an on an.mention_id = c.mention_id
    left join authors a on a.id = m.author_id
    where c.state = 'pending'
    order by m.published_at, m.id
    limit ${MAX_CANDIDATES}
  `.execute(db);
  const groups = new Map<string, Row[]>();
  for (const row of r.rows) {
    // Not grouped yet (the grouping job has not run since it arrived): a group of its own.
    const key = row.group_key ?? row.mention_id;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const ordered = [...groups.entries()]
    .sort(([ka, a], [kb, b]) => b.length - a.length || Number(ka) - Number(kb))
    .slice(0, limit);
  const similar = await similarIdeasForTexts(
    db,
    ordered.map(([, rows]) => rows.map((x) => x.text).join('\n')),
    { limit: 3 },
  );
  const items = ordered.map(([key, rows], i) => ({
    groupKey: key,
    size: rows.length,
    authors: new Set(rows.map((x) => x.author_id ?? `m${x.mention_id}`)).size,
    candidates: rows.map(toCandidate),
    similarIdeas: similar[i] ?? [],
  }));
  return { items, pending: r.rows.length };
}

function toCandidate(r: Row): CandidateDto {
  return {
    mentionId: r.mention_id,
    text: r.text,
    url: r.url,
    platform: r.platform,
    publishedAt: r.published_at.toISOString(),
    lang: r.lang,
    author: r.author_id
      ? { id: r.author_id, handle: r.handle ?? '', displayName: r.display_name }
      : null,
    evidence: r.evidence ?? [],
    similarity: r.similarity,
  };
}
