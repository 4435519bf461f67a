/**
 * Stopwords per language for phrase statistics: natural's lists (loaded from their own modules:
 * the package root prints to stdout), folded like the tokens, plus the fillers of social posts.
 */
import { createRequire } from 'node:module';
import { fold } from '../../classification/text/fold.js';

const require = createRequire(import.meta.url);
const list = (file: string) =>
  (require(`natural/lib/natural/util/${file}`) as { words: string[] }).words.map((w) => fold(w));

const SOCIAL = ['rt', 'amp', 'via', 'lol', 'svp', 'stp', 'pls', 'ok', 'oui', 'non', 'yes', 'no'];
const EXTRA_FR = [
  'ca',
  'cela',
  'c',
  'j',
  'l',
  'd',
  'n',
  'qu',
  'm',
  's',
  't',
  'y',
  'a',
  'ai',
  'as',
  'est',
  'sont',
  'etait',
  'ete',
  'fait',
  'plus',
  'tout',
  'tous',
  'toute',
  'toutes',
  'meme',
  'aussi',
  'encore',
  'deja',
  'bien',
  'tres',
  'trop',
  'rien',
  'quand',
  'comme',
  'depuis',
  'apres',
  'avant',
  'alors',
  'donc',
  'car',
  'chez',
  'sans',
  'sous',
  'vers',
  'merci',
  'bonjour',
  'bonsoir',
];
const EXTRA_EN = [
  'im',
  "i'm",
  'ive',
  "i've",
  'dont',
  "don't",
  'cant',
  "can't",
  'its',
  "it's",
  'just',
  'get',
  'got',
  'still',
  'now',
  'today',
  'really',
  'even',
  'also',
  'one',
  'thanks',
  'thank',
  'hi',
  'hello',
  'anyone',
  'else',
];

export const STOPWORDS: Record<'fr' | 'en', Set<string>> = {
  fr: new Set([...list('stopwords_fr.js'), ...EXTRA_FR, ...SOCIAL]),
  en: new Set([...list('stopwords.js'), ...EXTRA_EN, ...SOCIAL]),
};
