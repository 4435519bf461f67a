import { z } from 'zod';
import { STATUS_KEYS } from './idea-statuses.js';

/** Inputs of the idea board's API, validated at the edge (bodies are strict: unknown keys fail). */
const id = z.string().regex(/^\d{1,18}$/, 'must be a numeric id');
const mentionIds = z.array(id).min(1).max(500);
const statusKey = z.string().refine((s) => STATUS_KEYS.includes(s), {
  message: `must be one of: ${STATUS_KEYS.join(', ')}`,
});

export const ideaInputSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5_000).optional(),
  })
  .strict();
export type IdeaInput = z.infer<typeof ideaInputSchema>;

export const boardQuerySchema = z.object({
  status: statusKey.optional(),
  origin: z.enum(['crowd', 'staff']).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(['demand', 'score', 'recent']).default('demand'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type BoardQuery = z.infer<typeof boardQuerySchema>;

export const similarQuerySchema = z.object({
  q: z.string().trim().min(1).max(2_000),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});

export const scoreInputSchema = z
  .object({
    feasibility: z.number().int().min(0).max(4),
    impact: z.number().int().min(0).max(4),
    comment: z.string().trim().max(2_000).default(''),
  })
  .strict();
export type ScoreInput = z.infer<typeof scoreInputSchema>;

export const statusInputSchema = z
  .object({ status: statusKey, reason: z.string().trim().max(1_000).default('') })
  .strict();

export const mergeInputSchema = z.object({ into: id }).strict();

export const createFromCandidatesSchema = z
  .object({
    mentionIds,
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5_000).optional(),
  })
  .strict();
export const attachCandidatesSchema = z.object({ mentionIds, ideaId: id }).strict();
export const dismissCandidatesSchema = z.object({ mentionIds }).strict();

export const leaderInputSchema = z
  .object({ authorId: id, note: z.string().trim().max(1_000).default('') })
  .strict();

export const webhookInputSchema = z
  .object({
    url: z.string().url().max(2_000),
    // The receiver checks the HMAC with it; short secrets are guessable.
    secret: z.string().min(16).max(200),
  })
  .strict();
