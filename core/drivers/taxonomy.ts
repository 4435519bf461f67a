/**
 * The driver taxonomy: what admins define (a key, a name, a description, example phrases in
 * French and English), the threshold under which no driver is given and the precision a calibrated
 * model's threshold is chosen for. Stored as immutable
 * versions; every assignment records the version it was made with.
 */
import { z } from 'zod';

const phraseList = z.array(z.string().trim().min(2).max(200)).max(100).default([]);

export const driverDefinitionSchema = z
  .object({
    /** Stable identifier, kept across renames: what assignments and corrections point at. */
    key: z
      .string()
      .trim()
      .regex(
        /^[a-z][a-z0-9_]{0,47}$/,
        'lower-case letters, digits and _ (up to 48), starting with a letter',
      ),
    name: z.string().trim().min(1).max(100),
    description: z.string().trim().max(1000).default(''),
    phrases: z.object({ fr: phraseList, en: phraseList }).strict().default({ fr: [], en: [] }),
  })
  .strict();
export type DriverDefinition = z.output<typeof driverDefinitionSchema>;

export const taxonomyInputSchema = z
  .object({
    drivers: z.array(driverDefinitionSchema).min(2).max(60),
    minScore: z.number().min(0).max(1).optional(),
    /** What a calibrated model's threshold is chosen for: the share of its drivers that are right. */
    targetPrecision: z.number().min(0.3).max(0.99).optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.drivers.forEach((d, i) => {
      if (seen.has(d.key))
        ctx.addIssue({
          code: 'custom',
          path: ['drivers', i, 'key'],
          message: `"${d.key}" is used twice`,
        });
      seen.add(d.key);
      if (d.phrases.fr.length + d.phrases.en.length === 0)
        ctx.addIssue({
          code: 'custom',
          path: ['drivers', i, 'phrases'],
          message: 'at least one example phrase (fr or en) is needed to recognise the driver',
        });
    });
  });
export type TaxonomyInput = z.output<typeof taxonomyInputSchema>;

export interface Taxonomy {
  version: number;
  drivers: DriverDefinition[];
  /** The threshold of models learnt from phrases alone (not calibrated). */
  minScore: number;
  /** Calibrated models choose their threshold for this precision (stored with the model). */
  targetPrecision: number;
  note: string | null;
  createdBy: string | null;
  createdAt: string;
}

/** The taxonomy's training examples for one language: each phrase labelled with its driver. */
export function phraseExamples(drivers: DriverDefinition[], lang: 'fr' | 'en') {
  return drivers.flatMap((d) => d.phrases[lang].map((text) => ({ text, label: d.key })));
}
