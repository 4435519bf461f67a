import { saveModel } from '../../classification/model/model-file.js';
import { MODEL_TASKS, type Task } from '../../classification/model/labels.js';
import { trainFromFile } from '../../classification/model/train-file.js';
import { parseCliArgs } from '../args.js';
import { UsageError, type CliCommand, type CliIo } from '../command.js';
import { adaptModel, learningCurve } from '../../classification/training/adapt.js';
import type { AnalysisTask } from '../../classification/training/recipe.js';
import { shippedModels } from '../../classification/analyzer/model-set.js';
import { loadModel } from '../../classification/model/model-file.js';
import type { Model } from '../../classification/model/model.js';
import { readCsvRows, rowsToExamples } from '../../classification/model/read-csv.js';

const usage = `
Usage: ecoute train --task sentiment|dissatisfied|idea|driver --input FILE.csv --text-column C
                    --label-column L [--lang fr|en] [--bits N] [--char-ngrams MIN-MAX|none]
                    [--base shipped|MODEL.json] [--curve] --out MODEL.json

With --base shipped (or a model file of the same task and language), the model starts from the
shipped model and learns the file's rows on top of it: a few hundred rows then go further than
the same rows alone. --curve prints, before training, a learning curve by 3-fold cross-validation
on the file (macro-F1 at 50, 100, 200 and 500 rows, adapted and alone; --out may then be left out).

Trains one model (one task, one language) from a CSV file with a header row and writes it as a
versioned model file. Labels as in the file: 1/0, true/false or yes/no for dissatisfied and idea;
negative/neutral/positive for sentiment; driver names for driver (rows with an empty label are
skipped; e.g. --label-column negative_reason). With --lang, a file with a "lang" column is restricted to
that language's rows (default: en). --bits: size of the hashed feature table, 2^N (default 20).
--char-ngrams: character n-gram lengths (default: the task's recipe; "none" for words only, the
better choice below a few thousand rows). Progress goes to stderr.
`;

function charNgrams(value: string | undefined): { charMin?: number; charMax?: number } {
  if (value === undefined) return {};
  if (value === 'none') return { charMin: 0, charMax: 0 };
  const m = /^(\d)-(\d)$/.exec(value);
  const [min, max] = m ? [Number(m[1]), Number(m[2])] : [0, 0];
  if (!m || min < 1 || max < min)
    throw new UsageError(`--char-ngrams: "${value}" is not "none" or MIN-MAX (e.g. 2-5)`);
  return { charMin: min, charMax: max };
}

