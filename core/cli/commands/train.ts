import { saveModel } from '../../classification/model/model-file.js';
import { MODEL_TASKS, type Task } from '../../classification/model/labels.js';
import { trainFromFile } from '../../classification/model/train-file.js';
import { parseCliArgs } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';

const usage = `
Usage: ecoute train --task sentiment|dissatisfied|idea|driver --input FILE.csv --text-column C
                    --label-column L [--lang fr|en] [--bits N] [--char-ngrams MIN-MAX|none]
                    --out MODEL.json

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
    });
    for (const name of ['task', 'input', 'text-column', 'label-column', 'out'] as const) {
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
    io.stderr.write(
      `train: wrote ${values.out} (${model.info.version}${figures}) in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
    return 0;
  },
};
