import { useState } from 'preact/hooks';
import { api } from '../../api/client.js';
import type { PageProps } from '../../app/pages.js';
import { Panel } from '../../components/panel.js';
import { formatInt } from '../../lib/format.js';
import { setParams } from '../../lib/router.js';
import { usePolled } from '../../lib/use-polled.js';
import './churn.css';
import { riskClass, Sparkline } from './sparkline.js';
import type { CustomerItem, Segment } from './types.js';

const SORTS = [
  { key: 'risk', label: 'Risk' },
  { key: 'trend', label: '7-day trend' },
  { key: 'value', label: 'Value' },
  { key: 'name', label: 'Name' },
] as const;
const FILTERS = ['tier', 'plan', 'region', 'owner'] as const;

interface Page {
  items: CustomerItem[];
  nextCursor: string | null;
}

/** The churn board: every account by risk, filterable by segment, owner and risk, with trends. */
export function ChurnPage({ params }: PageProps) {
  const sort = params.get('sort') ?? 'risk';
  const filters = Object.fromEntries(FILTERS.map((f) => [f, params.get(f) ?? undefined]));
  const minRisk = params.get('minRisk') ?? undefined;
  const segmentBy = params.get('segmentBy') ?? 'tier';
  const [more, setMore] = useState<{ key: string; items: CustomerItem[]; next: string | null }>({
    key: '',
    items: [],
    next: null,
  });
  const key = JSON.stringify([sort, filters, minRisk]);
  const board = usePolled<Page>(
    (signal) => api('/customers', { query: { sort, minRisk, ...filters, limit: 50 }, signal }),
    [key],
  );
  const segments = usePolled<{ items: Segment[]; threshold: number }>(
    (signal) => api('/customers/segments', { query: { by: segmentBy }, signal }),
    [segmentBy],
  );
  const extra = more.key === key ? more : { items: [], next: null };
  const next = extra.items.length > 0 ? extra.next : (board.data?.nextCursor ?? null);
  const loadMore = async () => {
    if (!next) return;
    const page = await api<Page>('/customers', {
      query: { sort, minRisk, ...filters, limit: 50, cursor: next },
    });
    setMore({ key, items: [...extra.items, ...page.items], next: page.nextCursor });
  };

  return (
    <div class="page churn-page">
      <Panel
        title={`At risk by ${segmentBy}`}
        id="segments-title"
        polled={segments}
        skeleton={2}
        actions={
          <select
            aria-label="Group by"
            value={segmentBy}
            onChange={(e) => setParams({ segmentBy: (e.target as HTMLSelectElement).value })}
          >
            {FILTERS.map((f) => (
              <option key={f} value={f}>
                {f}
              </option>
            ))}
          </select>
        }
      >
        {(data) => (
          <div class="segments">
            {data.items.slice(0, 8).map((s) => (
              <button
                type="button"
                class="segment-tile"
                key={s.segment ?? '-'}
                onClick={() => setParams({ [segmentBy]: s.segment })}
              >
                <span>{s.segment ?? '(none)'}</span>
                <strong>
                  {formatInt(s.atRisk)} / {formatInt(s.customers)}
                </strong>
                <span>at risk · {formatInt(Math.round(s.valueAtRisk))} value at risk</span>
              </button>
            ))}
          </div>
        )}
      </Panel>
      <Panel title="Accounts" id="board-title" polled={board} skeleton={8}>
        {(data) => (
          <>
            <form class="churn-filters" onSubmit={(e) => e.preventDefault()}>
              {FILTERS.map((f) => (
                <label key={f}>
                  {f}
                  <input
                    name={f}
                    value={filters[f] ?? ''}
                    onChange={(e) =>
                      setParams({ [f]: (e.target as HTMLInputElement).value || null })
                    }
                  />
                </label>
              ))}
              <label>
                minimum risk
                <select
                  name="minRisk"
                  value={minRisk ?? ''}
                  onChange={(e) =>
                    setParams({ minRisk: (e.target as HTMLSelectElement).value || null })
                  }
                >
                  <option value="">any</option>
                  <option value="30">30+</option>
                  <option value="50">50+</option>
                  <option value="70">70+</option>
                </select>
              </label>
            </form>
            <table class="churn-table">
              <thead>
                <tr>
                  {SORTS.map((s) => (
                    <th key={s.key} scope="col">
                      <button
                        type="button"
                        aria-pressed={sort === s.key}
                        onClick={() => setParams({ sort: s.key })}
                      >
                        {s.label}
                      </button>
                    </th>
                  ))}
                  <th scope="col">Tier</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Region</th>
                  <th scope="col">Owner</th>
                  <th scope="col">30 days</th>
                </tr>
              </thead>
              <tbody>
                {[...data.items, ...extra.items].map((c) => (
                  <tr key={c.id} data-customer={c.crmId}>
                    <td>
                      <span class={`risk-score ${riskClass(c.risk.score)}`}>
                        {Math.round(c.risk.score)}
                      </span>
                    </td>
                    <td class="num">
                      {c.risk.trend > 0 ? '▲' : c.risk.trend < 0 ? '▼' : ''}{' '}
                      {Math.round(c.risk.trend)}
                    </td>
                    <td class="num">{c.value === null ? '—' : formatInt(c.value)}</td>
                    <td>
                      <a href={`#/account?id=${c.id}`}>{c.name}</a>
                    </td>
                    <td>{c.tier ?? '—'}</td>
                    <td>{c.plan ?? '—'}</td>
                    <td>{c.region ?? '—'}</td>
                    <td>{c.owner ?? '—'}</td>
                    <td>
                      <Sparkline
                        points={c.sparkline ?? []}
                        label={`risk of ${c.name} over 30 days`}
                      />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {data.items.length === 0 && <p class="muted">No account matches these filters.</p>}
            {next && (
              <button type="button" onClick={() => void loadMore()}>
                Show more
              </button>
            )}
          </>
        )}
      </Panel>
    </div>
  );
}
