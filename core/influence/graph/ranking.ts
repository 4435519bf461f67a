/**
 * Node ids ordered by score, highest first; equal scores by node name (code-unit order), so the
 * ranking is the same on every run and every machine.
 */
export function rankByScore(names: readonly string[], scores: Float64Array): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  return order.sort((a, b) => {
    const diff = scores[b]! - scores[a]!;
    if (diff !== 0) return diff;
    const nameA = names[a]!;
    const nameB = names[b]!;
    return nameA < nameB ? -1 : nameA > nameB ? 1 : 0;
  });
}
