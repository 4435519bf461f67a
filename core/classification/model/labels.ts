/**
 * Labels as they stand in a training file, mapped to a task's classes: 1/0, true/false, yes/no
 * for the binary tasks; class names (or -1/0/1) for sentiment; any non-empty name for drivers
 * (the classes are the names found, e.g. a taxonomy's driver keys).
 */
export type Task = 'sentiment' | 'dissatisfied' | 'idea' | 'driver';
/** The tasks of the per-mention analysis (shipped models, corrections of analysis labels). */
export const TASKS: readonly Task[] = ['sentiment', 'dissatisfied', 'idea'];
/** Every task a model file may serve: the analysis tasks and the drivers of dissatisfaction. */
export const MODEL_TASKS: readonly Task[] = [...TASKS, 'driver'];
export const BINARY_CLASSES = ['0', '1'];
export const SENTIMENT_CLASSES = ['negative', 'neutral', 'positive'];

const BINARY: Record<string, string> = {
  '1': '1',
  true: '1',
  yes: '1',
  y: '1',
  t: '1',
  '0': '0',
  false: '0',
  no: '0',
  n: '0',
  f: '0',
};
const SENTIMENT: Record<string, string> = {
  negative: 'negative',
  neg: 'negative',
  '-1': 'negative',
  neutral: 'neutral',
  neu: 'neutral',
  '0': 'neutral',
  positive: 'positive',
  pos: 'positive',
  '1': 'positive',
};

/** The canonical class of a raw label, or undefined when the label means nothing for the task. */
export function canonicalLabel(task: Task, raw: string): string | undefined {
  if (task === 'driver') return raw.trim() || undefined;
  const key = raw.trim().toLowerCase();
  return task === 'sentiment' ? SENTIMENT[key] : BINARY[key];
}

/** Class names and indices for a list of raw labels; throws naming the first unreadable one. */
export function encodeLabels(task: Task, raw: string[]): { classes: string[]; ys: number[] } {
  const canonical = raw.map((r, i) => {
    const c = canonicalLabel(task, r);
    if (c === undefined) {
      const expected =
        task === 'sentiment'
          ? 'negative/neutral/positive'
          : task === 'driver'
            ? 'a driver name'
            : '1/0, true/false or yes/no';
      throw new Error(
        `label of row ${i + 1}: "${r}" is not a ${task} label (expected ${expected})`,
      );
    }
    return c;
  });
  const present = new Set(canonical);
  const classes =
    task === 'driver'
      ? [...present].sort()
      : task === 'sentiment'
        ? SENTIMENT_CLASSES.filter((c) => present.has(c))
        : BINARY_CLASSES;
  if (present.size < 2)
    throw new Error(
      `labels: need at least two classes for ${task}, found ${[...present].join(', ') || 'none'}`,
    );
  const index = new Map(classes.map((c, i) => [c, i]));
  return { classes, ys: canonical.map((c) => index.get(c) as number) };
}
