import { countActiveKeys, createApiKey } from '../auth/api-keys.js';
import { isEmpty, loadDemo } from '../demo/demo-loader.js';
import type { CliIo } from './command.js';
import type { Services } from './context.js';

/** A first admin key when there is none: printed once, only its hash is stored. */
export async function ensureAdminKey(services: Services): Promise<string> {
  const url = `http://localhost:${services.config.PORT}/`;
  if ((await countActiveKeys(services.db)) > 0) {
    return `Log in at ${url} with an API key (create one: npx ecoute keys create --name me)\n`;
  }
  const { key } = await createApiKey(services.db, 'first admin', 'admin');
  return `Log in at ${url} with this admin API key (shown once, keep it):\n\n    ${key}\n`;
}

/** On an empty database (and unless ECOUTE_DEMO=0), the demo corpus through the pipeline. */
export async function loadDemoIfEmpty(services: Services, io: CliIo): Promise<void> {
  if (!services.config.ECOUTE_DEMO || !(await isEmpty(services.db))) return;
  io.stderr.write('loading the demo corpus through the pipeline…\n');
  const summary = await loadDemo({
    db: services.db,
    queues: services.queues,
    logger: services.logger,
    analyzeBatchSize: services.config.ANALYZE_BATCH_SIZE,
  });
  io.stderr.write(`demo: ${summary.accepted} mentions stored and queued for analysis\n`);
  // The hourly emerging-complaints job would first run at the next hour: once the demo is
  // analysed (well within a minute), it runs now so the drivers page shows its candidates.
  await services.queues?.enqueue(
    'drivers.emerging',
    { topicId: null },
    { jobId: 'demo-emerging', delayMs: 45_000 },
  );
}
