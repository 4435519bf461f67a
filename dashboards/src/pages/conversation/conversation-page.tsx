import { useState } from 'preact/hooks';
import type { PageProps } from '../../app/pages.js';
import { PlatformBadge } from '../../components/badges.js';
import { ExternalLink } from '../../components/external-link.js';
import { Panel } from '../../components/panel.js';
import { formatDateTime } from '../../lib/format.js';
import { usePolled } from '../../lib/use-polled.js';
import { STATE_LABEL } from '../inbox/inbox-api.js';
import {
  conversationApi,
  type ConversationDetail,
  type ThreadMessage,
} from './conversation-api.js';
import { MessageSignals } from './message-signals.js';
import { OwnerAndPriority } from './owner-priority.js';
import { ReplyBox } from './reply-box.js';
import '../inbox/inbox.css';

/** One conversation: the whole thread with signals, the reply box, account context and notes. */
export function ConversationPage({ params }: PageProps) {
  const id = params.get('id') ?? '';
  // Refresh every 3 s: a queued reply turns "sent" within seconds.
  const detail = usePolled((signal) => conversationApi.get(id, signal), [id], 3_000);
  return (
    <Panel title={`Conversation #${id}`} id="conversation" polled={detail}>
      {(c) => (
        <div class="conversation">
          <div>
            <ol class="thread" aria-label="Thread">
              {c.messages.map((m) => (
                <Message key={m.id} m={m} />
              ))}
            </ol>
            <ReplyBox conversation={c} onSent={detail.reload} />
          </div>
          <Side c={c} onChange={detail.reload} />
        </div>
      )}
    </Panel>
  );
}

function Message({ m }: { m: ThreadMessage }) {
  return (
    <li class={`msg ${m.direction}`} data-direction={m.direction}>
      <div class="msg-head">
        <strong>
          {m.direction === 'in' ? (m.author ?? 'unknown') : (m.agent ?? m.author ?? 'brand')}
        </strong>
        <span>{formatDateTime(m.at)}</span>
        {m.sendStatus && <span class={`send-status send-${m.sendStatus}`}>{m.sendStatus}</span>}
        {m.url && <ExternalLink href={m.url}>on the platform</ExternalLink>}
      </div>
      <MessageSignals m={m} />
      {m.lastError && m.sendStatus !== 'sent' && <div class="form-error">{m.lastError}</div>}
    </li>
  );
}

function Side({ c, onChange }: { c: ConversationDetail; onChange: () => void }) {
  const [note, setNote] = useState('');
  const act = async (fn: () => Promise<unknown>) => {
    await fn();
    onChange();
  };
  return (
    <aside class="side">
      <dl>
        <dt>Platform</dt>
        <dd>
          <PlatformBadge platform={c.platform} />
        </dd>
        <dt>Status</dt>
        <dd data-testid="status">{c.status}</dd>
        <dt>Priority</dt>
        <dd data-testid="priority">{c.priority}</dd>
        <dt>Target</dt>
        <dd class={`sla sla-${c.state}`}>{STATE_LABEL[c.state]}</dd>
        <dt>Owner</dt>
        <dd data-testid="owner">{c.assignee?.name ?? 'Unassigned'}</dd>
        <dt>Why</dt>
        <dd>
          <span class="chips">
            {c.reasons.map((r) => (
              <span class="chip" key={r}>
                {r}
              </span>
            ))}
          </span>
        </dd>
        {c.customer && (
          <>
            <dt>Account</dt>
            <dd>
              {c.customer.name} ({c.customer.tier ?? 'no tier'})
            </dd>
          </>
        )}
        {c.customer?.riskScore !== undefined && (
          <>
            <dt>Churn risk</dt>
            <dd>{Math.round(c.customer.riskScore)} / 100</dd>
          </>
        )}
      </dl>
      <OwnerAndPriority c={c} onChange={onChange} />
      <div class="reply-actions">
        {c.status !== 'resolved' && (
          <button type="button" onClick={() => act(() => conversationApi.status(c.id, 'resolved'))}>
            Resolve
          </button>
        )}
        {c.status === 'resolved' && (
          <button type="button" onClick={() => act(() => conversationApi.status(c.id, 'open'))}>
            Reopen
          </button>
        )}
      </div>
      <h3>Internal notes</h3>
      <ul>
        {c.notes.map((n) => (
          <li key={n.id}>
            <strong>{n.author}</strong>: {n.text}
          </li>
        ))}
      </ul>
      <textarea
        aria-label="Internal note"
        value={note}
        onInput={(e) => setNote(e.currentTarget.value)}
      />
      <button
        type="button"
        disabled={!note.trim()}
        onClick={() =>
          act(async () => {
            await conversationApi.note(c.id, note);
            setNote('');
          })
        }
      >
        Add note
      </button>
    </aside>
  );
}
