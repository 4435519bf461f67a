import type { ActiveSignal } from '../../lib/signals.js';
import { signalLabel } from '../../lib/signals.js';
import { formatPercent } from '../../lib/format.js';

interface ChipsProps {
  signals: ActiveSignal[];
  open: string | null;
  mentionId: string;
  onToggle(name: string): void;
}

/** One button per signal: hover shows the evidence as a tooltip, a click or Enter expands it. */
export function SignalChips({ signals, open, mentionId, onToggle }: ChipsProps) {
  return (
    <>
      {signals.map((s) => (
        <button
          key={s.name}
          type="button"
          class={`chip signal-${s.name}`}
          aria-expanded={open === s.name}
          aria-controls={`ev-${mentionId}-${s.name}`}
          title={evidenceTitle(s)}
          onClick={() => onToggle(s.name)}
        >
          {signalLabel(s.name)}
          {s.score !== null && <span class="chip-score">{formatPercent(s.score)}</span>}
        </button>
      ))}
    </>
  );
}

function evidenceTitle(s: ActiveSignal): string {
  if (s.evidence.length === 0) return `${signalLabel(s.name)}: no matched words recorded`;
  return `${signalLabel(s.name)} — ${s.evidence.map((e) => `“${e.match}”`).join(', ')}`;
}

export function EvidenceList({ signal, id }: { signal: ActiveSignal; id: string }) {
  return (
    <div class="evidence" id={id}>
      <p class="evidence-title">Why “{signalLabel(signal.name)}”</p>
      {signal.evidence.length === 0 ? (
        <p class="muted">
          No matched words recorded for this signal: it comes from the model's reading of the whole
          text.
        </p>
      ) : (
        <ul>
          {signal.evidence.map((e, i) => (
            <li key={i}>
              <q>{e.match}</q> <span class="muted">weight {e.weight.toFixed(2)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
