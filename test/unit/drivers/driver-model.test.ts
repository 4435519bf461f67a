import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModel, predictLabel, saveModel } from '../../../core/classification/index.js';
import { readExamples } from '../../../core/classification/model/read-csv.js';
import { DEFAULT_DRIVERS } from '../../../core/drivers/default-taxonomy.js';
import { createDriverClassifier } from '../../../core/drivers/driver-classifier.js';
import { driverTrainingSet, trainDriverModel } from '../../../core/drivers/driver-model.js';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/drivers');
const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('driver models', () => {
  it('round-trips a model trained on a small labelled set through its file', async () => {
    const examples = await readExamples(path.join(fixtures, 'complaints-en.csv'), {
      textColumn: 'text',
      labelColumn: 'driver',
    });
    const model = trainDriverModel(
      { phrases: [], corrections: examples },
      'en',
      'complaints-en.csv',
    );
    expect(model?.info.task).toBe('driver');
    expect(model?.members[0]?.classes).toEqual([
      'billing',
      'customer_service',
      'delivery_installation',
      'network',
      'product_app',
    ]);
    const dir = await mkdtemp(path.join(tmpdir(), 'ecoute-drivers-'));
    dirs.push(dir);
    const file = path.join(dir, 'driver-en.json');
    await saveModel(model!, file);
    const loaded = await loadModel(file);
    expect(loaded.info.version).toBe(model!.info.version);
    expect(JSON.parse(await readFile(file, 'utf8')).task).toBe('driver');
    const labels = examples.map((e) => predictLabel(loaded, e.text));
    expect(labels).toEqual(examples.map((e) => predictLabel(model!, e.text)));
    const right = labels.filter((l, i) => l === examples[i]!.label).length;
    expect(right / examples.length).toBeGreaterThanOrEqual(0.9);
  });

  it('assigns drivers from the shipped taxonomy phrases alone, in French and in English', async () => {
    const fr = trainDriverModel(driverTrainingSet(DEFAULT_DRIVERS, 'fr'), 'fr', 'phrases');
    const en = trainDriverModel(driverTrainingSet(DEFAULT_DRIVERS, 'en'), 'en', 'phrases');
    const c = createDriverClassifier({ fr, en }, 0.35);
    let right = 0;
    let total = 0;
    for (const lang of ['fr', 'en'] as const) {
      const rows = await readExamples(path.join(fixtures, `complaints-${lang}.csv`), {
        textColumn: 'text',
        labelColumn: 'driver',
      });
      for (const r of rows) {
        total++;
        if (c.classify(r.text, lang)?.driver?.label === r.label) right++;
      }
    }
    // Phrases only, never these sentences: most are recognised, the rest fall under the threshold.
    expect(right / total).toBeGreaterThanOrEqual(0.6);
    const billing = c.classify('Prélevé deux fois par Vélia, toujours pas remboursé', 'fr');
    expect(billing?.driver?.label).toBe('billing');
    expect(billing?.evidence.map((e) => e.match)).toContain('remboursé');
  });

  it('gives no driver below the threshold rather than a wrong one', () => {
    const en = trainDriverModel(driverTrainingSet(DEFAULT_DRIVERS, 'en'), 'en', 'phrases');
    const c = createDriverClassifier({ en }, 0.35);
    const vague = c.classify('meh, not great honestly', 'en');
    expect(vague?.driver).toBeNull();
    expect(vague?.best.score).toBeLessThan(0.35);
    expect(c.classify('anything', 'fr')).toBeUndefined();
  });

  it('lets corrections outweigh the phrases they contradict', () => {
    const base = driverTrainingSet(DEFAULT_DRIVERS, 'en');
    const text = 'the loyalty points vanished from my account';
    const before = createDriverClassifier({ en: trainDriverModel(base, 'en', 'phrases') }, 0);
    const corrections = Array.from({ length: 4 }, (_, i) => ({
      text: `${text} ${'again '.repeat(i)}`,
      label: 'billing',
    }));
    const after = createDriverClassifier(
      { en: trainDriverModel(driverTrainingSet(DEFAULT_DRIVERS, 'en', corrections), 'en', 'p+c') },
      0,
    );
    const b = before.classify(text, 'en')!.best;
    const a = after.classify(text, 'en')!.best;
    expect(a.label).toBe('billing');
    expect(b.label !== 'billing' || a.score > b.score).toBe(true);
  });
  it('calibrates a model trained on enough corrections for the taxonomy target precision, not one of phrases', () => {
    const words: Record<string, string[]> = {
      billing: ['invoice', 'charged twice', 'refund', 'bill'],
      network: ['no signal', 'outage', 'coverage', 'network down'],
      delivery_installation: ['parcel', 'courier', 'technician', 'installation'],
    };
    const keys = Object.keys(words);
    const corrections = Array.from({ length: 240 }, (_, i) => {
      const label = keys[i % 3]!;
      const w = words[label]!;
      return { text: `${w[i % 4]} again, ${w[(i + 1) % 4]} since ${i % 7} days`, label };
    });
    const calibrated = trainDriverModel(
      driverTrainingSet(DEFAULT_DRIVERS, 'en', corrections),
      'en',
      'p+c',
      undefined,
      0.9,
    );
    const c = calibrated?.info.calibration;
    expect(c?.method).toBe('temperature');
    expect(c?.threshold?.targetPrecision).toBe(0.9);
    expect(c?.threshold?.minScore).toBeGreaterThanOrEqual(0);
    expect(c?.threshold?.minScore).toBeLessThanOrEqual(1);
    const phrases = trainDriverModel(
      driverTrainingSet(DEFAULT_DRIVERS, 'en'),
      'en',
      'p',
      undefined,
      0.9,
    );
    expect(phrases?.info.calibration).toBeUndefined();
  });
});
