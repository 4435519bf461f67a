import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizedMentionSchema } from '../../../core/mentions/normalized-mention.js';
import {
  DEMO_DIR,
  WINDOW_END,
  WINDOW_START,
  buildCorpus,
  toJsonl,
} from '../../../demo/build-corpus.js';
import { type CorpusMention, readCorpus, readCorpusLines, readCustomers } from './load-corpus.js';

const FIELDS = new Set([
  'platform',
  'externalId',
  'url',
  'author',
  'title',
  'text',
  'langHint',
  'publishedAt',
  'parentId',
  'threadId',
  'quotedId',
  'likes',
  'reposts',
  'replies',
  'score',
]);
const AUTHOR_FIELDS = new Set(['id', 'handle', 'name', 'followers', 'profileUrl']);
const PLATFORMS = ['mastodon', 'reddit', 'bluesky', 'hackernews', 'rss'];

const corpus = readCorpus();
const byKey = new Map(corpus.map((m) => [`${m.platform} ${m.externalId}`, m]));
const ref = (m: CorpusMention, id: string | undefined) =>
  id === undefined ? undefined : byKey.get(`${m.platform} ${id}`);

function nullPaths(value: unknown, at = ''): string[] {
  if (value === null) return [at];
  if (typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([k, v]) => nullPaths(v, `${at}.${k}`));
}

describe('the demo corpus file', () => {
  it('is rebuilt byte for byte from the hand-written sources in demo/src', () => {
    const committed = readFileSync(path.join(DEMO_DIR, 'mentions.jsonl'), 'utf8');
    expect(toJsonl(buildCorpus())).toBe(committed);
  });

  it('parses line by line into normalised mentions with only the documented fields and no nulls', () => {
    const problems: string[] = [];
    for (const { line, value } of readCorpusLines()) {
      const parsed = normalizedMentionSchema.safeParse(value);
      if (!parsed.success) problems.push(`line ${line}: ${parsed.error.message}`);
      const obj = value as Record<string, unknown>;
      for (const k of Object.keys(obj))
        if (!FIELDS.has(k)) problems.push(`line ${line}: unexpected field ${k}`);
      for (const k of Object.keys(obj.author as object))
        if (!AUTHOR_FIELDS.has(k)) problems.push(`line ${line}: author.${k}`);
      for (const p of nullPaths(value)) problems.push(`line ${line}: null at ${p}`);
    }
    expect(problems).toEqual([]);
    expect(corpus.length).toBeGreaterThanOrEqual(380);
    expect(corpus.length).toBeLessThanOrEqual(460);
  });

  it('uses the five demo platforms, each with unique external ids', () => {
    expect(new Set(corpus.map((m) => m.platform))).toEqual(new Set(PLATFORMS));
    expect(byKey.size).toBe(corpus.length);
  });

  it('shapes ids and permalinks as each platform does', () => {
    const bad = corpus.filter((m) => {
      switch (m.platform) {
        case 'mastodon':
          return !/^\d{17,19}$/.test(m.externalId) || !m.url.endsWith(`/${m.externalId}`);
        case 'reddit':
          return (
            !(m.threadId ? /^t1_[a-z0-9]+$/ : /^t3_[a-z0-9]+$/).test(m.externalId) ||
            !m.url.startsWith('https://www.reddit.com/r/')
          );
        case 'bluesky':
          return (
            !/^at:\/\/did:plc:[a-z2-7]{24}\/app\.bsky\.feed\.post\/[2-7a-z]{13}$/.test(
              m.externalId,
            ) || !m.url.startsWith('https://bsky.app/profile/')
          );
        case 'hackernews':
          return (
            !/^\d+$/.test(m.externalId) ||
            m.url !== `https://news.ycombinator.com/item?id=${m.externalId}`
          );
        default:
          return m.externalId !== m.url || !m.url.startsWith('https://');
      }
    });
    expect(bad.map((m) => m.externalId)).toEqual([]);
  });

  it('publishes every mention inside the 30-day window ending 2026-11-20T18:00Z', () => {
    const times = corpus.map((m) => Date.parse(m.publishedAt));
    expect(Math.min(...times)).toBeGreaterThanOrEqual(WINDOW_START.getTime());
    expect(Math.max(...times)).toBeLessThanOrEqual(WINDOW_END.getTime());
    expect(Math.max(...times) - Math.min(...times)).toBeGreaterThan(28 * 86_400_000);
  });

  it('links every parent, thread root and quoted post to an earlier mention on the same platform', () => {
    const broken: string[] = [];
    for (const m of corpus) {
      for (const field of ['parentId', 'threadId', 'quotedId'] as const) {
        const target = ref(m, m[field]);
        if (m[field] !== undefined && (!target || target.publishedAt > m.publishedAt))
          broken.push(`${m.externalId} ${field}`);
      }
      if ((m.parentId === undefined) !== (m.threadId === undefined))
        broken.push(`${m.externalId} parent without thread`);
      const parent = ref(m, m.parentId);
      if (parent && m.threadId !== (parent.threadId ?? parent.externalId))
        broken.push(`${m.externalId} thread differs from parent's`);
      if (ref(m, m.threadId)?.threadId !== undefined)
        broken.push(`${m.externalId} root is a reply`);
    }
    expect(broken).toEqual([]);
  });

  it('holds at least 25 threads of 3 to 10 mentions, and reply counts that match the replies present', () => {
    const size = new Map<string, number>();
    for (const m of corpus) {
      const root = `${m.platform} ${m.threadId ?? m.externalId}`;
      size.set(root, (size.get(root) ?? 0) + 1);
    }
    expect([...size.values()].filter((n) => n >= 3 && n <= 10).length).toBeGreaterThanOrEqual(25);
    const direct = new Map<string, number>();
    for (const m of corpus)
      if (m.parentId)
        direct.set(
          `${m.platform} ${m.parentId}`,
          (direct.get(`${m.platform} ${m.parentId}`) ?? 0) + 1,
        );
    const wrong = corpus.filter((m) => {
      const key = `${m.platform} ${m.externalId}`;
      // Reddit and Hacker News count every comment under a post; the others count direct replies.
      const countsAll = ['reddit', 'hackernews'].includes(m.platform) && !m.threadId;
      const expected = countsAll ? (size.get(key) ?? 1) - 1 : (direct.get(key) ?? 0);
      return m.replies !== undefined && m.replies !== expected;
    });
    expect(wrong.map((m) => m.externalId)).toEqual([]);
  });

  it('gives a language hint only where the platform does, and titles only to posts and articles', () => {
    expect(
      corpus.filter((m) => m.langHint && !['mastodon', 'bluesky'].includes(m.platform)),
    ).toEqual([]);
    expect(corpus.filter((m) => m.title && m.threadId)).toEqual([]);
    const needTitle = corpus.filter(
      (m) => ['reddit', 'hackernews', 'rss'].includes(m.platform) && !m.threadId,
    );
    expect(needTitle.filter((m) => !m.title)).toEqual([]);
  });
});

