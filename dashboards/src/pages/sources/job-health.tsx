import { api } from '../../api/client.js';
import { formatDateTime, formatInt } from '../../lib/format.js';

/** GET /ops/health (core/ops/job-health.ts). */
export interface JobHealth {
  status: 'ok' | 'attention';
  queues: {
    queue: string;
    waiting: number;
    active: number;
    delayed: number;
    failed: number;
    lastFailures: {
      id: string;
      job: string;
      reason: string;
      failedAt: string | null;
      attemptsMade: number;
    }[];
  }[];
  followups: { batches: number; oldest: string | null; stale: boolean };
}

export const fetchJobHealth = (signal?: AbortSignal) => api<JobHealth>('/ops/health', { signal });

/**
 * The background jobs behind the sources: what waits and runs per queue, and what failed for good
 * with its reason, so an operator sees a non-empty failed set without opening the queue UI.
 */
export function JobHealthView({ health }: { health: JobHealth }) {
  const failed = health.queues.reduce((n, q) => n + q.failed, 0);
  const failures = health.queues.flatMap((q) =>
    q.lastFailures.map((f) => ({ ...f, queue: q.queue })),
  );
  const { followups } = health;
  return (
    <div class="job-health" data-status={health.status}>
      <p class="job-summary">
        <span class={`badge ${failed > 0 ? 'health-failed' : 'health-ok'}`} data-failed={failed}>
          {failed > 0 ? `${formatInt(failed)} failed` : 'No failed jobs'}
        </span>{' '}
        {followups.batches === 0 ? (
          'Every analysed batch has its follow-ups (risk, ideas, inbox, drivers).'
        ) : (
          <span class={followups.stale ? 'follow-ups-stale' : ''}>
            {formatInt(followups.batches)} analysed{' '}
            {followups.batches === 1 ? 'batch owes' : 'batches owe'} follow-ups
            {followups.oldest && `, the oldest since ${formatDateTime(followups.oldest)}`}
            {followups.stale ? ' — the sweeper has not finished them' : ''}.
          </span>
        )}
      </p>
      <div class="table-wrap">
        <table class="table job-table">
          <thead>
            <tr>
              <th scope="col">Queue</th>
              <th scope="col" class="num">
                Waiting
              </th>
              <th scope="col" class="num">
                Running
              </th>
              <th scope="col" class="num">
                Delayed
              </th>
              <th scope="col" class="num">
                Failed
              </th>
            </tr>
          </thead>
          <tbody>
            {health.queues.map((q) => (
              <tr key={q.queue} data-queue={q.queue} class={q.failed > 0 ? 'row-failed' : ''}>
                <th scope="row">{q.queue}</th>
                <td class="num">{formatInt(q.waiting)}</td>
                <td class="num">{formatInt(q.active)}</td>
                <td class="num">{formatInt(q.delayed)}</td>
                <td class="num">{formatInt(q.failed)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failures.length > 0 && (
        <ul class="job-failures" aria-label="Newest failed jobs">
          {failures.map((f) => (
            <li key={`${f.queue}-${f.id}`} data-job-id={f.id}>
              <code>{f.job}</code> on <strong>{f.queue}</strong>
              {f.failedAt && <> at {formatDateTime(f.failedAt)}</>}, after {f.attemptsMade}{' '}
              {f.attemptsMade === 1 ? 'attempt' : 'attempts'}:{' '}
              <span class="failure-reason">{f.reason || 'no reason given'}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
