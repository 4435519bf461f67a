import { useState } from 'preact/hooks';
import type { PageProps } from '../../app/pages.js';
import { Panel } from '../../components/panel.js';
import { EmptyState } from '../../components/states.js';
import { usePolled } from '../../lib/use-polled.js';
import { useRole } from '../sources/use-role.js';
import { RerunProgress } from './rerun-progress.js';
import { TopicEditor } from './topic-editor.js';
import { topicsApi, type TopicItem } from './topics-api.js';
import '../sources/sources.css';
import './topics.css';

/** Who may create, edit and delete topics: the API allows admins and analysts. */
const TOPIC_EDITORS: readonly string[] = ['admin', 'analyst'];

type Editing = { topic?: TopicItem } | null;

/** What Écoute listens for: topics as Boolean listening queries, edited with a live preview. */
export function TopicsPage(_props: PageProps) {
  const topics = usePolled((signal) => topicsApi.list(signal), []);
  const role = useRole();
  const canEdit = role !== null && TOPIC_EDITORS.includes(role);
  const [editing, setEditing] = useState<Editing>(null);
  const [rerun, setRerun] = useState<{ id: string; version: number } | null>(null);

  return (
    <div class="topics-page">
      {editing && (
        <section class="card panel" aria-labelledby="topic-editor-title">
          <div class="panel-head">
            <h2 id="topic-editor-title">
              {editing.topic ? `Edit “${editing.topic.name}”` : 'New topic'}
            </h2>
          </div>
          <TopicEditor
            key={editing.topic?.id ?? 'new'}
            topic={editing.topic}
            onCancel={() => setEditing(null)}
            onSaved={(t) => {
              setEditing(null);
              if (t.rerunJobId) setRerun({ id: t.id, version: t.queryVersion });
              topics.reload();
            }}
          />
        </section>
      )}
      <Panel
        title="Topics"
        id="topics-title"
        polled={topics}
        actions={
          canEdit && !editing ? (
            <button type="button" class="button primary small" onClick={() => setEditing({})}>
              New topic
            </button>
          ) : undefined
        }
      >
        {(items) =>
          items.length === 0 ? (
            <EmptyState title="No topics yet">
              <p>
                A topic is a listening query; every stored mention says which topics it matched.
              </p>
            </EmptyState>
          ) : (
            <ul class="topic-list">
              {items.map((t) => (
                <li key={t.id} class="topic-item" data-topic-id={t.id}>
                  <div class="topic-item-head">
                    <strong>{t.name}</strong>
                    {canEdit && (
                      <button
                        type="button"
                        class="button small"
                        onClick={() => setEditing({ topic: t })}
                      >
                        Edit
                      </button>
                    )}
                  </div>
                  <code class="topic-query">{t.query}</code>
                  {rerun?.id === t.id && <RerunProgress topicId={t.id} version={rerun.version} />}
                </li>
              ))}
            </ul>
          )
        }
      </Panel>
    </div>
  );
}
