import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../core/errors.js';
import {
  QUERY_LIMITS,
  QueryError,
  compileQuery,
  parseQuery,
  validateQuery,
} from '../../../core/topics/query/index.js';

describe('listening query errors', () => {
  const cases: [query: string, position: number, reason: string][] = [
    ['', 0, 'the query is empty'],
    ['   ', 0, 'the query is empty'],
    ['acme AND', 8, 'expected a term after AND at position 8'],
    ['acme AND OR bank', 9, 'expected a term after AND at position 9'],
    ['OR acme', 0, 'expected a term before OR at position 0'],
    ['acme OR (bank AND)', 17, 'expected a term after AND at position 17'],
    ['acme NOT', 8, 'expected a term after NOT at position 8'],
    ['acme NEAR/3', 11, 'expected a term after NEAR/3 at position 11'],
    ['acme,', 5, 'expected a term after , at position 5'],
    ['say "hello world', 4, 'unclosed quote opened at 4'],
    ['(acme OR bank', 0, 'unbalanced parenthesis: ( at position 0 is never closed'],
    ['acme OR bank)', 12, 'unbalanced parenthesis: ) at position 12 has no matching ('],
    ['acme ()', 5, 'empty parentheses at position 5'],
    ['acme ""', 5, 'empty phrase at position 5'],
    ['acme NEAR/0 bank', 5, 'NEAR/n needs a number between 1 and 50 at position 5'],
    ['acme NEAR/51 bank', 5, 'NEAR/n needs a number between 1 and 50 at position 5'],
    ['acme NEAR bank', 5, 'NEAR/n needs a number between 1 and 50 at position 5'],
    ['acme NEAR/x bank', 5, 'NEAR/n needs a number between 1 and 50 at position 5'],
    [
      'acme xyz:foo',
      5,
      'unknown field xyz: at position 5 (known fields: author, lang, source, platform)',
    ],
    ['acme lang:', 10, 'expected a value after lang: at position 10'],
    [
      'acme lang:french1',
      10,
      "lang: expects a language code such as fr or en-GB, not 'french1', at position 10",
    ],
    ['re*mb', 2, 'the wildcard * is only allowed at the end of a term, at position 2'],
    ['a*', 0, 'a prefix needs at least 2 letters before *, at position 0'],
    ['acme "ok s*"', 9, 'a prefix needs at least 2 letters before *, at position 9'],
    ['acme !!!', 5, "'!!!' at position 5 has no letters or digits to match"],
    [
      'acme NEAR/3 b NEAR/2 c',
      14,
      'NEAR cannot be chained (position 14); join two NEAR expressions with AND',
    ],
    [
      'acme NEAR/3 (a AND b)',
      12,
      'NEAR/3 joins terms, phrases or OR groups of them, not an AND group (position 12)',
    ],
    [
      'acme NEAR/3 lang:fr',
      12,
      'NEAR/3 joins terms, phrases or OR groups of them, not a field (position 12)',
    ],
    [
      'NOT spam',
      0,
      'NOT at position 0 has nothing to exclude from: a query (and each OR alternative) needs a term to match, e.g. acme NOT spam',
    ],
    [
      'acme OR -spam',
      8,
      'NOT at position 8 has nothing to exclude from: a query (and each OR alternative) needs a term to match, e.g. acme NOT spam',
    ],
    [
      '(acme, bank)',
      5,
      'commas separate keywords at the top level only; use OR inside parentheses (position 5)',
    ],
  ];

  it.each(cases)('rejects %j at position %i', (query, position, reason) => {
    expect(validateQuery(query)).toEqual({ ok: false, position, reason });
  });

  it('throws a QueryError that the API maps to a 400 on the query field', () => {
    let caught: unknown;
    try {
      compileQuery('acme AND');
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(QueryError);
    expect(caught).toBeInstanceOf(DomainError);
    expect(caught).toMatchObject({
      code: 'validation_failed',
      position: 8,
      details: [{ field: 'query', reason: 'expected a term after AND at position 8' }],
    });
  });

  it('accepts a valid query', () => {
    expect(validateQuery('(acme OR #acme) NEAR/3 (panne OR "pas de réseau") -promo')).toEqual({
      ok: true,
    });
  });

  it('refuses a query longer than the limit and accepts one at the limit', () => {
    const atLimit = `acme AND ${'b'.repeat(QUERY_LIMITS.maxLength - 9)}`;
    expect(atLimit.length).toBe(QUERY_LIMITS.maxLength);
    expect(validateQuery(atLimit)).toEqual({ ok: true });
    expect(validateQuery(`${atLimit} `)).toEqual({
      ok: false,
      position: QUERY_LIMITS.maxLength,
      reason: `the query is longer than ${QUERY_LIMITS.maxLength} characters`,
    });
  });

  it('refuses more terms than the limit, pointing at the first one too many', () => {
    const words = Array.from({ length: QUERY_LIMITS.maxTerms + 1 }, (_, i) => `w${i}`);
    const query = words.join(' OR ');
    expect(validateQuery(words.slice(0, -1).join(' OR '))).toEqual({ ok: true });
    const position = query.lastIndexOf('w');
    expect(validateQuery(query)).toEqual({
      ok: false,
      position,
      reason: `the query has more than ${QUERY_LIMITS.maxTerms} terms (position ${position})`,
    });
  });

  it('refuses nesting deeper than the limit', () => {
    const depth = QUERY_LIMITS.maxDepth;
    expect(() => parseQuery(`${'('.repeat(depth)}acme${')'.repeat(depth)}`)).not.toThrow();
    expect(validateQuery(`${'('.repeat(depth + 1)}acme${')'.repeat(depth + 1)}`)).toEqual({
      ok: false,
      position: depth,
      reason: `the query nests deeper than ${depth} levels (position ${depth})`,
    });
  });

  it('refuses a phrase longer than the limit', () => {
    const phrase = `"${Array.from({ length: QUERY_LIMITS.maxPhraseWords + 1 }, (_, i) => `w${i}`).join(' ')}"`;
    expect(validateQuery(`acme ${phrase}`)).toEqual({
      ok: false,
      position: 5,
      reason: `a phrase has more than ${QUERY_LIMITS.maxPhraseWords} words, at position 5`,
    });
  });
});
