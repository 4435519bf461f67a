import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { createDefaultAnalyzer } from '../../classification/analyzer/default-analyzer.js';
import { loadModel } from '../../classification/model/model-file.js';
import { driverOf, offlineDriverClassifier } from '../../drivers/offline-classifier.js';
import { parseCliArgs } from '../args.js';
import type { CliCommand } from '../command.js';

const usage = `
Usage: ecoute classify [--model MODEL.json]...

Reads JSON Lines {"id", "text"} (optional "lang": the platform's language tag, a hint) on stdin and
writes one JSON line per input on stdout:
  {"id","lang","sentiment":{"label","score"},"dissatisfied","signals":{"discontent",
   "churn_intent","disappointment","confusion"},"idea","evidence":[...],"driver","driver_best"}
"driver" is {"label","score"} for a dissatisfied mention whose most probable driver reaches the
threshold, null otherwise; "driver_best" is the most probable driver of a dissatisfied French or
English mention and its score even under the threshold (null otherwise). A calibrated driver
model's score is a probability and its threshold the one chosen at training for a target
precision. A --model file of task driver replaces the shipped taxonomy's model.
Each --model file replaces the shipped default for its task and language; the shipped models
cover the rest. Input is streamed; blank lines are ignored. A bad line is reported on stderr with
its line number and the reason, and skipped. Exit code: 0 when every line was good, 1 when some
lines were bad (the good ones are still classified), 2 on a usage error.
`;

interface InputLine {
  id: string | number;
  text: string;
  lang?: string | null;
}

/** The line as an input, or the reason it is not one. */
function parseLine(line: string): InputLine | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'not valid JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return 'not a JSON object';
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string' && typeof o.id !== 'number')
    return '"id": missing, or not a string or a number';
  if (typeof o.text !== 'string') return '"text": missing, or not a string';
  if (o.lang !== undefined && o.lang !== null && typeof o.lang !== 'string')
    return '"lang": not a string';
  return { id: o.id, text: o.text, lang: (o.lang as string | null | undefined) ?? null };
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export const command: CliCommand = {
  usage,
  async run(args, io) {
    const { values } = parseCliArgs(args, { model: { type: 'string', multiple: true } });
    const models = await Promise.all((values.model ?? []).map((file) => loadModel(file)));
    const analyzer = createDefaultAnalyzer(models.filter((m) => m.info.task !== 'driver'));
    let drivers: ReturnType<typeof offlineDriverClassifier> | undefined;
    const driverClassifier = () => (drivers ??= offlineDriverClassifier(models));
    io.stderr.write(`classify: analyzer ${analyzer.version}\n`);
    const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
    let lineNo = 0;
    let bad = 0;
    let done = 0;
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === '') continue;
      const input = parseLine(line);
      if (typeof input === 'string') {
        bad++;
        io.stderr.write(`classify: line ${lineNo}: ${input}; skipped\n`);
        continue;
      }
      const analysis = analyzer.analyze({ text: input.text, langHint: input.lang });
      const drivers = driverOf(driverClassifier, input.text, analysis);
      await write(io.stdout, `${JSON.stringify({ id: input.id, ...analysis, ...drivers })}\n`);
      done++;
    }
    io.stderr.write(`classify: ${done} classified, ${bad} bad line${bad === 1 ? '' : 's'}\n`);
    return bad > 0 ? 1 : 0;
  },
};
