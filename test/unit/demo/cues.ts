/**
 * Cue words for checking the demo corpus's mix. They are a test's rough instrument, not
 * Écoute's classifier: each list only has to recognise the texts written for the demo.
 */
const STOPWORDS: Record<string, string[]> = {
  fr: [
    'le',
    'la',
    'les',
    'des',
    'une',
    'est',
    'pas',
    'je',
    'et',
    'pour',
    'que',
    'qui',
    'avec',
    'mais',
    'sur',
    'ça',
    'du',
    'mes',
    'depuis',
    'chez',
    'plus',
    'vous',
    'on',
    'ce',
    'rien',
    'au',
    'en',
    'à',
    'merci',
    'tout',
    'bon',
    'oui',
    'mon',
    'ma',
    'il',
    'nous',
  ],
  en: [
    'the',
    'and',
    'is',
    'my',
    'to',
    'of',
    'it',
    'for',
    'with',
    'not',
    'you',
    'i',
    'in',
    'on',
    'this',
    'that',
    'was',
    'have',
    'has',
    'just',
    'what',
    'are',
    'at',
    'from',
    'all',
    'they',
    'me',
    'so',
    'your',
    'their',
    'been',
    'same',
    'we',
    'our',
    'be',
    'by',
    'an',
  ],
  de: [
    'der',
    'die',
    'das',
    'und',
    'ist',
    'nicht',
    'ich',
    'mich',
    'seit',
    'hat',
    'habe',
    'für',
    'aber',
    'nur',
    'zweimal',
    'den',
    'dem',
    'wächst',
  ],
  es: [
    'el',
    'los',
    'las',
    'y',
    'mis',
    'que',
    'nadie',
    'sin',
    'desde',
    'todos',
    'alguien',
    'para',
    'llevo',
    'esperando',
    'viene',
    'dice',
  ],
  it: [
    'il',
    'di',
    'che',
    'non',
    'ho',
    'mi',
    'sono',
    'da',
    'qualcuno',
    'gli',
    'della',
    'è',
    'ne',
    'delle',
    'più',
    'nel',
    'davvero',
  ],
};

/** The language whose function words a text uses most. */
export function guessLanguage(text: string): string {
  const words = text.toLowerCase().match(/[\p{L}']+/gu) ?? [];
  let best = 'unknown';
  let bestHits = 0;
  for (const [lang, list] of Object.entries(STOPWORDS)) {
    const set = new Set(list);
    const hits = words.filter((w) => set.has(w) || set.has(w.split("'").pop() ?? '')).length;
    if (hits > bestHits) [best, bestHits] = [lang, hits];
  }
  return best;
}

/** Words that show each dissatisfaction signal, in French and English. */
export const SIGNAL_CUES = {
  discontent:
    /inadmissible|inacceptable|unacceptable|ras-le-bol|catastrophique|fix your app|n'en peux plus|c'est une blague|what a joke|rageant|i'm done|personne ne répond|nobody (called|answers)|\bmess\b|😡|😤/i,
  churn_intent:
    /résili|je pars chez|partir chez|direction nordéa|switch(ing|ed)? to kappa|cancel(l)?ing (my|our) contract|cancelled|never again|\bRIO\b|portabilité|ported my number|bye vélia|ciao|leaving velia|left velia|passe(ra|rons)? chez kappa|évaluons|evaluating kappa|ho cambiato operatore/i,
  disappointment:
    /déçu|disappoint|expected better|m'attendais à mieux|delusione|moi qui disais du bien|c'était (bien|irréprochable)/i,
  confusion:
    /je ne comprends|comprends (pas|plus|rien)|pourquoi j'ai été prélevé|how do i|can (someone|anyone) explain|don't understand|no idea why|what is that\?|m'expliquer|comment (on fait|on change|je fais)|je suis un peu perdu|is the warning wrong|how .* works/i,
};

/** Suggestions and feature requests. */
export const IDEA_CUES =
  /ce serait (bien|top|vraiment)|please add|pourquoi ne pas proposer|vous devriez|you should|suggestion|would love|feature request|it would be great|idée pour|idea:|proposition à|would be my one feature|envoyez au moins|je commence : un mode sombre|\+1(000)? pour le mode sombre|pouvoir (mettre|télécharger)|un vrai état du réseau|un mode simplifié/i;

/** The ideas the demo repeats across people and languages. */
export const IDEA_CLUSTERS: Record<string, RegExp> = {
  esim: /esim/i,
  rollover: /report(er)? (les go|la data|de data)|roll ?over/i,
  pause: /pause|suspendre/i,
  darkMode: /mode sombre|dark mode/i,
  pdfInvoices: /pdf/i,
};

/** The complaint that emerges in the last five days: the app update that deletes saved data. */
export const EMERGING = {
  update: /mise à jour|\bmaj\b|update|aktualisierung|actualización|5\.0/i,
  loss: /contact|playlist|contatti|contactos/i,
  harm: /effac|supprim|disparu|vid[ée]|delet|wiped|gone|vanished|lost|removes|borr/i,
};

/** Distinct vocabularies of the drivers of discontent. */
export const DRIVER_CUES: Record<string, RegExp> = {
  billing: /prélev|factur|\bbill|charged|hausse|\+3 €|price rise|prix/i,
  outage:
    /panne|sans (internet|fibre)|no signal|pas de réseau|plus de réseau|coupure|outage|plus de fibre|clignote rouge/i,
  customerService:
    /service client|hotline|3900|attente|hold|personne ne répond|customer service|support/i,
  installation: /technicien|installation|rendez-vous|no-show|engineer|colis|livr|raccord/i,
  appLogin:
    /(appli|app)\b.*(connect|session|log|mot de passe|identifiant|authentification|503)|logged me out|logs me out/i,
};

export const NEGATION_TRAPS = [
  /pas mal du tout/i,
  /not bad at all/i,
  /pas déçue?/i,
  /no complaints/i,
  /jamais eu de (souci|problème)/i,
];

/** Acronyms and promo banners are capitals without shouting. */
const ACRONYMS =
  /\b(RIO|CNIL|SIM|PDF|IPv\d|CGNAT|DEAL|ALERT|BON|PLAN|VENTE|FLASH|SMS|API|MIT|ADSL|CDI|OLED|CSV|XXIe|FTTH)\b/g;

/** A word of four capitals or more that is not an acronym: someone is shouting. */
export function isShouting(text: string): boolean {
  return /\b[A-Z]{4,}\b/.test(text.replace(ACRONYMS, ''));
}
