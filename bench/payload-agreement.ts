/**
 * Field agreement of the platform readers with the platforms' own fields, item by item over the
 * recorded API responses beside the repository (ECOUTE_SHARED_DIR, default ../shared):
 * Mastodon, Reddit, Hacker News and Bluesky. The reference reads each payload's fields directly
 * (id, author, date, reply parent, reposter); the readers go through previewBody, as
 * `ecoute sources preview` does. Run: npm run bench:feeds (after the feeds).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { previewBody, type PreviewKind } from '../core/sources/preview/preview.service.js';
import type { PreviewLine } from '../core/sources/preview/preview-line.js';

type Obj = Record<string, unknown>;
interface RefItem {
  id: string;
  author: string | null;
  date: string;
  parent: string | null;
  reposter: string | null;
}
const FIELDS = ['id', 'author', 'date', 'parent', 'reposter'] as const;

const dir = join(resolve(process.env.ECOUTE_SHARED_DIR ?? '../shared'), 'fixtures');
const kinds: [string, PreviewKind][] = [
  ['mastodon', 'mastodon'],
  ['reddit', 'reddit'],
  ['hn', 'hn'],
  ['bluesky', 'bluesky'],
];
const verbose = process.argv.includes('--verbose');
const agree: Record<(typeof FIELDS)[number], number> = {
  id: 0,
  author: 0,
  date: 0,
  parent: 0,
  reposter: 0,
};
let items = 0;
let files = 0;
let countsEqual = 0;

function iso(l: PreviewLine): string | null {
  return l.published_at;
}

function reference(folder: string, json: unknown, host: string): RefItem[] {
  if (folder === 'mastodon') return mastodon(json, host);
  if (folder === 'reddit') return reddit(json);
  if (folder === 'hn') return hn(json);
  return bluesky(json);
}

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const at = (s: unknown) => new Date(String(s)).toISOString();

function mastodon(json: unknown, host: string): RefItem[] {
  const list = Array.isArray(json)
    ? json
    : isObj(json) && Array.isArray(json.statuses)
      ? json.statuses
      : isObj(json) && ('ancestors' in json || 'descendants' in json)
        ? [...arr(json.ancestors), ...arr(json.descendants)]
        : [json];
  return list.filter(isObj).map((w) => {
    const s = isObj(w.reblog) ? w.reblog : w;
    const acct = (a: unknown) => {
      const x = String((a as Obj).acct);
      return x.includes('@') ? x : `${x}@${host}`;
    };
    return {
      id: `${host}:${String(s.id)}`,
      author: acct(s.account),
      date: at(s.created_at),
      parent: s.in_reply_to_id ? `${host}:${String(s.in_reply_to_id)}` : null,
      reposter: isObj(w.reblog) ? acct(w.account) : null,
    };
  });
}

function reddit(json: unknown): RefItem[] {
  const out: RefItem[] = [];
  const walk = (listing: unknown) => {
    if (!isObj(listing) || !isObj(listing.data)) return;
    for (const c of arr(listing.data.children)) {
      if (!isObj(c) || !isObj(c.data) || (c.kind !== 't1' && c.kind !== 't3')) continue;
      const d = c.data;
      const body = c.kind === 't1' ? d.body : d.selftext;
      const gone =
        body === '[deleted]' || body === '[removed]' || typeof d.removed_by_category === 'string';
      if (!gone) {
        out.push({
          id: String(d.name),
          author: d.author && d.author !== '[deleted]' ? String(d.author) : null,
          date: new Date(Number(d.created_utc) * 1000).toISOString(),
          parent: c.kind === 't1' ? String(d.parent_id) : null,
          reposter: null,
        });
      }
      walk(d.replies);
    }
  };
  for (const l of Array.isArray(json) ? json : [json]) walk(l);
  return out;
}

function hn(json: unknown): RefItem[] {
  if (isObj(json) && Array.isArray(json.hits)) {
    return json.hits.filter(isObj).map((h) => ({
      id: String(h.objectID),
      author: h.author ? String(h.author) : null,
      date: new Date(Number(h.created_at_i) * 1000).toISOString(),
      parent: h.comment_text != null && h.parent_id != null ? String(h.parent_id) : null,
      reposter: null,
    }));
  }
  const out: RefItem[] = [];
  const walk = (n: unknown) => {
    if (!isObj(n)) return;
    if (n.author && n.text !== null) {
      out.push({
        id: String(n.id),
        author: String(n.author),
        date: new Date(Number(n.created_at_i) * 1000).toISOString(),
        parent: n.type === 'comment' ? String(n.parent_id) : null,
        reposter: null,
      });
    }
    arr(n.children).forEach(walk);
  };
  walk(json);
  return out;
}

function bluesky(json: unknown): RefItem[] {
  const post = (p: Obj, reposter: string | null): RefItem => {
    const record = p.record as Obj;
    const reply = isObj(record.reply) ? record.reply : null;
    return {
      id: String(p.uri),
      author: String((p.author as Obj).handle),
      date: at(record.createdAt),
      parent: reply && isObj(reply.parent) ? String(reply.parent.uri) : null,
      reposter,
    };
  };
  if (!isObj(json)) return [];
  if (Array.isArray(json.posts)) return json.posts.filter(isObj).map((p) => post(p, null));
  if (Array.isArray(json.feed)) {
    return json.feed.filter(isObj).map((i) => {
      const reason = isObj(i.reason) && isObj(i.reason.by) ? String(i.reason.by.handle) : null;
      return post(i.post as Obj, reason);
    });
  }
  const out: RefItem[] = [];
  const ups: RefItem[] = [];
  for (
    let n = isObj(json.thread) ? json.thread.parent : null;
    isObj(n) && isObj(n.post);
    n = n.parent
  ) {
    ups.unshift(post(n.post, null));
  }
  const down = (n: unknown) => {
    if (!isObj(n)) return;
    if (isObj(n.post)) out.push(post(n.post, null));
    arr(n.replies).forEach(down);
  };
  down(json.thread);
  return [...ups, ...out];
}

function run(): void {
  if (!existsSync(dir)) {
    console.log(`no recorded payloads at ${dir}: set ECOUTE_SHARED_DIR`);
    process.exit(0);
  }
  for (const [folder, kind] of kinds) {
    for (const name of readdirSync(join(dir, folder)).filter((f) => f.endsWith('.json'))) {
      if (name.endsWith('.headers.json')) continue;
      const path = join(dir, folder, name);
      let body = readFileSync(path);
      // The atproto snapshot holds the value of `thread` (see SOURCES.md there).
      if (name.endsWith('.thread.json')) body = Buffer.from(`{"thread":${body}}`);
      const sidecar = path.replace(/\.json$/, '.headers.json');
      const uri = existsSync(sidecar)
        ? ((JSON.parse(readFileSync(sidecar, 'utf8')) as { request?: { uri?: string } }).request
            ?.uri ?? null)
        : null;
      const host = uri ? new URL(uri).host : 'mastodon.social';
      const json = JSON.parse(body.toString('utf8')) as unknown;
      const refs = reference(folder, json, host);
      const lines = previewBody({ kind, body, origin: name, instance: `https://${host}` }).lines;
      files += 1;
      const originals = lines.filter((l) => l.repost_of === null);
      if (originals.length === refs.length) countsEqual += 1;
      else console.log(`${folder}/${name}: ${originals.length} items, reference ${refs.length}`);
      for (const ref of refs) {
        items += 1;
        const got = lines.find((l) => l.external_id === ref.id && l.repost_of === null);
        const reposter =
          lines.find((l) => l.repost_of === ref.id && l.reposted_by === ref.reposter)
            ?.reposted_by ?? null;
        const values: Record<(typeof FIELDS)[number], [unknown, unknown]> = {
          id: [got?.external_id, ref.id],
          author: [got?.author ?? null, ref.author],
          date: [got ? iso(got) : undefined, ref.date],
          parent: [got?.in_reply_to ?? null, ref.parent],
          reposter: [reposter, ref.reposter],
        };
        for (const f of FIELDS) {
          const [g, r] = values[f];
          if (g === r) agree[f] += 1;
          else if (verbose)
            console.log(`  ${folder}/${name} ${ref.id} ${f}: got ${String(g)} ref ${String(r)}`);
        }
      }
    }
  }
}

run();
const pct = (n: number) => `${((100 * n) / Math.max(1, items)).toFixed(1)}%`;
console.log(`\n${files} recorded responses, item counts equal in ${countsEqual}; ${items} items`);
for (const f of FIELDS)
  console.log(`${f.padEnd(12)} ${pct(agree[f]).padStart(6)}  (${agree[f]}/${items})`);
