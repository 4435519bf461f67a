import type { Summary } from '../../api/types.js';
import { Skeleton, ErrorState } from '../../components/states.js';
import { formatCompact, formatPercent } from '../../lib/format.js';
import type { Polled } from '../../lib/use-polled.js';

interface Tile {
  key: string;
  label: string;
  value: string;
  detail: string;
  tone?: 'danger' | 'warning' | 'good';
}

/** From this share of dissatisfied mentions the tile turns amber (a third of what people say). */
const DISSATISFIED_WARNING = 0.3;

export function kpis(s: Summary): Tile[] {
  const dissatisfiedShare = s.analysed > 0 ? s.dissatisfied / s.analysed : 0;
  const pending = s.mentions - s.analysed;
  return [
    {
      key: 'mentions',
      label: 'Mentions',
      value: formatCompact(s.mentions),
      detail: pending > 0 ? `${formatCompact(pending)} being analysed` : 'all analysed',
    },
    {
      key: 'dissatisfied',
      label: 'Dissatisfied',
      // A share of nothing is not 0 %: say that the analysis has not produced anything yet.
      value: s.analysed > 0 ? formatPercent(dissatisfiedShare) : '—',
      detail:
        s.analysed > 0
          ? `${formatCompact(s.dissatisfied)} mentions · ${formatPercent(s.negativeShare)} negative`
          : 'no mention analysed yet',
      tone: dissatisfiedShare >= DISSATISFIED_WARNING ? 'warning' : undefined,
    },
    {
      key: 'churn',
      label: 'Churn intent',
      value: formatCompact(s.signals.churn_intent ?? 0),
      detail: 'people talking about leaving',
      tone: (s.signals.churn_intent ?? 0) > 0 ? 'danger' : undefined,
    },
    {
      key: 'ideas',
      label: 'Ideas',
      value: formatCompact(s.ideas),
      detail: 'suggestions from the field',
    },
    {
      key: 'sources-failed',
      label: 'Sources failed',
      value: formatCompact(s.sources.failed),
      detail: `${s.sources.active} active · ${s.sources.paused} paused`,
      tone: s.sources.failed > 0 ? 'danger' : 'good',
    },
  ];
}

export function KpiTiles({ polled }: { polled: Polled<Summary> }) {
  if (!polled.data) {
    return (
      <section class="kpis" aria-label="Key figures">
        {polled.error ? (
          <div class="card kpi-error">
            <ErrorState error={polled.error} onRetry={polled.reload} />
          </div>
        ) : (
          Array.from({ length: 5 }, (_, i) => (
            <div key={i} class="card kpi">
              <Skeleton lines={2} />
            </div>
          ))
        )}
      </section>
    );
  }
  return (
    <section class={`kpis ${polled.stale ? 'stale' : ''}`} aria-label="Key figures">
      {kpis(polled.data).map((t) => (
        <div key={t.key} class={`card kpi ${t.tone ? `tone-${t.tone}` : ''}`} data-kpi={t.key}>
          <p class="kpi-label">{t.label}</p>
          <p class="kpi-value">{t.value}</p>
          <p class="kpi-detail">{t.detail}</p>
        </div>
      ))}
    </section>
  );
}
