import { parseCliArgs } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';
import { openServices } from '../context.js';
import { computeInfluence } from '../../influence/influence.service.js';

const usage = `
Usage: ecoute influence compute [--topic ID] [--window 30]

Computes the influence scores of one topic (all mentions without --topic) over the last
--window days, now, and stores them as the latest results of that topic and window (what
GET /api/v1/influencers serves). The workers do the same every hour for every topic and for
7, 30 and 90 days. Prints a JSON summary: authors, edges, PageRank iterations and timings.

  --topic ID     topic id (default: every mention, whatever its topic)
  --window DAYS  1..365 (default 30)
`;

const options = {
  topic: { type: 'string' },
  window: { type: 'string', default: '30' },
} as const;

export const command: CliCommand = {
  usage,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, options, true);
    if (positionals[0] !== 'compute' || positionals.length > 1) {
      throw new UsageError(`expected the subcommand "compute", got "${positionals.join(' ')}"`);
    }
    const windowDays = Number(values.window);
    if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 365) {
      throw new UsageError(
        `--window: "${values.window}" is not a whole number of days from 1 to 365`,
      );
    }
    const services = await openServices(io.env, { migrate: true });
    try {
      const summary = await computeInfluence(
        { db: services.db },
        { topicId: values.topic ?? null, windowDays },
      );
      io.stdout.write(`${JSON.stringify(summary)}\n`);
      return 0;
    } finally {
      await services.close();
    }
  },
};
