import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartData,
  type ChartOptions,
  type ChartType,
} from 'chart.js';
import { useEffect, useRef } from 'preact/hooks';

// Register only what the pages draw, so the bundle carries no unused chart types.
Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  DoughnutController,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
);
Chart.defaults.font.family =
  'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.color = '#4b5563';
Chart.defaults.borderColor = '#e5e7eb';
// People who ask the system for less motion get charts drawn at once.
if (matchMedia('(prefers-reduced-motion: reduce)').matches) Chart.defaults.animation = false;

interface Props<T extends ChartType> {
  type: T;
  data: ChartData<T>;
  options?: ChartOptions<T>;
  /** What the chart shows, read by screen readers in place of the canvas. */
  label: string;
  class?: string;
}

/**
 * A Chart.js canvas. Created once; later data is swapped in and drawn without animation, so the
 * 15-second refresh updates the chart in place instead of redrawing it from zero.
 */
export function ChartCanvas<T extends ChartType>({
  type,
  data,
  options,
  label,
  class: className,
}: Props<T>) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<T> | undefined>(undefined);

  useEffect(() => {
    if (!canvas.current) return;
    chart.current = new Chart(canvas.current, {
      type,
      data,
      options: { responsive: true, maintainAspectRatio: false, ...options } as ChartOptions<T>,
    });
    return () => {
      chart.current?.destroy();
      chart.current = undefined;
    };
    // Recreate only if the chart type changes; data updates go through the effect below.
  }, [type]);

  useEffect(() => {
    const current = chart.current;
    if (!current || current.data === data) return;
    current.data = data;
    if (options)
      current.options = {
        responsive: true,
        maintainAspectRatio: false,
        ...options,
      } as ChartOptions<T>;
    current.update('none');
  }, [data, options]);

  return (
    <div class={`chart-box ${className ?? ''}`}>
      <canvas ref={canvas} role="img" aria-label={label} data-chart={type} />
    </div>
  );
}
