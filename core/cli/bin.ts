// The `ecoute` process: bin/ecoute.js runs the compiled dist/core/cli/bin.js; development and
// tests run this file from the sources (`node --import tsx core/cli/bin.ts ARGS`).
import { existsSync } from 'node:fs';
import { main } from './main.js';

// A .env in the current folder (see .env.example) fills in what the environment leaves unset;
// never under NODE_ENV=test, so a developer's .env does not reach the tests' processes.
if (process.env.NODE_ENV !== 'test' && existsSync('.env')) process.loadEnvFile('.env');

await main(process.argv.slice(2));
