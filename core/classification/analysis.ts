/**
 * The result of analysing one mention. Scores: sentiment in [-1, 1] (negative below 0), each
 * signal in [0, 1]. Evidence says which words or patterns drove each part of the result.
 */
export type Lang = 'fr' | 'en' | 'unknown';
export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export type SignalName = 'discontent' | 'churn_intent' | 'disappointment' | 'confusion';
export const SIGNAL_NAMES: readonly SignalName[] = [
  'discontent',
  'churn_intent',
  'disappointment',
  'confusion',
];

export interface Evidence {
  /** What this piece of evidence supports: a signal, 'sentiment', 'dissatisfied' or 'idea'. */
  target: SignalName | 'sentiment' | 'dissatisfied' | 'idea';
  /** The matched words or pattern as they stand in the text. */
  match: string;
  /** Character offset of the match in the text, when it comes from one place. */
  start?: number;
  weight: number;
}

export interface Analysis {
  lang: Lang;
  sentiment: { label: SentimentLabel; score: number };
  dissatisfied: boolean;
  signals: Record<SignalName, number>;
  idea: boolean;
  evidence: Evidence[];
}

export interface AnalyzeInput {
  text: string;
  /** The platform's or the feed's own language tag, if any: a hint, not the truth. */
  langHint?: string | null;
}

/** Analyses texts synchronously; cheap to call in a loop, meant to run inside a worker thread. */
export interface Analyzer {
  /** Recorded with every stored result, so a re-analysis knows what produced what. */
  readonly version: string;
  analyze(input: AnalyzeInput): Analysis;
}
