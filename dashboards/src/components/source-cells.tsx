import { formatDateTime, formatRelative } from '../lib/format.js';

/** A moment as "3 minutes ago", with the full date on hover; `empty` when there is none. */
export function When({ iso, empty = 'never' }: { iso: string | null; empty?: string }) {
  if (!iso) return <span class="muted">{empty}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelative(iso)}
    </time>
  );
}

/** The last error of a source: when, and the reason as text. */
export function LastError({ at, reason }: { at: string | null; reason: string | null }) {
  if (!at) return <span class="muted">none</span>;
  return (
    <>
      <When iso={at} />
      {reason && <span class="error-text">{reason}</span>}
    </>
  );
}

/** When a source is polled next; pushed, paused and failed sources are not. */
export function NextPoll({
  polled,
  status,
  at,
}: {
  polled: boolean;
  status: string;
  at: string | null;
}) {
  if (!polled) return <span class="muted">pushed, not polled</span>;
  if (status === 'failed') return <span class="muted">stopped</span>;
  if (status !== 'active') return <span class="muted">paused</span>;
  return <When iso={at} empty="not scheduled" />;
}
