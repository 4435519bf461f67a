import type { Scope } from '../api/endpoints.js';
import { fetchTopics } from '../api/endpoints.js';
import { setParams } from '../lib/router.js';
import { usePolled } from '../lib/use-polled.js';
import { DEFAULT_DAYS, WINDOWS } from './scope.js';

/** Topics change rarely; refresh them once a minute. */
const TOPICS_REFRESH_MS = 60_000;

/** The topic selector and the 7/30/90-day window; both live in the URL. */
export function ScopeBar({ scope }: { scope: Scope }) {
  const topics = usePolled((signal) => fetchTopics(signal), [], TOPICS_REFRESH_MS);
  const known = topics.data ?? [];
  const unknownSelected = scope.topic && topics.data && !known.some((t) => t.id === scope.topic);

  return (
    <div class="scope-bar">
      <div class="field inline">
        <label for="topic-select">Topic</label>
        <select
          id="topic-select"
          value={scope.topic ?? ''}
          onChange={(e) =>
            setParams({ topic: (e.currentTarget as HTMLSelectElement).value || null })
          }
        >
          <option value="">All topics</option>
          {known.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
          {unknownSelected && <option value={scope.topic ?? ''}>Unknown topic</option>}
        </select>
      </div>
      <fieldset class="segmented">
        <legend class="visually-hidden">Time window</legend>
        {WINDOWS.map((days) => (
          <label key={days} class={scope.days === days ? 'checked' : undefined}>
            <input
              type="radio"
              name="window"
              value={days}
              checked={scope.days === days}
              onChange={() => setParams({ days: days === DEFAULT_DAYS ? null : String(days) })}
            />
            <span>{days} days</span>
          </label>
        ))}
      </fieldset>
    </div>
  );
}
