import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { TopicRow } from '../db/schema.js';
import { DomainError, notFound } from '../errors.js';
import { parseQuery } from './query/parser.js';
import { QueryError } from './query/query-error.js';

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
  createdAt: string;
  updatedAt: string;
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

export async function createTopic(db: Db, input: unknown): Promise<TopicDto> {
  const data = topicInputSchema.parse(input);
  checkQuery(data.query);
  const row = await db
    .insertInto('topics')
    .values(data)
    .returningAll()
    .executeTakeFirstOrThrow()
    .catch(conflictOnName);
  return toTopicDto(row);
}

export async function editTopic(db: Db, id: string, input: unknown): Promise<TopicDto> {
  const data = topicInputSchema.partial().strict().parse(input);
  if (data.query) checkQuery(data.query);
  if (!/^\d{1,18}$/.test(id)) throw notFound('topic', id);
  const row = await db
    .updateTable('topics')
    .set({ ...data, updated_at: sql<Date>`now()` })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
    .catch(conflictOnName);
  if (!row) throw notFound('topic', id);
  return toTopicDto(row);
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
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
