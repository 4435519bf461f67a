import { api } from '../../api/client.js';
import { Panel } from '../../components/panel.js';
import { usePolled } from '../../lib/use-polled.js';
import { openIdea } from './nav.js';
import type { Idea } from './types.js';

interface Column {
  status: string;
  label: string;
  closed: boolean;
  ideas: Idea[];
}

/** The roadmap: live ideas in columns by status, in the configured order, most demanded first. */
export function RoadmapView() {
  const roadmap = usePolled<{ columns: Column[] }>(
    (signal) => api('/ideas/roadmap', { signal }),
    [],
  );
  return (
    <Panel title="Roadmap" id="roadmap-title" polled={roadmap} skeleton={6}>
      {(data) => (
        <div class="roadmap">
          {data.columns.map((c) => (
            <section
              key={c.status}
              class={`roadmap-column ${c.closed ? 'closed' : ''}`}
              data-status={c.status}
            >
              <h3>
                {c.label} <span class="muted">{c.ideas.length}</span>
              </h3>
              <ul>
                {c.ideas.map((i) => (
                  <li key={i.id}>
                    <a
                      href={`#/ideas?id=${i.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        openIdea(i.id);
                      }}
                    >
                      {i.title}
                    </a>
                    <span class="muted"> · {i.demand.votes + i.demand.supporters} people</span>
                    {i.statusReason && <p class="muted">{i.statusReason}</p>}
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      )}
    </Panel>
  );
}
