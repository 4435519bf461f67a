import { z } from 'zod';

/** Older pages fetched when a source is created: enough for context, bounded for quotas. */
export const backfillPagesField = z.number().int().min(1).max(20).default(3);
