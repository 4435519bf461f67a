import type { PageProps } from '../../app/pages.js';
import { setParams } from '../../lib/router.js';
import { BoardView } from './board-view.js';
import { GridView } from './grid-view.js';
import { IdeaView } from './idea-view.js';
import { QueueView } from './queue-view.js';
import { RoadmapView } from './roadmap-view.js';
import './ideas.css';

const VIEWS = [
  { key: 'board', label: 'Board' },
  { key: 'queue', label: 'Review queue' },
  { key: 'grid', label: 'Feasibility × impact' },
  { key: 'roadmap', label: 'Roadmap' },
] as const;

/** The idea board: ideas from the crowd and from staff, their review queue, grid and roadmap. */
export function IdeasPage({ params }: PageProps) {
  const id = params.get('id');
  const view = id ? 'idea' : (params.get('view') ?? 'board');
  return (
    <div class="page ideas-page">
      <nav class="idea-tabs" aria-label="Idea views">
        {VIEWS.map((v) => (
          <button
            type="button"
            key={v.key}
            class={view === v.key ? 'active' : ''}
            aria-current={view === v.key ? 'page' : undefined}
            onClick={() => setParams({ view: v.key, id: null })}
          >
            {v.label}
          </button>
        ))}
      </nav>
      {view === 'idea' && id && <IdeaView id={id} />}
      {view === 'board' && <BoardView params={params} />}
      {view === 'queue' && <QueueView />}
      {view === 'grid' && <GridView />}
      {view === 'roadmap' && <RoadmapView />}
    </div>
  );
}
