import { describe, expect, it } from 'vitest';
import { SIGNAL_NAMES } from '../../../core/classification/analysis.js';
import { createDefaultAnalyzer } from '../../../core/classification/analyzer/default-analyzer.js';

const analyzer = createDefaultAnalyzer();

describe('createDefaultAnalyzer', () => {
  it('gives other languages lang unknown and an empty, neutral result', () => {
    expect(analyzer.analyze({ text: 'Ich bin sehr enttäuscht, ich kündige mein Abo' })).toEqual({
      lang: 'unknown',
      sentiment: { label: 'neutral', score: 0 },
      dissatisfied: false,
      signals: { discontent: 0, churn_intent: 0, disappointment: 0, confusion: 0 },
      idea: false,
      evidence: [],
    });
  });

  it('keeps every score in its range, and the sentiment score agrees with its label', () => {
    const texts = [
      'Worst service ever, I want a refund!!!',
      'Thanks a lot, great job team',
      'Le colis arrive demain',
      'Nul, nul, nul. Je résilie.',
      'pourquoi ma facture a augmenté ??',
    ];
    for (const text of texts) {
      const a = analyzer.analyze({ text });
      expect(a.sentiment.score).toBeGreaterThanOrEqual(-1);
      expect(a.sentiment.score).toBeLessThanOrEqual(1);
      if (a.sentiment.label === 'negative') expect(a.sentiment.score).toBeLessThan(0);
      if (a.sentiment.label === 'positive') expect(a.sentiment.score).toBeGreaterThan(0);
      for (const s of SIGNAL_NAMES) {
        expect(a.signals[s]).toBeGreaterThanOrEqual(0);
        expect(a.signals[s]).toBeLessThanOrEqual(1);
      }
    }
  });

  it('reads a French message in French and an English one in English', () => {
    expect(analyzer.analyze({ text: 'Service client injoignable, je suis furieux' }).lang).toBe(
      'fr',
    );
    expect(analyzer.analyze({ text: 'Customer service never answers, I am furious' }).lang).toBe(
      'en',
    );
  });

  it('has a version naming its lexicon and models', () => {
    expect(analyzer.version).toMatch(/^lex-\d+\+[0-9a-f]{10}$/);
    expect([...analyzer.models.keys()].sort()).toEqual([
      'dissatisfied:en',
      'dissatisfied:fr',
      'idea:en',
      'idea:fr',
      'sentiment:en',
      'sentiment:fr',
    ]);
  });

  it('falls back on the lexicon when a language has no model', () => {
    const bare = createDefaultAnalyzer([], []);
    const a = bare.analyze({ text: 'Je suis très déçu, service nul et inadmissible' });
    expect(a).toMatchObject({ lang: 'fr', dissatisfied: true, sentiment: { label: 'negative' } });
    expect(a.signals.disappointment).toBeGreaterThan(0.5);
  });
});
