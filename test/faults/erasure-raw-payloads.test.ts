import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../core/ingestion/ingest.service.js';
import type { NormalizedMention } from '../../core/mentions/normalized-mention.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

const HOST = 'example.social';
const PROFILE = `https://${HOST}/@amira`;

/** Mastodon's account object for Amira, as statuses embed it. */
const amiraAccount = {
  id: '1',
  username: 'amira',
  acct: 'amira',
  display_name: 'Amira Benali',
  url: PROFILE,
  uri: `https://${HOST}/users/amira`,
};

function status(
  id: string,
  author: { username: string; display: string },
  extra: Partial<NormalizedMention> & { raw?: Record<string, unknown> },
): NormalizedMention {
  const handle = `${author.username}@${HOST}`;
  return {
    platform: 'mastodon',
    externalId: id,
    url: `https://${HOST}/@${author.username}/${id}`,
    text: extra.text ?? 'texte',
    publishedAt: new Date('2026-11-20T10:00:00Z'),
    links: [],
    author: {
      id: handle,
      handle,
      name: author.display,
      profileUrl: `https://${HOST}/@${author.username}`,
    },
    parentId: extra.parentId ?? null,
    quotedId: extra.quotedId ?? null,
    raw: {
      id,
      account: { username: author.username, acct: author.username, display_name: author.display },
      ...extra.raw,
    },
  };
}

describe('erasure of raw payloads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ workers: false });
  });
  afterAll(async () => {
    await app?.stop();
  });

  it('leaves no stored form of the person in other people’s raw payloads', async () => {
    const bob = { username: 'bob', display: 'Bob' };
    const mentionOfAmira = {
      id: '1',
      username: 'amira',
      acct: 'amira',
      url: PROFILE,
    };
    const mentions = [
      status(
        '100',
        { username: 'amira', display: 'Amira Benali' },
        { text: 'ma box est en panne' },
      ),
      // Replies naming her: Mastodon lists her in mentions[] by bare username, acct and URL.
      ...['101', '102', '103'].map((id) =>
        status(id, bob, {
          text: '@amira as-tu essayé de la redémarrer ?',
          parentId: '100',
          raw: {
            content: `<p><span class="h-card"><a href="${PROFILE}" class="u-url mention">@<span>amira</span></a></span> as-tu essayé ?</p>`,
            mentions: [mentionOfAmira],
            in_reply_to_account_id: '1',
          },
        }),
      ),
      // A boost of her post embeds her whole account.
      status('104', bob, {
        text: 'RT',
        quotedId: '100',
        raw: {
          reblog: { id: '100', account: amiraAccount, content: '<p>ma box est en panne</p>' },
        },
      }),
      // Someone else's post that names nobody: its payload must not change.
      status('105', bob, { text: 'rien à voir', raw: { note: 'amirable' } }),
    ];
    await ingest(
      { db: app.database.db, queues: null, logger: app.deps.logger, analyzeBatchSize: 50 },
      { sourceId: null, mentions },
    );
    const before = await payload('105');

    const res = await fetch(`${app.baseUrl}/api/v1/privacy/erasure`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ platform: 'mastodon', handle: `amira@${HOST}` }),
    });
    expect(res.status).toBe(200);

    const { rows } = await sql<{ external_id: string; raw: string; text: string }>`
      select external_id, raw::text as raw, text from mentions order by external_id`.execute(
      app.database.db,
    );
    expect(rows.map((r) => r.external_id)).toEqual(['101', '102', '103', '104', '105']);
    const forms = [
      /"amira"/i,
      /amira@/i,
      /Amira Benali/i,
      /@amira/i,
      /\/users\/amira/i,
      /@<span>amira/i,
    ];
    const left = rows.flatMap((r) =>
      forms.filter((f) => f.test(r.raw) || f.test(r.text)).map((f) => `${r.external_id} ${f}`),
    );
    expect(left).toEqual([]);
    // Still JSON, still the same shape: the values were replaced, not the structure.
    const reply = JSON.parse(rows[0]!.raw) as { mentions: { username: string; url: string }[] };
    expect(reply.mentions[0]!.username).toBe('[erased]');
    expect(reply.mentions[0]!.url).not.toContain('amira');
    expect(await payload('105')).toEqual(before);
  });

  async function payload(externalId: string) {
    const row = await app.database.db
      .selectFrom('mentions')
      .select('raw')
      .where('external_id', '=', externalId)
      .executeTakeFirstOrThrow();
    return row.raw;
  }
});
