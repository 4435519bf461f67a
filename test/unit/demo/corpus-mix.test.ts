import { describe, expect, it } from 'vitest';
import { readDrafts } from '../../../demo/build-corpus.js';
import {
  DRIVER_CUES,
  EMERGING,
  IDEA_CLUSTERS,
  IDEA_CUES,
  NEGATION_TRAPS,
  SIGNAL_CUES,
  guessLanguage,
  isShouting,
} from './cues.js';
import { type CorpusMention, dayOf, readCorpus } from './load-corpus.js';

const corpus = readCorpus();
const drafts = readDrafts();
const texts = corpus.map((m) => m.text);
const count = (re: RegExp, pool: CorpusMention[] = corpus) =>
  pool.filter((m) => re.test(m.text)).length;
const isEmerging = (text: string) =>
  EMERGING.update.test(text) && EMERGING.loss.test(text) && EMERGING.harm.test(text);

describe('the demo corpus mix', () => {
  it('is about 60% French, 35% English and a handful of other languages', () => {
    const share = (pred: (lang: string) => boolean) =>
      drafts.filter((d) => pred(d.lang)).length / drafts.length;
    expect(share((l) => l === 'fr')).toBeGreaterThan(0.57);
    expect(share((l) => l === 'fr')).toBeLessThan(0.67);
    expect(share((l) => l === 'en')).toBeGreaterThan(0.3);
    expect(share((l) => l === 'en')).toBeLessThan(0.4);
    const others = drafts.filter((d) => !['fr', 'en'].includes(d.lang));
    expect(others.length).toBeGreaterThanOrEqual(8);
    expect(new Set(others.map((d) => d.lang))).toEqual(new Set(['de', 'es', 'it']));
  });

  it('declares each text in the language its words are written in', () => {
    const mismatched = drafts.filter((d) => guessLanguage(d.text) !== d.lang);
    // Very short texts ("+1", a handle and an emoji) may carry no cue at all.
    expect(mismatched.map((d) => `${d.file}:${d.line}`).length).toBeLessThanOrEqual(
      drafts.length * 0.04,
    );
  });

  it('voices each of the four dissatisfaction signals many times', () => {
    expect(count(SIGNAL_CUES.discontent)).toBeGreaterThanOrEqual(20);
    expect(count(SIGNAL_CUES.churn_intent)).toBeGreaterThanOrEqual(25);
    expect(count(SIGNAL_CUES.disappointment)).toBeGreaterThanOrEqual(10);
    expect(count(SIGNAL_CUES.confusion)).toBeGreaterThanOrEqual(15);
  });

  it('sets negation traps, irony, caps, elongated words, emoji and hashtags', () => {
    for (const trap of NEGATION_TRAPS) expect(texts.some((t) => trap.test(t))).toBe(true);
    expect(texts.filter(isShouting).length).toBeGreaterThanOrEqual(4);
    expect(texts.filter((t) => /(\p{L})\1{3,}/u.test(t)).length).toBeGreaterThanOrEqual(2);
    expect(texts.filter((t) => /#\p{L}/u.test(t)).length).toBeGreaterThanOrEqual(10);
    expect(texts.filter((t) => /\p{Extended_Pictographic}/u.test(t)).length).toBeGreaterThanOrEqual(
      30,
    );
    expect(
      texts.filter((t) =>
        /bravo|quelle performance|fantastic|brilliant design|génial|super\./i.test(t),
      ).length,
    ).toBeGreaterThanOrEqual(4);
  });

  it('names the drivers of discontent with distinct vocabularies', () => {
    for (const [driver, re] of Object.entries(DRIVER_CUES))
      expect(count(re), driver).toBeGreaterThanOrEqual(10);
  });

  it('brings an app-update complaint that appears only in the last five days, in French and English', () => {
    const emerging = corpus.filter((m) => isEmerging(m.text));
    expect(emerging.length).toBeGreaterThanOrEqual(20);
    expect(emerging.filter((m) => dayOf(m.publishedAt) < 25)).toEqual([]);
    const langs = drafts.filter((d) => isEmerging(d.text)).map((d) => d.lang);
    expect(langs.filter((l) => l === 'fr').length).toBeGreaterThanOrEqual(8);
    expect(langs.filter((l) => l === 'en').length).toBeGreaterThanOrEqual(8);
    // Worded many ways, not one sentence repeated.
    expect(new Set(emerging.map((m) => m.text)).size).toBe(emerging.length);
    expect(new Set(emerging.map((m) => m.text.slice(0, 30))).size).toBeGreaterThan(
      emerging.length * 0.9,
    );
  });

  it('holds about forty ideas, with the same ideas asked for by several people in both languages', () => {
    const ideas = corpus.filter(
      (m) =>
        IDEA_CUES.test(m.text) ||
        Object.values(IDEA_CLUSTERS).some(
          (re) =>
            re.test(m.text) &&
            /\?|!|please|pitié|\+1|ce serait|devriez|would|should|proposer/i.test(m.text),
        ),
    );
    expect(ideas.length).toBeGreaterThanOrEqual(35);
    for (const [idea, re] of Object.entries(IDEA_CLUSTERS)) {
      const asking = ideas.filter((m) => re.test(m.text));
      expect(new Set(asking.map((m) => m.author.id)).size, idea).toBeGreaterThanOrEqual(3);
      const langs = new Set(
        drafts
          .filter((d) => re.test(d.text) && asking.some((m) => m.text === d.text))
          .map((d) => d.lang),
      );
      expect([...langs].sort(), idea).toEqual(['en', 'fr']);
    }
  });
});

describe('the people of the demo corpus', () => {
  const authors = new Map<string, CorpusMention['author'] & { platform: string }>();
  for (const m of corpus)
    authors.set(`${m.platform} ${m.author.id}`, { ...m.author, platform: m.platform });
  const byId = new Map(corpus.map((m) => [`${m.platform} ${m.externalId}`, m]));

  /** Distinct people who reply to, quote or @mention an author. */
  function audience(platform: string, handle: string): Set<string> {
    const people = new Set<string>();
    for (const m of corpus.filter((x) => x.platform === platform && x.author.handle !== handle)) {
      const parent = m.parentId ? byId.get(`${platform} ${m.parentId}`) : undefined;
      const quoted = m.quotedId ? byId.get(`${platform} ${m.quotedId}`) : undefined;
      if (
        parent?.author.handle === handle ||
        quoted?.author.handle === handle ||
        m.text.includes(`@${handle}`)
      )
        people.add(m.author.id);
    }
    return people;
  }

  it('counts about 150 authors, most of them ordinary customers with few followers', () => {
    expect(authors.size).toBeGreaterThanOrEqual(130);
    expect(authors.size).toBeLessThanOrEqual(170);
    const followed = [...authors.values()].filter((a) => a.followers !== undefined);
    expect(followed.filter((a) => a.followers! < 1000).length / followed.length).toBeGreaterThan(
      0.8,
    );
  });

  it('has three opinion leaders answered, quoted and mentioned by many distinct people', () => {
    for (const [platform, handle] of [
      ['mastodon', 'margaux_conso'],
      ['bluesky', 'samtestsstuff.bsky.social'],
      ['mastodon', 'claire_vasseur'],
    ] as const) {
      expect(audience(platform, handle).size, handle).toBeGreaterThanOrEqual(7);
    }
  });

  it('makes two leaders mostly negative and one mostly positive', () => {
    const negative =
      /inadmissible|double prélèvement|efface|hausse|missed|no-shows|deleted|cancelling|unacceptable|perte/i;
    const share = (handle: string) => {
      const own = corpus.filter((m) => m.author.handle === handle && !m.parentId);
      return own.filter((m) => negative.test(m.text)).length / own.length;
    };
    expect(share('margaux_conso')).toBeGreaterThan(0.6);
    expect(share('samtestsstuff.bsky.social')).toBeGreaterThan(0.6);
    expect(share('claire_vasseur')).toBeLessThan(0.5);
  });

  it('includes bot-like accounts that post the same kind of promo link again and again', () => {
    for (const handle of ['bonsplans_box', 'dealsradar-uk.bsky.social']) {
      const posts = corpus.filter((m) => m.author.handle === handle);
      expect(posts.length, handle).toBeGreaterThanOrEqual(4);
      expect(posts.every((m) => /https?:\/\/|\w+\.\w+\/\w+/.test(m.text))).toBe(true);
    }
  });
});
