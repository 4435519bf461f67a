import type { Source } from '../../api/types.js';
import { PlatformBadge, StatusBadge } from '../../components/badges.js';
import { EmptyState } from '../../components/states.js';
import { LastError, NextPoll, When } from '../../components/source-cells.js';
import { formatDateTime, formatInt } from '../../lib/format.js';

/** Sources that receive pushed mentions (signed webhook, file import) are never polled. */
const PUSHED_KINDS = new Set(['webhook', 'import']);

/** A failed source first, then paused, then active; by name within each. */
const ORDER = { failed: 0, paused: 1, active: 2 } as const;

/** Each source's health. On narrow screens the rows become cards (see overview.css). */
export function SourceHealth({ sources }: { sources: Source[] }) {
  if (sources.length === 0) {
    return (
      <EmptyState title="No sources yet">
        <p>Add an RSS/Atom feed or a webhook through the API to start listening.</p>
      </EmptyState>
    );
  }
  const sorted = [...sources].sort(
    (a, b) => (ORDER[a.status] ?? 3) - (ORDER[b.status] ?? 3) || a.name.localeCompare(b.name),
  );
  return (
    <div class="table-wrap">
      <table class="table source-table">
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Status</th>
            <th scope="col">Last success</th>
            <th scope="col">Last error</th>
            <th scope="col">Next poll</th>
            <th scope="col" class="num">
              Items
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((s) => (
            <tr key={s.id} data-source-id={s.id} class={`row-${s.status}`}>
              <th scope="row" data-label="Source">
                <div class="cell">
                  <span class="source-name">{s.name}</span>
                  <PlatformBadge platform={s.kind} />
                </div>
              </th>
              <td data-label="Status">
                <div class="cell">
                  <StatusBadge status={s.status} />
                </div>
              </td>
              <td data-label="Last success">
                <div class="cell">
                  <When iso={s.lastSuccessAt} />
                </div>
              </td>
              <td data-label="Last error" class="last-error">
                <div class="cell">
                  <LastError at={s.lastErrorAt} reason={s.lastError} />
                </div>
              </td>
              <td data-label="Next poll">
                <div class="cell">
                  <NextPoll
                    polled={!PUSHED_KINDS.has(s.kind)}
                    status={s.status}
                    at={s.nextPollAt}
                  />
                </div>
              </td>
              <td data-label="Items" class="num">
                <div class="cell">
                  {formatInt(s.itemsTotal)}
                  {s.quota && (
                    <span
                      class="quota"
                      title={
                        s.quota.resetAt ? `Resets ${formatDateTime(s.quota.resetAt)}` : undefined
                      }
                    >
                      quota {formatInt(s.quota.remaining)}/{formatInt(s.quota.limit)}
                    </span>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
