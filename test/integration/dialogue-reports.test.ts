import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiCall } from '../support/api-call.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { addAgents } from '../fixtures/dialogue/seed.js';

interface ReportRow {
  key: string;
  conversations: number;
  resolved: number;
  answered: number;
  firstResponse: { medianMin: number | null; p90Min: number | null };
  resolution: { medianMin: number | null; p90Min: number | null };
  breaches: { firstResponse: number; resolution: number };
}

const DAY = 86_400_000;
const MIN = 60_000;

/** Wednesday noon (UTC) `weeksAgo` weeks before this one: the same ISO week in any time zone. */
function wednesday(weeksAgo: number): Date {
  const now = new Date();
  const monday =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) -
    ((now.getUTCDay() + 6) % 7) * DAY;
  return new Date(monday - weeksAgo * 7 * DAY + 2 * DAY + 12 * 3_600_000);
}

/** `2026-W47`, as Postgres writes `IYYY-"W"IW`. */
function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  t.setUTCDate(t.getUTCDate() + 4 - (t.getUTCDay() || 7));
  const week = Math.ceil(((t.getTime() - Date.UTC(t.getUTCFullYear(), 0, 1)) / DAY + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

// The report and the notes over HTTP, on conversations written by hand (no workers needed).
describe('dialogue reports and internal notes', () => {
  let app: TestApp;
  const weekA = wednesday(3);
  const weekB = wednesday(2);

  const call = <T>(method: string, path: string, body?: unknown, key = app.adminKey) =>
    apiCall<T>(app, method, path, body, key);
  const report = async (by: string) => {
    const r = await call<{ by: string; rows: ReportRow[] }>('GET', `/dialogue/reports?by=${by}`);
    expect(r.status).toBe(200);
    return Object.fromEntries(r.body.rows.map((row) => [row.key, row]));
  };

  beforeAll(async () => {
    app = await startTestApp({ workers: false });
    const db = app.database.db;
    const [ana, ben] = await addAgents(db, [{ name: 'Ana' }, { name: 'Ben' }]);
    const cleo = (
      await db
        .insertInto('agents')
        .values({ name: 'Cleo', team: 'south' })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
    await db.updateTable('agents').set({ team: 'north' }).where('id', 'in', [ana!, ben!]).execute();
    // [agent, platform, opened, first response after (min), resolved after (min)]
    const rows: [string | null, string, Date, number | null, number | null][] = [
      [ana!, 'mastodon', weekA, 10, 60],
      [ana!, 'reddit', weekA, 20, 120],
      [ana!, 'mastodon', weekB, 30, null],
      [ana!, 'bluesky', weekB, 40, 240],
      [ben!, 'mastodon', weekA, 5, 30],
      [ben!, 'reddit', weekB, null, null],
      [cleo, 'mastodon', weekB, 100, 300],
      [null, 'reddit', weekA, null, null],
    ];
    const at = (opened: Date, min: number | null) =>
      min === null ? null : new Date(opened.getTime() + min * MIN);
    await db
      .insertInto('conversations')
      .values(
        rows.map(([agent, platform, opened, fr, res], i) => ({
          platform,
          thread_external_id: `report-${i}`,
          status: res === null ? 'open' : 'resolved',
          assignee_id: agent,
          opened_at: opened,
          last_inbound_at: opened,
          first_response_at: at(opened, fr),
          resolved_at: at(opened, res),
          // Targets: first response within 30 min, resolution within 200 min.
          first_response_due_at: at(opened, 30),
          resolution_due_at: at(opened, 200),
          needs_schedule: false,
        })),
      )
      .execute();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  it('gives the median and 90th percentile per agent, with volume and breaches', async () => {
    const rows = await report('agent');
    expect(Object.keys(rows)).toEqual(['Ana', 'Ben', 'Cleo', 'unassigned']);
    // Ana: first responses 10, 20, 30, 40 → median 25, p90 at rank 2.7 → 30 + 0.7 × 10 = 37;
    // resolutions 60, 120, 240 → median 120, p90 at rank 1.8 → 120 + 0.8 × 120 = 216.
    expect(rows.Ana).toEqual({
      key: 'Ana',
      conversations: 4,
      resolved: 3,
      answered: 4,
      firstResponse: { medianMin: 25, p90Min: 37 },
      resolution: { medianMin: 120, p90Min: 216 },
      // 40 > 30; the unresolved one and 240 > 200.
      breaches: { firstResponse: 1, resolution: 2 },
    });
    expect(rows.Ben).toMatchObject({
      conversations: 2,
      resolved: 1,
      answered: 1,
      firstResponse: { medianMin: 5, p90Min: 5 },
      resolution: { medianMin: 30, p90Min: 30 },
      breaches: { firstResponse: 1, resolution: 1 },
    });
    expect(rows.Cleo).toMatchObject({
      firstResponse: { medianMin: 100, p90Min: 100 },
      resolution: { medianMin: 300, p90Min: 300 },
      breaches: { firstResponse: 1, resolution: 1 },
    });
    expect(rows.unassigned).toMatchObject({
      conversations: 1,
      answered: 0,
      firstResponse: { medianMin: null, p90Min: null },
      resolution: { medianMin: null, p90Min: null },
    });
  });

  it('groups by team, platform and ISO week of opening', async () => {
    const teams = await report('team');
    // north (Ana and Ben): 5, 10, 20, 30, 40 → median 20, p90 at rank 3.6 → 30 + 0.6 × 10 = 36;
    // resolutions 30, 60, 120, 240 → median 90, p90 at rank 2.7 → 120 + 0.7 × 120 = 204.
    expect(teams.north).toMatchObject({
      conversations: 6,
      firstResponse: { medianMin: 20, p90Min: 36 },
      resolution: { medianMin: 90, p90Min: 204 },
    });
    expect(teams.south).toMatchObject({ conversations: 1, firstResponse: { medianMin: 100 } });

    const platforms = await report('platform');
    expect(Object.keys(platforms)).toEqual(['bluesky', 'mastodon', 'reddit']);
    // mastodon: 5, 10, 30, 100 → median 20, p90 at rank 2.7 → 30 + 0.7 × 70 = 79;
    // resolutions 30, 60, 300 → median 60, p90 at rank 1.8 → 60 + 0.8 × 240 = 252.
    expect(platforms.mastodon).toMatchObject({
      conversations: 4,
      resolved: 3,
      firstResponse: { medianMin: 20, p90Min: 79 },
      resolution: { medianMin: 60, p90Min: 252 },
    });
    expect(platforms.reddit).toMatchObject({
      conversations: 3,
      answered: 1,
      firstResponse: { medianMin: 20, p90Min: 20 },
      resolution: { medianMin: 120, p90Min: 120 },
    });

    const weeks = await report('week');
    expect(Object.keys(weeks)).toEqual([isoWeek(weekA), isoWeek(weekB)]);
    // Week A: 5, 10, 20 → median 10, p90 18; resolutions 30, 60, 120 → median 60, p90 108.
    expect(weeks[isoWeek(weekA)]).toMatchObject({
      conversations: 4,
      firstResponse: { medianMin: 10, p90Min: 18 },
      resolution: { medianMin: 60, p90Min: 108 },
    });
    // Week B: 30, 40, 100 → median 40, p90 88; resolutions 240, 300 → median 270, p90 294.
    expect(weeks[isoWeek(weekB)]).toMatchObject({
      conversations: 4,
      firstResponse: { medianMin: 40, p90Min: 88 },
      resolution: { medianMin: 270, p90Min: 294 },
    });
  });

  it('leaves out conversations opened before the window and refuses an unknown grouping', async () => {
    const narrow = await call<{ rows: ReportRow[] }>('GET', '/dialogue/reports?by=agent&days=7');
    expect(narrow.body.rows).toEqual([]);
    const bad = await call<{ error: { details: { field: string }[] } }>(
      'GET',
      '/dialogue/reports?by=moon',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0]?.field).toBe('by');
  });

  it('keeps internal notes in order, as written, and only agents and admins add them', async () => {
    const conv = await app.database.db
      .selectFrom('conversations')
      .select('id')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    const texts = [
      'Called back, waiting on the technician.',
      '<b>Ne pas</b> relancer avant lundi ✓',
    ];
    const added = [];
    for (const text of texts) {
      const r = await call<{ id: string; author: string; text: string; createdAt: string }>(
        'POST',
        `/conversations/${conv.id}/notes`,
        { text },
      );
      expect(r.status).toBe(201);
      added.push(r.body);
    }
    expect(added.map((n) => [n.author, n.text])).toEqual(texts.map((t) => ['test admin', t]));
    const detail = await call<{ notes: { id: string; author: string; text: string }[] }>(
      'GET',
      `/conversations/${conv.id}`,
    );
    expect(detail.body.notes).toEqual(added);

    expect((await call('POST', `/conversations/${conv.id}/notes`, { text: '  ' })).status).toBe(
      400,
    );
    expect(
      (await call('POST', `/conversations/${conv.id}/notes`, { text: 'x' }, app.readerKey)).status,
    ).toBe(403);
    expect((await call('POST', '/conversations/999999/notes', { text: 'x' })).status).toBe(404);
  });
});
