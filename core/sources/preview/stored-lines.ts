import { sql } from 'kysely';
import type { Executor } from '../../db/database.js';
import { previewLines, type LineSource, type PreviewLine } from './preview-line.js';

/**
 * Stored mentions read back as preview lines, in the order of `externalIds` (ids not stored are
 * left out): what `ecoute sources preview` showed must be what this reads. An undated mention
 * (date_unknown) reads null, whatever time placed it.
 */
export async function loadStoredLines(
  db: Executor,
  platform: string,
  externalIds: readonly string[],
): Promise<PreviewLine[]> {
  const { rows } = await sql<{
    external_id: string;
    url: string | null;
    title: string | null;
    text: string;
    handle: string | null;
    published_at: Date;
    published_raw: string | null;
    date_unknown: boolean;
    parent_external_id: string | null;
    thread_external_id: string | null;
    quoted_external_id: string | null;
    quoted_text: string | null;
    lang_hint: string | null;
  }>`
    select m.external_id, m.url, m.title, m.text, a.handle, m.published_at, m.published_raw,
      m.date_unknown, m.parent_external_id, m.thread_external_id, m.quoted_external_id,
      q.text as quoted_text, m.lang_hint
    from mentions m
    left join authors a on a.id = m.author_id
    left join mentions q on q.platform = m.platform and q.external_id = m.quoted_external_id
    where m.platform = ${platform} and m.external_id = any(${externalIds}::text[])
  `.execute(db);
  const byId = new Map(rows.map((r) => [r.external_id, r]));
  const quotedTexts = new Map<string, string>();
  const sources: LineSource[] = [];
  for (const id of externalIds) {
    const r = byId.get(id);
    if (!r) continue;
    if (r.quoted_external_id && r.quoted_text !== null) {
      quotedTexts.set(r.quoted_external_id, r.quoted_text);
    }
    sources.push({
      platform,
      externalId: r.external_id,
      url: r.url,
      title: r.title,
      text: r.text,
      author: r.handle ? { id: r.handle, handle: r.handle } : null,
      publishedAt: r.date_unknown ? null : r.published_at,
      publishedRaw: r.published_raw,
      parentId: r.parent_external_id,
      threadId: r.thread_external_id,
      quotedId: r.quoted_external_id,
      langHint: r.lang_hint,
    });
  }
  return previewLines(sources, quotedTexts);
}
