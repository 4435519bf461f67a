import { useState } from 'preact/hooks';
import { api } from '../../api/client.js';
import { Panel } from '../../components/panel.js';
import { useAction } from '../../lib/use-action.js';
import { usePolled } from '../../lib/use-polled.js';
import { openIdea } from './nav.js';
import { MentionText } from './mention-text.js';
import type { CandidateGroup } from './types.js';

/** The review queue: idea candidates from public mentions, grouped by similarity, largest first. */
export function QueueView() {
  const queue = usePolled<{ items: CandidateGroup[]; pending: number }>(
    (signal) => api('/ideas/candidates', { signal }),
    [],
  );
  return (
    <Panel title="Review queue" id="queue-title" polled={queue} skeleton={8}>
      {(data) => (
        <>
          <p class="muted">
            {data.pending} mentions read as ideas wait for review, in {data.items.length} groups of
            similar requests.
          </p>
          {data.items.length === 0 && <p class="muted">Nothing to review.</p>}
          <ul class="candidate-groups">
            {data.items.map((g) => (
              <GroupCard key={g.groupKey} group={g} onDone={queue.reload} />
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

function GroupCard({ group, onDone }: { group: CandidateGroup; onDone: () => void }) {
  const [title, setTitle] = useState('');
  const mentionIds = group.candidates.map((c) => c.mentionId);
  const action = useAction(onDone);
  const error = action.error;
  const act = (path: string, body: Record<string, unknown>) =>
    action.run(() => api(path, { method: 'POST', body: { mentionIds, ...body } }));
  return (
    <li class="card candidate-group" data-group={group.groupKey}>
      <h3>
        {group.size} {group.size === 1 ? 'mention' : 'mentions'} · {group.authors}{' '}
        {group.authors === 1 ? 'author' : 'authors'}
      </h3>
      <ul class="candidates">
        {group.candidates.map((c) => (
          <li key={c.mentionId} class="candidate">
            <span class="muted">
              {c.author ? `@${c.author.handle}` : 'unknown'} · {c.platform} · {c.lang ?? '?'}
            </span>
            <MentionText text={c.text} evidence={c.evidence} />
          </li>
        ))}
      </ul>
      {group.similarIdeas.length > 0 && (
        <div class="similar-ideas">
          <p class="muted">Similar ideas:</p>
          <ul>
            {group.similarIdeas.map((s) => (
              <li key={s.id}>
                <a
                  href={`#/ideas?id=${s.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    openIdea(s.id);
                  }}
                >
                  {s.title}
                </a>{' '}
                <span class="muted">{Math.round(s.similarity * 100)}%</span>{' '}
                <button
                  type="button"
                  class="secondary"
                  onClick={() => void act('/ideas/candidates/attach', { ideaId: s.id })}
                >
                  Attach here
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form
        class="group-actions"
        onSubmit={(e) => {
          e.preventDefault();
          void act('/ideas/candidates/create', { title });
        }}
      >
        <input
          aria-label="Title of the new idea"
          placeholder="Title of the new idea"
          value={title}
          maxLength={200}
          onInput={(e) => setTitle((e.target as HTMLInputElement).value)}
        />
        <button type="submit" disabled={title.trim().length === 0}>
          Create idea
        </button>
        <button
          type="button"
          class="secondary"
          onClick={() => void act('/ideas/candidates/dismiss', {})}
        >
          Dismiss
        </button>
      </form>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}
