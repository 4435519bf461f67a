import { describe, expect, it } from 'vitest';
import { storageFault } from '../../../core/db/storage-errors.js';

describe('storage faults', () => {
  const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it('calls storage unavailable what a retry later can fix', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', '57P01', '57P03', '08006', '53300']) {
      expect(storageFault(withCode(code)), code).toBe('unavailable');
    }
    expect(storageFault(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(
      storageFault(new AggregateError([withCode('ECONNREFUSED')], 'connect ECONNREFUSED')),
    ).toBe('unavailable');
  });

  it('calls refused a value Postgres will never store, and anything else other', () => {
    for (const code of ['22021', '22003', '22008', '22P02', '23502', '23514', '54000']) {
      expect(storageFault(withCode(code)), code).toBe('refused');
    }
    expect(storageFault(withCode('23505'))).toBe('other');
    expect(storageFault(new TypeError('undefined is not a function'))).toBe('other');
    expect(storageFault('a string')).toBe('other');
  });
});
