import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { TopicRow } from '../db/schema.js';
import { DomainError, notFound } from '../errors.js';
import type { Queues } from '../queue/queues.js';
import { parseQuery } from './query/parser.js';
import { QueryError } from './query/query-error.js';
import { enqueueTopicRerun } from './topic-rerun.js';

export const topicInputSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    query: z.string().trim().min(1).max(4_000),
  })
  .strict();

export interface TopicDto {
  id: string;
  name: string;
  query: string;
  /** Bumped on each change of the query; the re-run of the stored mentions is per version. */
  queryVersion: number;
  createdAt: string;
  updatedAt: string;
  /** When this change started a re-run over stored mentions: its job (progress at …/rerun). */
  rerunJobId?: string;
}

/** A listening query that does not parse is refused with its position and reason. */
function checkQuery(query: string): void {
  try {
    parseQuery(query);
  } catch (err) {
    if (err instanceof QueryError) {
      throw new DomainError('validation_failed', `query: ${err.message}`, [
        { field: 'query', reason: err.message },
      ]);
    }
    throw err;
  }
}

/**
 * Creates a topic. With `queues`, its query is also run over the mentions already stored, in
 * the background, so a new topic does not start empty.
 */
export async function createTopic(db: Db, input: unknown, queues?: Queues): Promise<TopicDto> {
  const data = topicInputSchema.parse(input);
  checkQuery(data.query);
  const row = await db
    .insertInto('topics')
    .values(data)
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(conflictOnName);
  const dto = toTopicDto(row);
  if (!queues) return dto;
  return { ...dto, rerunJobId: await enqueueTopicRerun(queues, row.id, row.query_version) };
}

/**
 * Renames a topic or changes its query. A changed query bumps `query_version` and, with `queues`,
 * starts the background re-run of the topic over stored mentions at that version.
 */
export async function editTopic(
  db: Db,
  id: string,
  input: unknown,
  queues?: Queues,
): Promise<TopicDto> {
  const data = topicInputSchema.partial().strict().parse(input);
  if (data.query) checkQuery(data.query);
  if (!/^\d{1,18}$/.test(id)) throw notFound('topic', id);
  const current = await db
    .selectFrom('topics')
    .select('query')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!current) throw notFound('topic', id);
  const queryChanged = data.query !== undefined && data.query !== current.query;
  const row = await db
    .updateTable('topics')
    .set((eb) => ({
      ...data,
      ...(queryChanged ? { query_version: eb('query_version', '+', 1) } : {}),
      updated_at: sql<Date>`now()`,
    }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
    .catch(conflictOnName);
  if (!row) throw notFound('topic', id);
  const dto = toTopicDto(row);
  if (!queryChanged || !queues) return dto;
  return { ...dto, rerunJobId: await enqueueTopicRerun(queues, row.id, row.query_version) };
}

export async function deleteTopic(db: Db, id: string): Promise<void> {
  if (!/^\d{1,18}$/.test(id)) throw notFound('topic', id);
  const r = await db.deleteFrom('topics').where('id', '=', id).executeTakeFirst();
  if (r.numDeletedRows === 0n) throw notFound('topic', id);
}

export async function getTopic(db: Db, id: string): Promise<TopicDto> {
  if (!/^\d{1,18}$/.test(id)) throw notFound('topic', id);
  const row = await db.selectFrom('topics').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('topic', id);
  return toTopicDto(row);
}

export async function listTopics(db: Db): Promise<TopicDto[]> {
  return (await db.selectFrom('topics').selectAll().orderBy('name').execute()).map(toTopicDto);
}

function conflictOnName(err: unknown): never {
  if ((err as { code?: string }).code === '23505') {
    throw new DomainError('conflict', 'a topic with this name already exists', [
      { field: 'name', reason: 'already used by another topic' },
    ]);
  }
  throw err;
}

function toTopicDto(row: TopicRow): TopicDto {
  return {
    id: row.id,
    name: row.name,
    query: row.query,
    queryVersion: row.query_version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
