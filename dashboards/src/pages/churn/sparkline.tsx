/** A risk sparkline as SVG attributes only (the CSP forbids inline styles). */
export function Sparkline({
  points,
  width = 90,
  height = 22,
  label,
}: {
  points: number[];
  width?: number;
  height?: number;
  label: string;
}) {
  if (points.length < 2) return <span class="muted">—</span>;
  const step = width / (points.length - 1);
  const coords = points
    .map((p, i) => `${(i * step).toFixed(1)},${(height - (p / 100) * height).toFixed(1)}`)
    .join(' ');
  return (
    <svg
      class="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <polyline points={coords} fill="none" stroke="currentColor" stroke-width="1.5" />
    </svg>
  );
}

export function riskClass(score: number): string {
  if (score >= 60) return 'risk-high';
  if (score >= 30) return 'risk-mid';
  return 'risk-low';
}
