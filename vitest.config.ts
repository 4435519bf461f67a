import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Suites under test/shared/ replay the recorded payloads and labelled data kept beside the
// repository (../shared), which the project may not redistribute. They run when that folder is
// there and are left out, with a notice, on a clone without it.
const sharedDir = path.resolve(process.env.ECOUTE_SHARED_DIR ?? '../shared');
const hasShared =
  existsSync(path.join(sharedDir, 'fixtures')) && existsSync(path.join(sharedDir, 'data'));
if (!hasShared) {
  console.warn(
    `\n[ecoute] ${sharedDir} is absent: the suites in test/shared/ (recorded platform payloads, ` +
      'public labelled data) were NOT run.\n',
  );
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: hasShared ? ['**/node_modules/**'] : ['**/node_modules/**', 'test/shared/**'],
    globalSetup: ['test/support/global-setup.ts'],
    // Integration files each clone their own database, so files can run in parallel; two cores.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: {
      DOTENV_CONFIG_QUIET: 'true',
      LOG_LEVEL: 'silent',
      ECOUTE_SHARED_DIR: sharedDir,
    },
  },
});
