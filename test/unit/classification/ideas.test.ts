import { describe, expect, it } from 'vitest';
import { createDefaultAnalyzer } from '../../../core/classification/analyzer/default-analyzer.js';

const analyzer = createDefaultAnalyzer();

describe('ideas', () => {
  it.each([
    'It would be great if you added a dark mode',
    'Please add Apple Pay to the checkout',
    'You should open the support line on Sundays',
    'Ce serait bien de pouvoir télécharger mes factures',
    'Pourquoi ne pas proposer un forfait famille ?',
    'Vous devriez ajouter un mode hors ligne',
    "Please! I'd switch my whole family over if they supported eSIM.",
  ])('reads "%s" as an idea, with the pattern as evidence', (text) => {
    const a = analyzer.analyze({ text });
    expect(a.idea).toBe(true);
    expect(a.evidence.some((e) => e.target === 'idea')).toBe(true);
  });

  it.each([
    'My flight was delayed by two hours',
    'Livraison reçue ce matin, merci',
    'The app crashes every time I open it',
    'Je suis passé en agence hier',
    'I would leave if they raised prices again',
  ])('does not read "%s" as an idea', (text) => {
    expect(analyzer.analyze({ text }).idea).toBe(false);
  });
});
