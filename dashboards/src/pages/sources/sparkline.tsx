/**
 * Mentions stored per hour over the last 24 h, as SVG bars: attributes, not inline styles, so
 * it renders under the dashboards' strict style-src policy.
 */
export function Sparkline({ hourly, label }: { hourly: number[]; label: string }) {
  const max = Math.max(1, ...hourly);
  const w = 3;
  const h = 20;
  return (
    <svg
      class="sparkline"
      viewBox={`0 0 ${hourly.length * (w + 1)} ${h}`}
      width={hourly.length * (w + 1)}
      height={h}
      role="img"
      aria-label={label}
    >
      {hourly.map((n, i) => {
        const bar = n === 0 ? 0 : Math.max(1, Math.round((n / max) * h));
        return <rect key={i} x={i * (w + 1)} y={h - bar} width={w} height={bar} />;
      })}
    </svg>
  );
}
