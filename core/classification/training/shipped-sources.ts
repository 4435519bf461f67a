/**
 * The data the shipped models may learn from, and only that: the project's own labelled texts
 * (this folder) and the licensed sets of `../shared/data/permissive`. Each reader turns one file
 * into labelled texts; what each label means is decided here, once, for every model.
 *
 * The research-only sets beside `permissive/` (airline, French tweets, suggestions, customer
 * support) are for measuring and never appear here; `assertAllowedSource` refuses them.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { projectPath } from '../../paths.js';
import type { TrainingSource } from '../model/model.js';
import type { Task } from '../model/labels.js';

export type Lang = 'fr' | 'en';

/** One text with the labels its source gives it (a task left out is not labelled there). */
export interface LabelledText {
  text: string;
  lang: Lang;
  labels: Partial<Record<Task, string>>;
}

export interface SourceFile {
  /** Relative to its root (the permissive folder, or core/classification/). */
  file: string;
  origin: TrainingSource['origin'];
  licence: string;
  texts: LabelledText[];
  sha256: string;
}

export const TRAINING_DIR = projectPath('core/classification/training');
const CLASSIFICATION_DIR = path.dirname(TRAINING_DIR);

/** The permissive data folder: $ECOUTE_SHARED_DIR/data/permissive, else ../shared beside the repo. */
export function permissiveDir(): string {
  const shared =
    process.env.ECOUTE_SHARED_DIR ?? path.resolve(CLASSIFICATION_DIR, '../../../shared');
  return path.join(shared, 'data', 'permissive');
}

function digest(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 16);
}

/**
 * Throws unless `file` is one of the project's own training texts or lies under the permissive
 * folder: a shipped model built from anything else could not be redistributed.
 */
export function assertAllowedSource(source: Pick<TrainingSource, 'file' | 'origin'>): void {
  const f = source.file;
  const clean = !f.includes('..') && !path.isAbsolute(f);
  const allowed =
    clean &&
    ((source.origin === 'project' && f.startsWith('training/')) ||
      (source.origin === 'permissive' && /^[a-z0-9-]+\//.test(f)));
  if (!allowed)
    throw new Error(
      `training source "${f}" (${source.origin}) is neither the project's own texts nor ../shared/data/permissive`,
    );
}

// ---- the project's own texts ----------------------------------------------------------------

const PROJECT_LICENCE = 'AGPL-3.0-or-later (written by the Écoute project)';

function readProjectCsv(relative: string): SourceFile {
  const bytes = readFileSync(path.join(CLASSIFICATION_DIR, relative));
  const rows = parse(bytes, { columns: true, skip_empty_lines: true, bom: true }) as Record<
    string,
    string
  >[];
  const texts: LabelledText[] = [];
  rows.forEach((r, i) => {
    const lang = r.lang?.trim();
    if (lang !== 'fr' && lang !== 'en')
      throw new Error(`${relative}: row ${i + 2}: lang: "${r.lang ?? ''}" is not fr or en`);
    texts.push({
      text: r.text ?? '',
      lang,
      labels: { sentiment: r.sentiment, dissatisfied: r.dissatisfied, idea: r.idea },
    });
  });
  return {
    file: relative,
    origin: 'project',
    licence: PROJECT_LICENCE,
    texts,
    sha256: digest(bytes),
  };
}

/** messages.csv and every corpus/*.csv, in name order. */
export function projectSources(): SourceFile[] {
  const corpus = readdirSync(path.join(TRAINING_DIR, 'corpus'))
    .filter((f) => f.endsWith('.csv'))
    .sort()
    .map((f) => `training/corpus/${f}`);
  return ['training/messages.csv', ...corpus].map(readProjectCsv);
}

// ---- the licensed public sets ---------------------------------------------------------------

function readPermissive(relative: string): { text: string; sha256: string } {
  const bytes = readFileSync(path.join(permissiveDir(), relative));
  return { text: bytes.toString('utf8'), sha256: digest(bytes) };
}

function tsvLines(text: string): string[][] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => l.split('\t'));
}

/** GoEmotions' label ids, in its emotions.txt order. */
const GOEMOTIONS = [
  'admiration amusement anger annoyance approval caring confusion curiosity desire',
  'disappointment disapproval disgust embarrassment excitement fear gratitude grief joy love',
  'nervousness optimism pride realization relief remorse sadness surprise neutral',
]
  .join(' ')
  .split(' ');
