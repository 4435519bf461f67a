#!/usr/bin/env node
// Entry point of the `ecoute` command. The sources are TypeScript run through tsx's loader,
// so there is no separate build step between a clone and a running pipeline.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../core/cli/main.ts');
await main(process.argv.slice(2));
