import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvRows } from '../../../core/classification/model/read-csv.js';
import { computeEmerging, type EmergingDoc } from '../../../core/drivers/emerging/emerging.js';

const dataDir = path.join(process.env.ECOUTE_SHARED_DIR ?? '../shared', 'data');
if (!existsSync(dataDir))
  throw new Error(`${dataDir} is absent: the public labelled data is needed here`);

const DAY = 86_400_000;

/** The new complaint, in varied wordings, French and English. */
const WORDINGS: { text: string; lang: 'fr' | 'en' }[] = [
  { text: 'the new app update deletes my playlists, all of them', lang: 'en' },
  { text: 'Updated the app this morning and every saved playlist is gone', lang: 'en' },
  { text: 'your latest app update wiped my playlists!!', lang: 'en' },
  { text: 'after the update my playlists were deleted, years of music', lang: 'en' },
  { text: 'anyone else lose their playlists with the app update?', lang: 'en' },
  { text: 'La nouvelle mise à jour de l’appli a supprimé mes playlists', lang: 'fr' },
  { text: 'mes playlists ont été effacées par la mise à jour, merci du cadeau', lang: 'fr' },
  { text: 'depuis la MAJ de l’application plus aucune playlist, tout est effacé', lang: 'fr' },
];

describe('an injected complaint in a realistic stream', () => {
  it('is the top candidate in the first daily window where it reaches 1 % of dissatisfied mentions', async () => {
    // The stream: a week of real dissatisfied airline tweets (several hundred a day).
    const rows = (await readCsvRows(path.join(dataDir, 'airline-tweets-dev.csv'))).filter(
      (r) => r.dissatisfied === '1',
    );
    const docs: EmergingDoc[] = rows.map((r) => ({
      id: r.id ?? '',
      text: r.text ?? '',
      lang: 'en',
      at: new Date(r.created_at ?? ''),
    }));
    const day0 = Date.parse('2015-02-17T08:00:00Z');
    // The complaint grows day by day from 1 to 2, 4, 8, 16 mentions, starting on the 5th day.
    const ramp = [0, 0, 0, 0, 1, 2, 4, 8, 16];
    let n = 0;
    ramp.forEach((count, d) => {
      for (let i = 0; i < count; i++, n++) {
        const w = WORDINGS[n % WORDINGS.length]!;
        docs.push({
          id: `injected-${n}`,
          text: w.text,
          lang: w.lang,
          at: new Date(day0 + d * DAY + (i + 1) * 3_600_000),
        });
      }
    });
    const injected = (d: EmergingDoc) => d.id.startsWith('injected-');
    let reached: number | undefined;
    for (let d = 4; d < ramp.length - 1; d++) {
      const start = day0 + d * DAY;
      const window = docs.filter((x) => x.at.getTime() >= start && x.at.getTime() < start + DAY);
      const share = window.filter(injected).length / window.length;
      const r = computeEmerging(docs, {
        windowStart: new Date(start),
        windowEnd: new Date(start + DAY),
        baselineStart: new Date(day0 - DAY),
      });
      const top = r.candidates[0];
      if (share < 0.01) {
        // Before it matters, it may or may not show; it must not be mistaken for something else.
        continue;
      }
      reached = d;
      expect(top, `day ${d}: a candidate`).toBeDefined();
      const ids = top!.mentionIds;
      expect(
        ids.filter((id) => id.startsWith('injected-')).length / ids.length,
      ).toBeGreaterThanOrEqual(0.8);
      expect(top!.phrases.map((p) => p.phrase).join(' ')).toMatch(/playlist/);
      break;
    }
    // 1, 2 and 4 mentions stay under 1 % of several hundred a day; 8 of 466 on day 7 is 1.7 %.
    expect(reached).toBe(7);
  });
});
