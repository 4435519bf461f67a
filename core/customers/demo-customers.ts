import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database.js';
import type { Queues } from '../queue/queues.js';
import { importCustomers } from './customer-import.js';

/**
 * The demo's CRM export (demo/customers.csv), loaded before its mentions so that authors whose
 * handle the CRM lists are linked as their mentions are analysed. Identity suggestions need the
 * mentions, so their batch run is queued a little later.
 */
export async function loadDemoCustomers(deps: { db: Db; queues: Queues | null }, dir: string) {
  const summary = await importCustomers(deps.db, createReadStream(path.join(dir, 'customers.csv')));
  await deps.queues?.enqueue(
    'customers.link',
    {},
    { jobId: 'demo-customers-link', delayMs: 45_000 },
  );
  return summary;
}
