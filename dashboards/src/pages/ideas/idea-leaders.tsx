import { useState } from 'preact/hooks';
import { api } from '../../api/client.js';
import { useAction } from '../../lib/use-action.js';
import { usePolled } from '../../lib/use-polled.js';
import type { IdeaDetail, Leader } from './types.js';

interface TopInfluencer {
  authorId: string;
  handle: string;
  name: string | null;
  platform: string;
  rank: number;
}

/** Influencers offered to pick from: the latest all-topics run's top of the ranking. */
const TOP = 200;
const SHOWN = 8;

/**
 * The opinion leaders associated with an idea, to involve them: remove one, add a supporter
 * already asking for it, or find an influencer by handle among the top of the ranking.
 */
export function IdeaLeaders({ idea, onChange }: { idea: IdeaDetail; onChange: () => void }) {
  const { error, run } = useAction(onChange);
  const add = (authorId: string) =>
    run(() => api(`/ideas/${idea.id}/leaders`, { method: 'POST', body: { authorId } }));
  const remove = (authorId: string) =>
    run(() => api(`/ideas/${idea.id}/leaders/${authorId}`, { method: 'DELETE' }));
  return (
    <section class="idea-leaders" aria-label="Opinion leaders">
      <h3>Opinion leaders ({idea.leaders.length})</h3>
      {idea.leaders.length === 0 && <p class="muted">No opinion leader involved yet.</p>}
      <ul class="leader-list">
        {idea.leaders.map((l) => (
          <li key={l.authorId} data-author-id={l.authorId}>
            <LeaderLine l={l} />{' '}
            {!idea.mergedInto && (
              <button type="button" onClick={() => void remove(l.authorId)}>
                Remove
              </button>
            )}
          </li>
        ))}
      </ul>
      {!idea.mergedInto && idea.suggestedLeaders.length > 0 && (
        <>
          <p class="muted">Supporters with the most influence:</p>
          <ul class="leader-suggestions">
            {idea.suggestedLeaders.map((l) => (
              <li key={l.authorId}>
                <LeaderLine l={l} />{' '}
                <button type="button" onClick={() => void add(l.authorId)}>
                  Involve
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {!idea.mergedInto && (
        <FindInfluencer
          exclude={new Set(idea.leaders.map((l) => l.authorId))}
          onPick={(id) => void add(id)}
        />
      )}
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function LeaderLine({ l }: { l: Leader }) {
  return (
    <>
      @{l.handle.replace(/^@/, '')}{' '}
      <span class="muted">
        {l.platform}
        {l.influence
          ? ` · influence ${Math.round(l.influence.score)} (rank ${l.influence.rank})`
          : ''}
        {l.supporter ? ' · supporter' : ''}
        {l.note ? ` · ${l.note}` : ''}
      </span>
    </>
  );
}

function FindInfluencer({
  exclude,
  onPick,
}: {
  exclude: ReadonlySet<string>;
  onPick: (authorId: string) => void;
}) {
  const [q, setQ] = useState('');
  const top = usePolled<{ items: TopInfluencer[] }>(
    (signal) => api('/influencers', { query: { limit: TOP }, signal }),
    [],
    300_000,
  );
  const needle = q.trim().toLowerCase().replace(/^@/, '');
  const offered = (top.data?.items ?? [])
    .filter((i) => !exclude.has(i.authorId))
    .filter(
      (i) =>
        !needle ||
        i.handle.toLowerCase().includes(needle) ||
        (i.name ?? '').toLowerCase().includes(needle),
    )
    .slice(0, SHOWN);
  return (
    <div class="find-influencer">
      <label>
        Add an opinion leader
        <input
          name="leader-search"
          placeholder="Handle, or pick among the top influencers"
          value={q}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        />
      </label>
      {top.data && top.data.items.length === 0 && (
        <p class="muted">No influence ranking computed yet.</p>
      )}
      {offered.length > 0 && (
        <ul class="influencer-options">
          {offered.map((i) => (
            <li key={i.authorId}>
              #{i.rank} @{i.handle.replace(/^@/, '')} <span class="muted">{i.platform}</span>{' '}
              <button type="button" onClick={() => onPick(i.authorId)}>
                Add
              </button>
            </li>
          ))}
        </ul>
      )}
      {top.data && needle && offered.length === 0 && top.data.items.length > 0 && (
        <p class="muted">
          No influencer in the top {TOP} matches “{q}”.
        </p>
      )}
    </div>
  );
}
