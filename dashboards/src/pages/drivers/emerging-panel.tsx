import { useState } from 'preact/hooks';
import { EmptyState } from '../../components/states.js';
import { formatDateTime } from '../../lib/format.js';
import { promote, type Candidate } from './drivers-api.js';

/** Emerging complaints: phrases over-represented now, grouped; an admin names one in one click. */
export function EmergingList({
  items,
  canName,
  onNamed,
}: {
  items: Candidate[];
  canName: boolean;
  onNamed: () => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  if (items.length === 0)
    return (
      <EmptyState title="No emerging complaint">
        Nothing stands out against the baseline.
      </EmptyState>
    );
  const name = async (c: Candidate) => {
    setBusy(c.id);
    try {
      const out = await promote(
        c.id,
        c.phrases
          .slice(0, 2)
          .map((p) => p.display)
          .join(' / '),
      );
      setMessage(`Driver "${out.driver.name}" added (taxonomy v${out.taxonomyVersion}).`);
      onNamed();
    } catch (err) {
      setMessage((err as Error).message);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div>
      {message && (
        <p role="status" class="stale-note">
          {message}
        </p>
      )}
      <ol class="emerging-list">
        {items.map((c) => (
          <li key={c.id} class="emerging-item">
            <div class="emerging-head">
              <strong>{c.label}</strong>
              <span class="muted">
                score {c.score.toFixed(1)} · {c.mentions} mentions of {c.window.total} since{' '}
                {formatDateTime(c.window.start)}
              </span>
              {canName && (
                <button
                  type="button"
                  class="button"
                  disabled={busy !== null}
                  onClick={() => name(c)}
                >
                  Name this driver
                </button>
              )}
            </div>
            <ul class="phrase-chips">
              {c.phrases.slice(0, 8).map((p) => (
                <li key={p.phrase} title={`z ${p.z}: ${p.count} now, ${p.baseCount} before`}>
                  {p.display}{' '}
                  <span class="muted">
                    {p.count}/{p.baseCount}
                  </span>
                </li>
              ))}
            </ul>
            <ul class="examples">
              {c.examples.map((e) => (
                <li key={e.mentionId}>{e.text}</li>
              ))}
            </ul>
          </li>
        ))}
      </ol>
    </div>
  );
}
