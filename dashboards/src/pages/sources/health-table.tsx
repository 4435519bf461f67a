import { PlatformBadge } from '../../components/badges.js';
import { EmptyState } from '../../components/states.js';
import { LastError, NextPoll, When } from '../../components/source-cells.js';
import { formatDateTime, formatInt } from '../../lib/format.js';
import { CredentialBadge, HealthBadge } from './health-badge.js';
import type { SourceWithHealth } from './sources-api.js';
import { Sparkline } from './sparkline.js';

/** Problems first, so an admin sees what needs them at the top. */
const ORDER: Record<string, number> = {
  failed: 0,
  erroring: 1,
  rate_limited: 2,
  pending: 3,
  ok: 4,
  pushed: 5,
  paused: 6,
};

export interface RowActions {
  admin: boolean;
  busy: string | null;
  onEdit(s: SourceWithHealth): void;
  onToggle(s: SourceWithHealth): void;
  onPollNow(s: SourceWithHealth): void;
}

export function HealthTable({
  sources,
  actions,
}: {
  sources: SourceWithHealth[];
  actions: RowActions;
}) {
  if (sources.length === 0) {
    return (
      <EmptyState title="No sources yet">
        <p>Add a feed, a Mastodon hashtag, a subreddit, a Hacker News or Bluesky search.</p>
      </EmptyState>
    );
  }
  const sorted = [...sources].sort(
    (a, b) => (ORDER[a.health] ?? 9) - (ORDER[b.health] ?? 9) || a.name.localeCompare(b.name),
  );
  return (
    <div class="table-wrap">
      <table class="table source-table sources-health">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Health</th>
            <th scope="col" class="num">
              Items / hour
            </th>
            <th scope="col">Quota</th>
            <th scope="col">Last success</th>
            <th scope="col">Last error</th>
            <th scope="col">Next poll</th>
            {actions.admin && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <Row key={s.id} s={s} actions={actions} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The slips the last fetch tolerated (and how it was decoded), on hover and for screen readers. */
function FetchNotes({ notes }: { notes: SourceWithHealth['fetchNotes'] }) {
  if (!notes || notes.warnings.length === 0) return null;
  const decoded = notes.decoding
    ? `Decoded as ${notes.decoding.encoding} (${notes.decoding.source}). `
    : '';
  const text = `${decoded}${notes.warnings.join('; ')}`;
  return (
    <span
      class="tag fetch-warnings"
      title={text}
      aria-label={`Last fetch: ${text}`}
      data-fetch-warnings
    >
      {notes.warnings.length} {notes.warnings.length === 1 ? 'warning' : 'warnings'}
    </span>
  );
}

function Row({ s, actions }: { s: SourceWithHealth; actions: RowActions }) {
  const polled = s.health !== 'pushed';
  const t = s.throughput;
  return (
    <tr data-source-id={s.id} class={`row-${s.status}`}>
      <th scope="row" data-label="Source">
        <div class="cell">
          <span class="source-name">{s.name}</span>
          <PlatformBadge platform={s.kind} />
        </div>
      </th>
      <td data-label="Health">
        <div class="cell">
          <HealthBadge state={s.health} />
          <FetchNotes notes={s.fetchNotes ?? null} />
          {s.credential && <CredentialBadge credential={s.credential} />}
        </div>
      </td>
      <td data-label="Items / hour" class="num">
        <div class="cell throughput">
          <span title={`${formatInt(t.itemsLast24h)} in the last 24 hours`}>
            {t.itemsPerHour.toFixed(t.itemsPerHour < 10 ? 1 : 0)}
          </span>
          <Sparkline hourly={t.hourly} label={`Items per hour over 24 hours for ${s.name}`} />
        </div>
      </td>
      <td data-label="Quota">
        <div class="cell">
          {s.quota && s.quota.remaining !== undefined ? (
            <span title={s.quota.resetAt ? `Resets ${formatDateTime(s.quota.resetAt)}` : undefined}>
              {formatInt(s.quota.remaining)}
              {s.quota.limit !== undefined && (
                <span class="muted"> / {formatInt(s.quota.limit)}</span>
              )}
            </span>
          ) : (
            <span class="muted">—</span>
          )}
        </div>
      </td>
      <td data-label="Last success">
        <div class="cell">
          {polled ? <When iso={s.lastSuccessAt} /> : <span class="muted">—</span>}
        </div>
      </td>
      <td data-label="Last error" class="last-error">
        <div class="cell">
          <LastError at={s.lastErrorAt} reason={s.lastError} />
          {!!s.sanitizedTotal && (
            <span
              class="sanitized-note"
              title="NUL characters and unpaired surrogates, which Postgres cannot store, were removed; the mentions were kept"
            >
              {formatInt(s.sanitizedTotal)} fields cleaned
            </span>
          )}
        </div>
      </td>
      <td data-label="Next poll">
        <div class="cell">
          <NextPoll polled={polled} status={s.status} at={s.nextPollAt} />
        </div>
      </td>
      {actions.admin && (
        <td data-label="Actions">
          <div class="cell row-actions">
            <button type="button" class="button small" onClick={() => actions.onEdit(s)}>
              Edit
            </button>
            <button
              type="button"
              class="button small"
              disabled={actions.busy === s.id}
              onClick={() => actions.onToggle(s)}
            >
              {s.status === 'active' ? 'Pause' : 'Resume'}
            </button>
            {polled && s.status === 'active' && (
              <button
                type="button"
                class="button small ghost"
                disabled={actions.busy === s.id}
                onClick={() => actions.onPollNow(s)}
              >
                Poll now
              </button>
            )}
          </div>
        </td>
      )}
    </tr>
  );
}
