/**
 * What a user gets before labelling anything: the shipped models (through the default analyzer,
 * as the pipeline runs them) scored, untrained, on every public labelled set. None of these
 * texts was ever seen by the shipped models (the recipe refuses them), so the whole file is the
 * test set.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Analyzer } from '../analysis.js';
import { createDefaultAnalyzer } from '../analyzer/default-analyzer.js';
import { evaluatePredictions } from '../model/metrics.js';
import type { Model } from '../model/model.js';
import { readCsvRows, type CsvRow } from '../model/read-csv.js';

export interface ShippedFigure {
  name: string;
  metric: string;
  value: number;
  /** The issue's goal for the shipped models, when one is set. */
  goal?: number;
  rows: number;
}

type Read = (text: string) => ReturnType<Analyzer['analyze']>;

function macroF1(classes: string[], gold: string[], predicted: string[]): number {
  const index = new Map(classes.map((c, i) => [c, i]));
  const g = gold.map((x) => index.get(x) ?? -1);
  const p = predicted.map((x) => index.get(x) ?? -1);
  return evaluatePredictions(classes, g, p).macroF1;
}

function positiveF1(gold: string[], predicted: string[]): number {
  const g = gold.map((x) => (x === '1' ? 1 : 0));
  const p = predicted.map((x) => (x === '1' ? 1 : 0));
  return evaluatePredictions(['0', '1'], g, p).perClass[1]?.f1 ?? 0;
}

async function rowsOf(file: string): Promise<CsvRow[] | undefined> {
  return existsSync(file) ? readCsvRows(file) : undefined;
}

/** The public sets' file names in ../shared/data. */
export const PUBLIC_SETS = {
  airline: 'airline-tweets-dev.csv',
  french: 'french-tweets-dev.csv',
  suggestions: 'suggestions-dev.csv',
};

/**
 * The figures for the sets found in `dataDir` (by default the public sets' file names) and the
 * French reviews written by the project (`reviewsFile`); a set that is absent is left out.
 */
export async function shippedFigures(
  dataDir: string,
  reviewsFile: string,
  models?: Model[],
  log: (m: string) => void = () => {},
  files: typeof PUBLIC_SETS = PUBLIC_SETS,
): Promise<ShippedFigure[]> {
  const analyzer = createDefaultAnalyzer([], models);
  const read =
    (lang: 'fr' | 'en'): Read =>
    (text) =>
      analyzer.analyze({ text, langHint: lang });
  const figures: ShippedFigure[] = [];

  const airline = await rowsOf(path.join(dataDir, files.airline));
  if (airline) {
    log(`airline tweets: ${airline.length} rows`);
    const results = airline.map((r) => read('en')(r.text ?? ''));
    figures.push({
      name: 'airline tweets, dissatisfied vs not',
      metric: 'macro-F1',
      goal: 0.82,
      value: macroF1(
        ['0', '1'],
        airline.map((r) => r.dissatisfied ?? ''),
        results.map((a) => (a.dissatisfied ? '1' : '0')),
      ),
      rows: airline.length,
    });
    figures.push({
      name: 'airline tweets, three-class sentiment',
      metric: 'macro-F1',
      goal: 0.72,
      value: macroF1(
        ['negative', 'neutral', 'positive'],
        airline.map((r) => r.sentiment ?? ''),
        results.map((a) => a.sentiment.label),
      ),
      rows: airline.length,
    });
  }

  const french = await rowsOf(path.join(dataDir, files.french));
  if (french) {
    log(`French tweets: ${french.length} rows`);
    figures.push({
      name: 'French tweets, three-class sentiment',
      metric: 'macro-F1',
      goal: 0.55,
      value: macroF1(
        ['negative', 'neutral', 'positive'],
        french.map((r) => r.sentiment ?? ''),
        french.map((r) => read('fr')(r.text ?? '').sentiment.label),
      ),
      rows: french.length,
    });
  }

  const reviews = await rowsOf(reviewsFile);
  if (reviews) {
    // Polarity: which of positive and negative the model leans to (the score's sign).
    const predicted = reviews.map((r) =>
      read('fr')(r.text ?? '').sentiment.score > 0 ? 'positive' : 'negative',
    );
    const correct = predicted.filter((p, i) => p === reviews[i]?.polarity).length;
    figures.push({
      name: 'French product reviews (written by the project), polarity',
      metric: 'accuracy',
      goal: 0.75,
      value: reviews.length === 0 ? 0 : correct / reviews.length,
      rows: reviews.length,
    });
  }

  const suggestions = await rowsOf(path.join(dataDir, files.suggestions));
  if (suggestions) {
    for (const [set, goal] of [
      ['forum', 0.5],
      ['hotel', 0.6],
    ] as const) {
      const rows = suggestions.filter((r) => (r.set ?? '').startsWith(set));
      log(`suggestions, ${set}: ${rows.length} rows`);
      figures.push({
        name: `suggestions, ${set === 'forum' ? 'developer forum' : 'hotel reviews'}`,
        metric: 'F1 of "idea"',
        goal,
        value: positiveF1(
          rows.map((r) => r.idea ?? ''),
          rows.map((r) => (read('en')(r.text ?? '').idea ? '1' : '0')),
        ),
        rows: rows.length,
      });
    }
  }
  return figures;
}

/** The table printed by `npm run eval:shipped` (and pasted into the README). */
export function formatShippedFigures(figures: ShippedFigure[]): string {
  const lines = ['| task | metric | shipped models | goal | rows |', '|---|---|---|---|---|'];
  for (const f of figures)
    lines.push(
      `| ${f.name} | ${f.metric} | ${f.value.toFixed(3)} | ${f.goal === undefined ? '' : `≥ ${f.goal}`} | ${f.rows} |`,
    );
  return lines.join('\n');
}
