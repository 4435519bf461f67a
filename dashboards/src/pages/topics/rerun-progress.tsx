import { useEffect, useState } from 'preact/hooks';
import { formatInt } from '../../lib/format.js';
import { topicsApi, type RerunStatus } from './topics-api.js';

const FINAL = new Set(['completed', 'failed', 'none']);

/** Follows the background re-run of a topic over stored mentions, once a second until it ends. */
export function RerunProgress({ topicId, version }: { topicId: string; version: number }) {
  const [status, setStatus] = useState<RerunStatus | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      topicsApi.rerun(topicId, controller.signal).then(
        (s) => {
          setStatus(s);
          if (!FINAL.has(s.state) || s.version !== version) timer = setTimeout(tick, 1_000);
        },
        () => {
          if (!controller.signal.aborted) timer = setTimeout(tick, 3_000);
        },
      );
    };
    tick();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [topicId, version]);

  if (!status) return null;
  const p = status.progress;
  const percent = status.state === 'completed' ? 100 : (p?.percent ?? 0);
  return (
    <div class="rerun" data-rerun-state={status.state} role="status" aria-live="polite">
      <label for={`rerun-${topicId}`}>
        {status.state === 'completed'
          ? `Re-run over stored mentions done: ${formatInt(status.result?.matched ?? p?.matched ?? 0)} matches.`
          : status.state === 'failed'
            ? `Re-run failed: ${status.failedReason ?? 'unknown error'}`
            : status.state === 'none'
              ? 'No re-run recorded for this version.'
              : `Re-running over stored mentions… ${formatInt(p?.scanned ?? 0)} of ${formatInt(p?.total ?? 0)}`}
      </label>
      <progress id={`rerun-${topicId}`} max={100} value={percent}>
        {percent}%
      </progress>
    </div>
  );
}
