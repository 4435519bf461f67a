import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeInfluence } from '../../core/influence/influence.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';

interface Scored {
  handle: string;
  rank: number;
  stance: string;
  flag_bearer: boolean;
  bot_like: boolean;
}

/**
 * The bundled demo corpus, through the real pipeline (import, analysis by the workers), then
 * scored: its opinion leaders and flag-bearers of discontent must stand out.
 */
describe('influence on the demo corpus', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ demo: true });
  }, 180_000);
  afterAll(async () => {
    await app?.stop();
  });

  it('finds the flag-bearers of discontent among the top authors of all conversations', async () => {
    const summary = await computeInfluence(
      { db: app.database.db },
      { topicId: null, windowDays: 30 },
    );
    // Figures for the record (bench notes): size of the demo graph and PageRank time.
    console.info(
      `demo influence: ${summary.authors} authors, ${summary.edges} edges, ` +
        `${summary.iterations} iterations, PageRank ${summary.pagerankMs.toFixed(2)} ms, ` +
        `whole run ${summary.totalMs.toFixed(0)} ms`,
    );
    expect(summary.edges).toBeGreaterThan(50);

    const { rows } = await sql<Scored>`
      select a.handle, s.rank, s.stance, s.flag_bearer, s.bot_like
      from influence_scores s join authors a on a.id = s.author_id
      where s.run_id = ${summary.runId} order by s.rank`.execute(app.database.db);
    const byHandle = new Map(rows.map((r) => [r.handle, r]));
    const top = Math.ceil(rows.length * 0.2);

    const margaux = byHandle.get('margaux_conso@mastodon.social') ?? byHandle.get('margaux_conso');
    expect(margaux, 'Margaux is in the ranking').toBeDefined();
    expect(margaux!.rank).toBeLessThanOrEqual(top);
    const flagBearers = rows.filter((r) => r.flag_bearer).map((r) => r.handle);
    expect(flagBearers.length).toBeGreaterThan(0);
    expect(flagBearers.some((h) => h.startsWith('margaux') || h.startsWith('samtestsstuff'))).toBe(
      true,
    );
    const claire = rows.find((r) => r.handle.startsWith('claire_vasseur'));
    expect(claire?.flag_bearer).toBe(false);
  });
});
