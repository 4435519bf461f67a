import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDefaultAnalyzer } from '../../../core/classification/index.js';
import { computeEmerging, type EmergingDoc } from '../../../core/drivers/emerging/emerging.js';
import { extractPhrases } from '../../../core/drivers/emerging/phrases.js';

const DAY = 86_400_000;
const demo = path.resolve(import.meta.dirname, '../../../demo/mentions.jsonl');

/** The Vélia & Moi 5.0 update that deleted contacts and playlists, in the corpus's last days. */
const UPDATE = /mise à jour|\bmaj\b|update|5\.0|appli/i;
const LOSS = /effac|supprim|disparu|vidé|delet|wip|gone|perdu|lost/i;
const OBJECT = /playlist|contact/i;
const isComplaint = (text: string) => OBJECT.test(text) && (UPDATE.test(text) || LOSS.test(text));

/** The unhappy mentions of the demo corpus as the analysis reads them (the job's population). */
function unhappyDocs(): EmergingDoc[] {
  const analyzer = createDefaultAnalyzer();
  const docs: EmergingDoc[] = [];
  for (const line of readFileSync(demo, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const m = JSON.parse(line) as {
      externalId: string;
      text: string;
      langHint?: string;
      publishedAt: string;
    };
    const a = analyzer.analyze({ text: m.text, langHint: m.langHint ?? null });
    if (a.lang === 'unknown' || !(a.dissatisfied || a.sentiment.label === 'negative')) continue;
    docs.push({ id: m.externalId, text: m.text, lang: a.lang, at: new Date(m.publishedAt) });
  }
  return docs;
}

describe('emerging phrases', () => {
  it('keys phrases by stems with stopwords dropped, so French and English spellings meet', () => {
    const fr = extractPhrases("La mise à jour de l'appli a effacé mes playlists !", 'fr');
    const en = extractPhrases('The new app update deleted all my playlists', 'en');
    expect([...fr.keys()]).toContain('mis jour');
    expect(fr.get('mis jour')).toBe('mise jour');
    expect([...en.keys()]).toContain('updat delet');
    expect(fr.has('playlist') && en.has('playlist')).toBe(true);
    expect([...en.keys()].some((k) => k.split(' ').includes('the'))).toBe(false);
  });

  it('makes the app-update complaint of the demo corpus the top candidate in the first daily window where it reaches 1 % of unhappy mentions', () => {
    const docs = unhappyDocs();
    const first = Date.parse('2026-10-22T00:00:00Z');
    const last = Date.parse('2026-11-21T00:00:00Z');
    let checked = false;
    for (let start = first + 14 * DAY; start < last; start += DAY) {
      const inWindow = docs.filter((d) => d.at.getTime() >= start && d.at.getTime() < start + DAY);
      const complaints = inWindow.filter((d) => isComplaint(d.text));
      if (inWindow.length === 0 || complaints.length / inWindow.length < 0.01) continue;
      const r = computeEmerging(docs, {
        windowStart: new Date(start),
        windowEnd: new Date(start + DAY),
        baselineStart: new Date(start - 14 * DAY),
      });
      const top = r.candidates[0];
      expect(new Date(start).toISOString().slice(0, 10)).toBe('2026-11-16');
      expect(top, 'a candidate on the first day').toBeDefined();
      const texts = top!.mentionIds.map((id) => docs.find((d) => d.id === id)!.text);
      expect(texts.filter(isComplaint).length / texts.length).toBeGreaterThanOrEqual(2 / 3);
      expect(top!.phrases.some((p) => /contact|playlist|jour|updat/.test(p.phrase))).toBe(true);
      checked = true;
      break;
    }
    expect(checked).toBe(true);
  });

  it('finds no candidate in a window that repeats its baseline', () => {
    const docs = unhappyDocs().filter((d) => !isComplaint(d.text));
    const start = Date.parse('2026-11-10T00:00:00Z');
    const r = computeEmerging(docs, {
      windowStart: new Date(start),
      windowEnd: new Date(start + DAY),
      baselineStart: new Date(start - 14 * DAY),
    });
    expect(r.windowTotal).toBeGreaterThan(0);
    expect(r.candidates).toEqual([]);
  });
});
