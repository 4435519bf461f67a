/**
 * Word polarity lexicons for the shipped models' features, made from the permissive lexicons:
 * English from VADER (MIT) and AFINN-165 with its emoticons (Apache-2.0); French from vader-fr
 * (MIT), AFINN-165 French (Apache-2.0), Pattern's adjectives (PDDL) and Umigon's tone lists
 * (CC BY 4.0). Each source's scores are brought to [−1, 1]; a word found in several sources gets
 * their mean. Keys are single words, folded the way the tokenizer folds them (lower case, no
 * accents), so a lookup is one map access per token.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fold } from '../text/fold.js';
import { POLARITY_FILES } from '../lexicon/polarity.js';
import { permissiveDir } from './shipped-sources.js';

type Scores = Map<string, number[]>;

function read(relative: string): string {
  return readFileSync(path.join(permissiveDir(), relative), 'utf8');
}

function add(into: Scores, word: string, score: number): void {
  const key = fold(word.trim());
  // Single words only: phrases would need the matcher, and the models learn phrases from text.
  if (key === '' || /\s/.test(key) || !Number.isFinite(score)) return;
  const list = into.get(key);
  if (list) list.push(score);
  else into.set(key, [score]);
}

function tabbed(text: string, scale: number, into: Scores, sep = '\t'): void {
  for (const line of text.split('\n')) {
    const [word, value] = line.split(sep);
    if (word && value !== undefined) add(into, word, Number(value) / scale);
  }
}

function pattern(text: string, into: Scores): void {
  for (const m of text.matchAll(/<word form="([^"]+)"[^>]*polarity="(-?[0-9.]+)"/g))
    add(into, m[1] as string, Number(m[2]));
}

function umigon(text: string, score: number, into: Scores): void {
  for (const line of text.split('\n')) {
    const [term] = line.split('\t');
    if (term) add(into, term, score);
  }
}

/** One source's words averaged first, so a source listing a word twice does not outweigh another. */
function merge(sources: Scores[]): Record<string, number> {
  const all: Scores = new Map();
  for (const s of sources)
    for (const [w, list] of s) add(all, w, list.reduce((a, b) => a + b, 0) / list.length);
  const out: Record<string, number> = {};
  for (const w of [...all.keys()].sort()) {
    const list = all.get(w) as number[];
    const mean = list.reduce((a, b) => a + b, 0) / list.length;
    if (Math.abs(mean) >= 0.05) out[w] = Math.round(Math.max(-1, Math.min(1, mean)) * 100) / 100;
  }
  return out;
}

export function buildPolarityLexicons(): Record<'en' | 'fr', Record<string, number>> {
  const vader: Scores = new Map();
  tabbed(read('vader/vader_lexicon.txt'), 4, vader);
  const afinnEn: Scores = new Map();
  tabbed(read('afinn/AFINN-en-165.txt'), 5, afinnEn);
  tabbed(read('afinn/AFINN-emoticon-8.txt'), 5, afinnEn);
  const vaderFr: Scores = new Map();
  tabbed(read('vader-fr/fr_lexicon.txt'), 4, vaderFr, '->');
  const afinnFr: Scores = new Map();
  tabbed(read('afinn/AFINN-fr-165.txt'), 5, afinnFr);
  const patternFr: Scores = new Map();
  pattern(read('pattern-sentiment/fr-sentiment.xml'), patternFr);
  const umigonFr: Scores = new Map();
  umigon(read('umigon-fr/1_positive tone.txt'), 0.6, umigonFr);
  umigon(read('umigon-fr/2_negative tone.txt'), -0.6, umigonFr);
  return { en: merge([vader, afinnEn]), fr: merge([vaderFr, afinnFr, patternFr, umigonFr]) };
}

export function writePolarityLexicons(): Record<'en' | 'fr', number> {
  const lexicons = buildPolarityLexicons();
  for (const lang of ['en', 'fr'] as const)
    writeFileSync(POLARITY_FILES[lang], `${JSON.stringify(lexicons[lang], null, 0)}\n`);
  return { en: Object.keys(lexicons.en).length, fr: Object.keys(lexicons.fr).length };
}
