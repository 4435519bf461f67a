import { useEffect, useState } from 'preact/hooks';
import type { PageProps } from '../../app/pages.js';
import { Panel } from '../../components/panel.js';
import { EmptyState } from '../../components/states.js';
import { formatDateTime } from '../../lib/format.js';
import { setParams } from '../../lib/router.js';
import { usePolled } from '../../lib/use-polled.js';
import { InfluenceNetwork } from './influence-network.js';
import { InfluencerTable } from './influencer-table.js';
import {
  exportUrl,
  fetchInfluencers,
  fetchNetwork,
  type Influencer,
  type InfluencerFilters,
  type SortKey,
} from './influencers-api.js';
import './influencers.css';

const SORTS: readonly SortKey[] = [
  'score',
  'pagerank',
  'inDegree',
  'reach',
  'engagement',
  'volume',
  'negativeShare',
];
const PLATFORMS = ['mastodon', 'bluesky', 'reddit', 'hackernews', 'rss'];

function filtersFrom(params: URLSearchParams): InfluencerFilters {
  const sort = params.get('sort') as SortKey | null;
  return {
    stance: params.get('stance'),
    platform: params.get('platform'),
    lang: params.get('lang'),
    sort: sort && SORTS.includes(sort) ? sort : 'score',
  };
}

/** Opinion leaders and flag-bearers of discontent: table, network picture and exports. */
export function InfluencersPage({ scope, params }: PageProps) {
  const filters = filtersFrom(params);
  const deps = [
    scope.days,
    scope.topic,
    filters.stance,
    filters.platform,
    filters.lang,
    filters.sort,
  ];
  const first = usePolled((signal) => fetchInfluencers(scope, filters, null, signal), deps);
  const network = usePolled((signal) => fetchNetwork(scope, filters, signal), deps.slice(0, 5));
  const [more, setMore] = useState<{ items: Influencer[]; cursor: string | null } | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  useEffect(() => setMore(null), [JSON.stringify(deps)]);

  const run = first.data?.run ?? null;
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const cursor = more ? more.cursor : (first.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!cursor) return;
    setLoadingMore(true);
    try {
      const page = await fetchInfluencers(scope, filters, cursor);
      setMore({ items: [...(more?.items ?? []), ...page.items], cursor: page.nextCursor });
    } finally {
      setLoadingMore(false);
    }
  };

  const exports = (
    <div class="export-buttons" role="group" aria-label="Export">
      {(['csv', 'json', 'gexf'] as const).map((f) => (
        <a key={f} class="button secondary" href={exportUrl(scope, filters, f)} download>
          {f === 'gexf' ? 'GEXF (Gephi)' : f.toUpperCase()}
        </a>
      ))}
    </div>
  );

  return (
    <div class="influencers">
      <form class="influencer-filters card" onSubmit={(e) => e.preventDefault()}>
        <label>
          Stance
          <select
            value={filters.stance ?? ''}
            onChange={(e) => setParams({ stance: e.currentTarget.value || null })}
          >
            <option value="">All</option>
            <option value="flag_bearer">Flag-bearers of discontent</option>
            <option value="negative">Negative</option>
            <option value="neutral">Neutral</option>
            <option value="positive">Positive</option>
          </select>
        </label>
        <label>
          Platform
          <select
            value={filters.platform ?? ''}
            onChange={(e) => setParams({ platform: e.currentTarget.value || null })}
          >
            <option value="">All</option>
            {PLATFORMS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </label>
        <label>
          Language
          <select
            value={filters.lang ?? ''}
            onChange={(e) => setParams({ lang: e.currentTarget.value || null })}
          >
            <option value="">All</option>
            <option value="fr">French</option>
            <option value="en">English</option>
            <option value="de">German</option>
            <option value="it">Italian</option>
            <option value="es">Spanish</option>
          </select>
        </label>
        {run && (
          <p class="run-note muted">
            {run.authors} authors, {run.edges} interactions · computed{' '}
            {formatDateTime(run.computedAt)}
          </p>
        )}
      </form>
      <Panel
        title="Opinion leaders"
        id="influencers-title"
        polled={first}
        actions={exports}
        skeleton={10}
      >
        {(page) =>
          page.run === null ? (
            <EmptyState title={`Not computed yet for ${scope.days} days`}>
              <p>
                Influence is computed every hour for each topic. Run{' '}
                <code>ecoute influence compute --window {scope.days}</code> to compute it now.
              </p>
            </EmptyState>
          ) : items.length === 0 ? (
            <EmptyState title="No author matches these filters" />
          ) : (
            <>
              <InfluencerTable
                scope={scope}
                items={items}
                sort={filters.sort}
                onSort={(key) => setParams({ sort: key === 'score' ? null : key })}
              />
              {cursor && (
                <button
                  type="button"
                  class="button secondary load-more"
                  disabled={loadingMore}
                  onClick={loadMore}
                >
                  {loadingMore ? 'Loading…' : 'Show more'}
                </button>
              )}
            </>
          )
        }
      </Panel>
      <Panel title="Who engages with whom" id="network-title" polled={network} skeleton={8}>
        {(n) =>
          n.nodes.length === 0 ? (
            <EmptyState title="No network to draw yet" />
          ) : (
            <>
              <InfluenceNetwork network={n} />
              <p class="muted network-legend">
                Size: influence · colour: stance (red negative, green positive) · orange ring:
                flag-bearer · arrows: who replied to, mentioned, quoted or reposted whom.
              </p>
            </>
          )
        }
      </Panel>
    </div>
  );
}
