/**
 * Écoute's French lexicon: dissatisfaction signals (mécontentement, éloignement, déception,
 * incompréhension), suggestions and polarity words, as customers write them on social media.
 * Folded forms: no accents, lower case ("decu" matches "déçu", "DÉÇU").
 */
import type { Lexicon } from './types.js';

const ME = "(?:je|j'|moi|on)";
/**
 * What a message complains about before an ironic closing ("Merci X.", "Bravo.", "Génial."): an
 * outage, lost data, a wait, a charge, a failure. Read anywhere before the closing, as a whole word.
 */
const COMPLAINT =
  '(?<![a-z])(?:pannes?|coupures?|coupee?s?|plant\\w*|bug\\w*|beug\\w*|efface\\w*|supprime\\w*|disparu\\w*|' +
  "perdu\\w*|videe?s?|toujours (?:rien|pas|aucun)|plus (?:de |d')(?:reseau|internet|fibre|connexion|signal|ligne|tele|chaines)|" +
  "(?:minutes?|heures?|jours?|semaines?|musique) d'attente|en attente|attends? depuis|retard\\w*|annule\\w*|injoignable|" +
  "raccroche\\w*|deux fois|erreur|impossible|ne (?:marche|fonctionne|s'ouvre) (?:pas|plus)|" +
  'sans (?:internet|reseau|connexion|fibre|explication|prevenir)|cass\\w*|morte?|inconsolable|(?:rien|jamais|pas) recu|' +
  "augment\\w*|hausse|bloque\\w*|deconnect\\w*|frais (?:de retard|caches|bancaires|que je n'ai)|double\\w*)(?![a-z])";
/** A problem solved: thanks after it are sincere ("Panne réglée, merci X."). Not when negated. */
const RELIEF =
  '(?<![a-z])(?<!(?:pas|jamais|plus) )(?:(?:regle|resolu|revenu|retabli|repare|restaure|recupere|retrouve|corrige|' +
  'remplace|rembourse|change)(?:e|s|es)?|remarche\\w*|refonctionne\\w*|ouf|soulag\\w*|rentre dans l.ordre)(?![a-z])';
const AFTER_COMPLAINT = `(?<=${COMPLAINT}[^]*)(?<!${RELIEF}[^]*)`;
/** The end of the message: nothing after but punctuation, emoji, spaces, #tags or @handles. */
const END = '(?=(?:[^a-z0-9#@]|[#@]\\w+(?:[.-]\\w+)*)*$)';
/** Praise that closes a complaint ("… Bravo.") or opens it ("Génial, l'appli a encore planté"). */
const PRAISE =
  '(?:super|genial|top|bravo|parfait|magnifique|chapeau|felicitations|on adore|quel bonheur|' +
  'quelle efficacite|du grand art|sans blague|la classe)';
const OPENING = '(?:super|genial|bravo|parfait|top|magnifique)';
/**
 * Ironic thanks and praise after a complaint: "Toujours rien à 18h. Merci X…", "L'appli plante.
 * Bravo.", "Génial, le décodeur a encore perdu les chaînes". A sincere "Panne réglée, merci X !"
 * does not fire: a solved problem before the thanks, or an exclamation mark after them, stands.
 */