export const command: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(args, {
      task: { type: 'string' },
      input: { type: 'string' },
      'text-column': { type: 'string' },
      'label-column': { type: 'string' },
      lang: { type: 'string', default: 'en' },
      bits: { type: 'string' },
      'char-ngrams': { type: 'string' },
      out: { type: 'string' },
      base: { type: 'string' },
      curve: { type: 'boolean', default: false },
    });
    const required = ['task', 'input', 'text-column', 'label-column'] as const;
    for (const name of values.curve ? required : [...required, 'out' as const]) {
      if (!values[name]) throw new UsageError(`--${name} is required`);
    }
    if (!MODEL_TASKS.includes(values.task as Task))
      throw new UsageError(`--task: "${values.task}" is not one of ${MODEL_TASKS.join(', ')}`);
    if (values.lang !== 'fr' && values.lang !== 'en')
      throw new UsageError(`--lang: "${values.lang}" is not fr or en`);
    const bits = values.bits === undefined ? undefined : Number(values.bits);
    if (bits !== undefined && !(Number.isInteger(bits) && bits >= 10 && bits <= 24))
      throw new UsageError(`--bits: "${values.bits}" is not an integer from 10 to 24`);
    const features = {
      ...(bits === undefined ? {} : { bits }),
      ...charNgrams(values['char-ngrams']),
    };
    if (values.base !== undefined || values.curve) {
      if (values.task === 'driver')
        throw new UsageError('--base and --curve: the drivers have no shipped model to start from');
      if (bits !== undefined || values['char-ngrams'] !== undefined)
        throw new UsageError('--bits and --char-ngrams: an adapted model keeps its base features');
      return adapt(
        {
          task: values.task as AnalysisTask,
          lang: values.lang,
          input: values.input as string,
          textColumn: values['text-column'] as string,
          labelColumn: values['label-column'] as string,
          base: values.base ?? 'shipped',
          curve: values.curve === true,
          out: values.out,
        },
        io,
      );
    }
    const started = Date.now();
    const model = await trainFromFile({
      task: values.task as Task,
      input: values.input as string,
      textColumn: values['text-column'] as string,
      labelColumn: values['label-column'] as string,
      lang: values.lang,
      features,
      onProgress: (m) => io.stderr.write(`train: ${m}\n`),
    });
    await saveModel(model, values.out as string);
    const cv = model.info.evaluation;
    const figures = cv
      ? `, cross-validated accuracy ${cv.accuracy.toFixed(4)}, macro-F1 ${cv.macroF1.toFixed(4)}`
      : '';
    const c = model.info.calibration;
    if (c)
      io.stderr.write(
        `train: calibrated: temperature ${c.temperature}, out-of-fold calibration error ${c.ece}${c.threshold ? `, threshold ${c.threshold.minScore} for precision ${c.threshold.targetPrecision} (${Math.round(c.threshold.coverage * 100)} % assigned)` : ''}\n`,
      );
    io.stderr.write(
      `train: wrote ${values.out} (${model.info.version}${figures}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  },
};

interface AdaptArgs {
  task: AnalysisTask;
  lang: 'fr' | 'en';
  input: string;
  textColumn: string;
  labelColumn: string;
  base: string;
  curve: boolean;
  out: string | undefined;
}

async function baseModel(a: AdaptArgs): Promise<Model> {
  const model =
    a.base === 'shipped'
      ? shippedModels().find((m) => m.info.task === a.task && m.info.lang === a.lang)
      : await loadModel(a.base).catch((err: Error) => {
          throw new UsageError(`--base: ${err.message}`);
        });
  if (!model || model.info.task !== a.task || model.info.lang !== a.lang)
    throw new UsageError(`--base: not a ${a.task} model for ${a.lang}`);
  return model;
}

const f3 = (x: number) => x.toFixed(3);

async function adapt(a: AdaptArgs, io: CliIo): Promise<number> {
  const started = Date.now();
  const base = await baseModel(a);
  let rows = await readCsvRows(a.input);
  if (rows[0] && 'lang' in rows[0])
    rows = rows.filter((r) => r.lang?.trim().toLowerCase() === a.lang);
  const examples = rowsToExamples(rows, a, a.input);
  const o = { task: a.task, lang: a.lang, source: a.input };
  if (a.curve) {
    const curve = learningCurve(examples, base, {
      ...o,
      onProgress: (m) => io.stderr.write(`train: ${m}\n`),
    });
    io.stdout.write(
      `learning curve, ${a.task} ${a.lang}, ${curve.folds}-fold cross-validation on ${examples.length} rows (macro-F1)\n` +
        `rows\tadapted from ${a.base}\talone\n` +
        `0\t${f3(curve.shipped)}\t-\n` +
        curve.points.map((p) => `${p.rows}\t${f3(p.withShipped)}\t${f3(p.alone)}\n`).join(''),
    );
  }
  if (!a.out) return 0;
  const model = adaptModel(base, examples, o);
  await saveModel(model, a.out);
  const cv = model.info.evaluation;
  io.stderr.write(
    `train: wrote ${a.out} (${model.info.version}, adapted from ${base.info.version}` +
      `${cv ? `, cross-validated macro-F1 ${cv.macroF1.toFixed(4)}` : ''}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
  );
  return 0;
}
