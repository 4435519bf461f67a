import type { Draft } from './source-format.js';
import { pick, unit } from './hash.js';
import {
  type Author,
  type AuthorDef,
  blueskyTid,
  hnItemId,
  mastodonAcct,
  mastodonSnowflake,
  redditBase36,
  slug,
  toAuthor,
} from './platform-ids.js';

/** One line of demo/mentions.jsonl; optional fields are omitted, never null. */
export interface DemoMention {
  platform: string;
  externalId: string;
  url: string;
  author: Author;
  title?: string;
  text: string;
  langHint?: string;
  publishedAt: string;
  parentId?: string;
  threadId?: string;
  quotedId?: string;
  likes?: number;
  reposts?: number;
  replies?: number;
  score?: number;
}

interface Placed {
  draft: Draft;
  author: AuthorDef;
  externalId: string;
  url: string;
}

/** authors.txt: `key | platform | handle | name | followers` (followers `-` when the platform hides them). */
export function parseAuthors(content: string): Map<string, AuthorDef> {
  const authors = new Map<string, AuthorDef>();
  content.split('\n').forEach((line, i) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const [key, platform, handle, name, followers] = line.split('|').map((c) => c.trim());
    if (!key || !platform || !handle || !name || followers === undefined) {
      throw new Error(`authors.txt:${i + 1}: expected 5 "|"-separated columns`);
    }
    if (authors.has(key))
      throw new Error(`authors.txt:${i + 1}: author key "${key}" is defined twice`);
    authors.set(key, {
      key,
      platform,
      handle,
      name,
      ...(followers === '-' ? {} : { followers: Number(followers) }),
    });
  });
  return authors;
}

function place(draft: Draft, author: AuthorDef, all: Placed[]): Placed {
  const seed = `${draft.file}:${draft.line}`;
  const at = draft.publishedAt;
  switch (draft.platform) {
    case 'mastodon': {
      const id = mastodonSnowflake(at, seed);
      const { user, instance } = mastodonAcct(author.handle);
      return { draft, author, externalId: id, url: `https://${instance}/@${user}/${id}` };
    }
    case 'bluesky': {
      const rkey = blueskyTid(at, seed);
      const did = toAuthor(author).id;
      return {
        draft,
        author,
        externalId: `at://${did}/app.bsky.feed.post/${rkey}`,
        url: `https://bsky.app/profile/${author.handle}/post/${rkey}`,
      };
    }
    case 'reddit': {
      if (draft.root === undefined) {
        const id = redditBase36(at, seed, 't3');
        const sub = draft.opts.sub ?? 'france';
        return {
          draft,
          author,
          externalId: `t3_${id}`,
          url: `https://www.reddit.com/r/${sub}/comments/${id}/${slug(draft.title ?? draft.text, '_')}/`,
        };
      }
      const id = redditBase36(at, seed, 't1');
      return { draft, author, externalId: `t1_${id}`, url: `${all[draft.root]!.url}${id}/` };
    }
    case 'hackernews': {
      const id = hnItemId(at, seed);
      return { draft, author, externalId: id, url: `https://news.ycombinator.com/item?id=${id}` };
    }
    case 'rss': {
      // Blogs and newsrooms file articles under their date: /2026/11/14/slug.
      const day = at.toISOString().slice(0, 10).replaceAll('-', '/');
      const url = `https://${author.handle}/${draft.opts.site ?? ''}${day}/${slug(draft.title ?? draft.text, '-', 8)}`;
      return { draft, author, externalId: url, url };
    }
    default:
      throw new Error(`${seed}: platform "${draft.platform}" is not one of the demo's`);
  }
}

/** Mastodon and Bluesky clients set a language, usually right, sometimes left on the default. */
function langHint(p: Placed): string | undefined {
  const { opts, lang, platform } = p.draft;
  if (opts.hint) return opts.hint === 'none' ? undefined : opts.hint;
  if (platform !== 'mastodon' && platform !== 'bluesky') return undefined;
  const r = unit(`${p.externalId}:lang`);
  if (platform === 'mastodon')
    return r < 0.7 ? lang : r < 0.85 ? undefined : lang === 'en' ? undefined : 'en';
  return r < 0.88 ? lang : r < 0.96 ? undefined : 'en';
}

function num(opt: string | undefined, fallback: number): number {
  return opt === undefined ? fallback : Number(opt);
}

