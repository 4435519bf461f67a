import { describe, expect, it } from 'vitest';
import type { SignalName } from '../../../core/classification/analysis.js';
import { createDefaultAnalyzer } from '../../../core/classification/analyzer/default-analyzer.js';

const analyzer = createDefaultAnalyzer();

const cases: [SignalName, string][] = [
  ['discontent', "C'est inadmissible, trois semaines sans remboursement"],
  ['discontent', 'Been on hold for two hours, this is unacceptable'],
  ['churn_intent', 'Je vais résilier mon abonnement à la fin du mois'],
  ['churn_intent', 'Je pars chez la concurrence'],
  ['churn_intent', "I'm switching to another provider"],
  ['churn_intent', 'Cancel my subscription now please'],
  ['churn_intent', 'Never again, worst airline ever'],
  ['disappointment', 'Très déçue par la nouvelle version'],
  ['disappointment', 'Really disappointed, I expected better'],
  ['confusion', 'Je ne comprends pas ma facture'],
  ['confusion', 'How do I change my delivery address?'],
  ['confusion', 'Why is my bill higher this month?'],
];

describe('dissatisfaction signals', () => {
  it.each(cases)('finds %s in "%s", with evidence pointing into the text', (signal, text) => {
    const a = analyzer.analyze({ text });
    expect(a.signals[signal]).toBeGreaterThanOrEqual(0.5);
    const evidence = a.evidence.filter((e) => e.target === signal);
    expect(evidence.length).toBeGreaterThan(0);
    for (const e of evidence)
      expect(text.slice(e.start, (e.start ?? 0) + e.match.length)).toBe(e.match);
  });

  it('finds no churn intent when the intent is negated', () => {
    expect(
      analyzer.analyze({ text: 'Je ne vais pas résilier, tout va bien' }).signals.churn_intent,
    ).toBe(0);
    expect(
      analyzer.analyze({ text: "I'm not cancelling my subscription, all good" }).signals
        .churn_intent,
    ).toBe(0);
  });

  it('finds no disappointment in "pas déçu" or "not disappointed"', () => {
    expect(
      analyzer.analyze({ text: 'Pas déçu du tout, bien au contraire' }).signals.disappointment,
    ).toBe(0);
    expect(
      analyzer.analyze({ text: 'Not disappointed at all, great stay' }).signals.disappointment,
    ).toBe(0);
  });

  it('marks a strong churn intent as dissatisfied', () => {
    const a = analyzer.analyze({ text: 'Je vais résilier mon forfait, le réseau est nul' });
    expect(a).toMatchObject({ lang: 'fr', dissatisfied: true, sentiment: { label: 'negative' } });
    expect(a.sentiment.score).toBeLessThan(0);
  });

  it('leaves a happy customer with no signal', () => {
    const a = analyzer.analyze({ text: 'Merci pour la livraison rapide, au top !' });
    expect(a).toMatchObject({ lang: 'fr', dissatisfied: false, sentiment: { label: 'positive' } });
    expect(Math.max(...Object.values(a.signals))).toBe(0);
    expect(a.sentiment.score).toBeGreaterThan(0);
  });
});
