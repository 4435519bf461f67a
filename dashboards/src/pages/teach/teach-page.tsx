import { useEffect, useRef, useState } from 'preact/hooks';
import type { PageProps } from '../../app/pages.js';
import { Panel } from '../../components/panel.js';
import { EmptyState, Loading } from '../../components/states.js';
import { formatDateTime, formatInt, safeHttpUrl } from '../../lib/format.js';
import { errorMessage } from '../../lib/use-action.js';
import { usePolled } from '../../lib/use-polled.js';
import { useRole } from '../sources/use-role.js';
import { actionOf, KEY_ACTIONS, type KeyAction } from './keys.js';
import { fetchFigures, fetchQueue, saveLabel, type TeachItem } from './teach-api.js';
import { ModelFigures } from './model-figures.js';
import './teach.css';

/** Fetch the next mentions when this few are left, so the next card is always there. */
const REFILL_AT = 3;

const TASK_NAMES = { sentiment: 'sentiment', dissatisfied: 'dissatisfaction', idea: 'idea' };
const pct = (p: number) => `${Math.round(p * 100)} %`;

function Reading({ item }: { item: TeachItem }) {
  const r = item.reading;
  return (
    <dl class="teach-reading">
      {r.sentiment && (
        <>
          <dt>Sentiment</dt>
          <dd>
            negative {pct(r.sentiment.negative)} · neutral {pct(r.sentiment.neutral)} · positive{' '}
            {pct(r.sentiment.positive)}
          </dd>
        </>
      )}
      {r.dissatisfied !== null && (
        <>
          <dt>Dissatisfied</dt>
          <dd>{pct(r.dissatisfied)}</dd>
        </>
      )}
      {r.idea !== null && (
        <>
          <dt>Idea</dt>
          <dd>{pct(r.idea)}</dd>
        </>
      )}
    </dl>
  );
}

function MentionCard({ item }: { item: TeachItem }) {
  const url = safeHttpUrl(item.url);
  return (
    <article class="teach-card" data-mention={item.mentionId} aria-live="polite">
      <p class="muted">
        {item.author ? `@${item.author}` : 'unknown author'} · {item.platform} · {item.lang} ·{' '}
        {formatDateTime(item.publishedAt)}
        {url && (
          <>
            {' · '}
            <a href={url} target="_blank" rel="noopener noreferrer nofollow">
              original
            </a>
          </>
        )}
      </p>
      <blockquote class="teach-text">{item.text}</blockquote>
      <p class="teach-why">
        The model is unsure of the <strong>{TASK_NAMES[item.unsureAbout]}</strong> (uncertainty{' '}
        {pct(item.uncertainty)}). It reads:
      </p>
      <Reading item={item} />
    </article>
  );
}

/**
 * "Teach Écoute": the mentions the models in force are least sure of, one at a time; one key
 * press stores a label as a correction and shows the next. The figures below move as labels are
 * given and when a model is retrained from them.
 */
export function TeachPage(_props: PageProps) {
  const role = useRole();
  const [items, setItems] = useState<TeachItem[] | undefined>(undefined);
  const [seen, setSeen] = useState<string[]>([]);
  const [given, setGiven] = useState(0);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const figures = usePolled((s) => fetchFigures(s), []);
  const state = useRef({ items, seen, busy });
  state.current = { items, seen, busy };

  const refill = async (queue: TeachItem[], done: string[]) => {
    try {
      const next = await fetchQueue([...done, ...queue.map((i) => i.mentionId)]);
      const known = new Set(queue.map((i) => i.mentionId));
      setItems([...queue, ...next.items.filter((i) => !known.has(i.mentionId))]);
    } catch (err) {
      setError(errorMessage(err));
      setItems(queue);
    }
  };

  useEffect(() => void refill([], []), []);

  const act = async (a: KeyAction) => {
    const { items: queue, seen: done, busy: working } = state.current;
    const current = queue?.[0];
    if (!queue || !current || working) return;
    setBusy(true);
    setError(null);
    try {
      if (a.task && a.value) await saveLabel(current.mentionId, a.task, a.value);
      const rest = queue.slice(1);
      const nowDone = [...done, current.mentionId];
      setSeen(nowDone);
      setItems(rest);
      if (a.task) {
        setGiven((n) => n + 1);
        setStatus(`Saved "${a.label}" for mention ${current.mentionId}.`);
        figures.reload();
      } else setStatus(`Skipped mention ${current.mentionId}.`);
      if (rest.length < REFILL_AT) await refill(rest, nowDone);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const a = actionOf(e);
      if (!a) return;
      e.preventDefault();
      void act(a);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const current = items?.[0];
  return (
    <div class="teach-grid">
      <section class="card panel teach-queue" aria-labelledby="teach-title">
        <div class="panel-head">
          <h2 id="teach-title">Least sure of</h2>
          <span class="muted" data-testid="labels-given">
            {formatInt(given)} {given === 1 ? 'label' : 'labels'} given in this session
          </span>
        </div>
        <p class="muted">
          The recent mentions the current models are least sure of. One key per label; each is kept
          as a correction and trains the next model.
        </p>
        {items === undefined && <Loading label="Finding the mentions the models are unsure of…" />}
        {items !== undefined && !current && (
          <EmptyState title="Nothing left to label: every recent mention has a label or was skipped" />
        )}
        {current && <MentionCard key={current.mentionId} item={current} />}
        <div class="teach-keys" role="group" aria-label="Label this mention">
          {KEY_ACTIONS.map((a) => (
            <button
              key={a.key}
              type="button"
              class={a.task ? 'button small' : 'button small ghost'}
              aria-keyshortcuts={a.key}
              disabled={!current || busy}
              onClick={() => void act(a)}
            >
              <kbd>{a.key}</kbd> {a.label}
            </button>
          ))}
        </div>
        {status && (
          <p class="muted" role="status">
            {status}
          </p>
        )}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
      </section>
      <Panel title="The figures" id="teach-figures" polled={figures} class="teach-figures">
        {(data) => (
          <ModelFigures data={data} canRetrain={role === 'admin'} onRetrained={figures.reload} />
        )}
      </Panel>
    </div>
  );
}
