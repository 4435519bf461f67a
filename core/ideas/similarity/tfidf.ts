/**
 * TF-IDF vectors over a small corpus (the open candidates, or the ideas), compared by cosine.
 * Terms in more than MAX_DF of the documents are dropped: in a corpus of requests to one brand the
 * brand's own name ("Vélia", "Velia") is in most of them and would pull unrelated ideas together.
 */
export type SparseVector = Map<string, number>;

/** Share of documents above which a term is treated as a stop word of this corpus. */
export const MAX_DF = 0.3;
/** Below this many documents, document frequencies are too noisy to drop anything. */
const MIN_DOCS_FOR_MAX_DF = 10;

export interface TfIdfModel {
  idf: Map<string, number>;
  vectorize(terms: readonly string[]): SparseVector;
}

export function fitTfIdf(docs: readonly (readonly string[])[]): TfIdfModel {
  const df = new Map<string, number>();
  for (const terms of docs) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = new Map<string, number>();
  for (const [t, d] of df) {
    if (n >= MIN_DOCS_FOR_MAX_DF && d / n > MAX_DF) continue;
    // Smoothed idf, as in scikit-learn: never zero, so a term shared by two documents still counts.
    idf.set(t, Math.log((1 + n) / (1 + d)) + 1);
  }
  // A term never seen in the corpus (a query being typed) weighs as a rare one.
  const unseen = Math.log(1 + n) + 1;
  return {
    idf,
    vectorize(terms) {
      const tf = new Map<string, number>();
      for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
      const v: SparseVector = new Map();
      for (const [t, count] of tf) {
        const w = df.has(t) ? idf.get(t) : unseen;
        // Sub-linear tf: a word repeated in a rant is not three times the idea.
        if (w !== undefined) v.set(t, (1 + Math.log(count)) * w);
      }
      return normalize(v);
    },
  };
}

export function normalize(v: SparseVector): SparseVector {
  let norm = 0;
  for (const x of v.values()) norm += x * x;
  if (norm === 0) return v;
  const s = 1 / Math.sqrt(norm);
  const out: SparseVector = new Map();
  for (const [t, x] of v) out.set(t, x * s);
  return out;
}

/** Cosine of two unit vectors: their dot product. */
export function cosine(a: SparseVector, b: SparseVector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, x] of small) {
    const y = large.get(t);
    if (y !== undefined) dot += x * y;
  }
  return dot;
}
