import { describe, expect, it } from 'vitest';
import { createDefaultAnalyzer } from '../../../core/classification/analyzer/default-analyzer.js';
import { shippedModels } from '../../../core/classification/analyzer/model-set.js';
import { seededRandom } from '../../../core/classification/model/hash.js';
import { JointPredictor } from '../../../core/classification/model/joint-predict.js';
import { logits, softmax } from '../../../core/classification/model/linear-model.js';
import type { Model } from '../../../core/classification/model/model.js';
import { predictProbs, sharedFeatureCache } from '../../../core/classification/model/predict.js';
import { fold } from '../../../core/classification/text/fold.js';
import { prepareText } from '../../../core/classification/text/prepare.js';
import { tokenize, type Token } from '../../../core/classification/text/tokenize.js';

/** The tokenizer's grammar as one regular expression: the scanner must split text as it does. */
const TOKEN_RE = new RegExp(
  [
    '(?<url>https?:\\/\\/\\S+|www\\.\\S+)',
    '(?<mention>@\\w+)',
    '(?<hashtag>#[\\p{L}\\p{N}_]+)',
    "(?<emoticon>[:;=]-?[()DPp\\/]|<3|:'\\()",
    "(?<word>[\\p{L}\\p{M}]+(?:['’][\\p{L}\\p{M}]+)*)",
    '(?<number>\\p{N}+(?:[.,]\\p{N}+)*)',
    '(?<emoji>\\p{Extended_Pictographic}(?:\\u200d\\p{Extended_Pictographic})*)',
    '(?<punct>[!?.,;:]+|[…«»"()])',
  ].join('|'),
  'gu',
);

/** Kind, offset and text of each match of the grammar; words before their elisions are split. */
function grammarSpans(text: string): string[] {
  const spans: string[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const kind = Object.entries(m.groups ?? {}).find(([, v]) => v !== undefined)?.[0] ?? '';
    spans.push(`${kind === 'emoticon' ? 'emoji' : kind}@${m.index}`);
  }
  return spans;
}

/** The same spans from the tokens: a word after an elided head ("l'") is part of its match. */
function tokenSpans(tokens: Token[]): string[] {
  const spans: string[] = [];
  let afterElision = false;
  for (const t of tokens) {
    if (!afterElision) spans.push(`${t.kind}@${t.start}`);
    // Only an elided head ends in an apostrophe: a word's apostrophes are followed by letters.
    afterElision = t.kind === 'word' && /['’]$/.test(t.text);
  }
  return spans;
}

const PIECES = [
  ...'aAzZ éÉèçÇàœŒßİıǅ\'’ʼ:;=-()DPp/<3!?.,…«»"#@_0123456789١٢½hwtps',
  'http://',
  'https://',
  'www.',
  '😡',
  '🤦',
  '\u200d',
  '♂',
  '\ufe0f',
  '🏻',
  '\u0301',
  '𝐓𝐓𝐓',
  'ooo',
  'ſ',
  '\ud800',
  '\udc00',
  '\t',
  '\u00a0',
  '\u3000',
  '中',
  '©',
  '‼',
  '™',
  '❤',
];

function randomTexts(count: number, seed: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => {
    let s = '';
    const n = 1 + Math.floor(random() * 16);
    for (let i = 0; i < n; i++) s += PIECES[Math.floor(random() * PIECES.length)] as string;
    return s;
  });
}

describe('tokenize', () => {
  it('splits random text exactly where the grammar does', () => {
    for (const text of randomTexts(20_000, 3))
      expect(tokenSpans(tokenize(text)), JSON.stringify(text)).toEqual(grammarSpans(text));
  });

  it('gives each token the folded form of its text', () => {
    for (const text of randomTexts(5_000, 4))
      for (const t of tokenize(text)) if (!t.elongated) expect(t.norm).toBe(fold(t.text));
  });
});

describe('fold', () => {
  it('folds unit by unit, so a slice of the folded text is the folded slice', () => {
    for (const text of randomTexts(5_000, 5)) {
      const folded = fold(text);
      expect(folded.length).toBe(text.length);
      for (let i = 0; i < text.length; i++) expect(folded[i]).toBe(fold(text.charAt(i)));
    }
  });
});

/** predictProbs as it was: every member's logits over its dense table. */
function denseProbs(model: Model, text: string, lang: 'fr' | 'en'): Float64Array {
  const p = prepareText(text, { lang });
  const k = (model.members[0] as Model['members'][number]).classes.length;
  const out = new Float64Array(k);
  for (const m of model.members) {
    const z = softmax(logits(m, sharedFeatureCache.vector(p, m.features), new Float64Array(k)));
    for (let c = 0; c < k; c++)
      out[c] = (out[c] as number) + (z[c] as number) / model.members.length;
  }
  return out;
}

describe('sparse weight tables', () => {
  const texts = [
    'Ça fait trois semaines que j’attends mon remboursement, c’est inadmissible @Mobilix',
    'Je vais résilier, le réseau est nul depuis un mois 😡',
    'Flight delayed again, thanks for nothing @SkyNorth #fail',
    'It would be great if you added dark mode',
    'zzzz qqqq wwww',
  ];

  it('give the same probabilities as the dense tables, to the last bit', () => {
    for (const model of shippedModels()) {
      for (const text of texts) {
        const p = prepareText(text, { lang: model.info.lang });
        expect(predictProbs(model, p)).toEqual(denseProbs(model, text, model.info.lang));
      }
    }
  });

  it('read jointly, give each model what predictProbs gives it', () => {
    for (const lang of ['fr', 'en'] as const) {
      const models = shippedModels().filter((m) => m.info.lang === lang);
      const joint = new JointPredictor([...models, undefined]);
      for (const text of texts) {
        const p = prepareText(text, { lang });
        const probs = joint.predict(p);
        models.forEach((m, i) => expect(probs[i]).toEqual(predictProbs(m, p)));
        expect(probs[models.length]).toBeUndefined();
      }
    }
  });

  it('follow a model replaced in the analyzer’s set', () => {
    const analyzer = createDefaultAnalyzer();
    const text = 'Service client nul, je suis très déçu';
    const before = analyzer.analyze({ text });
    const sentiment = analyzer.models.get('sentiment:fr') as Model;
    analyzer.models.delete('sentiment:fr');
    expect(analyzer.analyze({ text }).sentiment).not.toEqual(before.sentiment);
    analyzer.models.set('sentiment:fr', sentiment);
    expect(analyzer.analyze({ text })).toEqual(before);
  });
});
