import { parseQuery } from './parser.js';
import { QueryError } from './query-error.js';

export type QueryValidation = { ok: true } | { ok: false; position: number; reason: string };

/** For the API: whether a query parses, and if not where and why (answer 400 with both). */
export function validateQuery(text: string): QueryValidation {
  try {
    parseQuery(text);
    return { ok: true };
  } catch (err) {
    if (err instanceof QueryError) return { ok: false, position: err.position, reason: err.reason };
    throw err;
  }
}
