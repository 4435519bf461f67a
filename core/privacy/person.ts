import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/database.js';
import { DomainError } from '../errors.js';

/** A person, as a privacy request names them: a platform and handle, or Écoute's author id. */
export const personSchema = z.union([
  z.object({ platform: z.string().min(1).max(50), handle: z.string().min(1).max(300) }).strict(),
  z.object({ authorId: z.string().regex(/^\d{1,18}$/, 'must be an author id') }).strict(),
]);
export type PersonSelector = z.infer<typeof personSchema>;

export interface Person {
  authorIds: string[];
  /** (platform, lower-cased handle) of every author row, to find CRM handle rows too. */
  handles: { platform: string; handle: string }[];
  /** Display names and profile URLs of those author rows: other stored forms of the person. */
  names: string[];
  profileUrls: string[];
  mentionIds: string[];
}

/** Every author row and mention of the person: one handle can have several author rows. */
export async function findPerson(db: Executor, who: PersonSelector): Promise<Person> {
  const byHandle = 'handle' in who;
  const authors = await db
    .selectFrom('authors')
    .select(['id', 'platform', 'handle', 'display_name', 'profile_url'])
    .$if(byHandle, (q) =>
      q
        .where('platform', '=', (who as { platform: string }).platform)
        .where(sql`lower(handle)`, '=', (who as { handle: string }).handle.toLowerCase()),
    )
    .$if(!byHandle, (q) => q.where('id', '=', (who as { authorId: string }).authorId))
    .execute();
  const handles = authors.map((a) => ({ platform: a.platform, handle: a.handle.toLowerCase() }));
  if (byHandle && authors.length === 0) {
    handles.push({ platform: who.platform, handle: who.handle.toLowerCase() });
  }
  const authorIds = authors.map((a) => a.id);
  const mentionIds = authorIds.length
    ? (
        await db.selectFrom('mentions').select('id').where('author_id', 'in', authorIds).execute()
      ).map((m) => m.id)
    : [];
  const present = (values: (string | null)[]) => [...new Set(values.filter((v) => !!v?.trim()))];
  return {
    authorIds,
    handles,
    names: present(authors.map((a) => a.display_name)) as string[],
    profileUrls: present(authors.map((a) => a.profile_url)) as string[],
    mentionIds,
  };
}

export function requireSomeone(p: Person, crmRows: number): void {
  if (p.authorIds.length === 0 && crmRows === 0) {
    throw new DomainError('not_found', 'Écoute holds nothing about this person');
  }
}

/**
 * What the audit log keeps of a privacy request: a SHA-256 of what named the person, enough to
 * show a given request was carried out, without keeping the handle that was to be forgotten.
 */
export function subjectDigest(who: PersonSelector): string {
  const text =
    'handle' in who ? `${who.platform}:${who.handle.toLowerCase()}` : `author:${who.authorId}`;
  return createHash('sha256').update(text).digest('hex');
}

/** Tables (other than authors) with a column naming an author or a mention, read from the catalogue. */
export async function personColumns(
  db: Executor,
): Promise<{ table: string; column: 'author_id' | 'mention_id' }[]> {
  const { rows } = await sql<{ table: string; column: 'author_id' | 'mention_id' }>`
    select c.table_name as "table", c.column_name as "column"
    from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
    where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      and c.column_name in ('author_id', 'mention_id') and c.data_type = 'bigint'
    order by c.table_name, c.column_name`.execute(db);
  return rows;
}
