import type { CredentialHealth, HealthState } from './sources-api.js';

const TEXT: Record<HealthState, string> = {
  ok: 'Healthy',
  pending: 'Waiting for first poll',
  erroring: 'Retrying',
  rate_limited: 'Rate limited',
  failed: 'Failed',
  paused: 'Paused',
  pushed: 'Receiving',
};

const HINT: Record<HealthState, string> = {
  ok: 'The last poll succeeded.',
  pending: 'Not polled yet.',
  erroring: 'The last poll failed with a temporary error; it is retried with backoff.',
  rate_limited: 'The platform asked to wait; the next poll is at the end of the wait.',
  failed: 'A permanent error: polling stopped until the source is edited or resumed.',
  paused: 'Paused by an admin.',
  pushed: 'Mentions are pushed (webhook or import); nothing to poll.',
};

export function HealthBadge({ state }: { state: HealthState }) {
  return (
    <span class={`badge health-${state}`} title={HINT[state]} data-health={state}>
      {TEXT[state] ?? state}
    </span>
  );
}

/**
 * Reply credentials about to stop working (their renewal was refused, or they cannot be renewed)
 * or stopped: shown beside the polling health, with the platform's reason on hover.
 */
export function CredentialBadge({ credential }: { credential: CredentialHealth }) {
  if (credential.status === 'ok') return null;
  const failed = credential.status === 'failed';
  return (
    <span
      class={`badge ${failed ? 'health-failed' : 'health-erroring'}`}
      title={credential.reason ?? undefined}
      data-credential={credential.status}
    >
      {failed ? 'Reply credentials failed' : 'Reply credentials expiring'}
    </span>
  );
}