const IRONY = [
  // The forms of the thanks, one alternative under their leading word ("merci").
  'merci(?:' +
    [
      ' (?:pour|de) rien',
      ' du cadeau',
      `(?: beaucoup| bien| encore)?(?:,? (?:a |au |aux )?(?!pour |de |d')@?[a-z][\\w.'-]*){0,3}(?:,? (?:vraiment|hein|encore))?(?=[^a-z0-9!]*$)${AFTER_COMPLAINT}`,
      ` (?:[\\w@.-]+ )?pour (?:ce (?:grand |beau )?moment|cette (?:matinee|journee|soiree|semaine|nuit)|la surprise|le cadeau)${AFTER_COMPLAINT}`,
    ].join('|') +
    ')',
  // The praise word first, then where it stands: a sentence of its own ("… Bravo."), or the
  // opening of a complaint ("Génial, le décodeur a encore perdu les chaînes"). A pattern that
  // opens on a lookbehind would be tried at every offset of every mention.
  `${PRAISE}(?:(?<=(?:^|[.!?…:]|(?<![a-z])(?:ah|oh|bon),?)\\s*${PRAISE})(?:[ ,]+[\\w@.'-]+){0,4}${END}${AFTER_COMPLAINT}` +
    `|(?<=^(?:@[\\w.-]+ )*(?:(?:ah|oh)[ ,]+)?${OPENING})(?= ?[,!:])(?=[^]*${COMPLAINT})(?![^]*${RELIEF}))`,
  "j'adore (?:payer|attendre|perdre)",
  // The promise quoted back: « la fibre la plus fiable » qu'ils disaient.
  "qu'(?:ils|elle|il|on) (?:disaient|disait|avaient dit|nous disait)",
  '(?:ca|que) fait (?:toujours )?plaisir de (?:passer|payer|attendre|perdre)',
];
/** Leaving told in the past, glad of it: "content d'être parti", "j'ai bien fait de partir". */
const LEFT_GLADLY = [
  "(?:content|heureu|ravi|soulage|fier)\\w* (?:d'etre (?:parti|partie)s?|d'avoir (?:quitte|resilie|fui)|de ne plus etre (?:chez|client))",
  "j'ai bien fait de (?:partir|quitter|resilier|fuir|les quitter|me desabonner)",
  "(?:heureusement|bien) que (?:je suis (?:parti|partie)|j'ai (?:quitte|resilie|fui))",
  "(?:meilleure|bonne|excellente) (?:decision|idee)[^.!?]{0,25}?(?:d'avoir|de|avoir) (?:quitte|quitter|resilie|resilier|partir|fui|fuir)",
  "je ne regrette (?:pas|absolument pas|vraiment pas|pas du tout) (?:d'etre (?:parti|partie)|d'avoir (?:quitte|resilie|fui)|mon depart)",
];
export const LEXICON_FR: Lexicon = {
  positiveWords: (
    'bien bon bonne bons bonnes super genial geniale top parfait parfaite excellent excellente merci ' +
    'bravo adore adorer aime content contente satisfait satisfaite ravi ravie heureux heureuse ' +
    'efficace efficaces rapide rapides agreable sympa magnifique beau belle formidable incroyable ' +
    'facile pratique recommande meilleur meilleure felicitations chapeau nickel impeccable reactif ' +
    'reactive joli jolie qualite confortable fiable simple excellentissime fantastique extra cool ' +
    'merveilleux merveilleuse plaisir enchante enchantee bienveillant aimable professionnel ' +
    'competent solide gentil gentille resolu regle remercie remercier apprecie fabuleux ideal'
  ).split(' '),
  negativeWords: (
    'mauvais mauvaise nul nulle nuls horrible honteux honteuse scandaleux scandaleuse lamentable ' +
    'catastrophique catastrophe pire decu decue decus decevant decevante probleme problemes panne ' +
    'bug bugs lent lente retard retards annule annulee cher chere arnaque inadmissible inacceptable ' +
    'enerve enervee colere marre triste dommage complique impossible casse cassee defectueux ' +
    'defectueuse sale mediocre pourri pourrie galere erreur plainte attente honte deplorable ' +
    'insupportable inutile minable degoute degoutee incompetent incompetents mal pitoyable horreur ' +
    'inexistant bloque bloquee rate ratee perdu perdue vol voleur voleurs escroc escroquerie faux ' +
    'fausse desagreable agace agacee furieux furieuse fache fachee grave abusé abuse coupure coupures ' +
    'efface effacee effaces effacees disparu disparue disparus disparues desastreux desastreuse'
  ).split(' '),
  patterns: [
    {
      target: 'discontent',
      weight: 0.9,
      phrases: [
        'inadmissible',
        'inacceptable',
        'scandal\\w*',
        'honteu\\w*',
        "c'est une honte",
        'honte a',
        'arnaqu\\w*',
        'escro\\w*',
        'voleurs?',
        'ras[ -]le[ -]bol',
        "(?:j'en ai|y en a|on en a) marre",
        'marre de',
        'exasper\\w*',
        'furieu\\w*',
        'en colere',
        'insupportable',
        'lamentable',
        'pitoyable',
        'deplorable',
        'foutage de gueule',
        'se (?:moque|fout)(?:nt)? de (?:nous|moi|vos clients)',
        "n'importe quoi",
        'mecontent\\w*',
        'insatisfait\\w*',
        'porter plainte',
        'service client (?:est |a )?(?:nul|inexistant|catastrophique|deplorable|injoignable)',
      ],
    },
    {
      target: 'discontent',
      weight: 0.65,
      phrases: [
        'nul(?:le)?s?',
        'catastroph\\w*',
        'inadmissible',
        'agace\\w*',
        'enerv\\w*',
        'en panne',
        'ne (?:marche|fonctionne) (?:pas|plus|jamais)',
        '(?:marche|fonctionne) pas',
        "toujours pas (?:de |d')?\\w+",
        '(?:aucune|pas de|sans) (?:reponse|nouvelles?|retour|solution)',
        'personne ne (?:repond|rappelle)',
        "(?:j'|j'en )?attends? depuis",
        'toujours en attente',
        'jamais (?:recu|livre|rembourse)e?s?',
        'pas (?:recu|livre|rembourse)e?s?',
        'reclamation',
        'plainte',
        'injoignable',
        'pourri\\w*',
        'galere',
        'rembourse[zr]?(?:-moi| moi)?',
        'en retard',
        'annule\\w*',
        'plante\\w*',
        'bug\\w*',
        'beug\\w*',
        'medicore',
        'minable',
        'horrible',
        'la pire',
        'le pire',
        'degueulasse',
        // Lost data and dead lines: "l'appli a effacé mes contacts", "plus de réseau depuis lundi".
        "(?:mes|nos|tous mes|toutes mes) (?:[\\w']+ ){1,3}?(?:(?:ont|a|sont|est) (?:ete |tous |toutes )?)?(?:supprime|efface|disparu|vide)e?s?",
        "(?:a|ont|m'a) (?:tout )?(?:supprime|efface|vide)e?s? (?:tous |toutes )?(?:mes|mon|ma|nos|notre)",
        '(?:efface|supprime|vide)(?:nt)? (?:tous |toutes )?(?:les|mes|nos|leurs) (?:contacts|photos|playlists|donnees|fichiers|documents|enregistrements|messages|notes)',
        "plus (?:de |d')(?:reseau|internet|fibre|connexion|signal|tele|chaines|telephone|wifi|wi-fi)",
        '(?:box|ligne|fibre|connexion|reseau) (?:est |encore )?(?:morte|coupee|hs|en rade)',
      ],
    },
    {
      target: 'churn_intent',
      weight: 0.95,
      phrases: [
        `${ME} (?:vais |va )?resili\\w*`,
        'resiliation',
        'resilier',
        `${ME} (?:vais )?(?:pars|partir|passe|passer) chez`,
        `${ME} (?:vais )?(?:quitte|quitter) (?:\\w+ )?(?:operateur|banque|fournisseur|assureur|abonnement|service)`,
        `${ME} (?:vais )?change[rz]? d'(?:operateur|assureur|abonnement)`,
        'changer de (?:banque|operateur|fournisseur|assureur|cremerie|compagnie)',
        'chez la concurrence',
        // Clients professionnels : contrats, reconductions, appels d'offres, second fournisseur.
        '(?:ne (?:pas |plus )?|non[- ])(?:reconduire|renouveler|reconduction|renouvellement)',
        "(?:ne|n') (?:\\w+ )?(?:pas|plus) (?:reconduire|renouveler|reconduit|renouvele)",
        "appels? d'offres?",
        '(?:mise|mettre|mettons|mettrons) en concurrence',
        "(?:evalu|etudi|consult|regard|envisag|test|compar|cherch|rencontr)\\w* (?:un |une |d'autres |des |les )?(?:second|seconde|deuxieme|autre|autres|nouveau|nouvel|nouvelle|nouveaux) (?:\\w+ )?(?:fournisseurs?|prestataires?|operateurs?|solutions?|partenaires?|offres? concurrentes?)",
        '(?:denonc|resili|mettre fin|mettons fin|mettrons fin)\\w* (?:a |au |le |notre |nos |ce )?(?:\\w+ )?(?:contrat|abonnement|marche|convention)s?',
        'aller voir ailleurs',
        'voir ailleurs',
        '(?:me |je me )?desabonn\\w*',
        'plus jamais',
        'jamais plus',
        'derniere fois que',
        "c'est fini (?:avec|pour) (?:vous|moi)",
        'je ne (?:renouvellerai|reviendrai|recommanderai|commanderai|prendrai) (?:plus|pas|jamais)',
        'adieu',
        'bye bye',
        'a fuir',
        'fuyez',
        'je deconseille',
        'deconseille',
        '(?:fermer|cloturer|supprimer) mon compte',
        'je (?:vais )?rendre (?:ma|mon|la|le) (?:box|carte|abonnement)',
        'vous (?:venez de )?perdre? un client',
        'vous avez perdu un client',
        'ne recommande pas',
        ...LEFT_GLADLY,
        "j'ai resilie",
        "(?:ex|ancien|ancienne)[- ]clients? (?:de|d'|chez)",
      ],
    },
    {
      target: 'disappointment',
      weight: 0.85,
      phrases: [
        'decu\\w*',
        'decevant\\w*',
        'deception',
        'decevoir',
        'desillusion',
        "(?:je |j' ?)?m'attendais a (?:mieux|plus|autre chose)",
        'pas a la hauteur',
        'quel dommage',
        'depite\\w*',
        'regrette (?:mon|cet|cette|mes) achats?',
        'on attendait mieux',
        'aurait pu etre mieux',
        'degoute\\w*',
      ],
    },
    {
      target: 'disappointment',
      weight: 0.55,
      phrases: [
        'dommage',
        'pas terrible',
        'bof',
        'moyen',
        'triste',
        'tristesse',
        'ne vaut pas',
        'vaut pas le prix',
        'trop cher pour',
        'pas au niveau',
        'helas',
        'malheureusement',
        'je regrette',
        'dommage que',
        "c'etait mieux avant",
        'de pire en pire',
        'ne (?:tient|tiennent) pas (?:ses|leurs) promesses',
      ],
    },
    {
      target: 'confusion',
      weight: 0.85,
      phrases: [
        "(?:je|j') ?(?:ne |n')?(?:comprends|capte|pige) (?:pas|rien|toujours pas|plus rien)",
        "(?:je|j') ?(?:n'ai |ai )?(?:pas|rien) compris",
        'incomprehensible',
        'incomprehension',
        "quelqu'un (?:peut|pourrait|sait) (?:m'expliquer|me dire|m'aider)",
        'expliquez[- ]moi',
        "(?:je |j')?(?:ne )?sais pas (?:comment|pourquoi|quoi|ou|si)",
        'aucune idee (?:de|pourquoi|comment)',
        'pas clair',
        'je suis perdue?',
        'que signifie',
        'ca veut dire quoi',
        'a quoi correspond',
        "c'est quoi (?:ce|cette|ces)",
        'comprends? (?:pas|rien) (?:a|ma|mon|la|le|les)',
      ],
    },
    {
      target: 'confusion',
      weight: 0.6,
      phrases: [
        'comment (?:faire|fait-on|on fait|je fais|puis-je|peut-on|est-ce qu|faut-il|ca marche|ca se fait)',
        "pourquoi (?:ma|mon|mes|est-ce|je|j'|on|vous|le|la|les|il|elle|ca)",
        'ou (?:est|sont|trouver|puis-je)',
        'confus\\w*',
        '\\?\\?+',
        'normal que',
        'est-ce normal',
      ],
    },
    {
      target: 'idea',
      weight: 0.9,
      phrases: [
        "(?:ce|ca) serait (?:\\w+ )?(?:bien|top|genial|super|pratique|cool|utile|sympa|chouette|ideal|mieux) (?:de|d'|que|qu'|si|d'avoir)",
        '(?:ce|ca) serait (?:bien|top|genial|super|pratique|cool|utile|sympa)',
        'il faudrait',
        // L'offre conditionnelle : « je reviendrais tout de suite s'ils proposaient l'eSIM ».
        "(?:je|on|nous) \\w+(?:rais|rait|rions) (?:\\w+ ){0,5}(?:s'ils|si vous|si elle|s'il) (?:proposai(?:en)?t|ajoutai(?:en)?t|offrai(?:en)?t|permettai(?:en)?t|avai(?:en)?t)",
        'vous devriez',
        'tu devrais',
        'pourquoi ne pas',
        'pourquoi pas (?:un|une|des|le|la|ajouter|proposer|mettre)',
        'serait-il possible',
        'serait il possible',
        "est-il possible d'(?:ajouter|avoir)",
        '(?:pourriez|pouvez)[- ]vous (?:ajouter|proposer|mettre|permettre|rajouter|creer|ouvrir|integrer)',
        "j'aimerais (?:que|qu'|bien|pouvoir|avoir|voir)",
        "j'adorerais",
        'je suggere',
        'suggestion',
        'je propose',
        'proposition',
        "l'ideal serait",
        'ce qui serait bien',
        "merci d'ajouter",
        'ajoutez',
        'a quand (?:un|une|le|la|les|des)',
        'vivement (?:un|une|le|la|les|des|que)',
        'on aimerait',
        'nous aimerions',
        'il manque (?:un|une|juste|vraiment|la|le|des)',
        'idee',
        'ajouter (?:un|une|la|le|des|plus de) \\w+',
        '(?:option|mode|fonction|fonctionnalite|bouton) pour',
        'ce serait cool',
        'je recommande de',
        'pensez a',
        "n'hesitez pas a",
        'prevoir',
        'il serait (?:bien|bon|utile|judicieux)',
      ],
    },
    {
      // Irony after a complaint and a departure one is glad of: the praise words in them ("merci",
      // "content", "bravo") say the opposite of what they say elsewhere.
      target: 'negative',
      weight: 0.9,
      phrases: [...IRONY, ...LEFT_GLADLY],
    },
    {
      // Relief and a problem solved: "ouf", "problème réglé", "tout est revenu". Stronger than a
      // polarity word, so "problème réglé" reads as good news in spite of "problème".
      target: 'positive',
      weight: 0.9,
      phrases: [
        'ouf',
        'quel soulagement',
        'soulage(?:e|s|es)?',
        'tout est (?:revenu|rentre dans l.ordre|rentre|regle|resolu|repare)',
        "(?:c'est|tout est|ca est) rentre dans l.ordre",
        'ca (?:re)?marche (?:de nouveau|a nouveau|enfin)',
        'ca remarche',
        'refonctionne\\w*',
        '(?:fonctionne|marche)(?:nt)? (?:de nouveau|a nouveau)',
        '(?:probleme|souci|panne|bug|incident|dossier)s? (?:est |a ete )?(?:regle|resolu|corrige|repare)e?s?',
        "c'est (?:regle|resolu|repare)",
        '(?:connexion|ligne|reseau|service|internet|fibre) (?:est )?(?:retablie?|revenue?)',
        'plus de peur que de mal',
      ],
    },
    {
      target: 'positive',
      weight: 0.7,
      phrases: [
        'au top',
        'rien a redire',
        'je recommande',
        'merci beaucoup',
        'merci pour',
        'un grand merci',
        'service au top',
        'tres satisfaite?',
        'bravo',
        'nickel',
        'que du bonheur',
        'pas mal',
        'rien a signaler',
        'aucun souci',
        'jamais eu (?:de|le moindre|un seul) (?:souci|probleme|pepin)',
      ],
    },
  ],
};
