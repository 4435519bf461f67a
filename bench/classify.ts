/**
 * npm run bench:classify — analysis speed of the default analyzer on one core.
 *
 * 1. Mentions per second per core: tweet-length texts (Écoute's own training messages, with
 *    handles, links, hashtags and numbers mixed in), analysed in one thread after a warm-up.
 * 2. Flatness in the vocabulary: the same analysis with models trained on a synthetic vocabulary
 *    of V words, then of 10 V words, on texts drawn from each. Hashed features cost the same
 *    whatever the vocabulary, so the slowdown should stay near 1.
 *
 * Writes bench/results/classify.json: {"mentions_per_s_per_core", "vocab_10x_slowdown"}.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDefaultAnalyzer } from '../core/classification/analyzer/default-analyzer.js';
import type { Analyzer } from '../core/classification/analysis.js';
import { seededRandom } from '../core/classification/model/hash.js';
import { readCsvRows } from '../core/classification/model/read-csv.js';
import { trainModel } from '../core/classification/model/train.js';
import type { Model } from '../core/classification/model/model.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const N = Number(process.env.BENCH_MENTIONS ?? 50_000);
const VOCAB = Number(process.env.BENCH_VOCAB ?? 5_000);
const random = seededRandom(7);
const pick = <T>(items: T[]): T => items[Math.floor(random() * items.length)] as T;

async function tweetTexts(): Promise<string[]> {
  const rows = await readCsvRows(
    path.join(here, '..', 'core', 'classification', 'training', 'messages.csv'),
  );
  const base = rows.map((r) => r.text ?? '');
  const extras = [
    '@SkyNorth',
    '@Mobilix',
    '#fail',
    '#merci',
    'https://t.co/x1y2z3',
    '3 hours',
    '45 min',
    '!!',
    '😡',
    '🙏',
  ];
  return Array.from({ length: N }, () => `${pick(extras)} ${pick(base)} ${pick(extras)}`);
}

function syntheticWord(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const len = 4 + Math.floor(random() * 6);
  return Array.from({ length: len }, () => pick([...letters])).join('');
}

/** Texts of 15 words from a vocabulary of `size` words, with a label drawn from the first words. */
function syntheticCorpus(size: number, count: number) {
  const vocab = Array.from({ length: size }, syntheticWord);
  return Array.from({ length: count }, () => {
    const words = Array.from({ length: 15 }, () => pick(vocab));
    const score = words.reduce((a, w) => a + ((w.charCodeAt(0) % 3) - 1), 0);
    // English frame words, so the texts are read as English (and go through the models).
    const text = `the ${words.slice(0, 5).join(' ')} and my ${words.slice(5, 10).join(' ')} is not ${words.slice(10).join(' ')}`;
    return {
      text,
      label: score > 0 ? 'positive' : score < 0 ? 'negative' : 'neutral',
      binary: score > 0 ? '1' : '0',
    };
  });
}

function modelsFor(corpus: ReturnType<typeof syntheticCorpus>): Model[] {
  const quick = { tuneFolds: 0, linear: { epochs: 3 } } as const;
  return [
    trainModel(
      corpus.map((c) => ({ text: c.text, label: c.label })),
      { ...quick, task: 'sentiment', lang: 'en', source: 'synthetic' },
    ),
    trainModel(
      corpus.map((c) => ({ text: c.text, label: c.binary })),
      { ...quick, task: 'dissatisfied', lang: 'en', source: 'synthetic', features: { charMax: 0 } },
    ),
    trainModel(
      corpus.map((c) => ({ text: c.text, label: c.binary })),
      { ...quick, task: 'idea', lang: 'en', source: 'synthetic', features: { charMax: 0 } },
    ),
  ];
}

/**
 * Mentions per CPU-second of this thread: best of three timed passes, after a warm-up pass.
 * CPU time, not wall time, because "per core" is what is asked and the machine may be shared.
 */
function rate(analyzer: Analyzer, texts: string[]): number {
  for (const text of texts) analyzer.analyze({ text });
  let best = 0;
  for (let pass = 0; pass < 3; pass++) {
    const started = process.cpuUsage();
    for (const text of texts) analyzer.analyze({ text });
    const used = process.cpuUsage(started);
    best = Math.max(best, texts.length / ((used.user + used.system) / 1e6));
  }
  return best;
}

const texts = await tweetTexts();
const perCore = rate(createDefaultAnalyzer(), texts);
process.stderr.write(
  `default analyzer: ${Math.round(perCore)} mentions/s on one core (${N} tweet-length texts)\n`,
);

const small = syntheticCorpus(VOCAB, 4_000);
const large = syntheticCorpus(VOCAB * 10, 4_000);
const rateSmall = rate(
  createDefaultAnalyzer(modelsFor(small), []),
  syntheticCorpus(VOCAB, 20_000).map((c) => c.text),
);
const rateLarge = rate(
  createDefaultAnalyzer(modelsFor(large), []),
  syntheticCorpus(VOCAB * 10, 20_000).map((c) => c.text),
);
const slowdown = rateSmall / rateLarge;
process.stderr.write(
  `vocabulary ${VOCAB}: ${Math.round(rateSmall)}/s; ${VOCAB * 10}: ${Math.round(rateLarge)}/s; slowdown ×${slowdown.toFixed(3)}\n`,
);

const result = {
  mentions_per_s_per_core: Math.round(perCore),
  vocab_10x_slowdown: Math.round(slowdown * 1000) / 1000,
};
await mkdir(path.join(here, 'results'), { recursive: true });
await writeFile(
  path.join(here, 'results', 'classify.json'),
  `${JSON.stringify(result, null, 2)}\n`,
);
process.stdout.write(`${JSON.stringify(result)}\n`);
