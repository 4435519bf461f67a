import { api } from '../../api/client.js';
import type { PageProps } from '../../app/pages.js';
import { Panel } from '../../components/panel.js';
import { formatDateTime, formatInt, safeHttpUrl } from '../../lib/format.js';
import { usePolled } from '../../lib/use-polled.js';
import '../churn/churn.css';
import { riskClass, Sparkline } from '../churn/sparkline.js';
import type { CustomerItem, Identity } from '../churn/types.js';
import { IdentityRows } from './identity-rows.js';

interface Breakdown {
  score?: number;
  factors?: Record<string, { points: number } & Record<string, unknown>>;
  mentions?: { mentionId: string; points: number; signals: Record<string, number> }[];
  otherMentionsPoints?: number;
  halfLifeDays?: number;
}
type Account = CustomerItem & {
  handles: string[];
  website: string | null;
  emailDomains: string[];
  breakdown: Breakdown;
};
interface TimelineItem {
  id: string;
  text: string;
  url: string | null;
  publishedAt: string;
  platform: string;
  author: { handle: string | null };
  sentiment: string | null;
  signals: Record<string, number> | null;
  evidence: { target: string; match: string }[];
}

const FACTOR_LABELS: Record<string, string> = {
  signals: 'Dissatisfaction signals (recency-weighted)',
  trend: 'Trend against its own baseline',
  negativeShare: 'Share of negative mentions',
  conversations: 'Unanswered conversations (inbox not built yet)',
};

/** One account: risk and its breakdown, risk history, linked identities, timeline of mentions. */
export function AccountPage({ params }: PageProps) {
  const id = params.get('id');
  if (!id)
    return (
      <div class="page">
        <p>
          Open an account from the <a href="#/churn">churn board</a>.
        </p>
      </div>
    );
  return <AccountView key={id} id={id} />;
}

function AccountView({ id }: { id: string }) {
  const account = usePolled<Account>((signal) => api(`/customers/${id}`, { signal }), [id]);
  const history = usePolled<{
    items: { day: string; score: number; factors: Record<string, number> }[];
  }>((signal) => api(`/customers/${id}/risk-history`, { query: { days: 90 }, signal }), [id]);
  const identities = usePolled<{ items: Identity[] }>(
    (signal) => api(`/customers/${id}/identities`, { signal }),
    [id],
  );
  const timeline = usePolled<{ items: TimelineItem[] }>(
    (signal) => api(`/customers/${id}/mentions`, { signal }),
    [id],
  );
  const points = new Map(
    (account.data?.breakdown.mentions ?? []).map((m) => [m.mentionId, m.points]),
  );

  return (
    <div class="page account-page">
      <h2>{account.data?.name ?? ' '}</h2>
      <div class="account-grid">
        <Panel title="Churn risk" id="risk-title" polled={account}>
          {(a) => (
            <>
              <p>
                <span class={`risk-score ${riskClass(a.risk.score)}`} data-testid="risk-score">
                  {Math.round(a.risk.score)}
                </span>{' '}
                / 100 · {a.tier ?? '—'} · {a.plan ?? '—'} · {a.region ?? '—'} · owner{' '}
                {a.owner ?? '—'} · value {a.value === null ? '—' : formatInt(a.value)}
              </p>
              <table class="breakdown-table">
                <caption>
                  How the score adds up (half-life {a.breakdown.halfLifeDays ?? '—'} days)
                </caption>
                <tbody>
                  {Object.entries(a.breakdown.factors ?? {}).map(([k, f]) => (
                    <tr key={k}>
                      <th scope="row">{FACTOR_LABELS[k] ?? k}</th>
                      <td class="num">+{f.points.toFixed(2)}</td>
                    </tr>
                  ))}
                  <tr>
                    <th scope="row">Score</th>
                    <td class="num">{(a.breakdown.score ?? 0).toFixed(2)}</td>
                  </tr>
                </tbody>
              </table>
            </>
          )}
        </Panel>
        <Panel title="Risk history" id="history-title" polled={history} skeleton={2}>
          {(h) => (
            <>
              <Sparkline
                points={h.items.map((x) => x.score)}
                width={320}
                height={60}
                label="risk over 90 days"
              />
              <p class="muted">
                {h.items.length} daily points; latest {h.items.at(-1)?.score.toFixed(1) ?? '—'}
              </p>
            </>
          )}
        </Panel>
        <Panel title="Linked identities" id="identities-title" polled={identities} skeleton={2}>
          {(d) => (
            <IdentityRows items={d.items} onChange={identities.reload} showCustomer={false} />
          )}
        </Panel>
      </div>
      <Panel title="Timeline" id="timeline-title" polled={timeline} skeleton={6}>
        {(t) => (
          <ul class="timeline">
            {t.items.length === 0 && (
              <li class="muted">No mention from a confirmed identity yet.</li>
            )}
            {t.items.map((m) => {
              const url = safeHttpUrl(m.url);
              const active = Object.entries(m.signals ?? {}).filter(([, v]) => v >= 0.3);
              return (
                <li key={m.id} data-mention={m.id}>
                  <div class="meta">
                    {m.author.handle ?? '—'} · {m.platform} · {formatDateTime(m.publishedAt)} ·{' '}
                    {m.sentiment ?? 'not analysed'}
                    {points.has(m.id) && <> · adds {points.get(m.id)!.toFixed(2)} to the risk</>}
                    {url && (
                      <>
                        {' '}
                        ·{' '}
                        <a href={url} rel="noopener noreferrer" target="_blank">
                          open
                        </a>
                      </>
                    )}
                  </div>
                  <p>{m.text}</p>
                  {active.length > 0 && (
                    <p class="evidence">
                      {active.map(([s, v]) => `${s} ${Math.round(v * 100)}%`).join(' · ')}
                      {m.evidence.length > 0 && (
                        <>
                          {' '}
                          — matched:{' '}
                          {[...new Set(m.evidence.map((e) => `“${e.match}”`))].join(', ')}
                        </>
                      )}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </Panel>
    </div>
  );
}
