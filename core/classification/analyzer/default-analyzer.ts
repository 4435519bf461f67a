/**
 * Écoute's default Analyzer: the language's lexicon for the signals and their evidence, and the
 * models (shipped defaults or the user's own) for sentiment, dissatisfaction and ideas. Other
 * languages get 'unknown' with a neutral, empty result: never a label in the wrong language.
 */
import { createHash } from 'node:crypto';
import {
  SIGNAL_NAMES,
  type Analysis,
  type AnalyzeInput,
  type Analyzer,
  type Evidence,
  type SentimentLabel,
} from '../analysis.js';
import { JointPredictor } from '../model/joint-predict.js';
import type { Model } from '../model/model.js';
import { decideClass } from '../model/predict.js';
import { prepareText, type PreparedText } from '../text/prepare.js';
import { explainWords } from './explain.js';
import { buildModelSet, type ModelKey, type ModelSet } from './model-set.js';
import { readLexicon, round, type LexiconReading } from './signals.js';

/** Bumped whenever the lexicons or the way results are combined change. */
export const LEXICON_VERSION = 'lex-4';
/** A signal this strong makes the author dissatisfied whatever the model says. */
const STRONG_SIGNAL = 0.85;
/** Lexicon-only sentiment (no model for the language): polarity beyond ±this is not neutral. */
const POLARITY_THRESHOLD = 0.25;

function emptyAnalysis(lang: Analysis['lang']): Analysis {
  return {
    lang,
    sentiment: { label: 'neutral', score: 0 },
    dissatisfied: false,
    signals: { discontent: 0, churn_intent: 0, disappointment: 0, confusion: 0 },
    idea: false,
    evidence: [],
  };
}

/** Score in [-1, 1] that agrees in sign with the label (offsets may move a label past 0.5). */
function sentimentScore(label: SentimentLabel, raw: number): number {
  if (label === 'negative') return round(Math.min(raw, -0.05));
  if (label === 'positive') return round(Math.max(raw, 0.05));
  return round(Math.max(-0.3, Math.min(0.3, raw)));
}

/** Probability of the class called `name`, 0 when the model has no such class. */
function probOf(classes: string[], probs: Float64Array, name: string): number {
  const i = classes.indexOf(name);
  return i >= 0 ? (probs[i] as number) : 0;
}

function sentimentOf(
  model: Model | undefined,
  probs: Float64Array | undefined,
  p: PreparedText,
  lex: LexiconReading,
  evidence: Evidence[],
): Analysis['sentiment'] {
  if (!model || !probs) {
    const raw = Math.tanh(lex.polarity);
    const label: SentimentLabel =
      raw <= -POLARITY_THRESHOLD ? 'negative' : raw >= POLARITY_THRESHOLD ? 'positive' : 'neutral';
    return { label, score: sentimentScore(label, raw) };
  }
  const classes = model.members[0]?.classes ?? [];
  const cls = decideClass(model, probs);
  const label = classes[cls] as SentimentLabel;
  if (label !== 'neutral') {
    const words = explainWords(model, p, cls, 'sentiment', shownOffsets(evidence), 2);
    evidence.push(
      ...words.map((e) => ({ ...e, weight: label === 'negative' ? -e.weight : e.weight })),
    );
  }
  const raw = probOf(classes, probs, 'positive') - probOf(classes, probs, 'negative');
  return { label, score: sentimentScore(label, raw) };
}

function shownOffsets(evidence: Evidence[]): Set<number> {
  return new Set(evidence.map((e) => e.start ?? -1));
}

/** Probability and decision of a binary model, or undefined without one. */
function binary(
  model: Model | undefined,
  probs: Float64Array | undefined,
): { prob: number; yes: boolean } | undefined {
  if (!model || !probs) return undefined;
  return { prob: probs[1] as number, yes: decideClass(model, probs) === 1 };
}

