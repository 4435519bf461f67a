import type { SentimentLabel, SourceStatus } from '../api/types.js';

const SENTIMENT_TEXT: Record<SentimentLabel, string> = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
};

export function SentimentBadge({ label, score }: { label: SentimentLabel; score?: number }) {
  const title = score === undefined ? undefined : `Sentiment score ${score.toFixed(2)} (−1 to 1)`;
  return (
    <span class={`badge sentiment-${label}`} title={title}>
      {SENTIMENT_TEXT[label] ?? label}
    </span>
  );
}

const STATUS_TEXT: Record<SourceStatus, string> = {
  active: 'Active',
  paused: 'Paused',
  failed: 'Failed',
};

export function StatusBadge({ status }: { status: SourceStatus }) {
  return <span class={`badge status-${status}`}>{STATUS_TEXT[status] ?? status}</span>;
}

/** Platform names as people write them; unknown kinds are shown as given. */
const PLATFORMS: Record<string, string> = {
  rss: 'RSS',
  atom: 'Atom',
  feed: 'Feed',
  mastodon: 'Mastodon',
  reddit: 'Reddit',
  hackernews: 'Hacker News',
  hn: 'Hacker News',
  bluesky: 'Bluesky',
  webhook: 'Webhook',
  import: 'Import',
  demo: 'Demo',
};

export function platformName(platform: string): string {
  return PLATFORMS[platform.toLowerCase()] ?? platform;
}

export function PlatformBadge({ platform }: { platform: string }) {
  const known = platform.toLowerCase() in PLATFORMS ? platform.toLowerCase() : 'other';
  return <span class={`platform platform-${known}`}>{platformName(platform)}</span>;
}
