import { formatDateTime, formatInt } from '../../lib/format.js';
import type { SourcePreview } from './sources-api.js';

const SOURCE_LABEL: Record<string, string> = {
  bom: 'its byte-order mark',
  http: 'the HTTP charset',
  declaration: 'its XML declaration',
  meta: 'its meta tag',
  detected: 'detection from the bytes',
  default: 'UTF-8, the default, which the bytes are',
};

/**
 * What Écoute would store from one feed or recorded response, line by line: the same lines as
 * `ecoute sources preview`. Social text is rendered as text only.
 */
export function PreviewResult({ preview }: { preview: SourcePreview }) {
  const undated = preview.lines.filter((l) => l.published_at === null).length;
  const d = preview.decoding;
  return (
    <div class="test-result preview-result" role="status" data-preview-result>
      <p>
        <strong>{formatInt(preview.lines.length)}</strong> mentions would be stored
        {undated > 0 && (
          <>
            {' '}
            (<span data-undated>{formatInt(undated)} without a readable date</span>)
          </>
        )}
        ; nothing was stored.
        {d && (
          <>
            {' '}
            Decoded as <code>{d.encoding}</code>, chosen by {SOURCE_LABEL[d.source] ?? d.source}.
          </>
        )}
      </p>
      {preview.warnings.length > 0 && (
        <ul class="preview-warnings" aria-label="Warnings">
          {preview.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
      <ol class="test-mentions">
        {preview.lines.slice(0, 30).map((l) => (
          <li key={l.external_id} class="test-mention" data-preview-line={l.external_id}>
            <div class="test-mention-head">
              {l.author && <span class="author">{l.author}</span>}
              {l.published_at ? (
                <time dateTime={l.published_at}>{formatDateTime(l.published_at)}</time>
              ) : (
                <span
                  class="tag undated"
                  title={l.published_raw ? `The source wrote “${l.published_raw}”` : undefined}
                >
                  no readable date: placed by fetch time
                </span>
              )}
              {l.in_reply_to && <span class="tag">reply to {l.in_reply_to}</span>}
              {l.reposted_by && <span class="tag">repost by {l.reposted_by}</span>}
              {l.lang && <span class="tag">{l.lang}</span>}
            </div>
            {l.title && <p class="test-mention-title">{l.title}</p>}
            <p class="test-mention-text">{clip(l.text)}</p>
          </li>
        ))}
      </ol>
      {preview.lines.length > 30 && (
        <p class="hint">…and {formatInt(preview.lines.length - 30)} more.</p>
      )}
    </div>
  );
}

function clip(text: string): string {
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
}
