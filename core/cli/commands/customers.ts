import { createReadStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { parseColumnMap } from '../../customers/crm-row.js';
import { importCustomers } from '../../customers/customer-import.js';
import { DomainError } from '../../errors.js';
import { parseCliArgs } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';
import { openServices } from '../context.js';

export const command: CliCommand = {
  usage: `Usage: ecoute customers import FILE [--map field=Column,…]

Reads a CRM export (CSV with a header row) and creates or updates accounts keyed on their CRM id.
Fields: crm_id and name (required), tier, plan, region, value (ARR), owner, handles
("platform:handle" separated by ";"), email_domains, website. Columns named like the fields (or
id, segment, arr, arr_eur) are found without a mapping; --map name=Company,crm_id=Id maps others.
Lines with a missing id or name or a bad value are reported (line, field, reason) and skipped.
Handles the CRM lists link their authors at once; other identity suggestions are queued.
Exit code: 0 when every line was stored, 1 when some were rejected.`,
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, { map: { type: 'string' } }, true);
    const [sub, file, ...rest] = positionals;
    if (sub !== 'import' || !file || rest.length > 0)
      throw new UsageError('expected: customers import FILE');
    let map;
    try {
      map = parseColumnMap(values.map);
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    await access(file).catch(() => {
      throw new UsageError(`cannot read ${file}`);
    });
    const services = await openServices(io.env, { queues: true, migrate: true });
    try {
      const s = await importCustomers(services.db, createReadStream(file), map);
      if (s.customerIds.length > 0)
        await services.queues!.enqueue('customers.link', { customerIds: s.customerIds });
      io.stderr.write(
        `read ${s.read} lines: ${s.created} created, ${s.updated} updated, ${s.rejected.length} issues on rejected lines, ` +
          `${s.linked} accounts linked by handle\n`,
      );
      for (const r of s.rejected) io.stderr.write(`  line ${r.line}: ${r.field}: ${r.reason}\n`);
      for (const w of s.warnings)
        io.stderr.write(`  line ${w.line} (kept): ${w.field}: ${w.reason}\n`);
      return s.rejected.length > 0 ? 1 : 0;
    } catch (err) {
      if (err instanceof DomainError) {
        io.stderr.write(`${err.message}\n`);
        return 1;
      }
      throw err;
    } finally {
      await services.close();
    }
  },
};
