import { useEffect, useState } from 'preact/hooks';
import { useAction } from '../../lib/use-action.js';
import { usePolled } from '../../lib/use-polled.js';
import {
  conversationApi,
  PRIORITIES,
  type ConversationDetail,
  type Priority,
} from './conversation-api.js';

/** Agents change rarely: the list is read again every five minutes. */
const AGENTS_REFRESH_MS = 300_000;
const UNASSIGNED = '';

/** Reassign the conversation to an agent (or back to the pool) and change its priority. */
export function OwnerAndPriority({ c, onChange }: { c: ConversationDetail; onChange: () => void }) {
  const agents = usePolled((signal) => conversationApi.agents(signal), [], AGENTS_REFRESH_MS);
  const [owner, setOwner] = useState(c.assignee?.id ?? UNASSIGNED);
  const [priority, setPriority] = useState<Priority>(c.priority);
  // What the server says wins once it has changed (a refresh, someone else's change).
  useEffect(() => setOwner(c.assignee?.id ?? UNASSIGNED), [c.assignee?.id]);
  useEffect(() => setPriority(c.priority), [c.priority]);

  const { error, busy, run: act } = useAction(onChange);
  return (
    <div class="owner-priority">
      <form
        class="reply-actions"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => conversationApi.assign(c.id, owner === UNASSIGNED ? null : owner));
        }}
      >
        <label>
          Owner{' '}
          <select
            aria-label="Owner"
            value={owner}
            onChange={(e) => setOwner((e.target as HTMLSelectElement).value)}
          >
            <option value={UNASSIGNED}>Unassigned</option>
            {(agents.data?.items ?? []).map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} · {a.team}
                {a.available ? '' : ' (away)'}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || owner === (c.assignee?.id ?? UNASSIGNED)}>
          Reassign
        </button>
      </form>
      <form
        class="reply-actions"
        onSubmit={(e) => {
          e.preventDefault();
          void act(() => conversationApi.priority(c.id, priority));
        }}
      >
        <label>
          Priority{' '}
          <select
            aria-label="Priority"
            value={priority}
            onChange={(e) => setPriority((e.target as HTMLSelectElement).value as Priority)}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || priority === c.priority}>
          Change priority
        </button>
      </form>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
