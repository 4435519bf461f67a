import { describe, expect, it } from 'vitest';
import { describeQuery, parseQuery } from '../../../core/topics/query/index.js';

const described = (q: string) => describeQuery(parseQuery(q));

describe('listening query parser', () => {
  it('reads adjacent terms as AND', () => {
    expect(described('acme bank')).toBe('acme AND bank');
    expect(parseQuery('acme bank')).toMatchObject({
      type: 'and',
      children: [{ type: 'term' }, { type: 'term' }],
    });
  });

  it('binds AND tighter than OR', () => {
    expect(described('a OR b AND c')).toBe('a OR b AND c');
    expect(parseQuery('a OR b AND c')).toMatchObject({
      type: 'or',
      children: [{ type: 'term' }, { type: 'and' }],
    });
    expect(described('(a OR b) AND c')).toBe('(a OR b) AND c');
  });

  it('binds NEAR tighter than AND and NOT tighter than NEAR', () => {
    expect(parseQuery('a b NEAR/2 c')).toMatchObject({
      type: 'and',
      children: [{ type: 'term' }, { type: 'near', distance: 2 }],
    });
    expect(parseQuery('x NOT a b')).toMatchObject({
      type: 'and',
      children: [{ type: 'term' }, { type: 'not', child: { type: 'term' } }, { type: 'term' }],
    });
  });

  it('reads a leading minus as NOT but keeps hyphens inside words', () => {
    expect(described('acme -spam')).toBe('acme AND NOT spam');
    expect(described('acme -"free money"')).toBe('acme AND NOT "free money"');
    expect(described('t-mobile')).toBe('"t mobile"');
  });

  it('treats lower-case and/or as ordinary words', () => {
    expect(described('rock and roll')).toBe('rock AND and AND roll');
    expect(described('"rock and roll"')).toBe('"rock and roll"');
  });

  it('folds case, accents, ligatures and elisions in terms', () => {
    expect(described('Œuvre ÉLÈVE straße')).toBe('oeuvre AND eleve AND strasse');
    expect(described("L’appli d'abonnement")).toBe('appli AND abonnement');
  });

  it('keeps hashtag and @handle terms apart from plain words', () => {
    expect(parseQuery('#Orange')).toMatchObject({
      type: 'term',
      atom: { text: 'orange', kind: 'hashtag' },
    });
    expect(parseQuery('@Acme_Support')).toMatchObject({
      type: 'term',
      atom: { text: 'acme_support', kind: 'mention' },
    });
    expect(parseQuery('orange')).toMatchObject({ type: 'term', atom: { kind: 'any' } });
  });

  it('reads prefixes, including at the end of a phrase word', () => {
    expect(parseQuery('rembours*')).toMatchObject({
      type: 'term',
      atom: { text: 'rembours', prefix: true },
    });
    expect(described('"service cli*"')).toBe('"service cli*"');
  });

  it('reads fields, quoted values and the @ of an author', () => {
    expect(described('author:@Acme_FR lang:FR_ca source:"RSS blog" platform:mastodon')).toBe(
      'author:acme_fr AND lang:fr-ca AND source:"rss blog" AND platform:mastodon',
    );
    expect(described('author:acme*')).toBe('author:acme*');
  });

  it('accepts NEAR between a term and an OR group, and between phrases', () => {
    expect(described('acme NEAR/3 (nul OR "trop lent")')).toBe('acme NEAR/3 (nul OR "trop lent")');
    expect(parseQuery('"service client" NEAR/10 "pas content"')).toMatchObject({
      type: 'near',
      distance: 10,
      left: { type: 'phrase' },
      right: { type: 'phrase' },
    });
  });

  it('reads a comma-separated keyword list, each entry of bare words as a phrase', () => {
    expect(described('acme, acme bank, #acme')).toBe('acme OR "acme bank" OR #acme');
    expect(described('acme bank, globex AND rates')).toBe('"acme bank" OR globex AND rates');
  });

  it('accepts curly quotes and guillemets around phrases', () => {
    expect(described('“service client”')).toBe('"service client"');
    expect(described('«service client» OR acme')).toBe('"service client" OR acme');
  });

  it('gives back the same tree when its description is parsed again', () => {
    const queries = [
      '(acme OR #acme) AND (panne OR "pas de réseau") NOT (author:acme OR lang:de)',
      'acme NEAR/3 (nul OR "trop lent") OR NOT spam acme',
      'NOT (a OR b) c',
      'a, b c, -d e',
    ];
    for (const q of queries) {
      const once = described(q);
      expect(described(once)).toBe(once);
      expect(parseQuery(once)).toEqual(JSON.parse(JSON.stringify(parseQuery(once))));
    }
  });
});
