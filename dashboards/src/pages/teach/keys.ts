import type { Task } from './teach-api.js';

/** One key press per label: each stores one correction and moves to the next mention. */
export interface KeyAction {
  key: string;
  /** What the button says. */
  label: string;
  /** The correction stored; absent for "skip". */
  task?: Task;
  value?: string;
}

export const KEY_ACTIONS: readonly KeyAction[] = [
  { key: '1', label: 'Negative', task: 'sentiment', value: 'negative' },
  { key: '2', label: 'Neutral', task: 'sentiment', value: 'neutral' },
  { key: '3', label: 'Positive', task: 'sentiment', value: 'positive' },
  { key: 'd', label: 'Dissatisfied', task: 'dissatisfied', value: '1' },
  { key: 'n', label: 'Not dissatisfied', task: 'dissatisfied', value: '0' },
  { key: 'i', label: 'An idea', task: 'idea', value: '1' },
  { key: 's', label: 'Skip' },
];

/** The action of a key press, or undefined when it is typed into a field or with a modifier. */
export function actionOf(e: KeyboardEvent): KeyAction | undefined {
  if (e.ctrlKey || e.metaKey || e.altKey) return undefined;
  const target = e.target as HTMLElement | null;
  if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return undefined;
  if (target?.isContentEditable) return undefined;
  return KEY_ACTIONS.find((a) => a.key === e.key.toLowerCase());
}
