import type { PageProps } from '../../app/pages.js';
import { api } from '../../api/client.js';
import { ChartCanvas } from '../../components/chart.js';
import { Panel } from '../../components/panel.js';
import { setParams } from '../../lib/router.js';
import { usePolled } from '../../lib/use-polled.js';
import '../inbox/inbox.css';

interface ReportRow {
  key: string;
  conversations: number;
  resolved: number;
  answered: number;
  firstResponse: { medianMin: number | null; p90Min: number | null };
  resolution: { medianMin: number | null; p90Min: number | null };
  breaches: { firstResponse: number; resolution: number };
}

const hours = (min: number | null) => (min === null ? '—' : `${(min / 60).toFixed(1)} h`);

export function DialogueReportsPage({ params }: PageProps) {
  const by = params.get('by') ?? 'week';
  const report = usePolled(
    (signal) => api<{ rows: ReportRow[] }>('/dialogue/reports', { query: { by }, signal }),
    [by],
    60_000,
  );
  return (
    <div>
      <label>
        Group by{' '}
        <select value={by} onChange={(e) => setParams({ by: e.currentTarget.value })}>
          {['week', 'agent', 'team', 'platform'].map((b) => (
            <option key={b} value={b}>
              {b}
            </option>
          ))}
        </select>
      </label>
      <Panel title="Response times" id="dialogue-report" polled={report}>
        {(r) => (
          <>
            <div class="report-charts">
              <div class="report-chart">
                <ChartCanvas
                  type="bar"
                  label="First response time, median and 90th percentile (minutes)"
                  data={{
                    labels: r.rows.map((x) => x.key),
                    datasets: [
                      {
                        label: 'First response median (min)',
                        data: r.rows.map((x) => x.firstResponse.medianMin ?? 0),
                        backgroundColor: '#3b82f6',
                      },
                      {
                        label: 'First response p90 (min)',
                        data: r.rows.map((x) => x.firstResponse.p90Min ?? 0),
                        backgroundColor: '#93c5fd',
                      },
                    ],
                  }}
                />
              </div>
              <div class="report-chart">
                <ChartCanvas
                  type="bar"
                  label="Conversations handled and targets missed"
                  data={{
                    labels: r.rows.map((x) => x.key),
                    datasets: [
                      {
                        label: 'Conversations',
                        data: r.rows.map((x) => x.conversations),
                        backgroundColor: '#10b981',
                      },
                      {
                        label: 'Breaches',
                        data: r.rows.map((x) => x.breaches.firstResponse + x.breaches.resolution),
                        backgroundColor: '#ef4444',
                      },
                    ],
                  }}
                />
              </div>
            </div>
            <table>
              <thead>
                <tr>
                  <th>{by}</th>
                  <th>Conversations</th>
                  <th>Answered</th>
                  <th>Resolved</th>
                  <th>1st response median</th>
                  <th>p90</th>
                  <th>Resolution median</th>
                  <th>p90</th>
                  <th>Breaches</th>
                </tr>
              </thead>
              <tbody>
                {r.rows.map((x) => (
                  <tr key={x.key}>
                    <td>{x.key}</td>
                    <td>{x.conversations}</td>
                    <td>{x.answered}</td>
                    <td>{x.resolved}</td>
                    <td>{hours(x.firstResponse.medianMin)}</td>
                    <td>{hours(x.firstResponse.p90Min)}</td>
                    <td>{hours(x.resolution.medianMin)}</td>
                    <td>{hours(x.resolution.p90Min)}</td>
                    <td>{x.breaches.firstResponse + x.breaches.resolution}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Panel>
    </div>
  );
}
