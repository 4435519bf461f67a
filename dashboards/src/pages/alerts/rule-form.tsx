import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/client.js';

/** Each kind of rule with its main parameter (none for credential health). */
const KINDS: Record<string, { label: string; param: string | null; value: string }> = {
  risk_threshold: { label: 'Risk crosses a threshold', param: 'threshold', value: '60' },
  risk_jump: { label: 'Risk jumps by N points', param: 'points', value: '15' },
  key_account_churn: {
    label: 'Churn intent from a key account',
    param: 'minChurnIntent',
    value: '0.5',
  },
  topic_spike: { label: 'Negative spike on a topic (z-score)', param: 'zScore', value: '3' },
  credential_health: { label: 'Reply credentials about to fail', param: null, value: '' },
};
type Kind = string;

/** A compact form for a new rule; the main parameter of each kind is editable here. */
export function RuleForm({ onCreated }: { onCreated(secret: string | null): void }) {
  const [kind, setKind] = useState<Kind>('risk_threshold');
  const [error, setError] = useState<string | null>(null);
  const param = KINDS[kind]!.param;
  const submit = async (e: Event) => {
    e.preventDefault();
    const f = new FormData(e.target as HTMLFormElement);
    const channel = String(f.get('channel'));
    try {
      const created = await api<{ secret?: string }>('/alerts/rules', {
        method: 'POST',
        body: {
          name: String(f.get('name')),
          kind,
          channel,
          target: String(f.get('target')),
          format: f.get('slack') ? 'slack' : 'json',
          cooldownS: Number(f.get('cooldown')) * 60,
          params: param ? { [param]: Number(f.get('param')) } : {},
        },
      });
      setError(null);
      (e.target as HTMLFormElement).reset();
      onCreated(created.secret ?? null);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? `${err.message}${err.details.map((d) => ` (${d.field}: ${d.reason})`).join('')}`
          : String(err),
      );
    }
  };
  return (
    <form class="card alert-form" onSubmit={(e) => void submit(e)} aria-label="New alert rule">
      <label>
        Name
        <input name="name" required />
      </label>
      <label>
        When
        <select value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
          {Object.entries(KINDS).map(([k, v]) => (
            <option key={k} value={k}>
              {v.label}
            </option>
          ))}
        </select>
      </label>
      {param && (
        <label>
          {param}
          <input name="param" key={kind} defaultValue={KINDS[kind]!.value} inputMode="decimal" />
        </label>
      )}
      <label>
        Channel
        <select name="channel">
          <option value="webhook">Signed webhook</option>
          <option value="email">E-mail</option>
        </select>
      </label>
      <label>
        Target (URL or addresses)
        <input name="target" required />
      </label>
      <label>
        Cool-down (min)
        <input name="cooldown" defaultValue="60" inputMode="numeric" />
      </label>
      <label>
        <span>Slack format</span>
        <input type="checkbox" name="slack" />
      </label>
      <button type="submit">Add rule</button>
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
