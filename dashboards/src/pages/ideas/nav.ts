import { setParams } from '../../lib/router.js';

/** Opens one idea's page (the `id` parameter of the ideas route). */
export const openIdea = (id: string) => setParams({ id, view: null });
