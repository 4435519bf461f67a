import { timingSafeEqual } from 'node:crypto';
import { authenticateKey } from '../auth/api-keys.js';
import type { Db } from '../db/database.js';

/**
 * Who may scrape metrics: the bearer of `METRICS_TOKEN` (what Prometheus is given), or an admin
 * API key. Metrics name queues, sources and routes: they are not public.
 */
export async function mayScrapeMetrics(
  db: Db,
  authorization: string | undefined,
  metricsToken: string | undefined,
): Promise<boolean> {
  const [scheme, presented] = (authorization ?? '').split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !presented) return false;
  if (metricsToken && sameSecret(presented, metricsToken)) return true;
  const principal = await authenticateKey(db, presented).catch(() => null);
  return principal?.role === 'admin';
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
