import { describe, expect, it } from 'vitest';
import { createDefaultAnalyzer } from '../../../core/classification/analyzer/default-analyzer.js';
import { prepareText } from '../../../core/classification/text/prepare.js';

const analyzer = createDefaultAnalyzer();

/** Sum of the lexicon's polarity hits: positive minus negative. */
function lexiconPolarity(text: string): number {
  return prepareText(text).hits.reduce(
    (sum, h) =>
      h.target === 'positive' ? sum + h.weight : h.target === 'negative' ? sum - h.weight : sum,
    0,
  );
}

describe('relief and a problem solved', () => {
  it.each([
    'Problème réglé, merci',
    'Restauration de mes contacts faite ce matin après la mise à jour ratée. Tout est revenu, ouf.',
    "Ça remarche enfin, merci à l'équipe",
    'Phew, internet is back up and running',
    'Issue resolved on the first call',
  ])('reads "%s" as positive and not dissatisfied', (text) => {
    const a = analyzer.analyze({ text });
    expect(a.sentiment.label).toBe('positive');
    expect(a.dissatisfied).toBe(false);
    expect(lexiconPolarity(text)).toBeGreaterThan(0);
  });

  it.each([
    "Ce n'est pas réglé, toujours pas de connexion",
    'Toujours pas réglé après trois appels',
    'Issue not resolved, still waiting for a call back',
  ])('does not read a negated resolution as relief: "%s"', (text) => {
    const a = analyzer.analyze({ text });
    expect(a.sentiment.label).toBe('negative');
    expect(a.dissatisfied).toBe(true);
    expect(lexiconPolarity(text)).toBeLessThanOrEqual(0);
  });
});
