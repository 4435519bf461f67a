/**
 * Drivers of discontent on public data, reproducible in one command:
 *
 *   npm run eval:drivers -- [DATA_DIR] [--uncalibrated] [--json]
 *
 * A dissatisfied model and the driver recipe (calibrated, with its threshold for a target
 * precision) both trained on 80 % of the airline tweets, then the held-out negative tweets with
 * one of the nine reasons go through both as in the pipeline, "no driver" counted as wrong
 * (core/drivers/driver-pipeline-benchmark.ts). `--uncalibrated`: the same without calibration,
 * held to the former fixed threshold 0.35. DATA_DIR defaults to $ECOUTE_SHARED_DIR/data, then
 * ../shared/data.
 */
import path from 'node:path';
import { formatEvaluation } from '../core/classification/model/metrics.js';
import {
  airlinePipelineFigures,
  PIPELINE_GOAL,
} from '../core/drivers/driver-pipeline-benchmark.js';

const args = process.argv.slice(2);
const dataDir =
  args.find((a) => !a.startsWith('--')) ??
  path.join(process.env.ECOUTE_SHARED_DIR ?? path.resolve('../shared'), 'data');
const calibrated = !args.includes('--uncalibrated');
const started = Date.now();
const { driverModel, ...f } = await airlinePipelineFigures(dataDir, {
  calibrated,
  log: (m) => process.stderr.write(`${m}\n`),
});
const calibration = driverModel.info.calibration ?? null;
if (args.includes('--json')) {
  process.stdout.write(
    `${JSON.stringify({ model: driverModel.info.version, goal: PIPELINE_GOAL, calibration, ...f }, null, 2)}\n`,
  );
} else {
  const x = (v: number) => v.toFixed(4);
  const mark = (v: number, goal: number, higher = true) =>
    (higher ? v >= goal : v <= goal) ? 'meets' : 'below';
  const r = f.rows;
  process.stdout.write(
    [
      `airline drivers, ${calibrated ? 'calibrated' : 'uncalibrated, threshold 0.35'}: trained on ${r.train} tweets (${r.driverTrain} with a reason), tested on ${r.test} held-out negative tweets (${r.judgedDissatisfied} judged dissatisfied)`,
      calibration
        ? `calibration: temperature ${calibration.temperature}, threshold ${calibration.threshold?.minScore} for precision ${calibration.threshold?.targetPrecision} (out of fold: ECE ${calibration.ece}, coverage ${calibration.threshold?.coverage})`
        : 'calibration: none',
      `accuracy, no driver wrong     ${x(f.accuracy)} (goal ${PIPELINE_GOAL.accuracy}, ${mark(f.accuracy, PIPELINE_GOAL.accuracy)})`,
      `  over those judged dissat.   ${x(f.accuracyJudged)}`,
      `macro-F1, 9 reasons           ${x(f.macroF1)} (goal ${PIPELINE_GOAL.macroF1}, ${mark(f.macroF1, PIPELINE_GOAL.macroF1)})`,
      `expected calibration error    ${x(f.ece)} (goal ≤ ${PIPELINE_GOAL.ece}, ${mark(f.ece, PIPELINE_GOAL.ece, false)})`,
      `given a driver                ${x(f.coverage)} of the negative tweets, ${x(f.precision)} of them right`,
      '',
      'the driver model alone on every held-out tweet with a reason:',
      formatEvaluation(f.modelOnly),
    ].join('\n'),
  );
}
process.stderr.write(`done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