const GO_POSITIVE = new Set(
  'amusement excitement joy love desire optimism caring pride admiration gratitude relief approval'.split(
    ' ',
  ),
);
/** Emotions of someone displeased with something: what "dissatisfied" means for a brand. */
const GO_DISPLEASED = new Set('anger annoyance disappointment disapproval disgust'.split(' '));
const GO_NEGATIVE = new Set([
  ...GO_DISPLEASED,
  ...'fear nervousness remorse embarrassment sadness grief'.split(' '),
]);

/**
 * GoEmotions (Reddit comments, 27 emotions + neutral): positive emotions only → positive;
 * negative only → negative (dissatisfied when one of them is displeasure, not sadness or fear);
 * neutral alone → neutral; mixed or ambiguous (surprise, curiosity, confusion) → left out.
 */
function goEmotions(): SourceFile {
  const file = 'goemotions/train.tsv';
  const { text, sha256 } = readPermissive(file);
  const texts: LabelledText[] = [];
  for (const [comment, ids] of tsvLines(text)) {
    if (!comment || !ids) continue;
    const emotions = ids.split(',').map((i) => GOEMOTIONS[Number(i)] ?? '');
    const pos = emotions.some((e) => GO_POSITIVE.has(e));
    const neg = emotions.some((e) => GO_NEGATIVE.has(e));
    const displeased = emotions.some((e) => GO_DISPLEASED.has(e));
    let labels: LabelledText['labels'] | undefined;
    if (emotions.length === 1 && emotions[0] === 'neutral')
      labels = { sentiment: 'neutral', dissatisfied: '0' };
    else if (pos && !neg) labels = { sentiment: 'positive', dissatisfied: '0' };
    else if (neg && !pos)
      labels = displeased
        ? { sentiment: 'negative', dissatisfied: '1' }
        : { sentiment: 'negative' };
    if (labels) texts.push({ text: comment, lang: 'en', labels });
  }
  return { file, origin: 'permissive', licence: 'CC BY 4.0', texts, sha256 };
}

/** VADER's 4,200 tweet-like texts rated −4…4 by 20 people: clear means only. */
function vaderTweets(): SourceFile {
  const file = 'vader/tweets_GroundTruth.txt';
  const { text, sha256 } = readPermissive(file);
  const texts: LabelledText[] = [];
  for (const [, rating, tweet] of tsvLines(text)) {
    const r = Number(rating);
    if (!tweet || !Number.isFinite(r)) continue;
    const sentiment =
      r >= 1 ? 'positive' : r <= -1 ? 'negative' : Math.abs(r) < 0.4 ? 'neutral' : '';
    if (!sentiment) continue;
    texts.push({
      text: tweet,
      lang: 'en',
      labels: { sentiment, dissatisfied: sentiment === 'negative' ? '1' : '0' },
    });
  }
  return { file, origin: 'permissive', licence: 'MIT', texts, sha256 };
}

/** XED (Plutchik: 1 anger … 8 trust): anger/disgust displeased, joy/trust positive, neutral lines. */
function xed(file: string, lang: Lang, neutralFile?: string): SourceFile[] {
  const { text, sha256 } = readPermissive(file);
  const texts: LabelledText[] = [];
  for (const [line, ids] of tsvLines(text)) {
    if (!line || !ids || line.trim().length < 12) continue;
    const e = new Set(ids.split(',').map((i) => Number(i.trim())));
    const displeased = e.has(1) || e.has(3);
    const negative = displeased || e.has(4) || e.has(6);
    const positive = e.has(5) || e.has(8);
    if (negative === positive) continue;
    texts.push({
      text: line,
      lang,
      labels: positive
        ? { sentiment: 'positive', dissatisfied: '0' }
        : displeased
          ? { sentiment: 'negative', dissatisfied: '1' }
          : { sentiment: 'negative' },
    });
  }
  const out: SourceFile[] = [{ file, origin: 'permissive', licence: 'CC BY 4.0', texts, sha256 }];
  if (neutralFile) {
    const n = readPermissive(neutralFile);
    const neutral = tsvLines(n.text)
      .map(([, line]) => line ?? '')
      .filter((l) => l.trim().length >= 12)
      .map((l): LabelledText => ({
        text: l,
        lang,
        labels: { sentiment: 'neutral', dissatisfied: '0' },
      }));
    out.push({
      file: neutralFile,
      origin: 'permissive',
      licence: 'CC BY 4.0',
      texts: neutral,
      sha256: n.sha256,
    });
  }
  return out;
}

