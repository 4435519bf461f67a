import { describe, expect, it } from 'vitest';
import { parseModel, serializeModel } from '../../../core/classification/index.js';
import {
  calibratedProbs,
  expectedCalibrationError,
  fitTemperature,
  thresholdForPrecision,
} from '../../../core/classification/model/calibration.js';
import { calibratedDecisions } from '../../../core/classification/model/calibrate-model.js';
import { seededRandom } from '../../../core/classification/model/hash.js';
import { trainModel } from '../../../core/classification/model/train.js';
import { createDriverClassifier } from '../../../core/drivers/driver-classifier.js';

/**
 * A synthetic set whose true probabilities are softmax(z) and whose labels are drawn from them;
 * the "model" reports softmax(overconfidence × z): its right temperature is `overconfidence`.
 */
function overconfidentSet(n: number, k: number, overconfidence: number, seed = 7) {
  const random = seededRandom(seed);
  const probs: Float64Array[] = [];
  const ys: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: k }, () => random() * 3);
    const truth = calibratedProbs(
      z.map((v) => Math.exp(v)),
      [],
      1,
    );
    let u = random();
    let y = 0;
    while (y < k - 1 && u > (truth[y] as number)) u -= truth[y++] as number;
    ys.push(y);
    probs.push(
      calibratedProbs(
        z.map((v) => Math.exp(v * overconfidence)),
        [],
        1,
      ),
    );
  }
  return { probs, ys };
}

function eceOf(probs: Float64Array[], ys: number[], temperature: number): number {
  const d = calibratedDecisions(probs, [], temperature);
  return expectedCalibrationError(
    d.map((x) => x.score),
    d.map((x, i) => x.cls === ys[i]),
  );
}

describe('probability calibration', () => {
  it('fits the temperature that undoes a known overconfidence', () => {
    const { probs, ys } = overconfidentSet(6000, 5, 3);
    const t = fitTemperature(probs, ys);
    expect(t).toBeGreaterThan(2.6);
    expect(t).toBeLessThan(3.4);
  });

  it('leaves a low calibration error where the raw scores had a high one', () => {
    const { probs, ys } = overconfidentSet(6000, 5, 3);
    const raw = eceOf(probs, ys, 1);
    const calibrated = eceOf(probs, ys, fitTemperature(probs, ys));
    expect(raw).toBeGreaterThan(0.15);
    expect(calibrated).toBeLessThan(0.03);
  });

  it('keeps a temperature near 1 for scores that were already probabilities', () => {
    const { probs, ys } = overconfidentSet(6000, 4, 1, 11);
    const t = fitTemperature(probs, ys);
    expect(Math.abs(t - 1)).toBeLessThan(0.15);
  });

  it('measures the calibration error as the weighted gap between confidence and accuracy per bin', () => {
    // Bin 0.9: confidence 0.9, accuracy 0.5, half the rows; bin 0.1: confidence 0.1, accuracy 0.
    expect(expectedCalibrationError([0.9, 0.9, 0.1, 0.1], [true, false, false, false])).toBeCloseTo(
      0.25,
      10,
    );
    expect(expectedCalibrationError([], [])).toBe(0);
  });

  it('folds the decision offsets into the calibrated probabilities', () => {
    const p = calibratedProbs([0.6, 0.4], [0, Math.log(3)], 1);
    // 0.4 × 3 against 0.6: the second class now leads, 1.2 / 1.8.
    expect(p[1]).toBeCloseTo(2 / 3, 10);
  });

  it('chooses the lowest threshold whose assignments reach the target precision', () => {
    const confidence = Array.from({ length: 100 }, (_, i) => 1 - i / 100);
    // The top 60 are right 9 times in 10, the next 40 right 1 time in 4.
    const correct = confidence.map((_, i) => (i < 60 ? i % 10 !== 9 : i % 4 === 0));
    const t = thresholdForPrecision(confidence, correct, 0.8);
    expect(t.precision).toBeGreaterThanOrEqual(0.8);
    // 57 right of the top 71 (0.803); one more row and it falls under 0.8 for good.
    expect(t.minScore).toBeCloseTo(confidence[70] as number, 10);
    expect(t.coverage).toBeCloseTo(0.71, 10);
    expect(thresholdForPrecision(confidence, correct, 0.99).minScore).toBe(1);
  });
});

describe('a calibrated driver model', () => {
  const words = {
    billing: ['invoice', 'charged', 'refund', 'bill'],
    network: ['signal', 'outage', 'coverage', 'network'],
    delivery: ['parcel', 'courier', 'delivery', 'package'],
  };
  const random = seededRandom(3);
  const pick = (a: string[]) => a[Math.floor(random() * a.length)] as string;
  const keys = Object.keys(words) as (keyof typeof words)[];
  // The words tell the driver, but one label in four is another driver's: the model cannot be
  // sure, and its right confidence is about 0.75.
  const examples = Array.from({ length: 300 }, (_, i) => {
    const driver = keys[i % 3]!;
    const label = random() < 0.25 ? keys[(i + 1 + (i % 2)) % 3]! : driver;
    return { text: `my ${pick(words[driver])} is a mess, ${pick(words[driver])} again`, label };
  });

  it('stores its temperature and threshold in the model file, and the classifier applies them', () => {
    const model = trainModel(examples, {
      task: 'driver',
      lang: 'en',
      source: 'synthetic',
      tuneFolds: 3,
      features: { charMax: 0 },
      calibration: { targetPrecision: 0.7 },
    });
    const c = model.info.calibration;
    expect(c?.method).toBe('temperature');
    expect(c!.temperature).toBeGreaterThan(0);
    expect(c!.ece).toBeLessThan(0.2);
    expect(c?.threshold?.targetPrecision).toBe(0.7);
    const loaded = parseModel(serializeModel(model));
    expect(loaded.info.calibration).toEqual(c);

    const text = 'my invoice is a mess, refund again';
    // A threshold no score reaches: no driver, but the best one is still told with its score.
    const strict = {
      ...loaded,
      info: {
        ...loaded.info,
        calibration: { ...c!, threshold: { targetPrecision: 0.99, minScore: 0.999, coverage: 0 } },
      },
    };
    const r = createDriverClassifier({ en: strict }, 0).classify(text, 'en');
    expect(r?.driver).toBeNull();
    expect(r?.best.label).toBe('billing');
    expect(r?.best.score).toBeGreaterThan(0.34);
    expect(r?.best.score).toBeLessThan(0.999);
    // The model's own threshold, not the taxonomy's 0.35, decides.
    const own = createDriverClassifier({ en: loaded }, 0.999).classify(
      'my invoice is a mess',
      'en',
    );
    expect(own?.driver?.label).toBe('billing');
  });
});
