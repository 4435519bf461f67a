/**
 * The hand-written source format of the demo corpus (demo/src/*.txt), parsed into drafts.
 *
 * A file starts with `platform: <name>` and may set `lang: <code>` (the language its texts are
 * written in unless a mention says otherwise). Then, one mention per line:
 *
 *   d12 08:40 key{opts}: text        a thread root, day 0–29 of the window, UTC time
 *   > +25m key{opts}: text           a reply to the last mention one level up (+offset after it)
 *   >> +1h10m key: text              a reply to the last `>` mention, and so on
 *   | more text                      continues the previous mention on a new line (`|` alone: blank)
 *   T: A title                       the title of the next mention (posts, stories, articles)
 *   # comment
 *
 * opts are space-separated `k=v`: lang (the text's real language), hint (langHint to emit, or
 * `none`), id (a label to quote), quote (a label this mention quotes), sub (subreddit of a Reddit
 * post), site (path prefix of an article), likes, rp (reposts), score.
 * Replies inherit the root's `lang`.
 */

export interface Draft {
  file: string;
  line: number;
  platform: string;
  authorKey: string;
  text: string;
  title?: string;
  lang: string;
  opts: Record<string, string>;
  publishedAt: Date;
  /** Index (in the returned array) of the replied-to draft. */
  parent?: number;
  /** Index of the thread root, for replies. */
  root?: number;
}

/** Day 0 of the window; day 29 is 2026-11-20, whose 18:00 UTC closes the window. */
const DAY0_UTC = Date.UTC(2026, 9, 22);
const DAY_MS = 86_400_000;

const ROOT_RE = /^d(\d{1,2}) (\d{2}):(\d{2}) ([\w.-]+)(\{[^}]*\})?: (.+)$/;
const REPLY_RE = /^(>+) \+((?:\d+d)?(?:\d+h)?(?:\d+m)?) ([\w.-]+)(\{[^}]*\})?: (.+)$/;

export class SourceFormatError extends Error {
  constructor(file: string, line: number, reason: string) {
    super(`${file}:${line}: ${reason}`);
    this.name = 'SourceFormatError';
  }
}

function parseOpts(raw: string | undefined): Record<string, string> {
  if (!raw) return {};
  const opts: Record<string, string> = {};
  for (const pair of raw.slice(1, -1).trim().split(/\s+/)) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    opts[eq < 0 ? pair : pair.slice(0, eq)] = eq < 0 ? 'true' : pair.slice(eq + 1);
  }
  return opts;
}

/** `1d3h20m` → milliseconds. */
export function parseOffset(raw: string): number {
  const m = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(raw);
  if (!m || raw === '') throw new Error(`offset "${raw}" is not like 1d3h20m`);
  return ((Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 60_000;
}

interface FileState {
  platform?: string;
  lang: string;
  title?: string;
  /** Index of the last draft at each depth (0 = root). */
  stack: number[];
}

function header(line: string, state: FileState): boolean {
  const m = /^(platform|lang): ([\w-]+)$/.exec(line);
  if (!m) return false;
  if (m[1] === 'platform') state.platform = m[2];
  else state.lang = m[2] ?? state.lang;
  return true;
}

/** Parses one source file, appending its drafts to `out` (indices stay global). */
export function parseSource(file: string, content: string, out: Draft[]): void {
  const state: FileState = { lang: 'fr', stack: [] };
  const fail = (n: number, reason: string): never => {
    throw new SourceFormatError(file, n, reason);
  };
  content.split('\n').forEach((rawLine, i) => {
    const n = i + 1;
    const line = rawLine.trimEnd();
    if (line === '' || line.startsWith('#') || header(line, state)) return;
    if (line === '|' || line.startsWith('| ')) {
      const last = out[out.length - 1];
      if (!last || last.file !== file) fail(n, 'continuation line with no mention before it');
      last!.text += `\n${line.slice(2)}`;
      return;
    }
    if (line.startsWith('T: ')) {
      state.title = line.slice(3).trim();
      return;
    }
    if (!state.platform) fail(n, 'mention before the "platform:" header');
    const draft = parseMentionLine(line, state, out, (reason) => fail(n, reason));
    out.push({ ...draft, file, line: n, platform: state.platform! });
  });
}

type LineDraft = Omit<Draft, 'file' | 'line' | 'platform'>;

function parseMentionLine(
  line: string,
  state: FileState,
  out: Draft[],
  fail: (reason: string) => never,
): LineDraft {
  const title = state.title;
  state.title = undefined;
  const root = ROOT_RE.exec(line);
  if (root) {
    const [, day, hh, mm, key, rawOpts, text] = root;
    const opts = parseOpts(rawOpts);
    const publishedAt = new Date(
      DAY0_UTC + Number(day) * DAY_MS + (Number(hh) * 60 + Number(mm)) * 60_000,
    );
    state.stack = [out.length];
    return {
      authorKey: key!,
      text: text!,
      title,
      lang: opts.lang ?? state.lang,
      opts,
      publishedAt,
    };
  }
  const reply = REPLY_RE.exec(line);
  if (!reply) fail(`not a mention line: "${line.slice(0, 60)}"`);
  const [, arrows, offset, key, rawOpts, text] = reply!;
  const depth = arrows!.length;
  const parent = state.stack[depth - 1];
  if (parent === undefined || state.stack.length < depth)
    fail(`reply at depth ${depth} has no parent`);
  const parentDraft = out[parent!]!;
  const rootIndex = state.stack[0]!;
  const opts = parseOpts(rawOpts);
  state.stack = [...state.stack.slice(0, depth), out.length];
  return {
    authorKey: key!,
    text: text!,
    title,
    lang: opts.lang ?? out[rootIndex]!.lang,
    opts,
    publishedAt: new Date(parentDraft.publishedAt.getTime() + parseOffset(offset!)),
    parent,
    root: rootIndex,
  };
}
