import { DomainError } from '../../errors.js';

/**
 * A listening query that cannot be parsed or is too big. `position` is the 0-based character
 * offset of the culprit in the query text; `reason` is a sentence for the person who wrote it.
 * A DomainError with code `validation_failed` and field `query`, so the API answers 400.
 */
export class QueryError extends DomainError {
  constructor(
    readonly position: number,
    readonly reason: string,
  ) {
    super('validation_failed', `query: ${reason}`, [{ field: 'query', reason }]);
    this.name = 'QueryError';
  }
}
