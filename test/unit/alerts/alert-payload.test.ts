import { describe, expect, it } from 'vitest';
import { jsonBody, slackBody } from '../../../core/alerts/alert-payload.js';
import { spikeFigures, zScore } from '../../../core/alerts/spike-alerts.js';

const message = {
  eventId: '7',
  rule: { id: '1', name: 'Key accounts', kind: 'key_account_churn' },
  title: 'Koalytics (key) voices intent to leave',
  firedAt: '2026-06-01T12:00:00.000Z',
  test: false,
  payload: { evidence: [{ mentionId: '9', author: 'benh', text: '<b>switching</b> provider' }] },
};

describe('alert payloads', () => {
  it('renders a Slack message with the evidence as plain text', () => {
    const body = slackBody(message) as {
      text: string;
      blocks: { type: string; text?: { type: string; text: string } }[];
    };
    expect(body.text).toBe(message.title);
    const section = body.blocks.find((b) => b.type === 'section');
    expect(section?.text).toEqual({ type: 'plain_text', text: 'benh: <b>switching</b> provider' });
  });

  it('renders Écoute JSON with the event id, rule and evidence', () => {
    expect(jsonBody(message)).toMatchObject({
      type: 'ecoute.alert',
      id: '7',
      rule: { name: 'Key accounts' },
      evidence: [{ mentionId: '9' }],
    });
  });
});

describe('spike z-score', () => {
  it('measures the current bucket against the mean and deviation of the window', () => {
    expect(zScore(12, [2, 4, 2, 4])).toEqual({ mean: 3, std: 1, z: 9 });
    expect(zScore(3, [0, 0, 0]).z).toBe(3);
  });

  it('shows a spike in its payload to two decimals, with its bucket length', () => {
    expect(spikeFigures({ current: 9, ...zScore(9, [1, 2, 2]) }, 30)).toEqual({
      current: 9,
      mean: 1.67,
      std: 0.47,
      z: 7.33,
      bucketMinutes: 30,
    });
  });
});
