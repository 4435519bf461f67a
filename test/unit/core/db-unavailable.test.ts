import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable } from '../../../core/db/db-unavailable.js';

const pgError = (code: string, message = 'error') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it('recognises a server shutting down, starting up, full or cut off', () => {
    expect(
      isDatabaseUnavailable(
        pgError('57P01', 'terminating connection due to administrator command'),
      ),
    ).toBe(true);
    expect(isDatabaseUnavailable(pgError('57P03', 'the database system is starting up'))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(pgError('53300', 'sorry, too many clients already'))).toBe(true);
    expect(isDatabaseUnavailable(pgError('08006'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
  });

  it('finds the cause inside a wrapping error or an AggregateError', () => {
    const wrapped = new Error('analysis failed', { cause: pgError('57P01') });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([new Error('x'), pgError('57P02')]))).toBe(
      true,
    );
  });

  it('leaves the errors of a query, and bare socket errors that an HTTP client raises too, to the caller', () => {
    expect(isDatabaseUnavailable(pgError('23505', 'duplicate key value'))).toBe(false);
    expect(
      isDatabaseUnavailable(pgError('22021', 'invalid byte sequence for encoding "UTF8": 0x00')),
    ).toBe(false);
    expect(
      isDatabaseUnavailable(pgError('57014', 'canceling statement due to statement timeout')),
    ).toBe(false);
    expect(
      isDatabaseUnavailable(pgError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')),
    ).toBe(false);
    expect(isDatabaseUnavailable('a string')).toBe(false);
  });
});
