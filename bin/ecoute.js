#!/usr/bin/env node
// Entry point of the `ecoute` command: the JavaScript compiled into dist/ by `npm run build`
// (which `npm start` runs first). No TypeScript loader at run time.
import { existsSync } from 'node:fs';
import module from 'node:module';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
// Node 22 keeps each module's compiled code on disk between runs: a faster cold start (Node 20
// has no such cache and skips this).
module.enableCompileCache?.();
const compiled = new URL('../dist/core/cli/bin.js', import.meta.url);
if (!existsSync(compiled)) {
  process.stderr.write(
    'ecoute: the compiled build (dist/) is missing: run `npm run build` (`npm start` builds too).\n',
  );
  process.exit(1);
}
await import(compiled.href);
