import { linkExactHandles, suggestIdentities } from '../../core/customers/identity-linking.js';
import type { JobHandler } from '../job-handler.js';

/** `customers.link` {customerIds?}: CRM handles link at once; other candidates become suggestions. */
export const customerLinkJob: JobHandler<'customers.link'> = async (job, deps) => {
  const scope = job.data.customerIds ? { customerIds: job.data.customerIds } : {};
  const linked = await linkExactHandles(deps.db, scope);
  const suggested = await suggestIdentities(deps.db, scope);
  if (linked.length > 0) {
    await deps.queues.enqueue('customers.risk', { customerIds: linked });
  }
  return { linked: linked.length, suggested };
};
