import type { ComponentChildren } from 'preact';
import { ApiError } from '../api/client.js';

export function Loading({
  label = 'Loading…',
  fullPage = false,
}: {
  label?: string;
  fullPage?: boolean;
}) {
  return (
    <div class={fullPage ? 'center-page' : 'loading'} role="status" aria-live="polite">
      <span class="spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}

/** Placeholder blocks shaped like the content, shown only before the first answer. */
export function Skeleton({ lines = 3 }: { lines?: number }) {
  return (
    <div class="skeleton" aria-hidden="true">
      {Array.from({ length: lines }, (_, i) => (
        <span key={i} class="skeleton-line" />
      ))}
    </div>
  );
}

/** The API's own message, its code and the fields it names, with a retry button. */
export function ErrorState({
  error,
  onRetry,
  compact = false,
}: {
  error: Error;
  onRetry?: () => void;
  compact?: boolean;
}) {
  const api = error instanceof ApiError ? error : undefined;
  return (
    <div class={compact ? 'error-state compact' : 'error-state'} role="alert">
      <p class="error-title">{compact ? 'Could not refresh' : 'Something went wrong'}</p>
      <p class="error-message">{error.message}</p>
      {api && api.details.length > 0 && (
        <ul class="error-details">
          {api.details.map((d) => (
            <li key={d.field}>
              <code>{d.field}</code>: {d.reason}
            </li>
          ))}
        </ul>
      )}
      {api && api.status > 0 && (
        <p class="error-code">
          {api.status} · {api.code}
        </p>
      )}
      {onRetry && (
        <button type="button" class="button small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p class="empty-title">{title}</p>
      {children && <div class="empty-body">{children}</div>}
    </div>
  );
}