function engagement(
  p: Placed,
  children: number,
  descendants: number,
  quotes: number,
): Partial<DemoMention> {
  const seed = p.externalId;
  const { opts, platform } = p.draft;
  const followers = p.author.followers ?? 0;
  // Likes grow slower than reach (followers^0.75) with a wide spread; a reply draws far fewer
  // than a post. A 48k-follower post gets ~100–800, a 100-follower customer's 1–7.
  const k = (p.draft.root === undefined ? 0.12 : 0.01) * (0.3 + 1.7 * unit(`${seed}:l`));
  const likes = num(
    opts.likes,
    Math.floor(followers ** 0.75 * k + pick(`${seed}:l2`, 3) + children),
  );
  // Quotes in the corpus are reposts too, so a quoted post never shows fewer reposts than quotes.
  const reposts = num(opts.rp, Math.floor(likes * 0.25 * unit(`${seed}:r`)) + quotes);
  switch (platform) {
    case 'mastodon':
    case 'bluesky':
      return { likes, reposts, replies: children };
    case 'reddit': {
      const isPost = p.draft.root === undefined;
      const score = num(
        opts.score,
        isPost
          ? 2 + pick(`${seed}:s`, 60) + descendants * 4
          : 1 + pick(`${seed}:s`, 18) + children * 3,
      );
      return { score, replies: isPost ? descendants : children };
    }
    case 'hackernews':
      // The HN API gives points to stories only.
      return p.draft.root === undefined
        ? {
            score: num(opts.score, 8 + pick(`${seed}:s`, 140) + descendants * 3),
            replies: descendants,
          }
        : {};
    default:
      return {};
  }
}

/** Turns parsed drafts into the corpus lines, in publication order. */
export function assemble(drafts: Draft[], authors: Map<string, AuthorDef>): DemoMention[] {
  const placed: Placed[] = [];
  const labels = new Map<string, number>();
  drafts.forEach((draft, i) => {
    const author = authors.get(draft.authorKey);
    if (!author)
      throw new Error(`${draft.file}:${draft.line}: unknown author "${draft.authorKey}"`);
    if (author.platform !== draft.platform) {
      throw new Error(
        `${draft.file}:${draft.line}: author "${author.key}" is on ${author.platform}, not ${draft.platform}`,
      );
    }
    if (draft.opts.id) labels.set(draft.opts.id, i);
    placed.push(place(draft, author, placed));
  });
  const children = new Map<number, number>();
  const descendants = new Map<number, number>();
  for (const d of drafts) {
    if (d.parent !== undefined) children.set(d.parent, (children.get(d.parent) ?? 0) + 1);
    if (d.root !== undefined) descendants.set(d.root, (descendants.get(d.root) ?? 0) + 1);
  }
  const quotes = new Map<number, number>();
  for (const d of drafts) {
    const q = d.opts.quote === undefined ? undefined : labels.get(d.opts.quote);
    if (q !== undefined) quotes.set(q, (quotes.get(q) ?? 0) + 1);
  }
  const counts = (i: number) => ({
    kids: children.get(i) ?? 0,
    desc: descendants.get(i) ?? 0,
    quotes: quotes.get(i) ?? 0,
  });
  const mentions = placed.map((p, i) => toMention(p, placed, labels, counts(i)));
  return mentions.sort(
    (a, b) =>
      a.publishedAt.localeCompare(b.publishedAt) || a.externalId.localeCompare(b.externalId),
  );
}

function toMention(
  p: Placed,
  placed: Placed[],
  labels: Map<string, number>,
  n: { kids: number; desc: number; quotes: number },
): DemoMention {
  const { draft } = p;
  const quoted = draft.opts.quote === undefined ? undefined : labels.get(draft.opts.quote);
  if (draft.opts.quote !== undefined && quoted === undefined) {
    throw new Error(`${draft.file}:${draft.line}: quotes unknown label "${draft.opts.quote}"`);
  }
  if (quoted !== undefined && placed[quoted]!.draft.platform !== draft.platform) {
    throw new Error(`${draft.file}:${draft.line}: quotes a mention on another platform`);
  }
  const hint = langHint(p);
  return {
    platform: draft.platform,
    externalId: p.externalId,
    url: p.url,
    author: toAuthor(p.author),
    ...(draft.title ? { title: draft.title } : {}),
    text: draft.text,
    ...(hint ? { langHint: hint } : {}),
    publishedAt: draft.publishedAt.toISOString(),
    ...(draft.parent === undefined ? {} : { parentId: placed[draft.parent]!.externalId }),
    ...(draft.root === undefined ? {} : { threadId: placed[draft.root]!.externalId }),
    ...(quoted === undefined ? {} : { quotedId: placed[quoted]!.externalId }),
    ...engagement(p, n.kids, n.desc, n.quotes),
  };
}
