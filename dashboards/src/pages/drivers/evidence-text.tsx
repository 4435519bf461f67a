/** A mention's text with its evidence words marked; always text nodes, never HTML. */
export function EvidenceText({
  text,
  evidence,
}: {
  text: string;
  evidence: { match: string; start: number }[];
}) {
  const marks = [...evidence]
    .filter((e) => e.start >= 0 && text.slice(e.start, e.start + e.match.length) === e.match)
    .sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const m of marks) {
    if (m.start < at) continue;
    parts.push(text.slice(at, m.start));
    parts.push(<mark key={m.start}>{m.match}</mark>);
    at = m.start + m.match.length;
  }
  parts.push(text.slice(at));
  return <span class="mention-text">{parts}</span>;
}
