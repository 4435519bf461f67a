import type { PageProps } from '../../app/pages.js';
import { PlatformBadge } from '../../components/badges.js';
import { Panel } from '../../components/panel.js';
import { EmptyState } from '../../components/states.js';
import { formatRelative } from '../../lib/format.js';
import { setParams } from '../../lib/router.js';
import { usePolled } from '../../lib/use-polled.js';
import { inboxApi, STATE_LABEL, type InboxItem } from './inbox-api.js';
import './inbox.css';

const TABS: {
  key: string;
  label: string;
  count: 'active' | 'mine' | 'unassigned' | 'at_risk' | 'breached';
}[] = [
  { key: 'all', label: 'All open', count: 'active' },
  { key: 'mine', label: 'Mine', count: 'mine' },
  { key: 'unassigned', label: 'Unassigned', count: 'unassigned' },
  { key: 'at_risk', label: 'At risk', count: 'at_risk' },
  { key: 'breached', label: 'Breached', count: 'breached' },
];

/** The tab and selectors in the URL → the API's inbox filters. */
function filtersOf(params: URLSearchParams): Record<string, string> {
  const tab = params.get('tab') ?? 'all';
  const q: Record<string, string> = {};
  if (tab === 'mine') q.mine = 'true';
  if (tab === 'unassigned') q.unassigned = 'true';
  if (tab === 'at_risk' || tab === 'breached') q.state = tab;
  for (const key of ['platform', 'priority']) {
    const v = params.get(key);
    if (v) q[key] = v;
  }
  return q;
}

export function InboxPage({ params }: PageProps) {
  const filters = filtersOf(params);
  const tab = params.get('tab') ?? 'all';
  // The deps are compared by identity: pass the filters as one string.
  const list = usePolled((signal) => inboxApi.list(filters, signal), [JSON.stringify(filters)]);
  const counts = usePolled((signal) => inboxApi.counts(signal), []);
  return (
    <div class="inbox">
      <nav class="inbox-tabs" aria-label="Inbox filters">
        {TABS.map((t) => (
          <button
            type="button"
            key={t.key}
            class={t.key === tab ? 'tab active' : 'tab'}
            aria-pressed={t.key === tab}
            onClick={() => setParams({ tab: t.key === 'all' ? null : t.key })}
          >
            {t.label} <span class="count">{counts.data?.[t.count] ?? '…'}</span>
          </button>
        ))}
        <select
          aria-label="Platform"
          value={params.get('platform') ?? ''}
          onChange={(e) => setParams({ platform: e.currentTarget.value || null })}
        >
          <option value="">All platforms</option>
          {['mastodon', 'bluesky', 'reddit', 'hackernews', 'rss', 'import'].map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
        <select
          aria-label="Priority"
          value={params.get('priority') ?? ''}
          onChange={(e) => setParams({ priority: e.currentTarget.value || null })}
        >
          <option value="">Any priority</option>
          {['urgent', 'high', 'normal', 'low'].map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </select>
      </nav>
      <Panel title="Conversations" id="inbox-list" polled={list}>
        {(page) =>
          page.items.length === 0 ? (
            <EmptyState title="Nothing waiting here">
              No conversation matches these filters.
            </EmptyState>
          ) : (
            <ul class="inbox-list">
              {page.items.map((c) => (
                <InboxRow key={c.id} item={c} />
              ))}
            </ul>
          )
        }
      </Panel>
    </div>
  );
}

function InboxRow({ item }: { item: InboxItem }) {
  return (
    <li class={`inbox-row state-${item.state}`}>
      <a href={`#/conversation?id=${item.id}`} class="inbox-link">
        <span class={`prio prio-${item.priority}`}>{item.priority}</span>
        <PlatformBadge platform={item.platform} />
        <span class="who">
          {item.authorHandle ?? 'unknown'}
          {item.customer ? ` · ${item.customer.name ?? ''}` : ''}
        </span>
        <span class="preview">{item.preview ?? ''}</span>
        <span class={`sla sla-${item.state}`}>{STATE_LABEL[item.state]}</span>
        <span class="owner">{item.assignee?.name ?? 'Unassigned'}</span>
        <span class="when">{formatRelative(item.lastInboundAt)}</span>
      </a>
    </li>
  );
}
