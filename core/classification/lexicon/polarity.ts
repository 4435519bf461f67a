/**
 * Word polarities in [−1, 1] per language, built from the permissive lexicons by the models'
 * recipe (training/polarity-lexicons.ts) and shipped as JSON beside this file. Read once per
 * thread, on first use.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../paths.js';

/** At the project's root, like the shipped models, whether the code runs compiled or not. */
export const POLARITY_FILES = {
  en: projectPath('core/classification/lexicon/polarity-en.json'),
  fr: projectPath('core/classification/lexicon/polarity-fr.json'),
} as const;

const loaded: Partial<Record<'en' | 'fr', Map<string, number>>> = {};

export function polarityLexicon(lang: 'en' | 'fr'): Map<string, number> {
  let map = loaded[lang];
  if (!map) {
    const words = JSON.parse(readFileSync(POLARITY_FILES[lang], 'utf8')) as Record<string, number>;
    map = new Map(Object.entries(words));
    loaded[lang] = map;
  }
  return map;
}
