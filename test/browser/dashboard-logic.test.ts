import { describe, expect, it } from 'vitest';
import { formatRelative, safeHttpUrl } from '../../dashboards/src/lib/format.js';
import { activeSignals, highlightSegments } from '../../dashboards/src/lib/signals.js';
import type { Analysis } from '../../dashboards/src/api/types.js';

// The dashboards' pure helpers, run in Node: what the pages decide before anything is drawn.
describe('the dashboards’ display logic', () => {
  it('lets only absolute http(s) URLs become links', () => {
    expect(safeHttpUrl('https://social.example/@claire/1')).toBe(
      'https://social.example/@claire/1',
    );
    expect(safeHttpUrl('http://example.org/a?b=c')).toBe('http://example.org/a?b=c');
    expect(safeHttpUrl('javascript:alert(1)')).toBeNull();
    expect(safeHttpUrl(' JavaScript:alert(1)')).toBeNull();
    expect(safeHttpUrl('data:text/html,<script>alert(1)</script>')).toBeNull();
    expect(safeHttpUrl('//evil.example/x')).toBeNull();
    expect(safeHttpUrl('/relative')).toBeNull();
    expect(safeHttpUrl(null)).toBeNull();
  });

  it('cuts a text at the evidence offsets and keeps every character once', () => {
    const text = "J'en ai marre, je vais résilier demain.";
    const segments = highlightSegments(text, [
      { target: 'churn_intent', match: 'je vais résilier', start: 15, weight: 1.2 },
      { target: 'discontent', match: "J'en ai marre", start: 0, weight: 0.9 },
      // Overlaps the churn-intent match: skipped rather than nested.
      { target: 'discontent', match: 'vais', start: 18, weight: 0.1 },
      // Beyond the text (offsets from another version of it): skipped.
      { target: 'confusion', match: 'pourquoi', start: 200, weight: 0.5 },
      // No offset: cannot be placed.
      { target: 'idea', match: 'demain', weight: 0.3 },
    ]);
    expect(segments).toEqual([
      { text: "J'en ai marre", mark: 'discontent' },
      { text: ', ' },
      { text: 'je vais résilier', mark: 'churn_intent' },
      { text: ' demain.' },
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
  });

  it('shows the signals from the threshold up, strongest first, with the idea last', () => {
    const analysis: Analysis = {
      sentiment: { label: 'negative', score: -0.7 },
      dissatisfied: true,
      signals: { discontent: 0.6, churn_intent: 0.9, disappointment: 0.49, confusion: 0 },
      idea: true,
      evidence: [
        { target: 'churn_intent', match: 'je pars', start: 0, weight: 1 },
        { target: 'idea', match: 'il faudrait', start: 10, weight: 1 },
      ],
      modelVersion: 'test',
    };
    const active = activeSignals(analysis);
    expect(active.map((s) => s.name)).toEqual(['churn_intent', 'discontent', 'idea']);
    expect(active[0]?.evidence.map((e) => e.match)).toEqual(['je pars']);
    expect(active[1]?.evidence).toEqual([]);
  });

  it('says how long ago or how soon, in words', () => {
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(formatRelative('2026-11-23T11:55:00Z', now)).toBe('5 minutes ago');
    expect(formatRelative('2026-11-23T12:00:04Z', now)).toBe('now');
    expect(formatRelative('2026-11-23T14:00:00Z', now)).toBe('in 2 hours');
    expect(formatRelative('2026-11-22T12:00:00Z', now)).toBe('yesterday');
    expect(formatRelative('not a date', now)).toBe('—');
  });
});
