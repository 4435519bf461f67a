import { describe, expect, it } from 'vitest';
import { markNegation } from '../../../core/classification/text/negation.js';
import { tokenize, type Token } from '../../../core/classification/text/tokenize.js';

function negatedWords(text: string): string[] {
  const tokens = tokenize(text);
  markNegation(tokens);
  return tokens.filter((t) => t.negated).map((t) => t.norm);
}

function find(tokens: Token[], text: string): Token {
  const t = tokens.find((x) => x.text === text);
  if (!t) throw new Error(`no token ${text}`);
  return t;
}

describe('tokenize', () => {
  it('keeps social markers as their own tokens with their offsets', () => {
    const text = 'Merci @Mobilix #fail https://t.co/abc 😡 :)';
    const tokens = tokenize(text);
    expect(tokens.map((t) => t.kind)).toEqual([
      'word',
      'mention',
      'hashtag',
      'url',
      'emoji',
      'emoji',
    ]);
    for (const t of tokens) expect(text.slice(t.start, t.start + t.text.length)).toBe(t.text);
  });

  it('marks elongated words and capitals, and squeezes the elongation', () => {
    const tokens = tokenize('sooooo SLOW today');
    expect(find(tokens, 'sooooo')).toMatchObject({ elongated: true, norm: 'soo' });
    expect(find(tokens, 'SLOW')).toMatchObject({ caps: true, norm: 'slow' });
    expect(find(tokens, 'today')).toMatchObject({ caps: false, elongated: false });
  });

  it('splits French elisions and folds accents', () => {
    const tokens = tokenize("J'ai été déçue, l'appli n'est pas à jour");
    expect(tokens.filter((t) => t.kind === 'word').map((t) => t.norm)).toEqual([
      "j'",
      'ai',
      'ete',
      'decue',
      "l'",
      'appli',
      "n'",
      'est',
      'pas',
      'a',
      'jour',
    ]);
  });
});

describe('markNegation', () => {
  it('scopes English negation to its clause', () => {
    expect(negatedWords('not bad, but the app crashes')).toEqual(['bad']);
    expect(negatedWords("I don't like the new design. The support was great")).toEqual([
      'like',
      'the',
      'new',
      'design',
    ]);
  });

  it('handles "ne … pas" and a bare "pas" in French, stopping at "mais"', () => {
    expect(negatedWords("Je ne suis pas content mais l'appli marche")).toEqual(['suis', 'content']);
    expect(negatedWords('pas mal du tout')).toEqual(['mal', 'du', 'tout']);
  });

  it('reads "plus" as a negation only after "ne"', () => {
    expect(negatedWords('plus rapide que jamais')).toEqual([]);
    expect(negatedWords('ça ne marche plus depuis lundi')).toEqual(['marche', 'depuis', 'lundi']);
  });

  it('handles never and jamais', () => {
    expect(negatedWords('never disappointed with them')).toEqual(['disappointed', 'with', 'them']);
    expect(negatedWords('jamais déçu, toujours content')).toEqual(['decu']);
  });

  it('does not negate after "no doubt" or "not only"', () => {
    expect(negatedWords('no doubt the best airline')).toEqual([]);
    expect(negatedWords('not only fast but cheap')).toEqual([]);
  });
});
