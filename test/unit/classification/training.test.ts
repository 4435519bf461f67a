import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDefaultAnalyzer } from '../../../core/classification/analyzer/default-analyzer.js';
import { evaluateModel, predictLabel } from '../../../core/classification/model/evaluate-model.js';
import {
  loadModel,
  loadModelsFromDir,
  saveModel,
} from '../../../core/classification/model/model-file.js';
import { readCsvRows, rowsToExamples } from '../../../core/classification/model/read-csv.js';
import { trainFromExamples } from '../../../core/classification/model/train-file.js';
import { trainModel, type TrainingExample } from '../../../core/classification/model/train.js';

const messages = path.resolve('core/classification/training/messages.csv');
let dir: string;
let english: TrainingExample[];
let englishIdeas: TrainingExample[];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'ecoute-train-'));
  const rows = (await readCsvRows(messages)).filter((r) => r.lang === 'en');
  english = rowsToExamples(rows, { textColumn: 'text', labelColumn: 'sentiment' }, messages);
  englishIdeas = rowsToExamples(rows, { textColumn: 'text', labelColumn: 'idea' }, messages);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('training and model files', () => {
  it('trains a model that describes its data, and reads back with the same predictions', async () => {
    const model = trainModel(english, {
      task: 'sentiment',
      lang: 'en',
      source: 'messages.csv',
      features: { bits: 16, charMax: 0 },
    });
    expect(model.info).toMatchObject({
      format: 'ecoute-model',
      task: 'sentiment',
      lang: 'en',
      training: { rows: english.length },
    });
    expect(model.info.training.labelCounts).toEqual({ negative: 225, neutral: 133, positive: 115 });
    expect(model.info.evaluation?.macroF1).toBeGreaterThan(0.6);
    const file = path.join(dir, 'sentiment-en.json');
    await saveModel(model, file);
    const loaded = await loadModel(file);
    expect(loaded.info.version).toBe(model.info.version);
    for (const e of english.slice(0, 40))
      expect(predictLabel(loaded, e.text)).toBe(predictLabel(model, e.text));
    const fit = evaluateModel(loaded, english);
    expect(fit.accuracy).toBeGreaterThan(0.9);
    expect(fit.confusion.flat().reduce((a, b) => a + b, 0)).toBe(english.length);
    expect((await loadModelsFromDir(dir)).map((m) => m.info.version)).toEqual([model.info.version]);
  });

  it('rejects a file that is not a model, naming the field', async () => {
    const file = path.join(dir, 'bad.txt');
    await import('node:fs/promises').then((fs) =>
      fs.writeFile(
        file,
        JSON.stringify({ format: 'ecoute-model', formatVersion: 1, task: 'mood' }),
      ),
    );
    await expect(loadModel(file)).rejects.toThrow(/task: "mood"/);
  });

  it('rejects labels that mean nothing for the task, naming the row', () => {
    expect(() =>
      trainModel(
        [
          { text: 'a', label: '1' },
          { text: 'b', label: 'maybe' },
        ],
        { task: 'idea', lang: 'en', source: 't' },
      ),
    ).toThrow(/row 2: "maybe"/);
  });

  it('changes the next model after a person corrects a label', () => {
    const text = 'The lounge has a karaoke corner now';
    const options = {
      task: 'sentiment',
      lang: 'en',
      source: 'messages.csv',
      features: { bits: 16, charMax: 0 },
      tuneFolds: 0,
    } as const;
    const before = trainModel(english, options);
    expect(predictLabel(before, text)).not.toBe('negative');
    // A correction is stored as a labelled example; retraining weighs it like the others.
    const corrections = Array.from({ length: 8 }, () => ({ text, label: 'negative' }));
    const after = trainFromExamples([...english, ...corrections], {
      task: 'sentiment',
      lang: 'en',
      source: 'messages.csv + corrections',
      features: { bits: 16 },
    });
    expect(predictLabel(after, text)).toBe('negative');
    const analyzer = createDefaultAnalyzer([after]);
    expect(analyzer.analyze({ text }).sentiment.label).toBe('negative');
  });

  it('keeps the file compact: only non-zero weights are stored', async () => {
    const model = trainModel(englishIdeas, {
      task: 'idea',
      lang: 'en',
      source: 'm',
      features: { bits: 20, charMax: 0 },
      tuneFolds: 0,
    });
    const file = path.join(dir, 'idea-en.json');
    await saveModel(model, file);
    // 2^20 × 2 classes × 4 bytes would be 8 MB dense.
    expect((await readFile(file)).length).toBeLessThan(300_000);
  });
});
