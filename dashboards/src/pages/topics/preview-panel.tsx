import { PlatformBadge } from '../../components/badges.js';
import { ErrorState } from '../../components/states.js';
import { formatDateTime, formatInt } from '../../lib/format.js';
import type { TopicPreview } from './topics-api.js';

/** How many stored mentions the query matches before saving, and the newest ten. */
export function PreviewPanel(props: {
  preview: TopicPreview | undefined;
  error: Error | undefined;
  pending: boolean;
}) {
  const { preview, error, pending } = props;
  if (error) return <ErrorState error={error} compact />;
  if (!preview) {
    return (
      <p class="hint">
        {pending ? 'Counting matching mentions…' : 'Type a query to see what it matches.'}
      </p>
    );
  }
  return (
    <div class={`topic-preview${pending ? ' stale' : ''}`} data-preview-count={preview.matched}>
      <p class="preview-count" role="status">
        <strong>{formatInt(preview.matched)}</strong> of {formatInt(preview.scanned)} stored
        mentions match
        {preview.complete
          ? '.'
          : ` (the newest only; about ${formatInt(preview.estimatedMatches)} of ${formatInt(preview.total)} overall).`}
        <span class="muted"> {formatInt(preview.tookMs)} ms</span>
      </p>
      {preview.sample.length > 0 && (
        <ol class="preview-sample">
          {preview.sample.map((m) => (
            <li key={m.id} class="preview-mention">
              <div class="test-mention-head">
                <PlatformBadge platform={m.platform} />
                {m.author && <span class="author">@{m.author}</span>}
                <time dateTime={m.publishedAt}>{formatDateTime(m.publishedAt)}</time>
                {m.lang && <span class="tag">{m.lang}</span>}
              </div>
              {m.title && <p class="test-mention-title">{m.title}</p>}
              <p class="test-mention-text">{m.text}</p>
              <p class="matched-terms">
                Matched:{' '}
                {m.matchedTerms.map((t) => (
                  <span key={t} class="chip matched-term">
                    {t}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
