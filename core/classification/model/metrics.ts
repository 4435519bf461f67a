/** Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix. */
export interface ClassMetrics {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  rows: number;
  accuracy: number;
  macroF1: number;
  perClass: ClassMetrics[];
  /** confusion[gold][predicted], in the order of `labels`. */
  confusion: number[][];
  labels: string[];
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}

export function evaluatePredictions(
  labels: string[],
  gold: number[],
  predicted: number[],
): Evaluation {
  const k = labels.length;
  const confusion = labels.map(() => new Array<number>(k).fill(0));
  let correct = 0;
  gold.forEach((g, i) => {
    const p = predicted[i] as number;
    (confusion[g] as number[])[p] = ((confusion[g] as number[])[p] as number) + 1;
    if (g === p) correct++;
  });
  const perClass = labels.map((label, c) => {
    const tp = (confusion[c] as number[])[c] as number;
    const support = (confusion[c] as number[]).reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + (row[c] as number), 0);
    const precision = ratio(tp, predictedCount);
    const recall = ratio(tp, support);
    const f1 = ratio(2 * precision * recall, precision + recall);
    return { label, precision, recall, f1, support };
  });
  // Like scikit-learn: a class neither in the gold labels nor predicted does not count.
  const seen = perClass.filter(
    (m, c) => m.support > 0 || confusion.some((row) => (row[c] as number) > 0),
  );
  const macroF1 = seen.reduce((a, m) => a + m.f1, 0) / Math.max(seen.length, 1);
  return {
    rows: gold.length,
    accuracy: ratio(correct, gold.length),
    macroF1,
    perClass,
    confusion,
    labels,
  };
}

/** The evaluation as a table a person reads. */
export function formatEvaluation(e: Evaluation): string {
  const f = (x: number) => x.toFixed(4);
  const width = Math.max(8, ...e.labels.map((l) => l.length));
  const lines = [
    `rows      ${e.rows}`,
    `accuracy  ${f(e.accuracy)}`,
    `macro-F1  ${f(e.macroF1)}`,
    '',
    `${'class'.padEnd(width)}  precision  recall  F1      support`,
    ...e.perClass.map(
      (m) =>
        `${m.label.padEnd(width)}  ${f(m.precision)}     ${f(m.recall)}  ${f(m.f1)}  ${m.support}`,
    ),
    '',
    `confusion (rows: true class, columns: predicted)`,
    `${''.padEnd(width)}  ${e.labels.map((l) => l.padStart(width)).join(' ')}`,
    ...e.confusion.map(
      (row, i) =>
        `${(e.labels[i] as string).padEnd(width)}  ${row.map((x) => String(x).padStart(width)).join(' ')}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
