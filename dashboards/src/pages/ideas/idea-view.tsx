import { useState } from 'preact/hooks';
import { api } from '../../api/client.js';
import { Panel } from '../../components/panel.js';
import { useAction } from '../../lib/use-action.js';
import { usePolled } from '../../lib/use-polled.js';
import { IdeaFigures, IdeaStatusBadge } from './idea-card.js';
import { IdeaLeaders } from './idea-leaders.js';
import { MergeInto } from './merge-into.js';
import { openIdea } from './nav.js';
import { MentionText } from './mention-text.js';
import type { IdeaDetail } from './types.js';
import { IMPACT_LABELS, STATUS_TEXT } from './types.js';

/** One idea: demand, supporting mentions with evidence, votes, reviewer scores, history. */
export function IdeaView({ id }: { id: string }) {
  const idea = usePolled<IdeaDetail>((signal) => api(`/ideas/${id}`, { signal }), [id]);
  return (
    <Panel title={idea.data?.title ?? 'Idea'} id="idea-title" polled={idea} skeleton={10}>
      {(d) => (
        <div class="idea-detail">
          <p>
            <IdeaStatusBadge status={d.status} />{' '}
            {d.statusReason && <span class="muted">{d.statusReason}</span>}
          </p>
          {d.mergedInto && (
            <p class="notice">
              Merged into{' '}
              <a
                href={`#/ideas?id=${d.mergedInto}`}
                onClick={(e) => {
                  e.preventDefault();
                  openIdea(d.mergedInto!);
                }}
              >
                idea {d.mergedInto}
              </a>
              .
            </p>
          )}
          {d.description && <p class="idea-description">{d.description}</p>}
          <IdeaFigures idea={d} />
          <MergedHere idea={d} onDone={idea.reload} />
          <Actions key={d.id} idea={d} onDone={idea.reload} />
          <h3>Reviewer scores</h3>
          <table class="idea-scores">
            <thead>
              <tr>
                <th>Reviewer</th>
                <th>Feasibility</th>
                <th>Impact</th>
                <th>Comment</th>
              </tr>
            </thead>
            <tbody>
              {d.reviewerScores.map((s) => (
                <tr key={s.reviewer}>
                  <td>{s.reviewer}</td>
                  <td class="num">{s.feasibility}</td>
                  <td>
                    {s.impact} · {IMPACT_LABELS[s.impact]}
                  </td>
                  <td>{s.comment}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Supporting mentions ({d.demand.mentions})</h3>
          <ul class="candidates">
            {d.mentions.map((m) => (
              <li key={m.mentionId} class="candidate">
                <span class="muted">
                  {m.author ? `@${m.author.handle}` : 'unknown'} · {m.platform} ·{' '}
                  {new Date(m.publishedAt).toLocaleDateString()}
                </span>
                <MentionText text={m.text} evidence={m.evidence} />
              </li>
            ))}
          </ul>
          <h3>Votes ({d.demand.votes})</h3>
          <p>{[...new Set(d.votes.map((v) => v.voter))].join(', ') || '—'}</p>
          <IdeaLeaders idea={d} onChange={idea.reload} />
          <h3>History</h3>
          <ol class="idea-history">
            {d.history.map((h) => (
              <li key={h.id}>
                {new Date(h.changedAt).toLocaleString()} —{' '}
                {h.from ? `${STATUS_TEXT[h.from] ?? h.from} → ` : ''}
                {STATUS_TEXT[h.to] ?? h.to}
                {h.changedBy && ` by ${h.changedBy}`}
                {h.reason && `: ${h.reason}`}
              </li>
            ))}
            {d.merges.map((m) => (
              <li key={`m${m.id}`}>
                {new Date(m.mergedAt).toLocaleString()} — “{m.sourceTitle}” merged into “
                {m.targetTitle}”{m.undoneAt && ' (undone)'}
              </li>
            ))}
            {d.scoreAudit.map((a) => (
              <li key={`s${a.id}`}>
                {new Date(a.changedAt).toLocaleString()} — {a.reviewer} scored feasibility{' '}
                {a.feasibility.old ?? '—'} → {a.feasibility.new}, impact {a.impact.old ?? '—'} →{' '}
                {a.impact.new}
              </li>
            ))}
          </ol>
          {d.replies.length > 0 && (
            <>
              <h3>Prepared replies ({d.replies.length})</h3>
              <ul>
                {d.replies.map((r) => (
                  <li key={r.id}>
                    <span class="muted">
                      {r.platform} · {r.status}
                    </span>{' '}
                    {r.text}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
    </Panel>
  );
}

/** On the surviving idea: the ideas merged into it, each with its undo. */
function MergedHere({ idea, onDone }: { idea: IdeaDetail; onDone: () => void }) {
  const { error, run } = useAction(onDone);
  if (idea.mergedIdeas.length === 0) return null;
  const undo = (id: string) => run(() => api(`/ideas/${id}/unmerge`, { method: 'POST' }));
  return (
    <div class="notice merged-here">
      <p>Merged into this idea (their votes, supporters and mentions count here):</p>
      <ul>
        {idea.mergedIdeas.map((m) => (
          <li key={m.id}>
            <a
              href={`#/ideas?id=${m.id}`}
              onClick={(e) => {
                e.preventDefault();
                openIdea(m.id);
              }}
            >
              {m.title}
            </a>{' '}
            <button type="button" onClick={() => void undo(m.id)}>
              Undo the merge
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function Actions({ idea, onDone }: { idea: IdeaDetail; onDone: () => void }) {
  const [merging, setMerging] = useState(false);
  const [status, setStatus] = useState(idea.status);
  const [reason, setReason] = useState('');
  const [score, setScore] = useState({ feasibility: 2, impact: 2, comment: '' });
  const action = useAction(onDone);
  const { error } = action;
  const run = (path: string, method: 'POST' | 'PUT', body?: unknown) =>
    action.run(() => api(path, { method, body }));
  if (idea.mergedInto) {
    return (
      <button type="button" onClick={() => void run(`/ideas/${idea.id}/unmerge`, 'POST')}>
        Undo the merge
      </button>
    );
  }
  if (merging) return <MergeInto idea={idea} onCancel={() => setMerging(false)} />;
  return (
    <div class="idea-actions">
      <div class="idea-buttons">
        <button type="button" onClick={() => void run(`/ideas/${idea.id}/vote`, 'POST')}>
          Vote
        </button>
        <button type="button" onClick={() => setMerging(true)}>
          Merge into…
        </button>
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(`/ideas/${idea.id}/status`, 'POST', { status, reason });
        }}
      >
        <select
          aria-label="Status"
          value={status}
          onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}
        >
          {Object.entries(STATUS_TEXT).map(([k, v]) => (
            <option key={k} value={k}>
              {v}
            </option>
          ))}
        </select>
        <input
          aria-label="Public reason"
          placeholder="Reason shown to the public"
          value={reason}
          onInput={(e) => setReason((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Change status</button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run(`/ideas/${idea.id}/score`, 'PUT', score);
        }}
      >
        <label>
          Feasibility
          <select
            value={score.feasibility}
            onChange={(e) =>
              setScore({ ...score, feasibility: Number((e.target as HTMLSelectElement).value) })
            }
          >
            {[0, 1, 2, 3, 4].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Impact
          <select
            value={score.impact}
            onChange={(e) =>
              setScore({ ...score, impact: Number((e.target as HTMLSelectElement).value) })
            }
          >
            {IMPACT_LABELS.map((l, n) => (
              <option key={n} value={n}>
                {n} · {l}
              </option>
            ))}
          </select>
        </label>
        <input
          aria-label="Comment"
          placeholder="Comment"
          value={score.comment}
          onInput={(e) => setScore({ ...score, comment: (e.target as HTMLInputElement).value })}
        />
        <button type="submit">Save my score</button>
      </form>
      {error && (
        <p class="form-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