/** A language's models, as the set held them, and their joint predictor. */
interface LanguageModels {
  sentiment: Model | undefined;
  dissatisfied: Model | undefined;
  idea: Model | undefined;
  predictor: JointPredictor;
}

const KEYS: Record<'fr' | 'en', Record<'sentiment' | 'dissatisfied' | 'idea', ModelKey>> = {
  fr: { sentiment: 'sentiment:fr', dissatisfied: 'dissatisfied:fr', idea: 'idea:fr' },
  en: { sentiment: 'sentiment:en', dissatisfied: 'dissatisfied:en', idea: 'idea:en' },
};

/** The language's models; `known` is reused while the set (exposed, so changeable) holds them. */
function languageModels(
  set: ModelSet,
  lang: 'fr' | 'en',
  known: LanguageModels | undefined,
): LanguageModels {
  const keys = KEYS[lang];
  const sentiment = set.get(keys.sentiment);
  const dissatisfied = set.get(keys.dissatisfied);
  const idea = set.get(keys.idea);
  const same =
    known !== undefined &&
    known.sentiment === sentiment &&
    known.dissatisfied === dissatisfied &&
    known.idea === idea;
  if (same) return known;
  return {
    sentiment,
    dissatisfied,
    idea,
    predictor: new JointPredictor([sentiment, dissatisfied, idea]),
  };
}

function analyzeKnown(models: LanguageModels, p: PreparedText & { lang: 'fr' | 'en' }): Analysis {
  const lex = readLexicon(p);
  const evidence = [...lex.evidence];
  const [sProbs, dProbs, iProbs] = models.predictor.predict(p);
  const sentiment = sentimentOf(models.sentiment, sProbs, p, lex, evidence);
  const dModel = models.dissatisfied;
  const d = binary(dModel, dProbs);
  let strongest = -Infinity;
  for (const s of SIGNAL_NAMES) strongest = Math.max(strongest, lex.signals[s]);
  const dissatisfied = (d ? d.yes : sentiment.label === 'negative') || strongest >= STRONG_SIGNAL;
  const signals = { ...lex.signals };
  // Discontent is the general signal: a confident model reading counts even without a listed phrase.
  if (d?.yes) signals.discontent = round(Math.max(signals.discontent, d.prob * 0.8));
  if (dissatisfied && dModel && d?.yes)
    evidence.push(...explainWords(dModel, p, 1, 'dissatisfied', shownOffsets(evidence)));
  const iModel = models.idea;
  const i = binary(iModel, iProbs);
  const idea = i ? i.yes : lex.idea >= 0.5;
  if (idea && iModel)
    evidence.push(...explainWords(iModel, p, 1, 'idea', shownOffsets(evidence), 2));
  return { lang: p.lang, sentiment, dissatisfied, signals, idea, evidence };
}

function versionOf(models: ModelSet): string {
  const names = [...models.values()].map((m) => m.info.version).sort();
  const digest = createHash('sha256').update(names.join(',')).digest('hex').slice(0, 10);
  return `${LEXICON_VERSION}+${digest}`;
}

/**
 * The default analyzer. `models`: the user's models; each replaces the shipped default for its
 * task and language. `defaults`: the models the others fall back on (the shipped ones unless given).
 */
export function createDefaultAnalyzer(
  models: Model[] = [],
  defaults?: Model[],
): Analyzer & { models: ModelSet } {
  const set = buildModelSet(models, defaults);
  const byLang: Partial<Record<'fr' | 'en', LanguageModels>> = {};
  return {
    version: versionOf(set),
    models: set,
    analyze(input: AnalyzeInput): Analysis {
      const p = prepareText(input.text, { langHint: input.langHint });
      if (p.lang === 'unknown') return emptyAnalysis('unknown');
      const lang = p.lang;
      const known = (byLang[lang] = languageModels(set, lang, byLang[lang]));
      return analyzeKnown(known, p as PreparedText & { lang: 'fr' | 'en' });
    },
  };
}
