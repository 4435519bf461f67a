import { useState } from 'preact/hooks';
import type { PageProps } from '../../app/pages.js';
import { ChartCanvas } from '../../components/chart.js';
import { Panel } from '../../components/panel.js';
import { EmptyState } from '../../components/states.js';
import { formatDateTime, formatDay, formatInt, formatPercent } from '../../lib/format.js';
import { setParams } from '../../lib/router.js';
import { usePolled } from '../../lib/use-polled.js';
import { useRole } from '../sources/use-role.js';
import {
  fetchAccount,
  fetchEmerging,
  fetchMentions,
  fetchSegments,
  fetchSeries,
  fetchSummary,
  fetchTaxonomy,
  type Summary,
  type Taxonomy,
} from './drivers-api.js';
import { EmergingList } from './emerging-panel.js';
import { EvidenceText } from './evidence-text.js';
import './drivers.css';

const COLORS = [
  '#2563eb',
  '#dc2626',
  '#059669',
  '#d97706',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
];
/** Mentions without a confident driver: grey, so the named drivers stand out. */
const UNASSIGNED = '#d1d5db';

const nameOf = (t: Taxonomy | undefined, key: string | null) =>
  key === null || key === 'unassigned'
    ? 'No clear driver'
    : (t?.drivers.find((d) => d.key === key)?.name ?? key);

function DriverTable({
  data,
  taxonomy,
  selected,
}: {
  data: Summary;
  taxonomy: Taxonomy | undefined;
  selected: string;
}) {
  if (data.total === 0) return <EmptyState title="No dissatisfied mention in this period" />;
  return (
    <table class="driver-table">
      <thead>
        <tr>
          <th>Driver</th>
          <th>Mentions</th>
          <th>Share</th>
          <th>vs previous period</th>
        </tr>
      </thead>
      <tbody>
        {data.items.map((i) => {
          const key = i.driver ?? 'unassigned';
          return (
            <tr key={key} class={key === selected ? 'selected' : ''}>
              <td>
                <button type="button" class="link" onClick={() => setParams({ driver: key })}>
                  {nameOf(taxonomy, i.driver)}
                </button>
              </td>
              <td class="num">{formatInt(i.count)}</td>
              <td class="num">{formatPercent(i.share)}</td>
              <td class={`num ${i.trend > 0 ? 'trend-up' : i.trend < 0 ? 'trend-down' : ''}`}>
                {i.trend > 0 ? `+${i.trend}` : i.trend}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function AccountDrivers({ taxonomy }: { taxonomy: Taxonomy | undefined }) {
  const [id, setId] = useState('');
  const [result, setResult] = useState<{ driver: string; count: number; share: number }[] | null>(
    null,
  );
  const [error, setError] = useState<string | null>(null);
  const look = async (e: Event) => {
    e.preventDefault();
    try {
      setResult((await fetchAccount(id.trim())).drivers);
      setError(null);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div>
      <form class="account-form" onSubmit={look}>
        <label>
          Account id{' '}
          <input
            value={id}
            onInput={(e) => setId((e.target as HTMLInputElement).value)}
            inputMode="numeric"
          />
        </label>
        <button type="submit" class="button secondary">
          Show
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
      {result && result.length === 0 && <p class="muted">No driver for this account's mentions.</p>}
      {result && result.length > 0 && (
        <ul>
          {result.map((d) => (
            <li key={d.driver}>
              {nameOf(taxonomy, d.driver)}: {d.count} ({formatPercent(d.share)})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What dissatisfied customers are unhappy about: drivers over time, by segment, and what is new. */
export function DriversPage({ scope, params }: PageProps) {
  const driver = params.get('driver') ?? '';
  const role = useRole();
  const deps = [scope.days, scope.topic];
  const taxonomy = usePolled((s) => fetchTaxonomy(s), []);
  const summary = usePolled((s) => fetchSummary(scope, s), deps);
  const series = usePolled((s) => fetchSeries(scope, s), deps);
  const segments = usePolled((s) => fetchSegments(scope, 'tier', s), deps);
  const emerging = usePolled((s) => fetchEmerging(scope, s), deps);
  const selected = driver || (summary.data?.items.find((i) => i.driver !== null)?.driver ?? '');
  const mentions = usePolled(
    (s) =>
      selected
        ? fetchMentions(scope, selected, s)
        : Promise.resolve({ items: [], nextCursor: null }),
    [...deps, selected],
  );
  const t = taxonomy.data;
  return (
    <div class="drivers-grid">
      <Panel
        title="Drivers of dissatisfaction over time"
        id="drivers-series"
        polled={series}
        class="wide"
      >
        {(d) => (
          <ChartCanvas
            type="bar"
            label="Dissatisfied mentions per day, stacked by driver"
            data={{
              labels: d.days.map(formatDay),
              datasets: d.series.map((s, i) => ({
                label: nameOf(t, s.driver),
                data: s.counts,
                backgroundColor:
                  s.driver === 'unassigned' ? UNASSIGNED : (COLORS[i % COLORS.length] as string),
              })),
            }}
            options={{
              responsive: true,
              maintainAspectRatio: false,
              scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true } },
            }}
          />
        )}
      </Panel>
      <Panel
        title={`Drivers${t ? ` (taxonomy v${t.version})` : ''}`}
        id="drivers-table"
        polled={summary}
      >
        {(d) => <DriverTable data={d} taxonomy={t} selected={selected} />}
      </Panel>
      <Panel title="By tier" id="drivers-segments" polled={segments}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title="No linked account" />
          ) : (
            <table class="driver-table">
              <tbody>
                {d.items.map((s) => (
                  <tr key={s.segment}>
                    <th>{s.segment}</th>
                    <td>
                      {s.drivers
                        .slice(0, 3)
                        .map((x) => `${nameOf(t, x.driver)} ${x.count}`)
                        .join(' · ')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Panel>
      <Panel
        title={`Mentions: ${nameOf(t, selected || null)}`}
        id="drivers-mentions"
        polled={mentions}
      >
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState title="No mention" />
          ) : (
            <ul class="drill-list">
              {d.items.map((m) => (
                <li key={m.mentionId}>
                  <EvidenceText text={m.text} evidence={m.evidence} />
                  <div class="meta">
                    <span>{m.author ?? 'unknown'}</span>
                    <span>{formatDateTime(m.publishedAt)}</span>
                    <span>confidence {formatPercent(m.score)}</span>
                    <span>
                      {m.source === 'correction' ? 'corrected' : `taxonomy v${m.taxonomyVersion}`}
                    </span>
                  </div>
                </li>
              ))}
            </ul>
          )
        }
      </Panel>
      <section class="card panel" aria-labelledby="drivers-account">
        <div class="panel-head">
          <h2 id="drivers-account">One account</h2>
        </div>
        <AccountDrivers taxonomy={t} />
      </section>
      <Panel title="Emerging complaints" id="drivers-emerging" polled={emerging} class="wide">
        {(d) => (
          <EmergingList
            items={d.items}
            canName={role === 'admin' || role === 'analyst'}
            onNamed={() => {
              emerging.reload();
              taxonomy.reload();
            }}
          />
        )}
      </Panel>
    </div>
  );
}
