// The `ecoute` process: bin/ecoute.js runs the compiled dist/core/cli/bin.js; development and
// tests run this file from the sources (`node --import tsx core/cli/bin.ts ARGS`).
import { main } from './main.js';

await main(process.argv.slice(2));
