import type { ChartData, ChartOptions } from 'chart.js';
import { useMemo } from 'preact/hooks';
import { ChartCanvas } from '../../components/chart.js';
import { EmptyState } from '../../components/states.js';
import { COLORS } from '../../lib/palette.js';

const NAMES: Record<string, string> = { fr: 'French', en: 'English', unknown: 'Unknown' };
const languageName = (code: string) => NAMES[code] ?? code.toUpperCase();

const OPTIONS: ChartOptions<'doughnut'> = {
  cutout: '62%',
  plugins: { legend: { position: 'right', labels: { boxWidth: 12, boxHeight: 12 } } },
};

export function LanguagesChart({ languages }: { languages: Record<string, number> }) {
  const entries = Object.entries(languages)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const key = entries.map(([c, n]) => `${c}:${n}`).join();
  const data = useMemo<ChartData<'doughnut'>>(
    () => ({
      labels: entries.map(([code]) => languageName(code)),
      datasets: [
        {
          label: 'Mentions',
          data: entries.map(([, n]) => n),
          backgroundColor: entries.map(([code], i) =>
            code === 'unknown'
              ? COLORS.neutral
              : (COLORS.series[i % COLORS.series.length] ?? COLORS.accent),
          ),
          borderWidth: 1,
        },
      ],
    }),
    [key],
  );
  if (entries.length === 0) return <EmptyState title="No languages detected yet" />;
  const label = entries.map(([code, n]) => `${languageName(code)}: ${n}`).join(', ');
  return (
    <ChartCanvas
      type="doughnut"
      data={data}
      options={OPTIONS}
      label={`Languages — ${label}`}
      class="chart-short"
    />
  );
}
