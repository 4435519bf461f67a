import { sql } from 'kysely';
import type { Db, Executor } from '../db/database.js';
import { DomainError, notFound } from '../errors.js';
import type { Actor } from './actor.js';
import { demandWeight, ideaFigures, type IdeaFigures } from './idea-figures.js';
import type { BoardQuery, IdeaInput } from './idea.schemas.js';
import { INITIAL_STATUS } from './idea-statuses.js';

export interface IdeaDto extends IdeaFigures {
  id: string;
  title: string;
  description: string;
  status: string;
  statusReason: string | null;
  origin: 'crowd' | 'staff';
  createdBy: string | null;
  /** Set when this idea was merged into another: its votes and supporters count there. */
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
}

interface IdeaRow {
  id: string;
  title: string;
  description: string;
  status: string;
  status_reason: string | null;
  origin: 'crowd' | 'staff';
  created_by: string | null;
  merged_into: string | null;
  created_at: Date;
  updated_at: Date;
}

/** Ideas the board ranks in one request; sorting by demand needs every match's figures. */
const BOARD_SCAN_LIMIT = 2_000;

const selectIdeas = (db: Executor) =>
  db
    .selectFrom('ideas as i')
    .leftJoin('api_keys as k', 'k.id', 'i.created_by_key_id')
    .select([
      'i.id',
      'i.title',
      'i.description',
      'i.status',
      'i.status_reason',
      'i.origin',
      'k.name as created_by',
      'i.merged_into',
      'i.created_at',
      'i.updated_at',
    ]);

function toDto(r: IdeaRow, figures: IdeaFigures | undefined): IdeaDto {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    status: r.status,
    statusReason: r.status_reason,
    origin: r.origin,
    createdBy: r.created_by,
    mergedInto: r.merged_into,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    demand: figures?.demand ?? {
      votes: 0,
      supporters: 0,
      mentions: 0,
      customers: 0,
      customerValue: 0,
    },
    scores: figures?.scores ?? { reviewers: 0, feasibility: null, impact: null },
  };
}

/** Inserts an idea with its first status in the history; used by staff and by the review queue. */
export async function insertIdea(
  db: Executor,
  input: IdeaInput,
  origin: 'crowd' | 'staff',
  actor: Actor,
): Promise<string> {
  const row = await db
    .insertInto('ideas')
    .values({
      title: input.title,
      description: input.description ?? '',
      status: INITIAL_STATUS,
      origin,
      created_by_key_id: actor.keyId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('idea_status_history')
    .values({
      idea_id: row.id,
      from_status: null,
      to_status: INITIAL_STATUS,
      changed_by: actor.keyId,
    })
    .execute();
  return row.id;
}

export async function createIdea(db: Db, input: IdeaInput, actor: Actor): Promise<IdeaDto> {
  const id = await db.transaction().execute((trx) => insertIdea(trx, input, 'staff', actor));
  return getIdea(db, id);
}

export async function getIdea(db: Executor, id: string): Promise<IdeaDto> {
  const row = await selectIdeas(db).where('i.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('idea', id);
  // A merged idea's votes and supporters count on the survivor, so its own figures are empty.
  const figures = await ideaFigures(db, [row.id]);
  return toDto(row, figures.get(row.id));
}

/** A live idea (not merged away), locked for the rest of the transaction. */
export async function lockLiveIdea(db: Executor, id: string, field = 'id'): Promise<IdeaRow> {
  const row = await selectIdeas(db).where('i.id', '=', id).forUpdate('i').executeTakeFirst();
  if (!row)
    throw new DomainError('not_found', `${field}: idea ${id} does not exist`, [
      { field, reason: 'not found' },
    ]);
  if (row.merged_into) {
    throw new DomainError(
      'conflict',
      `${field}: idea ${id} was merged into idea ${row.merged_into}`,
      [{ field, reason: `merged into ${row.merged_into}` }],
    );
  }
  return row;
}

export async function editIdea(db: Db, id: string, input: Partial<IdeaInput>): Promise<IdeaDto> {
  await db.transaction().execute(async (trx) => {
    await lockLiveIdea(trx, id);
    await trx
      .updateTable('ideas')
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        updated_at: sql<Date>`now()`,
      })
      .where('id', '=', id)
      .execute();
  });
  return getIdea(db, id);
}

/** The board: live ideas, filtered, sorted by demand (people), score (mean F + mean I) or recency. */
export async function listBoard(db: Executor, q: BoardQuery): Promise<IdeaDto[]> {
  let query = selectIdeas(db).where('i.merged_into', 'is', null);
  if (q.status) query = query.where('i.status', '=', q.status);
  if (q.origin) query = query.where('i.origin', '=', q.origin);
  if (q.q)
    query = query.where(
      sql<boolean>`ecoute_unaccent(i.title || ' ' || i.description) ilike ecoute_unaccent(${`%${q.q}%`})`,
    );
  const rows = await query
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(BOARD_SCAN_LIMIT)
    .execute();
  const figures = await ideaFigures(
    db,
    rows.map((r) => r.id),
  );
  const dtos = rows.map((r) => toDto(r, figures.get(r.id)));
  if (q.sort === 'demand') dtos.sort((a, b) => demandOrder(b) - demandOrder(a));
  if (q.sort === 'score') dtos.sort((a, b) => scoreOf(b) - scoreOf(a));
  return dtos.slice(0, q.limit);
}

/** People first; the value of their accounts breaks ties. */
const demandOrder = (d: IdeaDto) => demandWeight(d.demand) * 1e12 + d.demand.customerValue;
/** Unscored ideas sort last. */
const scoreOf = (d: IdeaDto) =>
  d.scores.feasibility && d.scores.impact ? d.scores.feasibility.mean + d.scores.impact.mean : -1;
