import { useState } from 'preact/hooks';
import type { Analysis, Evidence } from '../../api/types.js';
import { activeSignals, highlightSegments } from '../../lib/signals.js';
import { EvidenceList, SignalChips } from '../overview/signal-chips.js';
import type { ThreadMessage } from './conversation-api.js';

/** The analysis of a message as the overview's signal chips read it. */
function asAnalysis(
  a: NonNullable<ThreadMessage['analysis']>,
): Pick<Analysis, 'signals' | 'evidence' | 'idea'> {
  return {
    signals: {
      discontent: a.signals.discontent ?? 0,
      churn_intent: a.signals.churn_intent ?? 0,
      disappointment: a.signals.disappointment ?? 0,
      confusion: a.signals.confusion ?? 0,
    },
    evidence: a.evidence.filter(isEvidence),
    idea: false,
  };
}

const isEvidence = (e: unknown): e is Evidence =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as Evidence).target === 'string' &&
  typeof (e as Evidence).match === 'string';

/**
 * A message's text with the words behind its signals highlighted (as text, never markup), and
 * the overview's signal chips: a click shows the evidence of one signal.
 */
export function MessageSignals({ m }: { m: ThreadMessage }) {
  const [open, setOpen] = useState<string | null>(null);
  const text = m.text ?? '';
  if (!m.analysis) return <div class="msg-text">{text}</div>;
  const signals = activeSignals(asAnalysis(m.analysis) as Analysis);
  const shown = new Set<string>(signals.map((s) => s.name));
  const evidence = asAnalysis(m.analysis).evidence.filter((e) => shown.has(e.target));
  const openSignal = signals.find((s) => s.name === open);
  return (
    <>
      <div class="msg-text mention-text">
        {highlightSegments(text, evidence).map((s, i) =>
          s.mark ? (
            <mark key={i} class={`ev-${s.mark}`}>
              {s.text}
            </mark>
          ) : (
            s.text
          ),
        )}
      </div>
      {signals.length > 0 && (
        <div class="chips msg-signals">
          <SignalChips
            signals={signals}
            open={open}
            onToggle={(name) => setOpen(open === name ? null : name)}
            mentionId={`msg-${m.id}`}
          />
        </div>
      )}
      {openSignal && <EvidenceList signal={openSignal} id={`ev-msg-${m.id}-${openSignal.name}`} />}
    </>
  );
}
