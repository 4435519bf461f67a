/**
 * Data shaped exactly like the API's answers (see dashboards/src/api/types.ts), with hostile
 * social text among it: a fixed, hand-made world for browser tests of the dashboards alone.
 */
const DAY_MS = 86_400_000;

export const HOSTILE = {
  text: 'Great <img src=x onerror="window.__xss=1"> service <script>window.__xss=1</script>',
  authorName: '<b onmouseover="window.__xss=1">Mallory</b>',
  url: 'javascript:window.__xss=1',
  title: '<iframe src="javascript:window.__xss=1"></iframe>',
  sourceError: '<svg onload="window.__xss=1"> feed refused',
};

export function dailyStats(days: number, now = Date.now()) {
  return Array.from({ length: days }, (_, i) => {
    const day = new Date(now - (days - 1 - i) * DAY_MS).toISOString().slice(0, 10);
    const wave = Math.round(6 + 4 * Math.sin(i / 3));
    const negative = 2 + (i % 4);
    const positive = 3 + (i % 3);
    const total = negative + wave + positive + (i === days - 1 ? 2 : 0);
    return {
      day,
      total,
      analysed: negative + wave + positive,
      negative,
      neutral: wave,
      positive,
      dissatisfied: negative + (i % 2),
      ideas: i % 5 === 0 ? 1 : 0,
    };
  });
}

export function summary(days: number) {
  const daily = dailyStats(days);
  const sum = (k: 'total' | 'analysed' | 'dissatisfied' | 'ideas' | 'negative') =>
    daily.reduce((n, d) => n + d[k], 0);
  return {
    mentions: sum('total'),
    analysed: sum('analysed'),
    dissatisfied: sum('dissatisfied'),
    ideas: sum('ideas'),
    negativeShare: sum('negative') / sum('analysed'),
    signals: { discontent: 41, churn_intent: 12, disappointment: 18, confusion: 9 },
    languages: {
      fr: Math.round(sum('total') * 0.6),
      en: Math.round(sum('total') * 0.35),
      unknown: 4,
    },
    sources: { active: 2, paused: 1, failed: 1 },
  };
}

const author = (id: string, handle: string, name: string, followers: number) => ({
  id,
  handle,
  name,
  profileUrl: `https://social.example/@${handle}`,
  followers,
});

const signals = (d = 0, c = 0, di = 0, co = 0) => ({
  discontent: d,
  churn_intent: c,
  disappointment: di,
  confusion: co,
});

