import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/client.js';
import { errorMessage } from '../../lib/use-action.js';
import { openIdea } from './nav.js';
import type { IdeaDetail } from './types.js';

interface SimilarIdea {
  id: string;
  title: string;
  status: string;
  similarity: number;
}

/** Ideas offered as the survivor: the most similar first (the board's own suggestion). */
const OFFERED = 8;

/**
 * "Merge into…": pick the surviving idea among the similar ones (searched as you type, starting
 * from this idea's own words), confirm, merge, then open the survivor, where the merge can be
 * undone.
 */
export function MergeInto({ idea, onCancel }: { idea: IdeaDetail; onCancel: () => void }) {
  const [q, setQ] = useState(`${idea.title} ${idea.description}`.trim());
  const [found, setFound] = useState<SimilarIdea[] | null>(null);
  const [target, setTarget] = useState<SimilarIdea | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const controller = new AbortController();
    const text = q.trim();
    if (text.length < 2) {
      setFound([]);
      return;
    }
    // A short pause while typing, so each keystroke does not ask the API.
    const timer = setTimeout(() => {
      api<{ items: SimilarIdea[] }>('/ideas/similar', {
        query: { q: text.slice(0, 2_000), limit: OFFERED + 1 },
        signal: controller.signal,
      })
        .then((r) => setFound(r.items.filter((s) => s.id !== idea.id).slice(0, OFFERED)))
        .catch((err: unknown) => {
          if (!controller.signal.aborted) setError(errorMessage(err));
        });
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [q, idea.id]);

  const merge = async (into: SimilarIdea) => {
    setBusy(true);
    try {
      await api(`/ideas/${idea.id}/merge`, { method: 'POST', body: { into: into.id } });
      openIdea(into.id);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  if (target) {
    return (
      <div class="merge-into" role="dialog" aria-label="Confirm the merge">
        <p>
          Merge “{idea.title}” into “{target.title}”? Its {idea.demand.votes} vote(s),{' '}
          {idea.demand.supporters} supporter(s) and {idea.demand.mentions} linked mention(s) will
          count on “{target.title}”. The merge can be undone.
        </p>
        <div class="idea-actions">
          <button type="button" disabled={busy} onClick={() => void merge(target)}>
            Confirm the merge
          </button>
          <button type="button" disabled={busy} onClick={() => setTarget(null)}>
            Back
          </button>
        </div>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <div class="merge-into" role="dialog" aria-label="Merge into another idea">
      <label>
        Find the idea to keep
        <input
          name="merge-search"
          value={q}
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        />
      </label>
      {found === null && <p class="muted">Looking for similar ideas…</p>}
      {found?.length === 0 && <p class="muted">No similar idea found: try other words.</p>}
      {found && found.length > 0 && (
        <ul class="merge-targets">
          {found.map((s) => (
            <li key={s.id}>
              <span>{s.title}</span>{' '}
              <span class="muted">{Math.round(s.similarity * 100)}% similar</span>{' '}
              <button type="button" onClick={() => setTarget(s)}>
                Keep this one
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
