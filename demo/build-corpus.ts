/**
 * Builds demo/mentions.jsonl from the hand-written sources in demo/src (see
 * lib/source-format.ts for their format). Run after editing a source:
 *
 *   npx tsx demo/build-corpus.ts
 *
 * The build is deterministic: ids, permalinks and engagement counts derive from each mention's
 * place in the sources, so rebuilding an unchanged source gives a byte-identical file.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type DemoMention, assemble, parseAuthors } from './lib/assemble.js';
import { type Draft, parseSource } from './lib/source-format.js';

export const DEMO_DIR = path.dirname(fileURLToPath(import.meta.url));
/** The corpus covers the 30 days up to this instant; the loader shifts it so the latest is "now". */
export const WINDOW_END = new Date('2026-11-20T18:00:00Z');
export const WINDOW_START = new Date(WINDOW_END.getTime() - 30 * 86_400_000);

const SRC_DIR = path.join(DEMO_DIR, 'src');

/** The parsed sources, with the language each text was written in (not part of the corpus). */
export function readDrafts(srcDir = SRC_DIR): Draft[] {
  const drafts: Draft[] = [];
  const files = readdirSync(srcDir).filter((f) => f.endsWith('.txt') && f !== 'authors.txt');
  for (const file of files.sort())
    parseSource(file, readFileSync(path.join(srcDir, file), 'utf8'), drafts);
  return drafts;
}

export function buildCorpus(srcDir = SRC_DIR): DemoMention[] {
  const authors = parseAuthors(readFileSync(path.join(srcDir, 'authors.txt'), 'utf8'));
  const drafts = readDrafts(srcDir);
  for (const d of drafts) {
    if (d.publishedAt < WINDOW_START || d.publishedAt > WINDOW_END) {
      throw new Error(
        `${d.file}:${d.line}: ${d.publishedAt.toISOString()} is outside the demo window`,
      );
    }
  }
  return assemble(drafts, authors);
}

export function toJsonl(mentions: DemoMention[]): string {
  return mentions.map((m) => JSON.stringify(m)).join('\n') + '\n';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const mentions = buildCorpus();
  writeFileSync(path.join(DEMO_DIR, 'mentions.jsonl'), toJsonl(mentions));
  const byPlatform = new Map<string, number>();
  for (const m of mentions) byPlatform.set(m.platform, (byPlatform.get(m.platform) ?? 0) + 1);
  const authors = new Set(mentions.map((m) => `${m.platform}:${m.author.id}`)).size;
  console.log(
    `demo/mentions.jsonl: ${mentions.length} mentions by ${authors} authors`,
    Object.fromEntries(byPlatform),
  );
}
