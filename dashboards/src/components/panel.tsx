import type { ComponentChildren } from 'preact';
import type { Polled } from '../lib/use-polled.js';
import { ErrorState, Skeleton } from './states.js';

interface Props<T> {
  title: string;
  id: string;
  polled: Polled<T>;
  /** Lines of skeleton shown before the first answer. */
  skeleton?: number;
  class?: string;
  actions?: ComponentChildren;
  children: (data: T) => ComponentChildren;
}

/**
 * A titled card fed by one polled resource: a skeleton before the first answer, the API's error
 * if there is no data, and the last good data with a small "could not refresh" note if a refresh
 * fails — so a transient error never blanks a chart.
 */
export function Panel<T>({
  title,
  id,
  polled,
  skeleton = 4,
  class: className,
  actions,
  children,
}: Props<T>) {
  const { data, error } = polled;
  return (
    <section
      class={`card panel ${className ?? ''}`}
      aria-labelledby={id}
      aria-busy={polled.loading}
    >
      <div class="panel-head">
        <h2 id={id}>{title}</h2>
        {actions}
      </div>
      {data === undefined && error && <ErrorState error={error} onRetry={polled.reload} />}
      {data === undefined && !error && <Skeleton lines={skeleton} />}
      {data !== undefined && error && (
        <p class="stale-note" role="status">
          Showing earlier data — could not refresh: {error.message}
        </p>
      )}
      {data !== undefined && children(data)}
    </section>
  );
}
