import { useState } from 'preact/hooks';
import { api } from '../../api/client.js';
import { Panel } from '../../components/panel.js';
import { setParams } from '../../lib/router.js';
import { useAction } from '../../lib/use-action.js';
import { usePolled } from '../../lib/use-polled.js';
import { IdeaFigures, IdeaStatusBadge } from './idea-card.js';
import { openIdea } from './nav.js';
import type { Contributor, Idea } from './types.js';
import { STATUS_TEXT } from './types.js';

const SORTS = [
  { key: 'demand', label: 'Demand' },
  { key: 'score', label: 'Score' },
  { key: 'recent', label: 'Most recent' },
] as const;

/** The board: every live idea with its demand and scores; filters and sort live in the URL. */
export function BoardView({ params }: { params: URLSearchParams }) {
  const sort = params.get('sort') ?? 'demand';
  const status = params.get('status') ?? undefined;
  const origin = params.get('origin') ?? undefined;
  const q = params.get('q') ?? undefined;
  const board = usePolled<{ items: Idea[] }>(
    (signal) => api('/ideas', { query: { sort, status, origin, q }, signal }),
    [sort, status, origin, q],
  );
  const givers = usePolled<{ items: Contributor[] }>(
    (signal) => api('/ideas/contributors', { signal }),
    [],
  );
  return (
    <div class="idea-board-layout">
      <Panel title="Ideas" id="board-title" polled={board} skeleton={8}>
        {(data) => (
          <>
            <form class="idea-filters" onSubmit={(e) => e.preventDefault()}>
              <label>
                Search
                <input
                  name="q"
                  value={q ?? ''}
                  onChange={(e) => setParams({ q: (e.target as HTMLInputElement).value || null })}
                />
              </label>
              <label>
                Status
                <select
                  name="status"
                  value={status ?? ''}
                  onChange={(e) =>
                    setParams({ status: (e.target as HTMLSelectElement).value || null })
                  }
                >
                  <option value="">All</option>
                  {Object.entries(STATUS_TEXT).map(([k, v]) => (
                    <option key={k} value={k}>
                      {v}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                From
                <select
                  name="origin"
                  value={origin ?? ''}
                  onChange={(e) =>
                    setParams({ origin: (e.target as HTMLSelectElement).value || null })
                  }
                >
                  <option value="">Crowd and staff</option>
                  <option value="crowd">Crowd</option>
                  <option value="staff">Staff</option>
                </select>
              </label>
              <label>
                Sort by
                <select
                  name="sort"
                  value={sort}
                  onChange={(e) => setParams({ sort: (e.target as HTMLSelectElement).value })}
                >
                  {SORTS.map((s) => (
                    <option key={s.key} value={s.key}>
                      {s.label}
                    </option>
                  ))}
                </select>
              </label>
            </form>
            <ul class="idea-list">
              {data.items.map((idea) => (
                <li key={idea.id} class="idea-row" data-idea={idea.id}>
                  <div class="idea-row-head">
                    <a
                      href={`#/ideas?id=${idea.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        openIdea(idea.id);
                      }}
                    >
                      {idea.title}
                    </a>
                    <IdeaStatusBadge status={idea.status} />
                    <span class="muted">
                      {idea.origin === 'crowd'
                        ? 'from the crowd'
                        : `by ${idea.createdBy ?? 'staff'}`}
                    </span>
                  </div>
                  <IdeaFigures idea={idea} />
                </li>
              ))}
            </ul>
            {data.items.length === 0 && <p class="muted">No idea matches these filters.</p>}
          </>
        )}
      </Panel>
      <div class="idea-side">
        <NewIdeaForm onCreated={board.reload} />
        <Panel title="Givers of adopted ideas" id="givers-title" polled={givers} skeleton={3}>
          {(data) =>
            data.items.length === 0 ? (
              <p class="muted">No adopted idea yet.</p>
            ) : (
              <ol class="givers">
                {data.items.map((c) => (
                  <li key={`${c.kind}${c.id}`}>
                    <strong>{c.name}</strong>{' '}
                    <span class="muted">{c.kind === 'staff' ? 'staff' : c.platform}</span> ·{' '}
                    {c.adopted} adopted
                  </li>
                ))}
              </ol>
            )
          }
        </Panel>
      </div>
    </div>
  );
}

/** Staff post ideas directly; similar ideas are shown while typing so duplicates are not created. */
function NewIdeaForm({ onCreated }: { onCreated: () => void }) {
  const [title, setTitle] = useState('');
  const [similar, setSimilar] = useState<{ id: string; title: string; similarity: number }[]>([]);
  const { error, run } = useAction(onCreated);
  const onType = async (value: string) => {
    setTitle(value);
    if (value.trim().length < 3) return setSimilar([]);
    try {
      const r = await api<{ items: typeof similar }>('/ideas/similar', { query: { q: value } });
      setSimilar(r.items);
    } catch {
      setSimilar([]);
    }
  };
  const submit = (e: Event) => {
    e.preventDefault();
    return run(async () => {
      await api('/ideas', { method: 'POST', body: { title } });
      setTitle('');
      setSimilar([]);
    });
  };
  return (
    <section class="card panel new-idea" aria-labelledby="new-idea-title">
      <h2 id="new-idea-title">Post an idea</h2>
      <form onSubmit={submit}>
        <label>
          Title
          <input
            name="title"
            value={title}
            maxLength={200}
            onInput={(e) => void onType((e.target as HTMLInputElement).value)}
          />
        </label>
        {similar.length > 0 && (
          <div class="similar-ideas" role="status">
            <p class="muted">Similar ideas already on the board:</p>
            <ul>
              {similar.map((s) => (
                <li key={s.id}>
                  <a
                    href={`#/ideas?id=${s.id}`}
                    onClick={(ev) => {
                      ev.preventDefault();
                      openIdea(s.id);
                    }}
                  >
                    {s.title}
                  </a>{' '}
                  <span class="muted">{Math.round(s.similarity * 100)}%</span>
                </li>
              ))}
            </ul>
          </div>
        )}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={title.trim().length === 0}>
          Post
        </button>
      </form>
    </section>
  );
}
