import { PlatformBadge } from '../../components/badges.js';
import { formatDateTime, formatInt } from '../../lib/format.js';
import type { SourceTestResult } from './sources-api.js';

const POLICY: Record<string, string> = {
  retry: 'A real poll would retry this with backoff.',
  wait: 'A real poll would wait as the platform asks, then retry.',
  give_up: 'A real poll would mark the source failed until it is edited.',
};

/** What one page of the proposed source would store; social text rendered as text only. */
export function TestResult({ result }: { result: SourceTestResult }) {
  if (!result.ok) {
    return (
      <div class="test-result failed" role="alert" data-test-result="error">
        <p class="error-title">
          The fetch failed: <code>{result.error.code}</code>
        </p>
        <p class="error-message">{result.error.reason}</p>
        <p class="hint">{POLICY[result.error.policy] ?? ''}</p>
      </div>
    );
  }
  return (
    <div class="test-result" role="status" data-test-result="ok">
      <p>
        <strong>{formatInt(result.mentions.length)}</strong> mentions would be stored from the first
        page{result.hasMore ? ', and older pages would follow (backfill)' : ''}. Fetched in{' '}
        {formatInt(result.tookMs)} ms; nothing was stored.
      </p>
      <ol class="test-mentions">
        {result.mentions.slice(0, 20).map((m) => (
          <li key={m.externalId} class="test-mention">
            <div class="test-mention-head">
              <PlatformBadge platform={m.platform} />
              {m.author && <span class="author">@{m.author.handle}</span>}
              {m.publishedAt ? (
                <time dateTime={m.publishedAt}>{formatDateTime(m.publishedAt)}</time>
              ) : (
                <span class="tag undated">no readable date: placed by fetch time</span>
              )}
              {m.langHint && <span class="tag">{m.langHint}</span>}
            </div>
            {m.title && <p class="test-mention-title">{m.title}</p>}
            <p class="test-mention-text">{m.text}</p>
          </li>
        ))}
      </ol>
      {result.mentions.length > 20 && (
        <p class="hint">…and {formatInt(result.mentions.length - 20)} more.</p>
      )}
    </div>
  );
}
