import type { Analysis, Evidence, SignalName } from '../api/types.js';

/**
 * A signal is shown on a mention from this score up (scores are in [0, 1]). The API's summary
 * counts use the same cut so the chips and the KPI tiles agree.
 */
export const SIGNAL_THRESHOLD = 0.5;

export const SIGNALS: readonly { name: SignalName; label: string; french: string }[] = [
  { name: 'discontent', label: 'Discontent', french: 'mécontentement' },
  { name: 'churn_intent', label: 'Churn intent', french: 'éloignement' },
  { name: 'disappointment', label: 'Disappointment', french: 'déception' },
  { name: 'confusion', label: 'Confusion', french: 'incompréhension' },
];

export function signalLabel(name: string): string {
  return SIGNALS.find((s) => s.name === name)?.label ?? (name === 'idea' ? 'Idea' : name);
}

export interface ActiveSignal {
  name: SignalName | 'idea';
  score: number | null;
  evidence: Evidence[];
}

/** The signals worth a chip on one mention, strongest first, each with its own evidence. */
export function activeSignals(analysis: Analysis): ActiveSignal[] {
  const active: ActiveSignal[] = SIGNALS.filter(
    (s) => (analysis.signals[s.name] ?? 0) >= SIGNAL_THRESHOLD,
  )
    .map((s) => ({
      name: s.name,
      score: analysis.signals[s.name],
      evidence: analysis.evidence.filter((e) => e.target === s.name),
    }))
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0));
  if (analysis.idea) {
    active.push({
      name: 'idea',
      score: null,
      evidence: analysis.evidence.filter((e) => e.target === 'idea'),
    });
  }
  return active;
}

export interface Segment {
  text: string;
  /** The evidence target this piece of text matched, if any. */
  mark?: string;
}

/**
 * Cuts `text` into plain and marked pieces at the evidence offsets, so matched words can be
 * highlighted while every piece is still rendered as text. Overlapping or out-of-range matches
 * are skipped (the first one by position wins).
 */
export function highlightSegments(text: string, evidence: Evidence[]): Segment[] {
  const spans = evidence
    .filter((e) => typeof e.start === 'number' && e.match.length > 0)
    .map((e) => ({
      start: e.start as number,
      end: (e.start as number) + e.match.length,
      mark: e.target,
    }))
    .filter((s) => s.start >= 0 && s.end <= text.length)
    .sort((a, b) => a.start - b.start);
  const segments: Segment[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    if (span.start > cursor) segments.push({ text: text.slice(cursor, span.start) });
    segments.push({ text: text.slice(span.start, span.end), mark: span.mark });
    cursor = span.end;
  }
  if (cursor < text.length) segments.push({ text: text.slice(cursor) });
  return segments;
}
