import { modelsDir } from '../../config/config.js';
import { CORRECTABLE_TASKS, type CorrectableTask } from '../../corrections/correction.service.js';
import { startReanalysis } from '../../corrections/reanalysis.service.js';
import { retrainFromCorrections } from '../../corrections/retrain.service.js';
import { parseCliArgs } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';
import { openServices } from '../context.js';

export const command: CliCommand = {
  usage: `Usage: ecoute retrain --task sentiment|dissatisfied|idea --lang fr|en [--base FILE.csv] [--reanalyze]

Adapts the shipped model of one task and language to every correction stored for that task and
language (the shipped model is the starting point, the corrections move it and set its
thresholds); with --base, trains on that CSV (columns text, lang and the task) plus the
corrections (each counting three times) instead. Writes the model to ECOUTE_MODELS_DIR (default
$ECOUTE_HOME/models), where the analysis threads pick it up at their next batch. With
--reanalyze, every stored mention is then queued for analysis again with the new model.`,
  async run(args, io) {
    const { values } = parseCliArgs(args, {
      task: { type: 'string' },
      lang: { type: 'string' },
      base: { type: 'string' },
      reanalyze: { type: 'boolean', default: false },
    });
    if (!CORRECTABLE_TASKS.includes(values.task as CorrectableTask)) {
      throw new UsageError(`--task must be one of ${CORRECTABLE_TASKS.join(', ')}`);
    }
    if (values.lang !== 'fr' && values.lang !== 'en')
      throw new UsageError('--lang must be fr or en');
    const services = await openServices(io.env, { queues: values.reanalyze, migrate: true });
    try {
      const outcome = await retrainFromCorrections(services.db, {
        task: values.task as CorrectableTask,
        lang: values.lang,
        modelsDir: modelsDir(services.config),
        ...(values.base ? { baseFile: values.base } : {}),
      });
      io.stderr.write(
        `trained ${outcome.task}-${outcome.lang} ${outcome.version} from ${outcome.baseExamples} base rows ` +
          `and ${outcome.corrections} corrections → ${outcome.file}\n`,
      );
      if (values.reanalyze && services.queues) {
        const run = await startReanalysis(services.db, services.queues, {}, null);
        io.stderr.write(
          `re-analysis run #${run.id} queued for ${run.total} mentions (GET /api/v1/reanalysis/${run.id})\n`,
        );
      }
      return 0;
    } finally {
      await services.close();
    }
  },
};
