import { stat } from 'node:fs/promises';
import path from 'node:path';
import { SingleBar, Presets } from 'cli-progress';
import { importRecords, importSource } from '../../ingestion/file-import.js';
import { formatOf, openRecords, type ImportFormat } from '../../ingestion/record-parsers.js';
import { parseCliArgs } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';
import { openServices } from '../context.js';

export const command: CliCommand = {
  usage: `Usage: ecoute import FILE [--format csv|jsonl] [--source NAME]

Reads FILE (.csv with a header row, or .jsonl with one mention object per line), stores every
valid mention (a mention already stored is counted as a duplicate) and queues its analysis.
Invalid lines are reported with their line number and reason; the valid ones are kept.
Exit code: 0 when every line was accepted or a duplicate, 1 when some lines were rejected.

JSON Lines fields: platform, externalId, text, publishedAt (required); url, title, langHint,
author {id, handle, name, followers, profileUrl}, parentId, threadId, quotedId, likes, reposts,
replies, score.
CSV columns: platform, external_id, text, published_at (required); url, title, lang, author_id,
author_handle, author_name, author_followers, author_profile_url, parent_id, thread_id,
quoted_id, likes, reposts, replies, score.`,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(
      args,
      { format: { type: 'string' }, source: { type: 'string' } },
      true,
    );
    const file = positionals[0];
    if (!file || positionals.length > 1) throw new UsageError('exactly one FILE is required');
    const format = (values.format ?? formatOf(file)) as ImportFormat | undefined;
    if (format !== 'csv' && format !== 'jsonl') {
      throw new UsageError(
        'cannot tell the format: name the file .csv or .jsonl, or pass --format',
      );
    }
    const size = (
      await stat(file).catch(() => {
        throw new UsageError(`cannot read ${file}`);
      })
    ).size;

    const services = await openServices(io.env, { queues: true, migrate: true });
    const bar = new SingleBar(
      {
        stream: io.stderr as NodeJS.WriteStream,
        format: 'importing [{bar}] {percentage}% | {value} lines',
        noTTYOutput: false,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    try {
      const sourceId = await importSource(
        services.db,
        values.source ?? `import: ${path.basename(file)}`,
      );
      bar.start(Math.max(1, Math.round(size / 200)), 0);
      const summary = await importRecords(
        {
          db: services.db,
          queues: services.queues,
          logger: services.logger,
          analyzeBatchSize: services.config.ANALYZE_BATCH_SIZE,
        },
        sourceId,
        openRecords(file, format),
        { onBatch: (s) => bar.update(s.read, {}) },
      );
      bar.setTotal(summary.read);
      bar.update(summary.read);
      bar.stop();
      io.stderr.write(
        `read ${summary.read} lines: ${summary.accepted} accepted, ${summary.duplicates} duplicates, ` +
          `${summary.rejectedCount} rejected\n`,
      );
      for (const r of summary.rejected) io.stderr.write(`  line ${r.line}: ${r.reason}\n`);
      if (summary.rejectedCount > summary.rejected.length) {
        io.stderr.write(`  … and ${summary.rejectedCount - summary.rejected.length} more\n`);
      }
      return summary.rejectedCount > 0 ? 1 : 0;
    } finally {
      bar.stop();
      await services.close();
    }
  },
};