export function mentions(now = Date.now()) {
  const base = {
    externalId: '',
    likes: 3,
    reposts: 1,
    replies: 0,
    score: null,
    source: { id: 's1', name: 'Mastodon — #lumio', kind: 'mastodon' },
    topics: [{ id: 't1', name: 'Lumio Box', matchedTerms: ['lumio'] }],
  };
  const churnText =
    "Troisième panne de ma box Lumio ce mois-ci. J'en ai marre, je vais résilier et passer chez un concurrent.";
  return [
    {
      ...base,
      id: 'm1',
      platform: 'mastodon',
      url: 'https://social.example/@claire/1',
      title: null,
      text: churnText,
      lang: 'fr',
      publishedAt: new Date(now - 4 * 60_000).toISOString(),
      author: author('a1', 'claire', 'Claire Dubois', 1200),
      analysis: {
        sentiment: { label: 'negative', score: -0.8 },
        dissatisfied: true,
        signals: signals(0.9, 0.85, 0.3, 0),
        idea: false,
        evidence: [
          {
            target: 'discontent',
            match: "J'en ai marre",
            start: churnText.indexOf("J'en"),
            weight: 0.9,
          },
          {
            target: 'churn_intent',
            match: 'je vais résilier',
            start: churnText.indexOf('je vais'),
            weight: 1.2,
          },
        ],
        modelVersion: 'lexicon-1',
      },
    },
    {
      ...base,
      id: 'm2',
      platform: 'reddit',
      url: 'https://reddit.example/r/lumio/2',
      title: 'Feature request: schedule the Wi-Fi',
      text: 'It would be great if the Lumio app let us schedule the Wi-Fi for the kids at night.',
      lang: 'en',
      publishedAt: new Date(now - 40 * 60_000).toISOString(),
      author: author('a2', 'devon_k', 'Devon K.', 85),
      source: { id: 's2', name: 'r/lumio', kind: 'reddit' },
      analysis: {
        sentiment: { label: 'positive', score: 0.4 },
        dissatisfied: false,
        signals: signals(),
        idea: true,
        evidence: [{ target: 'idea', match: 'It would be great if', start: 0, weight: 1 }],
        modelVersion: 'lexicon-1',
      },
    },
    {
      ...base,
      id: 'm-hostile',
      platform: 'rss',
      url: HOSTILE.url,
      title: HOSTILE.title,
      text: HOSTILE.text,
      lang: 'en',
      publishedAt: new Date(now - 3 * 3_600_000).toISOString(),
      author: { ...author('a3', 'mallory', HOSTILE.authorName, 3), profileUrl: HOSTILE.url },
      source: { id: 's3', name: 'Lumio forum feed', kind: 'rss' },
      analysis: {
        sentiment: { label: 'neutral', score: 0 },
        dissatisfied: false,
        signals: signals(0, 0, 0, 0.6),
        idea: false,
        evidence: [{ target: 'confusion', match: 'service', start: 1_000, weight: 0.5 }],
        modelVersion: 'lexicon-1',
      },
    },
    {
      ...base,
      id: 'm4',
      platform: 'bluesky',
      url: 'https://bsky.example/profile/sam/post/4',
      title: null,
      text: "Je ne comprends pas la facture : pourquoi deux frais d'activation ?",
      lang: 'fr',
      publishedAt: new Date(now - 26 * 3_600_000).toISOString(),
      author: null,
      source: { id: 's4', name: 'Bluesky search', kind: 'bluesky' },
      analysis: null,
    },
  ];
}

export function sources(now = Date.now()) {
  const iso = (offsetMs: number) => new Date(now + offsetMs).toISOString();
  const common = { config: {}, pollIntervalS: 300, quota: null };
  return [
    {
      ...common,
      id: 's1',
      kind: 'mastodon',
      name: 'Mastodon — #lumio',
      status: 'active',
      lastPolledAt: iso(-60_000),
      lastSuccessAt: iso(-60_000),
      lastErrorAt: null,
      lastError: null,
      nextPollAt: iso(240_000),
      itemsTotal: 1843,
      quota: { limit: 300, remaining: 287, resetAt: iso(600_000) },
    },
    {
      ...common,
      id: 's3',
      kind: 'rss',
      name: 'Lumio forum feed',
      status: 'failed',
      lastPolledAt: iso(-120_000),
      lastSuccessAt: iso(-2 * DAY_MS),
      lastErrorAt: iso(-120_000),
      lastError: HOSTILE.sourceError,
      nextPollAt: iso(480_000),
      itemsTotal: 212,
    },
    {
      ...common,
      id: 's2',
      kind: 'reddit',
      name: 'r/lumio',
      status: 'active',
      lastPolledAt: iso(-30_000),
      lastSuccessAt: iso(-30_000),
      lastErrorAt: iso(-3 * DAY_MS),
      lastError: 'HTTP 429 from the platform; waited 60 s as it asked',
      nextPollAt: iso(90_000),
      itemsTotal: 12_408,
    },
    {
      ...common,
      id: 's4',
      kind: 'bluesky',
      name: 'Bluesky search',
      status: 'paused',
      lastPolledAt: null,
      lastSuccessAt: null,
      lastErrorAt: null,
      lastError: null,
      nextPollAt: null,
      itemsTotal: 0,
    },
  ];
}

export const topics = [
  { id: 't1', name: 'Lumio Box', query: { any: ['lumio', 'box lumio'] } },
  { id: 't2', name: 'Billing', query: { any: ['facture', 'invoice'] } },
];
