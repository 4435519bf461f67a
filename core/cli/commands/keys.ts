import { createApiKey, listApiKeys, revokeApiKey, ROLES, type Role } from '../../auth/api-keys.js';
import { parseCliArgs } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';
import { openServices } from '../context.js';
import { audit } from '../../audit/audit.js';

export const command: CliCommand = {
  usage: `Usage:
  ecoute keys create --name NAME [--role admin|analyst|agent|viewer]
                                     prints the new key once (on stdout)
  ecoute keys list
  ecoute keys revoke ID`,
  async run(args, io) {
    const [sub, ...rest] = args;
    const services = await openServices(io.env);
    try {
      if (sub === 'create') {
        const { values } = parseCliArgs(rest, {
          name: { type: 'string' },
          role: { type: 'string', default: 'admin' },
        });
        if (!values.name) throw new UsageError('--name is required');
        if (!ROLES.includes(values.role as Role)) {
          throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        }
        const created = await createApiKey(services.db, values.name, values.role as Role);
        await audit(
          services.db,
          'system',
          'key.create',
          { type: 'api_key', id: created.id },
          { name: values.name, role: values.role, via: 'cli' },
        );
        io.stderr.write(
          `created ${values.role} key #${created.id} "${values.name}" (shown once):\n`,
        );
        io.stdout.write(`${created.key}\n`);
        return 0;
      }
      if (sub === 'list') {
        for (const k of await listApiKeys(services.db)) {
          const state = k.revoked_at ? 'revoked' : 'active';
          io.stdout.write(`${k.id}\t${k.prefix}…\t${k.role}\t${state}\t${k.name}\n`);
        }
        return 0;
      }
      if (sub === 'revoke') {
        const id = rest[0];
        if (!id || !/^\d+$/.test(id)) throw new UsageError('revoke takes the numeric id of a key');
        if (!(await revokeApiKey(services.db, id))) {
          io.stderr.write(`no active key #${id}\n`);
          return 1;
        }
        await audit(services.db, 'system', 'key.revoke', { type: 'api_key', id }, { via: 'cli' });
        io.stderr.write(`revoked key #${id}\n`);
        return 0;
      }
      throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'a subcommand is required');
    } finally {
      await services.close();
    }
  },
};
