import { describe, expect, it } from 'vitest';
import {
  type MatchableDocument,
  compileQuery,
  matchTopics,
  prepareDocument,
} from '../../../core/topics/query/index.js';

const matches = (query: string, doc: string | MatchableDocument) =>
  compileQuery(query).match(typeof doc === 'string' ? { text: doc } : doc).matched;

describe('listening query matching', () => {
  it('applies OR below AND', () => {
    expect(matches('a OR b AND c', 'a')).toBe(true);
    expect(matches('a OR b AND c', 'b')).toBe(false);
    expect(matches('a OR b AND c', 'b c')).toBe(true);
    expect(matches('(a OR b) AND c', 'a')).toBe(false);
  });

  it('excludes with NOT and a leading minus', () => {
    expect(matches('acme NOT spam', 'acme is great')).toBe(true);
    expect(matches('acme NOT spam', 'acme spam here')).toBe(false);
    expect(matches('acme -"free money"', 'acme gives free money')).toBe(false);
    expect(matches('acme -"free money"', 'acme money is free')).toBe(true);
    expect(matches('acme -(spam OR promo)', 'acme PROMO')).toBe(false);
  });

  it('matches exact phrases only in order and adjacent', () => {
    expect(matches('"service client"', 'Le Service Client ne répond pas')).toBe(true);
    expect(matches('"service client"', 'client du service')).toBe(false);
    expect(matches('"service client"', 'service du client')).toBe(false);
  });

  it('does not let a phrase or NEAR span the title and the text', () => {
    const doc = { title: 'Un service', text: 'client mécontent' };
    expect(matches('"service client"', doc)).toBe(false);
    expect(matches('service NEAR/5 client', doc)).toBe(false);
    expect(matches('service AND client', doc)).toBe(true);
  });

  it('matches NEAR/n in either order with at most n words between', () => {
    expect(matches('acme NEAR/2 slow', 'acme is very slow')).toBe(true);
    expect(matches('acme NEAR/2 slow', 'slow today, acme')).toBe(true);
    expect(matches('acme NEAR/2 slow', 'acme is really very slow')).toBe(false);
    expect(matches('acme NEAR/1 slow', 'acme slow')).toBe(true);
  });

  it('measures NEAR between phrases from their edges and never overlaps them', () => {
    const q = '"service client" NEAR/3 "trop lent"';
    expect(matches(q, 'le service client est vraiment trop lent')).toBe(true);
    expect(matches(q, 'trop lent, vraiment, ce service client')).toBe(true);
    expect(matches(q, 'le service client est vraiment beaucoup bien trop lent')).toBe(false);
    expect(matches('bank NEAR/3 bank*', 'bank only')).toBe(false);
    expect(matches('bank NEAR/3 bank*', 'bank and banking')).toBe(true);
  });

  it('matches NEAR between a term and an OR group', () => {
    const q = compileQuery('acme NEAR/3 (nul OR "trop lent" OR horrible)');
    expect(q.match({ text: 'acme est trop lent' })).toEqual({
      matched: true,
      terms: ['acme NEAR/3 "trop lent"'],
    });
    expect(q.test({ text: 'acme est super, mais le reste est horrible' })).toBe(false);
  });

  it('matches prefixes on word starts only', () => {
    expect(matches('rembours*', 'Je veux être remboursé')).toBe(true);
    expect(matches('rembours*', 'un remboursement')).toBe(true);
    expect(matches('rembours*', 'non-remboursable')).toBe(true);
    expect(matches('rembours*', 'rembou')).toBe(false);
    expect(matches('"carte bleu*"', 'ma carte bleue est bloquée')).toBe(true);
  });

  it('is insensitive to case, accents, ligatures, ß and curly apostrophes', () => {
    expect(matches('resilier', 'Je vais RÉSILIER')).toBe(true);
    expect(matches('résilier', 'je vais resilier')).toBe(true);
    expect(matches('oeuvre', 'Une Œuvre')).toBe(true);
    expect(matches('strasse', 'Hauptstraße')).toBe(false);
    expect(matches('strasse', 'die Straße')).toBe(true);
    expect(matches("aujourd'hui", 'aujourd’hui')).toBe(true);
  });

  it('drops French elisions and English possessives from documents', () => {
    expect(matches('appli', "L'appli plante")).toBe(true);
    expect(matches('abonnement', 'frais d’abonnement')).toBe(true);
    expect(matches('"appli plante"', 'l’appli plante encore')).toBe(true);
    expect(matches('orange', "Orange's network is down")).toBe(true);
    expect(matches('dont', "I don't care")).toBe(true);
  });

  it('matches a plain word against hashtags and handles, but #tag and @handle only themselves', () => {
    expect(matches('orange', 'Panne chez #Orange')).toBe(true);
    expect(matches('orange', 'hey @orange')).toBe(true);
    expect(matches('#orange', 'une orange pressée')).toBe(false);
    expect(matches('#orange', 'panne #ORANGE')).toBe(true);
    expect(matches('@orange', '#orange en panne')).toBe(false);
    expect(matches('@orange', 'cc @Orange')).toBe(true);
    expect(matches('@orange', 'ping @orange@mastodon.social')).toBe(true);
    expect(matches('acme', 'write to bob@acme.com')).toBe(true);
    expect(matches('@acme', 'write to bob@acme.com')).toBe(false);
  });

  it('matches fields on author, language, source and platform', () => {
    const doc = {
      text: 'panne',
      authorHandle: '@Alice@Mastodon.Social',
      lang: 'fr_FR',
      source: 'Mastodon hashtag #panne',
      platform: 'mastodon',
    };
    expect(matches('panne author:alice', doc)).toBe(true);
    expect(matches('panne author:alice@mastodon.social', doc)).toBe(true);
    expect(matches('panne author:alice@other.example', doc)).toBe(false);
    expect(matches('panne author:ali*', doc)).toBe(true);
    expect(matches('panne lang:fr', doc)).toBe(true);
    expect(matches('panne lang:fr-fr', doc)).toBe(true);
    expect(matches('panne lang:fr-ca', doc)).toBe(false);
    expect(matches('panne lang:en', doc)).toBe(false);
    expect(matches('panne source:mastodon', doc)).toBe(true);
    expect(matches('panne platform:reddit', doc)).toBe(false);
    expect(matches('panne NOT author:alice', doc)).toBe(false);
    expect(matches('panne lang:fr', { text: 'panne' })).toBe(false);
  });

  it('reads a keyword list with commas as OR of phrases', () => {
    expect(matches('acme, acme bank', 'acme')).toBe(true);
    expect(matches('globex, acme bank', 'bank of acme')).toBe(false);
    expect(matches('globex, acme bank', 'the acme bank')).toBe(true);
  });

  it('reports the terms that matched, in query order, without the excluded ones', () => {
    const q = compileQuery(
      '(acme OR #acme OR globex) AND (panne* OR "pas de réseau") NOT promo lang:fr',
    );
    expect(q.match({ text: 'Panne #Acme : pas de réseau', lang: 'fr' })).toEqual({
      matched: true,
      terms: ['acme', '#acme', 'panne*', '"pas de reseau"', 'lang:fr'],
    });
    expect(q.match({ text: 'Panne #Acme promo', lang: 'fr' })).toEqual({
      matched: false,
      terms: [],
    });
  });

  it('evaluates many topics against one prepared document', () => {
    const topics = [
      { id: 't1', query: compileQuery('acme AND panne') },
      { id: 't2', query: compileQuery('globex') },
      { id: 't3', query: compileQuery('acme NEAR/1 réseau') },
    ];
    expect(matchTopics(topics, { text: 'Acme : panne de réseau' })).toEqual([
      { topicId: 't1', terms: ['acme', 'panne'] },
    ]);
    const prepared = prepareDocument({ text: 'acme réseau' });
    expect(topics.map((t) => t.query.test(prepared))).toEqual([false, false, true]);
  });
});
