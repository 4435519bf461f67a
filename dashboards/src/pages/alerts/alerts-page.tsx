import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client.js';
import type { PageProps } from '../../app/pages.js';
import { Panel } from '../../components/panel.js';
import { formatDateTime } from '../../lib/format.js';
import { usePolled } from '../../lib/use-polled.js';
import '../churn/churn.css';
import { RuleForm } from './rule-form.js';

interface Rule {
  id: string;
  name: string;
  kind: string;
  params: Record<string, unknown>;
  channel: string;
  target: string;
  format: string;
  enabled: boolean;
  cooldownS: number;
}
interface Delivery {
  id: string;
  rule: { id: string; name: string };
  title: string;
  test: boolean;
  channel: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
}

/** Alert rules (with a test button) and the delivery log. */
export function AlertsPage(_props: PageProps) {
  const rules = usePolled<{ items: Rule[] }>((signal) => api('/alerts/rules', { signal }), []);
  const log = usePolled<{ items: Delivery[] }>(
    (signal) => api('/alerts/deliveries', { query: { limit: 50 }, signal }),
    [],
    5_000,
  );
  const [note, setNote] = useState<string | null>(null);
  const run = async (what: () => Promise<unknown>, done: string) => {
    try {
      await what();
      setNote(done);
      rules.reload();
      log.reload();
    } catch (e) {
      setNote(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <div class="page">
      {note && <p role="status">{note}</p>}
      <RuleForm
        onCreated={(secret) => {
          setNote(
            secret ? `Rule created. Signing secret (shown once): ${secret}` : 'Rule created.',
          );
          rules.reload();
        }}
      />
      <Panel title="Rules" id="rules-title" polled={rules} skeleton={3}>
        {(d) => (
          <table class="churn-table">
            <tbody>
              {d.items.map((r) => (
                <tr key={r.id} data-rule={r.name}>
                  <td>{r.name}</td>
                  <td>{r.kind}</td>
                  <td class="evidence">{JSON.stringify(r.params)}</td>
                  <td>
                    {r.channel} → {r.target}
                    {r.format === 'slack' ? ' (Slack)' : ''}
                  </td>
                  <td>
                    {r.enabled ? 'on' : 'off'} · cool-down {Math.round(r.cooldownS / 60)} min
                  </td>
                  <td class="identity-actions">
                    <button
                      type="button"
                      onClick={() =>
                        void run(
                          () => api(`/alerts/rules/${r.id}/test`, { method: 'POST', body: {} }),
                          `Test of "${r.name}" queued.`,
                        )
                      }
                    >
                      Test
                    </button>
                    <button
                      type="button"
                      onClick={() =>
                        void run(
                          () =>
                            api(`/alerts/rules/${r.id}`, {
                              method: 'PATCH',
                              body: { enabled: !r.enabled },
                            }),
                          'Rule updated.',
                        )
                      }
                    >
                      {r.enabled ? 'Disable' : 'Enable'}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
      <Panel title="Delivery log" id="log-title" polled={log} skeleton={4}>
        {(d) => (
          <table class="churn-table">
            <tbody>
              {d.items.length === 0 && (
                <tr>
                  <td class="muted">No delivery yet.</td>
                </tr>
              )}
              {d.items.map((x) => (
                <tr key={x.id}>
                  <td>{formatDateTime(x.createdAt)}</td>
                  <td>{x.rule.name}</td>
                  <td>
                    {x.title}
                    {x.test ? ' (test)' : ''}
                  </td>
                  <td>{x.channel}</td>
                  <td class={`status-${x.status}`}>
                    {x.status} · {x.attempts} attempt{x.attempts === 1 ? '' : 's'}
                    {x.responseStatus ? ` · ${x.responseStatus}` : ''}
                  </td>
                  <td class="evidence">{x.lastError ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>
    </div>
  );
}
