import { useState } from 'preact/hooks';
import type { PageProps } from '../../app/pages.js';
import { Panel } from '../../components/panel.js';
import { usePolled } from '../../lib/use-polled.js';
import { HealthTable } from './health-table.js';
import { fetchJobHealth, JobHealthView } from './job-health.js';
import { SourceForm } from './source-form.js';
import { sourcesApi, type SourceWithHealth } from './sources-api.js';
import { useRole } from './use-role.js';
import './sources.css';

type Editing = { mode: 'new' } | { mode: 'edit'; source: SourceWithHealth } | null;

/** Where customers talk: each source's health, and (for admins) connecting and tuning them. */
export function SourcesPage(_props: PageProps) {
  const sources = usePolled((signal) => sourcesApi.list(signal), [], 10_000);
  const admin = useRole() === 'admin';
  const [editing, setEditing] = useState<Editing>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);

  const act = async (s: SourceWithHealth, what: () => Promise<unknown>, done: string) => {
    setBusy(s.id);
    try {
      await what();
      setMessage({ text: done });
      sources.reload();
    } catch (err) {
      setMessage({ text: err instanceof Error ? err.message : String(err), error: true });
    } finally {
      setBusy(null);
    }
  };

  const actions = {
    admin,
    busy,
    onEdit: (s: SourceWithHealth) => setEditing({ mode: 'edit', source: s }),
    onToggle: (s: SourceWithHealth) =>
      act(
        s,
        () => sourcesApi.edit(s.id, { status: s.status === 'active' ? 'paused' : 'active' }),
        s.status === 'active' ? `Paused “${s.name}”.` : `Resumed “${s.name}”.`,
      ),
    onPollNow: (s: SourceWithHealth) =>
      act(s, () => sourcesApi.pollNow(s.id), `Polling “${s.name}” now.`),
  };

  return (
    <div class="sources-page">
      {message && (
        <p class={message.error ? 'form-error' : 'notice'} role="status">
          {message.text}
        </p>
      )}
      {editing && (
        <section class="card panel" aria-labelledby="source-form-title">
          <div class="panel-head">
            <h2 id="source-form-title">
              {editing.mode === 'new' ? 'New source' : `Edit “${editing.source.name}”`}
            </h2>
          </div>
          <SourceForm
            key={editing.mode === 'new' ? 'new' : editing.source.id}
            source={editing.mode === 'edit' ? editing.source : undefined}
            onCancel={() => setEditing(null)}
            onSaved={(text) => {
              setEditing(null);
              setMessage({ text });
              sources.reload();
            }}
          />
        </section>
      )}
      <Panel
        title="Source health"
        id="source-health-title"
        polled={sources}
        class={sources.stale ? 'stale' : ''}
        actions={
          admin && !editing ? (
            <button
              type="button"
              class="button primary small"
              onClick={() => setEditing({ mode: 'new' })}
            >
              Add source
            </button>
          ) : undefined
        }
      >
        {(items) => <HealthTable sources={items} actions={actions} />}
      </Panel>
      {admin && <JobsPanel />}
    </div>
  );
}

/** Admins only (the API refuses others): the queues behind the sources, failures first. */
function JobsPanel() {
  const jobs = usePolled((signal) => fetchJobHealth(signal), [], 10_000);
  return (
    <Panel title="Background jobs" id="job-health-title" polled={jobs}>
      {(health) => <JobHealthView health={health} />}
    </Panel>
  );
}
