import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createApiKey } from '../../core/auth/api-keys.js';
import { computeInfluence } from '../../core/influence/influence.service.js';
import { startTestApp, type TestApp } from '../support/app-harness.js';
import { launchBrowser, signIn, VIEWPORTS, type BrowserSession } from '../support/browser.js';
import { waitFor } from '../support/test-db.js';

interface IdeaDemand {
  id: string;
  title: string;
  mergedInto: string | null;
  demand: { votes: number; supporters: number; mentions: number };
  mentions: { author: { id: string } | null }[];
  mergedIdeas: { id: string }[];
  leaders: { authorId: string; handle: string }[];
}

interface Group {
  groupKey: string;
  size: number;
  candidates: { mentionId: string; text: string }[];
}

// The whole product with the demo corpus; the built dashboards (`npm run build:dashboards`).
describe('the idea board dashboards on the running app', () => {
  let app: TestApp;
  let browser: BrowserSession | undefined;

  const call = async <T>(
    method: string,
    path: string,
    body?: unknown,
    key = app.adminKey,
  ): Promise<T> => {
    const res = await fetch(`${app.baseUrl}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  let reviewerB = '';

  beforeAll(async () => {
    app = await startTestApp({ demo: true });
    await waitFor(
      'the idea candidates to be grouped',
      async () => {
        const r = await sql<{ ideas: string; grouped: string }>`
        select (select count(*) from mention_analyses where idea and duplicate_of is null) as ideas,
          (select count(*) from idea_candidates where group_key is not null) as grouped
      `.execute(app.database.db);
        return Number(r.rows[0]!.ideas) > 0 && r.rows[0]!.ideas === r.rows[0]!.grouped;
      },
      60_000,
      100,
    );
    // Two reviewers turn the three largest groups into ideas and score them.
    const second = (await createApiKey(app.database.db, 'Reviewer B', 'admin')).key;
    reviewerB = second;
    // The opinion leaders of all mentions over 30 days, as the hourly job would score them.
    await computeInfluence({ db: app.database.db }, { topicId: null, windowDays: 30 });
    const { items } = await call<{ items: Group[] }>('GET', '/ideas/candidates');
    const titles = ['Idea one', 'Idea two', 'Idea three'];
    const scores = [
      [4, 4, 3, 4],
      [1, 3, 2, 2],
      [3, 1, 4, 1],
    ];
    for (const [i, group] of items.slice(0, 3).entries()) {
      const idea = await call<{ id: string }>('POST', '/ideas/candidates/create', {
        mentionIds: group.candidates.map((c) => c.mentionId),
        title: `${titles[i]}: ${group.candidates[0]!.text.slice(0, 40)}`,
      });
      const [f1, i1, f2, i2] = scores[i]!;
      await call('PUT', `/ideas/${idea.id}/score`, {
        feasibility: f1,
        impact: i1,
        comment: 'first look',
      });
      await call(
        'PUT',
        `/ideas/${idea.id}/score`,
        { feasibility: f2, impact: i2, comment: '' },
        second,
      );
      await call('POST', `/ideas/${idea.id}/vote`);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('shows the board sorted by demand, with demand and scores apart, and similar ideas while typing', async () => {
    browser = await launchBrowser({ viewport: VIEWPORTS.desktop });
    const { page } = browser;
    await signIn(page, app.baseUrl, app.adminKey);
    await page.goto(`${app.baseUrl}/#/ideas`);
    await page.locator('.idea-row').first().waitFor();
    expect(await page.locator('.idea-row').count()).toBe(3);
    const supporters = await page
      .locator('.idea-row [data-figure="supporters"] dd')
      .allTextContents();
    expect(supporters.map(Number)).toEqual([...supporters.map(Number)].sort((a, b) => b - a));
    expect(
      await page
        .locator('.idea-row')
        .first()
        .locator('[data-figure="feasibility"] dd')
        .textContent(),
    ).toMatch(/±/);

    await page.locator('.new-idea input[name="title"]').fill('un mode sombre pour l’appli');
    await page.locator('.similar-ideas li').first().waitFor();
    await browser.screenshot('ideas-board');

    await page.locator('.idea-row a').first().click();
    await page.locator('.idea-detail').waitFor();
    expect(await page.locator('.idea-detail .candidate').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('.idea-scores tbody tr').count()).toBe(2);
    await browser.screenshot('ideas-idea-page');
    expect(browser.errors).toEqual([]);
  });

  it('draws the feasibility × impact grid with the upper-right quadrant marked as where to start', async () => {
    const { page } = browser!;
    await page.goto(`${app.baseUrl}/#/ideas?view=grid`);
    await page.locator('canvas[data-chart="bubble"]').waitFor();
    expect(await page.locator('.idea-grid-table tbody tr').count()).toBe(3);
    await page.waitForTimeout(300); // the chart's first frame
    await browser!.screenshot('ideas-grid');
    // The quadrant is shaded green at its corner, inside the chart area.
    const corner = await page.evaluate<number[]>(`(() => {
      const c = document.querySelector('canvas[data-chart="bubble"]');
      const ctx = c.getContext('2d');
      const r = window.devicePixelRatio || 1;
      return Array.from(ctx.getImageData(c.width - 60 * r, 60 * r, 1, 1).data);
    })()`);
    expect(corner[1]).toBeGreaterThan(corner[0]!);
    expect(browser!.errors).toEqual([]);
  });

  it('lists the review queue in groups and dismisses a group', async () => {
    const { page } = browser!;
    await page.goto(`${app.baseUrl}/#/ideas?view=queue`);
    await page.locator('.candidate-group').first().waitFor();
    const before = await page.locator('.candidate-group').count();
    expect(before).toBeGreaterThanOrEqual(3);
    await browser!.screenshot('ideas-queue');
    await page.locator('.candidate-group').last().getByRole('button', { name: 'Dismiss' }).click();
    await waitFor(
      'the group to leave the queue',
      async () => (await page.locator('.candidate-group').count()) === before - 1,
    );
    await page.goto(`${app.baseUrl}/#/ideas?view=roadmap`);
    await page.locator('.roadmap-column[data-status="new"] li').first().waitFor();
    await browser!.screenshot('ideas-roadmap');
    expect(browser!.errors).toEqual([]);
  });

  it('merges an idea into another from its page, moving votes and supporters, and undoes it', async () => {
    const { page } = browser!;
    const board = await call<{ items: IdeaDemand[] }>('GET', '/ideas?sort=recent');
    const [target, source] = [board.items[0]!, board.items[1]!];
    // Reviewer B votes for the idea that goes away only: that vote must move to the survivor.
    await call('POST', `/ideas/${source.id}/vote`, undefined, reviewerB);
    const before = {
      source: await call<IdeaDemand>('GET', `/ideas/${source.id}`),
      target: await call<IdeaDemand>('GET', `/ideas/${target.id}`),
    };
    const authors = new Set(
      [...before.source.mentions, ...before.target.mentions].map((m) => m.author?.id),
    );

    await page.goto(`${app.baseUrl}/#/ideas?id=${source.id}`);
    await page.locator('.idea-detail').waitFor();
    await page.getByRole('button', { name: 'Merge into…' }).click();
    await page.locator('input[name="merge-search"]').fill(target.title);
    const option = page.locator('.merge-targets li', { hasText: target.title });
    await option.waitFor();
    await browser!.screenshot('ideas-merge-pick');
    await option.getByRole('button', { name: 'Keep this one' }).click();
    await page.getByRole('dialog', { name: 'Confirm the merge' }).waitFor();
    await page.getByRole('button', { name: 'Confirm the merge' }).click();

    // The survivor is shown, with the merged idea and its undo.
    await page.locator('.merged-here li', { hasText: source.title }).waitFor();
    expect(page.url()).toContain(`id=${target.id}`);
    const figure = (name: string) =>
      page.locator(`.idea-detail [data-figure="${name}"] dd`).textContent();
    await expect.poll(() => figure('votes')).toBe(String(before.target.demand.votes + 1));
    expect(await figure('supporters')).toBe(String(authors.size));
    await browser!.screenshot('ideas-merged');
    const merged = await call<IdeaDemand>('GET', `/ideas/${target.id}`);
    expect(merged.mergedIdeas.map((m) => m.id)).toEqual([source.id]);
    expect(merged.demand).toMatchObject({
      votes: before.target.demand.votes + 1,
      supporters: authors.size,
      mentions: before.source.demand.mentions + before.target.demand.mentions,
    });
    expect((await call<IdeaDemand>('GET', `/ideas/${source.id}`)).mergedInto).toBe(target.id);

    await page
      .locator('.merged-here li', { hasText: source.title })
      .getByRole('button', { name: 'Undo the merge' })
      .click();
    await page.locator('.merged-here').waitFor({ state: 'detached' });
    await expect.poll(() => figure('votes')).toBe(String(before.target.demand.votes));
    const [source2, target2] = [
      await call<IdeaDemand>('GET', `/ideas/${source.id}`),
      await call<IdeaDemand>('GET', `/ideas/${target.id}`),
    ];
    expect([source2.mergedInto, source2.demand, target2.demand]).toEqual([
      null,
      before.source.demand,
      before.target.demand,
    ]);
    expect(browser!.errors).toEqual([]);
  });

  it('associates an opinion leader found by handle with an idea, and removes them', async () => {
    const { page } = browser!;
    const top = await call<{ items: { authorId: string; handle: string }[] }>(
      'GET',
      '/influencers?limit=5',
    );
    expect(top.items.length).toBeGreaterThan(0);
    const leader = top.items[0]!;
    const idea = (await call<{ items: IdeaDemand[] }>('GET', '/ideas')).items[0]!;
    await page.goto(`${app.baseUrl}/#/ideas?id=${idea.id}`);
    await page.locator('.idea-leaders').waitFor();
    await page.locator('input[name="leader-search"]').fill(leader.handle.slice(0, 6));
    const option = page.locator('.influencer-options li', { hasText: `@${leader.handle}` });
    await option.first().getByRole('button', { name: 'Add' }).click();
    const listed = page.locator(`.leader-list li[data-author-id="${leader.authorId}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toContain(`@${leader.handle}`);
    await browser!.screenshot('ideas-leaders');
    expect(
      (await call<IdeaDemand>('GET', `/ideas/${idea.id}`)).leaders.map((l) => l.authorId),
    ).toEqual([leader.authorId]);

    await listed.getByRole('button', { name: 'Remove' }).click();
    await listed.waitFor({ state: 'detached' });
    expect((await call<IdeaDemand>('GET', `/ideas/${idea.id}`)).leaders).toEqual([]);
    expect(browser!.errors).toEqual([]);
  });

  it('fits the board on a 390-pixel-wide screen without sideways scrolling', async () => {
    const phone = await launchBrowser({ viewport: VIEWPORTS.phone });
    try {
      await signIn(phone.page, app.baseUrl, app.adminKey);
      await phone.page.goto(`${app.baseUrl}/#/ideas`);
      await phone.page.locator('.idea-row').first().waitFor();
      const width = await phone.page.evaluate<number>('document.documentElement.scrollWidth');
      expect(width).toBeLessThanOrEqual(VIEWPORTS.phone.width);
      await phone.screenshot('ideas-board-phone');
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.close();
    }
  });
});
