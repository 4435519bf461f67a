import type { ChartData, ChartOptions } from 'chart.js';
import { useMemo } from 'preact/hooks';
import type { Summary } from '../../api/types.js';
import { ChartCanvas } from '../../components/chart.js';
import { EmptyState } from '../../components/states.js';
import { SIGNALS } from '../../lib/signals.js';
import { COLORS } from '../../lib/palette.js';

const OPTIONS: ChartOptions<'bar'> = {
  indexAxis: 'y',
  plugins: { legend: { display: false } },
  scales: {
    x: { beginAtZero: true, ticks: { precision: 0 } },
    y: { grid: { display: false } },
  },
};

const SIGNAL_COLORS = [COLORS.negative, COLORS.dissatisfied, '#d97706', '#0891b2'];

/** How many mentions in the window carry each of the four dissatisfaction signals. */
export function SignalsChart({ summary }: { summary: Summary }) {
  const counts = SIGNALS.map((s) => summary.signals[s.name] ?? 0);
  const data = useMemo<ChartData<'bar'>>(
    () => ({
      // Two-line tick labels: the English name and the French word the product's ideas use.
      labels: SIGNALS.map((s) => [s.label, s.french]),
      datasets: [
        {
          label: 'Mentions',
          data: counts,
          backgroundColor: SIGNAL_COLORS,
          borderRadius: 3,
          maxBarThickness: 26,
        },
      ],
    }),
    [counts.join()],
  );
  if (counts.every((n) => n === 0)) {
    return <EmptyState title="No dissatisfaction signals in this window" />;
  }
  const label = SIGNALS.map((s, i) => `${s.label}: ${counts[i]}`).join(', ');
  return (
    <ChartCanvas
      type="bar"
      data={data}
      options={OPTIONS}
      label={`Signals — ${label}`}
      class="chart-short"
    />
  );
}
