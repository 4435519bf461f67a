import type { Evidence } from './types.js';

/**
 * A mention's text, as text (never HTML), followed by the words the analysis gave as evidence
 * that it is an idea or a complaint.
 */
export function MentionText({ text, evidence }: { text: string; evidence: Evidence[] }) {
  // The idea evidence first: it is why the mention is here.
  const ordered = [...evidence].sort(
    (a, b) => Number(b.target === 'idea') - Number(a.target === 'idea'),
  );
  const words = ordered
    .map((e) => e.match)
    .filter((t): t is string => typeof t === 'string' && t.length > 0)
    .slice(0, 5);
  return (
    <div class="mention-text-block">
      <p class="mention-text">{text}</p>
      {words.length > 0 && (
        <p class="evidence">
          Evidence:{' '}
          {words.map((w, i) => (
            <mark key={i}>{w}</mark>
          ))}
        </p>
      )}
    </div>
  );
}
