import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { loadDemoCustomers } from '../customers/demo-customers.js';
import { importRecords, importSource, type ImportDeps } from '../ingestion/file-import.js';
import { openRecords } from '../ingestion/record-parsers.js';
import type { NormalizedMention } from '../mentions/normalized-mention.js';
import { projectPath } from '../paths.js';

export const DEMO_DIR = projectPath('demo');
export const DEMO_SOURCE = 'Demo corpus (Vélia)';

export async function isEmpty(db: Db): Promise<boolean> {
  const r = await sql<{ any: boolean }>`select exists (select 1 from mentions) as any`.execute(db);
  return !r.rows[0]?.any;
}

/** The newest publishedAt in the corpus, so the whole corpus can be shifted to end now. */
async function latestPublished(file: string): Promise<number> {
  let latest = 0;
  for await (const rec of openRecords(file, 'jsonl')) {
    if ('error' in rec) continue;
    const at = Date.parse(String((rec.value as { publishedAt?: string }).publishedAt));
    if (at > latest) latest = at;
  }
  return latest;
}

/**
 * Feeds the bundled demo corpus through the real pipeline: its topics are created, its mentions
 * imported (dates shifted so the newest is now) and queued for analysis like any import.
 */
export async function loadDemo(deps: ImportDeps, dir = DEMO_DIR) {
  const topics = JSON.parse(await readFile(path.join(dir, 'topics.json'), 'utf8')) as {
    name: string;
    query: string;
  }[];
  for (const t of topics) {
    await deps.db
      .insertInto('topics')
      .values({ name: t.name, query: t.query })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
  }
  await loadDemoCustomers(deps, dir);
  const file = path.join(dir, 'mentions.jsonl');
  const shiftMs = Date.now() - (await latestPublished(file));
  const sourceId = await importSource(deps.db, DEMO_SOURCE);
  const transform = (m: NormalizedMention): NormalizedMention => ({
    ...m,
    publishedAt: m.publishedAt ? new Date(m.publishedAt.getTime() + shiftMs) : null,
  });
  return importRecords(deps, sourceId, openRecords(file, 'jsonl'), { transform });
}
