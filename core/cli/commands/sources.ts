import { readFile } from 'node:fs/promises';
import { parseCliArgs } from '../args.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';
import { loadConfig } from '../../config/config.js';
import { ConnectorError } from '../../connectors/connector-error.js';
import { createOutboundHttp } from '../../http/outbound.js';
import {
  PREVIEW_KINDS,
  previewBody,
  previewUrl,
  type PreviewKind,
  type PreviewResult,
} from '../../sources/preview/preview.service.js';

const usage = `
Usage: ecoute sources preview --kind rss|mastodon|reddit|hn|bluesky [options] PATH_OR_URL

Reads one feed, or one API response body recorded from the platform, exactly as a source of that
kind would, and prints what Écoute would store from it, one JSON line per mention: external_id,
url, title and text (plain text), author, published_at (ISO-8601 UTC, or null when the source
gives no readable date; published_raw keeps what it wrote), in_reply_to (the parent's external
id), thread, reposted_by and repost_of (a repost), quotes, lang. Nothing is stored. How a feed was
decoded and every slip tolerated go to stderr. Exit 0 when read, 1 with the reason otherwise.

  --kind K             rss (RSS or Atom), mastodon (timeline, search, status context or status),
                       reddit (listing or a submission's comment tree), hn (Algolia search or item
                       tree), bluesky (search, quotes, author/timeline/list feed or post thread)
  --instance URL       mastodon: the instance that served a file (status ids are local to it)
  --content-type TYPE  the Content-Type the file was served with (its charset counts for a feed)
  PATH_OR_URL          a file, - for stdin, or an http(s) URL fetched with the usual safety checks
`;

const options = {
  kind: { type: 'string' },
  instance: { type: 'string' },
  'content-type': { type: 'string' },
} as const;

export const command: CliCommand = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, options, true);
    const [sub, target, ...rest] = positionals;
    if (sub !== 'preview')
      throw new UsageError(`expected the subcommand "preview", got "${sub ?? ''}"`);
    if (!target || rest.length) throw new UsageError('give exactly one PATH_OR_URL');
    const kind = values.kind;
    if (!kind || !(PREVIEW_KINDS as readonly string[]).includes(kind)) {
      throw new UsageError(`--kind: expected one of rss, mastodon, reddit, hn, bluesky`);
    }
    try {
      const result = await read(kind as PreviewKind, target, values, io);
      print(result, io);
      return 0;
    } catch (err) {
      if (!(err instanceof ConnectorError)) throw err;
      io.stderr.write(`ecoute sources preview: ${target}: ${err.code}: ${err.message}\n`);
      return 1;
    }
  },
};

async function read(
  kind: PreviewKind,
  target: string,
  values: { instance?: string; 'content-type'?: string },
  io: CliIo,
): Promise<PreviewResult> {
  if (/^https?:\/\//i.test(target)) {
    const config = loadConfig(io.env);
    const http = createOutboundHttp({
      timeoutMs: config.HTTP_TIMEOUT_MS,
      maxBytes: config.HTTP_MAX_BYTES,
      allowHosts: config.OUTBOUND_ALLOW_HOSTS,
    });
    return previewUrl(http, { kind, url: target, instance: values.instance });
  }
  const body = target === '-' ? await readAll(io) : await readFile(target).catch(notReadable);
  return previewBody({
    kind,
    body,
    contentType: values['content-type'] ?? null,
    origin: target,
    instance: values.instance ?? null,
  });
}

function notReadable(err: NodeJS.ErrnoException): never {
  throw new UsageError(`cannot read ${err.path ?? 'the file'}: ${err.code ?? err.message}`);
}

async function readAll(io: CliIo): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of io.stdin) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
}

function print(result: PreviewResult, io: CliIo): void {
  for (const line of result.lines) io.stdout.write(`${JSON.stringify(line)}\n`);
  const d = result.decoding;
  if (d) {
    const claims = Object.entries(d.claims)
      .map(([where, enc]) => `${where} ${enc}`)
      .join(', ');
    io.stderr.write(
      `decoded as ${d.encoding} (chosen by: ${d.source}${claims ? `; claims: ${claims}` : ''})\n`,
    );
  }
  for (const w of result.warnings) io.stderr.write(`warning: ${w}\n`);
  const undated = result.lines.filter((l) => l.published_at === null).length;
  io.stderr.write(
    `${result.lines.length} mentions${undated ? `, ${undated} without a readable date` : ''}\n`,
  );
}
