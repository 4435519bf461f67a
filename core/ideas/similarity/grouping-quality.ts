/**
 * Pairwise precision and recall of a grouping against labels: over every pair of labelled items,
 * precision is the share of pairs put together that belong together, recall the share of pairs
 * that belong together and were put together. Used to choose the threshold and to report it.
 */
export interface GroupingQuality {
  precision: number;
  recall: number;
  f1: number;
  groups: number;
  labels: number;
}

export function groupingQuality(
  groups: readonly (readonly string[])[],
  labels: ReadonlyMap<string, string>,
): GroupingQuality {
  const groupOf = new Map<string, number>();
  groups.forEach((g, i) => g.forEach((id) => groupOf.set(id, i)));
  const ids = [...labels.keys()].filter((id) => groupOf.has(id));
  let together = 0;
  let same = 0;
  let both = 0;
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const g = groupOf.get(ids[i]!) === groupOf.get(ids[j]!);
      const l = labels.get(ids[i]!) === labels.get(ids[j]!);
      if (g) together++;
      if (l) same++;
      if (g && l) both++;
    }
  }
  const precision = together === 0 ? 1 : both / together;
  const recall = same === 0 ? 1 : both / same;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const used = new Set(ids.map((id) => groupOf.get(id)));
  return { precision, recall, f1, groups: used.size, labels: new Set(labels.values()).size };
}
