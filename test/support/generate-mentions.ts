import type { NormalizedMention } from '../../core/mentions/normalized-mention.js';

const TEXTS = [
  'Je vais résilier mon abonnement Vélia, trois pannes ce mois-ci.',
  'Ce serait bien de pouvoir mettre la ligne en pause pendant les vacances.',
  'Great support from @velia_help today, fixed in five minutes!',
  'I am switching to Kappa next month, the fibre keeps dropping.',
  'Je ne comprends pas ma facture, pourquoi deux prélèvements ?',
  'Honestly so disappointed with the new app update.',
  'La box fonctionne bien depuis la mise à jour, rien à signaler.',
  'Please add eSIM support for the Vélia Mobile plans.',
];

/** Deterministic mentions for tests and benchmarks: French and English, a few authors. */
export function generateMentions(n: number, offset = 0, platform = 'import'): NormalizedMention[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    return {
      platform,
      externalId: `gen-${i}`,
      url: `https://example.org/m/${i}`,
      author: {
        id: `u${i % 97}`,
        handle: `user${i % 97}`,
        name: `User ${i % 97}`,
        followers: (i * 37) % 5000,
      },
      text: `${TEXTS[i % TEXTS.length]} #${i}`,
      links: [],
      publishedAt: new Date(Date.UTC(2026, 10, 1) + i * 1000),
    };
  });
}
