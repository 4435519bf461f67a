import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  shippedModels,
  SHIPPED_MODELS_DIR,
} from '../../../core/classification/analyzer/model-set.js';
import { shippedFigures } from '../../../core/classification/benchmark/shipped-figures.js';
import { serializeModel } from '../../../core/classification/model/model-file.js';
import { trainShipped } from '../../../core/classification/training/recipe.js';
import { assertAllowedSource } from '../../../core/classification/training/shipped-sources.js';

const classificationDir = path.resolve('core/classification');
const fixtures = path.resolve('test/fixtures/classification');
/** The research-only sets (../shared/data), by the names their files carry. */
const RESEARCH = /airline-tweets|french-tweets|suggestions-dev|twcs|^customer-support\//i;

describe('the shipped models', () => {
  const models = shippedModels();

  it('are six: sentiment, dissatisfied and idea in French and English', () => {
    expect(models.map((m) => `${m.info.task}-${m.info.lang}`).sort()).toEqual([
      'dissatisfied-en',
      'dissatisfied-fr',
      'idea-en',
      'idea-fr',
      'sentiment-en',
      'sentiment-fr',
    ]);
  });

  it('each name the files they learnt from: the project’s own texts or the permissive sets, nothing else', () => {
    for (const m of models) {
      const sources = m.info.training.sources ?? [];
      expect(sources.length, `${m.info.version} lists no sources`).toBeGreaterThan(0);
      expect(sources.some((s) => s.origin === 'project')).toBe(true);
      for (const s of sources) {
        expect(() => assertAllowedSource(s)).not.toThrow();
        expect(s.file).not.toMatch(RESEARCH);
        expect(s.licence).not.toBe('');
        expect(s.rows).toBeGreaterThan(0);
      }
      expect(sources.reduce((n, s) => n + s.rows, 0)).toBe(m.info.training.rows);
    }
  });

  it('were built from the project texts as they are now (rebuild after changing the corpus)', () => {
    for (const m of models)
      for (const s of m.info.training.sources ?? []) {
        if (s.origin !== 'project') continue;
        const bytes = readFileSync(path.join(classificationDir, s.file));
        expect(createHash('sha256').update(bytes).digest('hex').slice(0, 16), s.file).toBe(
          s.sha256,
        );
      }
  });

  it('are each under 20 MB', () => {
    for (const m of models) {
      const file = path.join(SHIPPED_MODELS_DIR, `${m.info.task}-${m.info.lang}.json`);
      expect(readFileSync(file).length).toBeLessThan(20 * 1024 * 1024);
    }
  });
});

describe('the recipe', () => {
  it('rebuilds a shipped model byte for byte from the same inputs', () => {
    // The French idea model learns from the project's texts only: no permissive set needed.
    const digest = (s: string) => createHash('sha256').update(s).digest('hex');
    const committed = readFileSync(path.join(SHIPPED_MODELS_DIR, 'idea-fr.json'), 'utf8');
    const first = digest(serializeModel(trainShipped('idea', 'fr')));
    expect(first).toBe(digest(committed));
    expect(digest(serializeModel(trainShipped('idea', 'fr')))).toBe(first);
  }, 240_000);

  it('refuses a research-only set, or any file outside the allowed folders, as a source', () => {
    expect(() =>
      assertAllowedSource({ file: 'airline-tweets-dev.csv', origin: 'permissive' }),
    ).toThrow(/neither the project's own texts nor/);
    expect(() =>
      assertAllowedSource({ file: '../french-tweets-dev.csv', origin: 'permissive' }),
    ).toThrow(/french-tweets-dev/);
    expect(() =>
      assertAllowedSource({ file: 'training/../../suggestions-dev.csv', origin: 'project' }),
    ).toThrow();
    expect(() => assertAllowedSource({ file: '/tmp/x.csv', origin: 'project' })).toThrow();
    expect(() => assertAllowedSource({ file: 'mine.csv', origin: 'user' })).toThrow();
    expect(() =>
      assertAllowedSource({ file: 'goemotions/train.tsv', origin: 'permissive' }),
    ).not.toThrow();
  });
});

describe('eval:shipped', () => {
  it('scores the untrained shipped models on every set it finds, with the goals', async () => {
    // Small sets written by the project in the public sets' format.
    const figures = await shippedFigures(
      path.join(fixtures, 'shipped-eval'),
      path.join(fixtures, 'french-reviews.csv'),
      undefined,
      undefined,
      {
        airline: 'brand-tweets.csv',
        french: 'french-opinions.csv',
        suggestions: 'suggestions.csv',
      },
    );
    expect(figures.map((f) => [f.name, f.rows])).toEqual([
      ['airline tweets, dissatisfied vs not', 12],
      ['airline tweets, three-class sentiment', 12],
      ['French tweets, three-class sentiment', 9],
      ['French product reviews (written by the project), polarity', 60],
      ['suggestions, developer forum', 6],
      ['suggestions, hotel reviews', 6],
    ]);
    const value = Object.fromEntries(figures.map((f) => [f.name, f.value]));
    // Plain complaints, thanks and questions: the shipped models must read these right.
    expect(value['airline tweets, dissatisfied vs not']).toBeGreaterThanOrEqual(0.8);
    expect(value['French tweets, three-class sentiment']).toBeGreaterThanOrEqual(0.6);
    expect(value['French product reviews (written by the project), polarity']).toBeGreaterThan(0.8);
    expect(value['suggestions, hotel reviews']).toBeGreaterThanOrEqual(0.6);
    for (const f of figures) expect(f.goal).toBeGreaterThan(0);
  });
});
