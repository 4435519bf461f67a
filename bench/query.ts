/**
 * Listening-query throughput: 50 topics against tweet-length French and English posts, each post
 * tokenised once (prepareDocument) and then matched by every topic, as ingest does.
 *
 *   npx tsx bench/query.ts [documents=20000]
 *
 * Prints documents/s and doc×topic evaluations/s, with and without the match evidence.
 */
import { compileQuery, prepareDocument } from '../core/topics/query/index.js';

const WORDS = (
  'le la les un une des service client clients appli application abonnement facture remboursement ' +
  'réseau fibre box panne coupure internet mobile forfait opérateur conseiller attente délai ' +
  'the a an app bank card account refund delay support customer service network outage billing ' +
  'très vraiment jamais encore toujours super nul lent rapide merci bravo honte scandale ' +
  'very really never still always great awful slow fast thanks love hate cancel switch leave ' +
  "l'appli d'abonnement qu'il c'est aujourd'hui don't can't it's orange's"
).split(' ');
const BRANDS = ['acme', 'Acmé', 'ACME', 'globex', 'initech', 'umbrella', 'hooli', 'orange'];
const EXTRAS = [
  '#Acme',
  '#panne',
  '@acme_support',
  '@hooli',
  'https://acme.example/offre?utm_source=x',
  '🙄',
  '!!',
  '…',
];

// Deterministic, so figures compare run to run.
let seed = 42;
const rand = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)]!;

function tweet(): string {
  const words: string[] = [];
  const length = 12 + Math.floor(rand() * 25);
  for (let i = 0; i < length; i++) {
    const r = rand();
    words.push(r < 0.08 ? pick(BRANDS) : r < 0.13 ? pick(EXTRAS) : pick(WORDS));
  }
  return words.join(' ');
}

const TEMPLATES = [
  (b: string) => `${b} AND (panne OR coupure OR outage) NOT bravo`,
  (b: string) => `"service client" NEAR/5 (${b} OR "${b} support") -merci`,
  (b: string) => `${b} NEAR/3 (nul OR lent OR awful OR slow)`,
  (b: string) => `(${b} OR #${b} OR @${b}_support) AND (rembours* OR refund* OR factur*)`,
  (b: string) => `${b} AND (cancel OR résilier OR "switch to" OR quitter) AND lang:fr`,
  (b: string) => `${b}, ${b} bank, ${b} app`,
  (b: string) => `(${b} AND abonnement) OR (${b} AND subscription) NOT author:${b}`,
  (b: string) => `${b}* NEAR/4 "really slow" OR (${b} AND source:mastodon)`,
  (b: string) => `${b} AND (appli OR app OR application) AND (crash* OR bug OR plant*)`,
  (b: string) => `#${b} OR (${b} AND (hate OR honte OR scandale))`,
];

const count = Number(process.argv[2] ?? 20_000);
const topics = Array.from({ length: 50 }, (_, i) =>
  compileQuery(TEMPLATES[i % TEMPLATES.length]!(pick(BRANDS).toLowerCase())),
);
const docs = Array.from({ length: count }, (_, i) => ({
  text: tweet(),
  authorHandle: i % 7 === 0 ? 'acme' : `user${i}`,
  lang: i % 2 ? 'fr' : 'en',
  source: 'mastodon:mastodon.social',
  platform: i % 3 ? 'mastodon' : 'reddit',
}));

function run(label: string, withEvidence: boolean): void {
  let matches = 0;
  const started = process.hrtime.bigint();
  for (const doc of docs) {
    const prepared = prepareDocument(doc);
    for (const topic of topics) {
      if (withEvidence ? topic.match(prepared).matched : topic.test(prepared)) matches++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const perSecond = Math.round(count / seconds);
  console.log(
    `${label.padEnd(22)} ${perSecond.toLocaleString('en')} documents/s, ` +
      `${(perSecond * topics.length).toLocaleString('en')} doc×topic/s ` +
      `(${count} documents × ${topics.length} topics in ${seconds.toFixed(2)} s, ${matches} matches)`,
  );
}

function prepareOnly(): void {
  const started = process.hrtime.bigint();
  for (const doc of docs) prepareDocument(doc);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  console.log(
    `${'prepareDocument only'.padEnd(22)} ${Math.round(count / seconds).toLocaleString('en')} documents/s`,
  );
}

run('warm-up', true);
prepareOnly();
run('match (with evidence)', true);
run('test (boolean only)', false);
