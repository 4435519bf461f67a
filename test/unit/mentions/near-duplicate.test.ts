import { describe, expect, it } from 'vitest';
import {
  NEAR_DUPLICATE_MIN_WORDS,
  canonicalTextKey,
  hammingDistance,
  isNearDuplicate,
  normalizeForDuplicates,
  simhashBands,
  textFingerprint,
  textSimhash,
} from '../../../core/mentions/near-duplicate.js';

const fr =
  "Le service client d'Acme ne répond plus depuis trois jours, c'est inadmissible https://t.co/abc";
const en = "Acme's new app update deleted all my saved cards and support won't answer";

describe('near-duplicate text normalisation', () => {
  it('drops links, handles, punctuation, emoji, repost markers and folds case and accents', () => {
    expect(normalizeForDuplicates(fr)).toBe(
      'le service client d acme ne repond plus depuis trois jours c est inadmissible',
    );
    expect(
      normalizeForDuplicates(
        'RT @marie: Œuvre #Acme 😡 — www.acme.fr/x pic.twitter.com/Zz1 via @bob',
      ),
    ).toBe('oeuvre acme');
    expect(normalizeForDuplicates('écrire à bob@acme.com')).toBe('ecrire a bob acme com');
  });
});

describe('near-duplicate detection', () => {
  it('groups a French retweet that differs by handle, link, punctuation and apostrophes', () => {
    const repost =
      "RT @marie: Le service client d’Acme ne répond plus depuis trois jours... C'est INADMISSIBLE !!! https://acme.fr/x?utm_source=tw";
    expect(isNearDuplicate(fr, repost)).toBe(true);
    expect(canonicalTextKey(repost)).toBe(canonicalTextKey(fr));
    expect(hammingDistance(textSimhash(fr), textSimhash(repost))).toBe(0);
  });

  it('groups an English repost with a hashtag, an emoji and a via credit', () => {
    const repost = `${en.replace('Acme', '#Acme')} 😡😡 via @techcrunch https://tcrn.ch/3xYz`;
    expect(isNearDuplicate(en, repost)).toBe(true);
    expect(textFingerprint(repost)).toEqual(textFingerprint(en));
  });

  it('groups a Mastodon boost that prefixes a fediverse handle and shouts', () => {
    const original =
      'Panne géante chez Acme ce matin, plus de réseau mobile dans tout Lyon depuis 7h';
    const boost = `@lyonactu@piaille.fr ${original.toUpperCase()}`;
    expect(isNearDuplicate(original, boost)).toBe(true);
  });

  it('groups a long article whose copy differs by one word', () => {
    const article = Array.from(
      { length: 12 },
      (_, i) =>
        `Au trimestre ${i + 1}, Acme annonce une hausse des tarifs de la fibre et du mobile, ` +
        `et les abonnés de la région ${i} dénoncent un service client injoignable`,
    ).join('. ');
    const copy = article.replace('injoignable', 'introuvable');
    expect(canonicalTextKey(copy)).not.toBe(canonicalTextKey(article));
    expect(hammingDistance(textSimhash(article), textSimhash(copy))).toBeLessThanOrEqual(3);
    expect(isNearDuplicate(article, copy)).toBe(true);
  });

  it('does not group clearly different texts', () => {
    expect(
      isNearDuplicate(
        en,
        'Great customer service from Acme today, they fixed my card in five minutes',
      ),
    ).toBe(false);
    expect(
      isNearDuplicate(
        "Le service client d'Acme ne répond plus depuis trois jours",
        'Le service client de Globex répond toujours en moins de trois minutes',
      ),
    ).toBe(false);
    expect(hammingDistance(textSimhash(en), textSimhash(fr))).toBeGreaterThan(15);
  });

  it('does not group a one-word paraphrase of a tweet at the default distance', () => {
    const other = en.replace("won't answer", 'never answers');
    const distance = hammingDistance(textSimhash(en), textSimhash(other));
    expect(isNearDuplicate(en, other)).toBe(false);
    expect(distance).toBeGreaterThan(3);
    expect(distance).toBeLessThan(25);
    expect(isNearDuplicate(en, other, distance)).toBe(true);
  });

  it('never groups texts too short to tell, such as a bare link or a two-word reply', () => {
    expect(textFingerprint('https://acme.fr/offre')).toBeNull();
    expect(textFingerprint('Merci @acme !')).toBeNull();
    expect(isNearDuplicate('love it', 'Love it!!')).toBe(false);
    expect(textFingerprint('un deux trois quatre cinq')?.words).toBe(NEAR_DUPLICATE_MIN_WORDS);
  });

  it('returns a SimHash that fits a signed Postgres bigint, and its four bands', () => {
    const fingerprint = textFingerprint(en)!;
    const value = BigInt(fingerprint.simhash);
    expect(value).toBeGreaterThanOrEqual(-(2n ** 63n));
    expect(value).toBeLessThan(2n ** 63n);
    expect(fingerprint.key).toMatch(/^[0-9a-f]{64}$/);
    const bands = simhashBands(fingerprint.simhash);
    expect(bands).toHaveLength(4);
    const rebuilt = bands.reduce((acc, band, i) => acc | (BigInt(band) << BigInt(16 * i)), 0n);
    expect(BigInt.asIntN(64, rebuilt)).toBe(value);
  });

  it('counts differing bits across the sign bit', () => {
    expect(hammingDistance(0n, -1n)).toBe(64);
    expect(hammingDistance('-9223372036854775808', '0')).toBe(1);
    expect(hammingDistance(5n, 6n)).toBe(2);
  });
});
