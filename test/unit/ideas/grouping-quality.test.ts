import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { groupBySimilarity, GROUP_THRESHOLD } from '../../../core/ideas/similarity/group.js';
import { groupingQuality } from '../../../core/ideas/similarity/grouping-quality.js';
import { ideaTerms } from '../../../core/ideas/similarity/idea-terms.js';
import { cosine, fitTfIdf } from '../../../core/ideas/similarity/tfidf.js';
import { DEMO_IDEA_LABELS } from './demo-idea-labels.js';

const demo = readFileSync(path.resolve(import.meta.dirname, '../../../demo/mentions.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as { externalId: string; text: string });
const labelled = demo.filter((m) => DEMO_IDEA_LABELS[m.externalId]);
const labels = new Map(Object.entries(DEMO_IDEA_LABELS));
const items = labelled.map((m) => ({ id: m.externalId, terms: ideaTerms(m.text) }));

describe('grouping idea mentions by similarity', () => {
  it('groups the 44 labelled demo ideas with pairwise precision 0.97 and recall 0.79', () => {
    expect(labelled).toHaveLength(44);
    const q = groupingQuality(groupBySimilarity(items), labels);
    expect(q.precision).toBeGreaterThanOrEqual(0.95);
    expect(q.recall).toBeGreaterThanOrEqual(0.75);
    expect(q.f1).toBeGreaterThanOrEqual(0.85);
  });

  it('never puts two of the eSIM, dark mode, pause, PDF and rollover requests in one group', () => {
    const big = new Set(['esim', 'dark-mode', 'pause', 'pdf-invoices', 'rollover']);
    const groups = groupBySimilarity(items, GROUP_THRESHOLD);
    for (const group of groups) {
      const requests = new Set(group.map((id) => DEMO_IDEA_LABELS[id]).filter((l) => big.has(l!)));
      expect(requests.size, `group mixing ${[...requests].join(', ')}`).toBeLessThanOrEqual(1);
    }
    // Each of them gathers most of its mentions in one group.
    for (const request of big) {
      const sizes = groups.map((g) => g.filter((id) => DEMO_IDEA_LABELS[id] === request).length);
      const total = items.filter((i) => DEMO_IDEA_LABELS[i.id] === request).length;
      expect(Math.max(...sizes) / total, request).toBeGreaterThanOrEqual(0.5);
    }
  });

  it('finds French and English near-duplicates through stemming and the glossary', () => {
    const texts = [
      'please add eSIM support',
      "ce serait bien d'avoir l'eSIM",
      'Please add a dark mode to the app',
      "Un mode sombre dans l'appli, svp",
      'Download all invoices as PDF',
      'Télécharger toutes les factures en PDF',
    ];
    const terms = texts.map((t) => ideaTerms(t));
    const model = fitTfIdf(terms);
    const v = terms.map((t) => model.vectorize(t));
    expect(cosine(v[0]!, v[1]!)).toBeGreaterThan(0.5);
    expect(cosine(v[2]!, v[3]!)).toBeGreaterThan(0.5);
    expect(cosine(v[4]!, v[5]!)).toBeGreaterThan(0.5);
    expect(cosine(v[0]!, v[3]!)).toBe(0);
    expect(groupBySimilarity(texts.map((t, i) => ({ id: String(i), terms: terms[i]! })))).toEqual([
      ['0', '1'],
      ['2', '3'],
      ['4', '5'],
    ]);
  });

  it('drops the phrasing every request shares and the handles it is addressed to', () => {
    expect(ideaTerms('@velia.fr Ce serait bien de pouvoir mettre la ligne en pause', 'fr')).toEqual(
      ['line', 'pause'],
    );
    expect(ideaTerms('Please add a dark mode, would love it', 'en')).toEqual(['dark', 'mode']);
  });
});
