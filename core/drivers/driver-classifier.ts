/**
 * Assigns a driver to one dissatisfied mention: the language's driver model, the most probable
 * driver if its probability reaches the threshold (otherwise null rather than a wrong driver),
 * and the words that pushed towards it. A calibrated model (trained on enough labelled mentions)
 * scores with its calibrated probability and brings its own threshold, chosen at training for
 * the taxonomy's target precision; a model of phrases alone scores with its raw probability
 * against the taxonomy's `minScore`.
 */
import type { Model } from '../classification/index.js';
import { calibratedProbs } from '../classification/model/calibration.js';
import { finalize, hashString } from '../classification/model/hash.js';
import { decideClass, predictProbs } from '../classification/model/predict.js';
import { EN_WORDS, FR_WORDS } from '../classification/text/function-words.js';
import { prepareText, type PreparedText } from '../classification/text/prepare.js';

export interface DriverEvidence {
  match: string;
  start: number;
  weight: number;
}

export interface DriverDecision {
  label: string;
  score: number;
}

export interface DriverResult {
  /** null: no driver reaches the threshold. */
  driver: DriverDecision | null;
  /** The best driver and its probability even when under the threshold (for review). */
  best: DriverDecision;
  evidence: DriverEvidence[];
}

export interface DriverClassifier {
  /** The models' versions, recorded with every assignment. */
  readonly version: string;
  readonly minScore: number;
  classify(text: string, lang: 'fr' | 'en'): DriverResult | undefined;
}

const NS_WORD = hashString('w');
const round = (x: number) => Math.round(x * 1000) / 1000;

function argMax(a: Float64Array): number {
  let best = 0;
  for (let c = 1; c < a.length; c++) if ((a[c] as number) > (a[best] as number)) best = c;
  return best;
}

/** Words of the text whose own weight favours class `cls` over the others. */
export function driverEvidence(
  model: Model,
  p: PreparedText,
  cls: number,
  max = 3,
): DriverEvidence[] {
  const m = model.members[0];
  if (!m) return [];
  const k = m.classes.length;
  const mask = (1 << m.features.bits) - 1;
  const out: DriverEvidence[] = [];
  for (const t of p.tokens) {
    if (t.kind !== 'word' && t.kind !== 'hashtag') continue;
    const word = t.kind === 'hashtag' ? t.norm.slice(1) : t.norm;
    if (word.length < 3 || FR_WORDS.has(word) || EN_WORDS.has(word)) continue;
    const row = (finalize(hashString(word, NS_WORD)) & mask) * k;
    let others = 0;
    for (let c = 0; c < k; c++) if (c !== cls) others += m.weights[row + c] as number;
    const weight = (m.weights[row + cls] as number) - others / Math.max(k - 1, 1);
    if (weight > 0.05 && !out.some((e) => e.start === t.start))
      out.push({ match: t.text, start: t.start, weight: Math.round(weight * 100) / 100 });
  }
  return out.sort((a, b) => b.weight - a.weight).slice(0, max);
}

/** The threshold a model's scores are held to: its calibrated one, else the taxonomy's. */
export function driverThreshold(model: Model, taxonomyMinScore: number): number {
  return model.info.calibration?.threshold?.minScore ?? taxonomyMinScore;
}

/** The model's probabilities, calibrated when the model carries a temperature. */
function driverProbs(model: Model, p: PreparedText): Float64Array {
  const probs = predictProbs(model, p);
  const c = model.info.calibration;
  return c ? calibratedProbs(probs, model.offsets, c.temperature) : probs;
}

/** The models' versions as recorded with every assignment: sorted, joined by '+'. */
export function driverModelsVersion(models: Partial<Record<'fr' | 'en', Model>>): string {
  const versions = Object.values(models)
    .map((m) => m.info.version)
    .sort();
  return versions.join('+') || 'none';
}

export function createDriverClassifier(
  models: Partial<Record<'fr' | 'en', Model>>,
  minScore: number,
): DriverClassifier {
  return {
    version: driverModelsVersion(models),
    minScore,
    classify(text, lang) {
      const model = models[lang];
      if (!model) return undefined;
      const p = prepareText(text, { lang });
      const probs = driverProbs(model, p);
      const classes = model.members[0]?.classes ?? [];
      // The model's decision (with its tuned offsets, which calibration folds in); its
      // probability is the confidence.
      const cls = model.info.calibration ? argMax(probs) : decideClass(model, probs);
      const best = { label: classes[cls] as string, score: round(probs[cls] as number) };
      if ((probs[cls] as number) < driverThreshold(model, minScore))
        return { driver: null, best, evidence: [] };
      return { driver: best, best, evidence: driverEvidence(model, p, cls) };
    },
  };
}
