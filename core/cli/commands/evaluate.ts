import { evaluateModel } from '../../classification/model/evaluate-model.js';
import { formatEvaluation } from '../../classification/model/metrics.js';
import { loadModel } from '../../classification/model/model-file.js';
import { readExamples } from '../../classification/model/read-csv.js';
import { parseCliArgs } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';

const usage = `
Usage: ecoute evaluate --model MODEL.json --input FILE.csv --text-column C --label-column L [--json]

Applies a model to a labelled CSV file and prints accuracy, macro-F1, precision, recall and F1 per
class and the confusion matrix: as a table, or as one JSON document with --json.
`;

export const command: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(args, {
      model: { type: 'string' },
      input: { type: 'string' },
      'text-column': { type: 'string' },
      'label-column': { type: 'string' },
      json: { type: 'boolean', default: false },
    });
    for (const name of ['model', 'input', 'text-column', 'label-column'] as const) {
      if (!values[name]) throw new UsageError(`--${name} is required`);
    }
    const model = await loadModel(values.model as string);
    const examples = await readExamples(values.input as string, {
      textColumn: values['text-column'] as string,
      labelColumn: values['label-column'] as string,
    });
    const evaluation = evaluateModel(model, examples);
    if (values.json) {
      io.stdout.write(
        `${JSON.stringify({ model: model.info.version, task: model.info.task, lang: model.info.lang, ...evaluation })}\n`,
      );
    } else {
      io.stdout.write(
        `model     ${model.info.version} (${model.info.task}, ${model.info.lang})\n${formatEvaluation(evaluation)}`,
      );
    }
    return 0;
  },
};
