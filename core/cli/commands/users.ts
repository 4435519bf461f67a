import { createUser, listUsers, setUserDisabled } from '../../auth/users.js';
import { isRole, ROLES } from '../../auth/roles.js';
import { parseCliArgs } from '../args.js';
import { UsageError, type CliCommand } from '../command.js';
import { openServices } from '../context.js';
import { audit } from '../../audit/audit.js';

export const command: CliCommand = {
  usage: `Usage:
  ecoute users create --email EMAIL --name NAME --role admin|analyst|agent|viewer
                                     prints a generated password once (on stdout)
  ecoute users list
  ecoute users disable ID
  ecoute users enable ID`,
  async run(args, io) {
    const [sub, ...rest] = args;
    const services = await openServices(io.env);
    try {
      if (sub === 'create') {
        const { values } = parseCliArgs(rest, {
          email: { type: 'string' },
          name: { type: 'string' },
          role: { type: 'string' },
        });
        if (!values.email) throw new UsageError('--email is required');
        if (!values.name) throw new UsageError('--name is required');
        if (!isRole(values.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
        const { user, password } = await createUser(services.db, {
          email: values.email,
          name: values.name,
          role: values.role,
        });
        await audit(
          services.db,
          'system',
          'user.create',
          { type: 'user', id: user.id },
          { email: user.email, role: user.role, via: 'cli' },
        );
        io.stderr.write(
          `created ${user.role} user #${user.id} ${user.email}; password (shown once):\n`,
        );
        io.stdout.write(`${password}\n`);
        return 0;
      }
      if (sub === 'list') {
        for (const u of await listUsers(services.db)) {
          const state = u.disabled ? 'disabled' : 'active';
          io.stdout.write(`${u.id}\t${u.email}\t${u.role}\t${state}\t${u.name}\n`);
        }
        return 0;
      }
      if (sub === 'disable' || sub === 'enable') {
        const id = rest[0];
        if (!id || !/^\d+$/.test(id)) throw new UsageError(`${sub} takes the numeric id of a user`);
        if (!(await setUserDisabled(services.db, id, sub === 'disable'))) {
          io.stderr.write(`no user #${id}\n`);
          return 1;
        }
        await audit(services.db, 'system', `user.${sub}`, { type: 'user', id }, { via: 'cli' });
        io.stderr.write(`${sub}d user #${id}\n`);
        return 0;
      }
      throw new UsageError(sub ? `unknown subcommand "${sub}"` : 'a subcommand is required');
    } finally {
      await services.close();
    }
  },
};
