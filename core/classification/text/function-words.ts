/**
 * Short, frequent words that tell languages apart in a tweet of six words, where character
 * statistics alone hesitate. Folded forms (no accents). Words shared by two languages are left out.
 */
export const FR_WORDS = new Set(
  (
    "je j' tu il elle nous vous ils elles on le la les l' un une des du de d' et est sont " +
    'suis es sommes etes ai avez avons ont mon ma mes ton ta tes son sa ses notre votre vos leur ' +
    "ce cette ces c' qu' que qui quoi pourquoi comment quand mais ou donc car ne n' pas plus tres " +
    'trop avec sans pour dans sur chez aussi encore deja toujours jamais rien merci bonjour salut ' +
    'oui non bien mal avoir etre fait faire peut veux vais va au aux cela ca ici depuis apres ' +
    "avant parce parceque voila svp stp vraiment quel quelle m' s' t' y en leurs aucun"
  ).split(' '),
);

export const EN_WORDS = new Set(
  (
    'i you he she we they it the a an and is are was were am be been being have has had do ' +
    'does did my your our their his her its this that these those what why how when where who ' +
    'which but or so not no never with without for from to of in on at by about just really very ' +
    "thanks thank please can could would should will won't don't can't isn't i'm it's you're " +
    "i've dont cant im ive again still yet any some all get got been there here now today " +
    'flight service customer help'
  ).split(' '),
);

/** Frequent words of languages Écoute does not analyse, so they are not read as French/English. */
export const OTHER_WORDS = new Set(
  // German
  (
    'ich bin nicht und der die das ist mit auf fur ein eine sehr aber auch wie wir sie dem den ' +
    'von zu nach bei mein meine kein keine noch schon warum danke bitte ' +
    // Spanish / Portuguese / Italian
    'el los las del por una muy pero como para esta este estoy tengo nada gracias porque ' +
    'che sono della questo molto grazie perche gli nao muito obrigado voce isso ' +
    // Dutch
    'het een niet maar ook wij zijn heb dank waarom'
  ).split(' '),
);

/**
 * Words that occur in one of the two languages and in no close neighbour (Spanish, Italian,
 * Portuguese, Catalan, Dutch, German): three of them, and none of the other side, settle the
 * language without running the n-gram detector.
 */
export const FR_ONLY = new Set(
  (
    "je j' est et les des du pas nous vous ils c' qu' n' l' d' avec dans pour mais tres ce cette " +
    'mon mes suis ai au aux ca vais sont etes avez avons leur leurs merci pourquoi comment'
  ).split(' '),
);
export const EN_ONLY = new Set(
  (
    "the and is are was were i you my your to of it this that with for have has been not don't " +
    "i'm it's can't won't what why how please thanks thank would could should just"
  ).split(' '),
);
