import type { ChartData, ChartOptions } from 'chart.js';
import { useMemo } from 'preact/hooks';
import type { DailyStat } from '../../api/types.js';
import { ChartCanvas } from '../../components/chart.js';
import { EmptyState } from '../../components/states.js';
import { formatDay, formatInt } from '../../lib/format.js';
import { COLORS } from '../../lib/palette.js';

type Mixed = 'bar';

/** Stacked negative/neutral/positive bars per day, not-yet-analysed on top, dissatisfied as a line. */
export function volumeData(days: DailyStat[]): ChartData<Mixed> {
  const labels = days.map((d) => formatDay(d.day));
  const pending = days.map((d) => Math.max(0, d.total - d.analysed));
  const bar = (label: string, data: number[], color: string) => ({
    type: 'bar' as const,
    label,
    data,
    backgroundColor: color,
    stack: 'volume',
    order: 2,
    borderRadius: 2,
    maxBarThickness: 28,
  });
  const datasets: ChartData<Mixed>['datasets'] = [
    bar(
      'Negative',
      days.map((d) => d.negative),
      COLORS.negative,
    ),
    bar(
      'Neutral',
      days.map((d) => d.neutral),
      COLORS.neutral,
    ),
    bar(
      'Positive',
      days.map((d) => d.positive),
      COLORS.positive,
    ),
  ];
  if (pending.some((n) => n > 0)) datasets.push(bar('Not analysed yet', pending, COLORS.pending));
  datasets.push({
    // Chart.js mixes types per dataset; the typings want the chart's base type here.
    type: 'line' as unknown as 'bar',
    label: 'Dissatisfied',
    data: days.map((d) => d.dissatisfied),
    borderColor: COLORS.dissatisfied,
    backgroundColor: COLORS.dissatisfied,
    order: 1,
    ...({ borderWidth: 2, pointRadius: 2, tension: 0.25 } as object),
  });
  return { labels, datasets };
}

const OPTIONS: ChartOptions<Mixed> = {
  interaction: { mode: 'index', intersect: false },
  plugins: { legend: { position: 'bottom', labels: { boxWidth: 12, boxHeight: 12 } } },
  scales: {
    x: { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
    y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
  },
};

export function VolumeChart({ days }: { days: DailyStat[] }) {
  const data = useMemo(() => volumeData(days), [days]);
  const total = days.reduce((n, d) => n + d.total, 0);
  const dissatisfied = days.reduce((n, d) => n + d.dissatisfied, 0);
  if (days.length === 0) return <EmptyState title="No days to show" />;
  const label =
    `Mentions per day from ${days[0]?.day} to ${days.at(-1)?.day}: ${formatInt(total)} in all, ` +
    `${formatInt(dissatisfied)} dissatisfied.`;
  return <ChartCanvas type="bar" data={data} options={OPTIONS} label={label} class="chart-tall" />;
}
