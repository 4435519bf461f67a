import { useEffect, useState } from 'preact/hooks';
import { formatRelative } from '../../lib/format.js';
import { REFRESH_MS, type Polled } from '../../lib/use-polled.js';

/** "Live · updated 5 seconds ago": the freshest answer among the page's resources. */
export function LiveStatus({ polled }: { polled: Polled<unknown>[] }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 5_000);
    return () => clearInterval(timer);
  }, []);
  const times = polled
    .map((p) => p.updatedAt?.getTime())
    .filter((t): t is number => t !== undefined);
  const updated = times.length ? Math.min(...times) : undefined;
  const busy = polled.some((p) => p.loading);
  const failing = polled.some((p) => p.error);
  const state = failing ? 'failing' : busy ? 'busy' : 'live';
  return (
    <p class={`live-status ${state}`} aria-live="off">
      <span class="live-dot" aria-hidden="true" />
      <span>{failing ? 'Some data could not be refreshed' : 'Live'}</span>
      {updated !== undefined && (
        <span class="muted">
          · updated {formatRelative(new Date(Math.min(updated, now)).toISOString(), now)} ·
          refreshes every {REFRESH_MS / 1000} s
        </span>
      )}
    </p>
  );
}
