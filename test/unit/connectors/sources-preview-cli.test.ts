import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../support/run-cli.js';
import { sharedFixture } from '../../shared/connectors/shared-fixtures.js';

const WILD = path.resolve(import.meta.dirname, '../../fixtures/feeds/wild');
const lines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('ecoute sources preview', () => {
  it('prints one JSON line per item of a feed, its decoding and warnings on stderr', async () => {
    const run = await runCli(
      ['sources', 'preview', '--kind', 'rss', path.join(WILD, 'picofeed_resorts.xml')],
      {},
    );
    expect(run.code).toBe(0);
    const [first] = lines(run.stdout);
    expect(first).toMatchObject({
      external_id: expect.any(String),
      title: expect.any(String),
      published_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      in_reply_to: null,
      reposted_by: null,
    });
    expect(run.stderr).toMatch(/decoded as utf-8 \(chosen by: declaration/);
    expect(run.stderr).toMatch(/warning: blank lines before the first tag/);
  });

  it('prints null for a date a feed gives in no readable form, and counts those lines', async () => {
    const feed =
      '<rss><channel><item><guid>x1</guid><title>Undated</title><pubDate>bientôt</pubDate></item></channel></rss>';
    const run = await runCli(['sources', 'preview', '--kind', 'rss', '-'], {}, feed);
    expect(run.code).toBe(0);
    expect(lines(run.stdout)).toEqual([
      expect.objectContaining({ external_id: 'x1', published_at: null, published_raw: 'bientôt' }),
    ]);
    expect(run.stderr).toMatch(/1 mentions, 1 without a readable date/);
  });

  it('reads a Hacker News item tree with each reply naming its parent (--kind hn)', async () => {
    const run = await runCli(
      ['sources', 'preview', '--kind', 'hn', sharedFixture('hn', 'items_17.json')],
      {},
    );
    expect(run.code).toBe(0);
    expect(lines(run.stdout).map((l) => [l.external_id, l.author, l.in_reply_to])).toEqual([
      ['17', 'pg', '15'],
      ['1079', 'dmon', '17'],
      ['454426', 'Arrington', '17'],
    ]);
  });

  it('keeps who reposted a Bluesky post', async () => {
    const run = await runCli(
      [
        'sources',
        'preview',
        '--kind',
        'bluesky',
        sharedFixture('bluesky', 'getAuthorFeed_chriskenny.json'),
      ],
      {},
    );
    expect(run.code).toBe(0);
    const reposts = lines(run.stdout).filter((l) => l.reposted_by !== null);
    expect(reposts).toHaveLength(7);
    expect(reposts.every((l) => l.reposted_by === 'chriskenny.bsky.social' && l.repost_of)).toBe(
      true,
    );
  });

  it('exits 1 with the reason when the body is not what the kind reads', async () => {
    const run = await runCli(
      ['sources', 'preview', '--kind', 'reddit', sharedFixture('hn', 'items_17.json')],
      {},
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/invalid_payload: .*expected a Reddit Listing/);
  });

  it('exits 1 when a Mastodon body names no instance it could come from', async () => {
    const run = await runCli(['sources', 'preview', '--kind', 'mastodon', '-'], {}, '[]');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/instance: the Mastodon instance that served this body is needed/);
  });

  it.each([
    [
      ['sources', 'preview', '--kind', 'twitter', 'x.json'],
      /--kind: expected one of rss, mastodon/,
    ],
    [['sources', 'preview', 'x.json'], /--kind: expected one of/],
    [['sources', 'list'], /expected the subcommand "preview"/],
    [
      ['sources', 'preview', '--kind', 'rss', '/nonexistent/feed.xml'],
      /cannot read \/nonexistent\/feed.xml: ENOENT/,
    ],
  ])('exits 2 with the usage for %j', async (args, reason) => {
    const run = await runCli(args, {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(reason);
  });
});
