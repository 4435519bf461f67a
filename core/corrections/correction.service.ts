import { sql } from 'kysely';
import { z } from 'zod';
import { canonicalLabel, type TrainingExample } from '../classification/index.js';
import type { Db } from '../db/database.js';
import { requireRow } from '../db/require-row.js';
import { DomainError, invalid, notFound } from '../errors.js';

/** The per-mention labels a person can correct (drivers have their own corrections). */
export const CORRECTABLE_TASKS = ['sentiment', 'dissatisfied', 'idea'] as const;
export type CorrectableTask = (typeof CORRECTABLE_TASKS)[number];

export const correctionSchema = z
  .object({
    task: z.enum(CORRECTABLE_TASKS),
    label: z.string().trim().min(1).max(40),
    /** Needed only when the analysis could not tell the language (or the mention is not analysed). */
    lang: z.enum(['fr', 'en']).optional(),
  })
  .strict();

export interface CorrectionDto {
  mentionId: string;
  task: CorrectableTask;
  label: string;
  lang: 'fr' | 'en';
  correctedBy: string | null;
  createdAt: string;
}

/** Records a person's label for a mention (the latest per task wins); it trains the next model. */
export async function correctLabel(
  db: Db,
  mentionId: string,
  input: z.input<typeof correctionSchema>,
  correctedBy: string | null,
): Promise<CorrectionDto> {
  const data = correctionSchema.parse(input);
  const label = canonicalLabel(data.task, data.label);
  if (label === undefined) {
    throw invalid('label', `"${data.label}" is not a label of ${data.task}`);
  }
  if (!/^\d{1,18}$/.test(mentionId)) throw notFound('mention', mentionId);
  const mention = await sql<{ lang: string | null }>`
    select a.lang from mentions m left join mention_analyses a on a.mention_id = m.id
    where m.id = ${mentionId}`.execute(db);
  if (mention.rows.length === 0) throw notFound('mention', mentionId);
  const lang = data.lang ?? mention.rows[0]!.lang;
  if (lang !== 'fr' && lang !== 'en') {
    throw new DomainError(
      'validation_failed',
      'lang: the mention is neither French nor English; say which',
      [{ field: 'lang', reason: 'required when the mention language is not fr or en' }],
    );
  }
  const row = await db
    .insertInto('label_corrections')
    .values({ mention_id: mentionId, task: data.task, label, lang, corrected_by: correctedBy })
    .onConflict((oc) =>
      oc.columns(['mention_id', 'task']).doUpdateSet({
        label,
        lang,
        corrected_by: correctedBy,
        created_at: sql<Date>`now()`,
      }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDto(row);
}

/** The corrections of a mention; not_found when the mention does not exist. */
export async function listCorrections(db: Db, mentionId: string): Promise<CorrectionDto[]> {
  await requireRow(db, 'mentions', mentionId, 'mention');
  const rows = await db
    .selectFrom('label_corrections')
    .selectAll()
    .where('mention_id', '=', mentionId)
    .orderBy('task')
    .execute();
  return rows.map(toDto);
}

/** The corrections of one task and language as training examples (the mention's text). */
export async function correctionExamples(
  db: Db,
  task: CorrectableTask,
  lang: 'fr' | 'en',
): Promise<TrainingExample[]> {
  const { rows } = await sql<{ text: string; label: string }>`
    select m.text, c.label from label_corrections c join mentions m on m.id = c.mention_id
    where c.task = ${task} and c.lang = ${lang}
    order by c.mention_id`.execute(db);
  return rows;
}

function toDto(row: {
  mention_id: string;
  task: CorrectableTask;
  label: string;
  lang: 'fr' | 'en';
  corrected_by: string | null;
  created_at: Date;
}): CorrectionDto {
  return {
    mentionId: row.mention_id,
    task: row.task,
    label: row.label,
    lang: row.lang,
    correctedBy: row.corrected_by,
    createdAt: row.created_at.toISOString(),
  };
}