describe('the demo CRM export', () => {
  const { columns, rows } = readCustomers();
  const authors = new Set(corpus.map((m) => `${m.platform}:${m.author.handle}`));

  it('has the documented columns and about forty accounts with unique CRM ids and numeric ARR', () => {
    expect(columns).toEqual([
      'crm_id',
      'name',
      'tier',
      'plan',
      'region',
      'arr_eur',
      'owner',
      'handles',
      'email_domains',
      'website',
    ]);
    expect(rows.length).toBeGreaterThanOrEqual(35);
    expect(rows.length).toBeLessThanOrEqual(45);
    expect(new Set(rows.map((r) => r.crm_id)).size).toBe(rows.length);
    expect(rows.filter((r) => !/^\d+$/.test(r.arr_eur))).toEqual([]);
  });

  it('lists only handles that resolve to authors of the corpus', () => {
    const handles = rows.flatMap((r) => (r.handles ? r.handles.split(';') : []));
    expect(handles.length).toBeGreaterThanOrEqual(25);
    expect(handles.filter((h) => !authors.has(h))).toEqual([]);
  });

  it('leaves some accounts to be found only by website or name, for identity suggestions', () => {
    const byName = (name: string) => rows.find((r) => r.name === name)!;
    const brunelSite = new URL(byName('Atelier Brunel Architectes').website).hostname;
    expect(corpus.some((m) => m.platform === 'bluesky' && m.author.handle === brunelSite)).toBe(
      true,
    );
    expect(
      corpus.some((m) => m.author.handle.endsWith(byName('Koalytics Ltd').email_domains)),
    ).toBe(true);
    const tilleuls = byName('Cabinet dentaire des Tilleuls');
    expect(tilleuls.handles).toBe('');
    expect(
      corpus.filter((m) => /cabinet des tilleuls/i.test(`${m.author.name} ${m.text}`)).length,
    ).toBeGreaterThanOrEqual(2);
    const unlisted = rows.filter((r) => !r.handles && corpus.some((m) => m.author.name === r.name));
    expect(unlisted.length).toBeGreaterThanOrEqual(2);
  });
});

describe('the demo topics', () => {
  const topics = JSON.parse(readFileSync(path.join(DEMO_DIR, 'topics.json'), 'utf8')) as {
    name: string;
    query: string;
  }[];

  it('defines five to eight named Boolean listening queries using the whole syntax', () => {
    expect(topics.length).toBeGreaterThanOrEqual(5);
    expect(topics.length).toBeLessThanOrEqual(8);
    expect(topics.every((t) => t.name.length > 0 && t.query.length > 0)).toBe(true);
    const all = topics.map((t) => t.query).join(' ');
    for (const syntax of [/ AND /, / OR /, /NOT /, /\(/, /"[^"]+ [^"]+"/, /\w\*/])
      expect(all).toMatch(syntax);
    expect(topics.map((t) => t.name)).toContain('Concurrents');
  });
});