/** Bitext customer-support requests: complaints and account deletions are displeased, the rest neutral. */
function bitext(): SourceFile {
  const file = 'bitext-customer-support/Bitext_Sample_Customer_Support_Training_Dataset.csv';
  const { text, sha256 } = readPermissive(file);
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const texts = rows.map((r): LabelledText => {
    const unhappy = r.intent === 'complaint' || r.intent === 'delete_account';
    return {
      text: r.instruction ?? '',
      lang: 'en',
      labels: unhappy
        ? { sentiment: 'negative', dissatisfied: '1', idea: '0' }
        : { sentiment: 'neutral', dissatisfied: '0', idea: '0' },
    };
  });
  return { file, origin: 'permissive', licence: 'CDLA-Sharing-1.0', texts, sha256 };
}

/**
 * BANKING77 queries: something went wrong (a card that never came, a payment declined, money
 * missing) reads as a customer's complaint; how-to questions are neutral.
 */
const BANKING_PROBLEMS = new Set([
  'card_arrival',
  'card_not_working',
  'card_payment_wrong_exchange_rate',
  'extra_charge_on_statement',
  'contactless_not_working',
  'wrong_amount_of_cash_received',
  'transfer_not_received_by_recipient',
  'balance_not_updated_after_cheque_or_cash_deposit',
  'card_payment_not_recognised',
  'unable_to_verify_identity',
  'direct_debit_payment_not_recognised',
  'declined_cash_withdrawal',
  'declined_transfer',
  'Refund_not_showing_up',
  'declined_card_payment',
  'card_swallowed',
  'transaction_charged_twice',
  'failed_transfer',
  'virtual_card_not_working',
  'wrong_exchange_rate_for_cash_withdrawal',
  'top_up_failed',
  'balance_not_updated_after_bank_transfer',
  'cash_withdrawal_not_recognised',
  'top_up_reverted',
  'reverted_card_payment?',
  'terminate_account',
]);
const BANKING_QUESTIONS = new Set([
  'exchange_rate',
  'fiat_currency_support',
  'card_delivery_estimate',
  'automatic_top_up',
  'exchange_via_app',
  'age_limit',
  'top_up_limits',
  'supported_cards_and_currencies',
  'getting_virtual_card',
  'card_acceptance',
  'edit_personal_details',
  'why_verify_identity',
  'get_physical_card',
  'visa_or_mastercard',
  'topping_up_by_card',
  'disposable_card_limits',
  'atm_support',
  'change_pin',
  'receiving_money',
  'transfer_into_account',
  'getting_spare_card',
  'top_up_by_cash_or_cheque',
  'order_physical_card',
  'get_disposable_virtual_card',
  'activate_my_card',
  'apple_pay_or_google_pay',
  'verify_my_identity',
  'country_support',
  'transfer_timing',
]);

function banking77(): SourceFile {
  const file = 'banking77/train.csv';
  const { text, sha256 } = readPermissive(file);
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const texts: LabelledText[] = [];
  for (const r of rows) {
    const c = r.category ?? '';
    if (BANKING_PROBLEMS.has(c))
      texts.push({
        text: r.text ?? '',
        lang: 'en',
        labels: { sentiment: 'negative', dissatisfied: '1', idea: '0' },
      });
    else if (BANKING_QUESTIONS.has(c))
      texts.push({
        text: r.text ?? '',
        lang: 'en',
        labels: { sentiment: 'neutral', dissatisfied: '0', idea: '0' },
      });
  }
  return { file, origin: 'permissive', licence: 'CC BY 4.0', texts, sha256 };
}

/** CDCP propositions: `policy` ("the agency should …") is a suggestion; the others are not. */
function cdcp(): SourceFile {
  const file = 'cdcp/cdcp_propositions.tsv';
  const { text, sha256 } = readPermissive(file);
  const texts: LabelledText[] = [];
  for (const [split, , , label, proposition] of tsvLines(text).slice(1)) {
    if (!proposition || split !== 'train' || proposition.length < 15) continue;
    texts.push({ text: proposition, lang: 'en', labels: { idea: label === 'policy' ? '1' : '0' } });
  }
  return { file, origin: 'permissive', licence: 'ODbL 1.0 + DbCL 1.0', texts, sha256 };
}

/** Every permissive set the recipe reads, by name (the recipe weighs them per task). */
export function permissiveSources(): Record<string, SourceFile[]> {
  return {
    goemotions: [goEmotions()],
    vader: [vaderTweets()],
    xedEn: xed('xed/en-annotated.tsv', 'en', 'xed/neu_en.txt'),
    xedFr: xed('xed/fr-projections.tsv', 'fr'),
    bitext: [bitext()],
    banking77: [banking77()],
    cdcp: [cdcp()],
  };
}
