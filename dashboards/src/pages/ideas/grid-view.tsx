import { BubbleController, Chart, type ChartData, type ChartOptions, type Plugin } from 'chart.js';
import { api } from '../../api/client.js';
import { ChartCanvas } from '../../components/chart.js';
import { Panel } from '../../components/panel.js';
import { usePolled } from '../../lib/use-polled.js';
import { openIdea } from './nav.js';
import type { GridAnswer } from './types.js';
import { IMPACT_LABELS } from './types.js';

// The shared chart module registers the scales and points; the bubble controller is this page's.
Chart.register(BubbleController);

/** Bubble radius in px for the largest demand; the smallest idea still gets MIN_RADIUS. */
const MAX_RADIUS = 28;
const MIN_RADIUS = 5;
const STEPS = [0, 1, 2, 3, 4];

/** Shades the upper-right quadrant and names each quadrant, drawn under the bubbles. */
const quadrants: Plugin<'bubble'> = {
  id: 'ideaQuadrants',
  beforeDatasetsDraw(chart) {
    const { ctx, chartArea: a, scales } = chart;
    const x = scales.x!.getPixelForValue(2);
    const y = scales.y!.getPixelForValue(2);
    ctx.save();
    ctx.fillStyle = 'rgba(22, 163, 74, 0.10)';
    ctx.fillRect(x, a.top, a.right - x, y - a.top);
    ctx.fillStyle = '#4b5563';
    ctx.font = '600 12px system-ui, sans-serif';
    ctx.textAlign = 'right';
    ctx.fillText('Start here: feasible and high impact', a.right - 8, a.top + 16);
    ctx.textAlign = 'left';
    ctx.fillText('Big bets: high impact, hard', a.left + 8, a.top + 16);
    ctx.fillText('Low priority', a.left + 8, a.bottom - 8);
    ctx.textAlign = 'right';
    ctx.fillText('Quick wins, small impact', a.right - 8, a.bottom - 8);
    ctx.restore();
  },
};

/** The feasibility × impact grid: where to start is the upper-right quadrant. */
export function GridView() {
  const grid = usePolled<GridAnswer>((signal) => api('/ideas/grid', { signal }), []);
  return (
    <Panel title="Feasibility × impact" id="grid-title" polled={grid} skeleton={10}>
      {(data) => <Grid data={data} />}
    </Panel>
  );
}

function Grid({ data }: { data: GridAnswer }) {
  const maxDemand = Math.max(1, ...data.points.map((p) => p.demand));
  const chartData: ChartData<'bubble'> = {
    datasets: [
      {
        label: 'Ideas',
        data: data.points.map((p) => ({
          x: p.feasibility,
          y: p.impact,
          r: MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(p.demand / maxDemand),
        })),
        backgroundColor: data.points.map((p) =>
          p.feasibility >= 2 && p.impact >= 2 ? 'rgba(22,163,74,0.55)' : 'rgba(37,99,235,0.45)',
        ),
        borderColor: '#1f2937',
        borderWidth: 1,
      },
    ],
  };
  const options: ChartOptions<'bubble'> = {
    scales: {
      // Half a step of margin so bubbles at 0 or 4 are not cut; ticks only on the 0–4 steps.
      x: {
        min: -0.5,
        max: 4.5,
        title: { display: true, text: 'Feasibility (mean of reviewers, 0–4)' },
        afterBuildTicks: (axis) => {
          axis.ticks = STEPS.map((value) => ({ value }));
        },
      },
      y: {
        min: -0.5,
        max: 4.5,
        title: { display: true, text: 'Business impact (mean, 0–4)' },
        afterBuildTicks: (axis) => {
          axis.ticks = STEPS.map((value) => ({ value }));
        },
        ticks: { callback: (v) => `${v} ${IMPACT_LABELS[Number(v)] ?? ''}` },
      },
    },
    plugins: {
      legend: { display: false },
      tooltip: {
        callbacks: {
          label: (item) => {
            const p = data.points[item.dataIndex]!;
            return `${p.title}: feasibility ${p.feasibility}, impact ${p.impact}, ${p.demand} people, ±${p.disagreement}`;
          },
        },
      },
    },
    onClick: (_e, elements) => {
      const p = elements[0] ? data.points[elements[0].index] : undefined;
      if (p) openIdea(p.id);
    },
  };
  return (
    <>
      <ChartCanvas
        type="bubble"
        data={chartData}
        options={options}
        label="Ideas placed by mean feasibility and impact; bubble size is demand"
        class="idea-grid-chart"
      />
      <p class="muted">
        {data.points.length} scored ideas; bubble size is demand (votes and public supporters).{' '}
        {data.unscored > 0 && `${data.unscored} ideas have no score yet.`}
      </p>
      <table class="idea-grid-table">
        <caption>The same ideas as a table</caption>
        <thead>
          <tr>
            <th>Idea</th>
            <th>Feasibility</th>
            <th>Impact</th>
            <th>Disagreement</th>
            <th>Demand</th>
          </tr>
        </thead>
        <tbody>
          {data.points.map((p) => (
            <tr key={p.id}>
              <td>
                <a
                  href={`#/ideas?id=${p.id}`}
                  onClick={(e) => {
                    e.preventDefault();
                    openIdea(p.id);
                  }}
                >
                  {p.title}
                </a>
              </td>
              <td class="num">{p.feasibility}</td>
              <td class="num">{p.impact}</td>
              <td class="num">±{p.disagreement}</td>
              <td class="num">{p.demand}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

// Registered once, globally (Chart.js plugins are global), and drawn on bubble charts only.
Chart.register({
  ...quadrants,
  beforeDatasetsDraw(chart, args, opts) {
    if ((chart.config as { type?: string }).type !== 'bubble') return;
    quadrants.beforeDatasetsDraw!(chart as unknown as Chart<'bubble'>, args, opts);
  },
} as Plugin);
