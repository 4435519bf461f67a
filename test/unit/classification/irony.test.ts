import { describe, expect, it } from 'vitest';
import type { PatternTarget } from '../../../core/classification/lexicon/types.js';
import { createDefaultAnalyzer } from '../../../core/classification/analyzer/default-analyzer.js';
import { prepareText } from '../../../core/classification/text/prepare.js';

/** The words of the text that the lexicon's phrase groups of `target` and `weight` matched. */
function matched(text: string, target: PatternTarget, weight?: number): string[] {
  return prepareText(text)
    .hits.filter((h) => h.target === target && (weight === undefined || h.weight === weight))
    .map((h) => text.slice(h.start, h.end));
}

/** The irony and glad-departure group: the only phrases of weight 0.9 on the negative side. */
const ironic = (text: string) => matched(text, 'negative', 0.9);

describe('ironic thanks and praise after a complaint', () => {
  it.each([
    ['Panne de fibre depuis ce matin, toujours rien à 18h. Merci Fibrane…', 'Merci Fibrane'],
    ["L'appli a effacé toutes mes notes. Merci du cadeau.", 'Merci du cadeau'],
    ['Train annulé sans prévenir. Merci pour rien', 'Merci pour rien'],
    ["Une heure d'attente pour qu'on me raccroche au nez. Super.", 'Super'],
    [
      'Box en panne le soir du match. Bravo, vraiment du grand art.',
      'Bravo, vraiment du grand art.',
    ],
    ['Génial, le décodeur a encore perdu toutes les chaînes.', 'Génial'],
    ['Internet down for the third evening in a row, still no ETA. Thanks Lumio.', 'Thanks Lumio.'],
    ['The update wiped my playlists. Thanks a lot, Tuneo.', 'Thanks a lot, Tuneo.'],
    ["Result of the latest version: the app won't open. Great job.", 'Great job.'],
    ['Oh brilliant, the banking app logged me out mid-transfer.', 'brilliant'],
    ['They cancelled my flight. Thanks for nothing', 'Thanks for nothing'],
  ])('reads "%s" as ironic', (text, words) => {
    expect(ironic(text)).toContain(words);
  });

  it.each([
    // Sincere thanks: a problem solved before them, or no complaint at all.
    'Merci Fibrane, problème réglé !',
    'Ma box était en panne, elle a été remplacée le lendemain. Merci Lumio.',
    'Panne résolue en une heure, merci Orvane.',
    'Le technicien était ponctuel et efficace. Merci Helix.',
    "Ce n'est pas parfait mais le réseau est bon. Merci l'équipe !",
    'Connection issue fixed by the engineer within the hour. Thanks Fibrane.',
    'Driver waited for me to come down despite the rain. Thanks Parcelo.',
    'Billing error corrected and the credit is on my account. Thanks',
    'Fibre is blazing fast since the install, great job',
    'Great experience at the branch, very friendly staff',
    // The thanks are not the close of the message.
    'Merci Helix, la carte SIM a été activée en deux minutes.',
    // A solved problem with an exclamation mark after the thanks.
    'Colis perdu puis retrouvé, merci Parcelo !',
  ])('does not read "%s" as ironic', (text) => {
    expect(ironic(text)).toEqual([]);
  });

  it('keeps a complaint that was only said to be solved ironic ("pas réglé")', () => {
    expect(ironic("Ce n'est toujours pas réglé, la box est en panne. Merci Lumio.")).toEqual([
      'Merci Lumio.',
    ]);
    expect(ironic('Still not fixed after three calls. Thanks Orvane.')).toEqual(['Thanks Orvane.']);
  });
});

describe('leaving told in the past, glad of it', () => {
  it.each([
    ["Content d'être parti : leur appli efface les contacts des clients.", "Content d'être parti"],
    [
      "J'ai bien fait de partir, ils n'ont plus de réseau depuis lundi.",
      "J'ai bien fait de partir",
    ],
    ["Heureusement que j'ai résilié l'an dernier.", "Heureusement que j'ai résilié"],
    ["Je ne regrette pas d'avoir quitté Quaro.", "Je ne regrette pas d'avoir quitté"],
    ['Glad I left. This is the kind of bug that makes you wonder.', 'Glad I left'],
    ['Good decision leaving Helix: their app is deleting contacts.', 'Good decision leaving'],
    [
      'Best decision I made this year was leaving Orvane.',
      'Best decision I made this year was leaving',
    ],
    ['No regrets leaving Fibrane after reading this.', 'No regrets leaving'],
  ])('finds a departure in "%s": negative and churn', (text, words) => {
    expect(ironic(text)).toContain(words);
    expect(matched(text, 'churn_intent')).toContain(words);
  });

  it('counts "best decision I made was to switch" as churn without reading it as negative', () => {
    const text = 'Best decision I made was to switch, honestly.';
    expect(matched(text, 'churn_intent').length).toBeGreaterThan(0);
    expect(ironic(text)).toEqual([]);
  });

  it.each([
    "Je ne suis pas content d'être parti, le nouveau réseau est pire.",
    "Pas content d'avoir quitté mon ancien opérateur.",
    "I'm glad I left early, the store was packed.",
    "Contente d'avoir changé pour cette banque, tout est plus simple.",
    'Glad I switched to Lumio, everything is faster.',
  ])('does not read "%s" as a departure one is glad of', (text) => {
    expect(ironic(text)).toEqual([]);
  });
});

describe('lost data and dead lines', () => {
  it.each([
    "La mise à jour a supprimé toutes mes photos de l'appli.",
    'Mes contacts ont été effacés après la synchro.',
    "Plus d'internet depuis 6h du matin.",
    'The update deleted all my downloaded episodes.',
    'All my offline music got deleted with the update.',
    'Internet has been down since Monday.',
  ])('finds discontent in "%s"', (text) => {
    expect(matched(text, 'discontent').length).toBeGreaterThan(0);
  });

  it.each([
    "J'ai supprimé l'appli pour libérer de la place.",
    'I deleted my old photos to free up some space.',
    'Plus de data pour le même prix, top.',
    'I came down to sign for the parcel.',
  ])('finds no discontent in "%s"', (text) => {
    expect(matched(text, 'discontent')).toEqual([]);
  });
});

describe('the shipped models read irony and glad departures as complaints', () => {
  const analyzer = createDefaultAnalyzer();

  it.each([
    'Panne de fibre depuis ce matin, toujours rien à 18h. Merci Fibrane…',
    "L'appli a effacé toutes les playlists de mon fils. Il est inconsolable. Merci Tuneo.",
    "Content d'être parti : leur dernière mise à jour efface les contacts des clients.",
    'The update wiped all my saved photos and I had to explain it to my mum for an hour. Thanks Nimbo.',
    'Good decision leaving Orvane: just read their app is deleting people’s contacts.',
  ])('"%s" is negative and dissatisfied', (text) => {
    const a = analyzer.analyze({ text });
    expect(a.sentiment.label).toBe('negative');
    expect(a.dissatisfied).toBe(true);
  });

  it.each([
    'Merci Fibrane, problème réglé !',
    'Ma box était en panne, elle a été remplacée le lendemain. Merci Lumio.',
    'Connection issue fixed by the engineer within the hour. Thanks Fibrane!',
  ])('"%s" stays positive and satisfied', (text) => {
    const a = analyzer.analyze({ text });
    expect(a.sentiment.label).toBe('positive');
    expect(a.dissatisfied).toBe(false);
  });
});
