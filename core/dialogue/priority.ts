import type { Priority } from './dialogue.tables.js';
import { KEY_TIERS, SIGNAL_THRESHOLD } from './conversation-rules.js';

export const PRIORITIES: readonly Priority[] = ['low', 'normal', 'high', 'urgent'];

/** What the priority is computed from: the strongest signals seen and the account behind. */
export interface PriorityInput {
  signals: Record<string, number>;
  dissatisfied: boolean;
  customerTier: string | null;
  /** Yearly value of the account (CRM ARR), when linked. */
  customerValue: number | null;
}

/** ARR from which an account raises the priority by one or two steps (CRM currency). */
const VALUE_STEP_1 = 20_000;
const VALUE_STEP_2 = 100_000;
const MID_TIERS = ['premium', 'business'];

/**
 * Priority with its reasons. Signals set the base (churn intent → high; discontent, confusion or
 * dissatisfaction → normal; otherwise low), then the account raises it: a key tier or an ARR of
 * 100k+ by two steps, a premium/business tier or 20k+ by one; capped at urgent.
 */
export function priorityOf(input: PriorityInput): { priority: Priority; because: string[] } {
  const because: string[] = [];
  const s = (name: string) => input.signals[name] ?? 0;
  let level = 0;
  if (s('churn_intent') >= SIGNAL_THRESHOLD) {
    level = 2;
    because.push('churn intent');
  } else if (
    input.dissatisfied ||
    s('discontent') >= SIGNAL_THRESHOLD ||
    s('confusion') >= SIGNAL_THRESHOLD
  ) {
    level = 1;
    because.push(
      input.dissatisfied
        ? 'dissatisfied'
        : s('confusion') >= SIGNAL_THRESHOLD
          ? 'confusion'
          : 'discontent',
    );
  }
  const tier = input.customerTier?.toLowerCase() ?? '';
  const value = input.customerValue ?? 0;
  if (KEY_TIERS.includes(tier) || value >= VALUE_STEP_2) {
    level += 2;
    because.push(KEY_TIERS.includes(tier) ? `${tier} account` : `account value ${value}`);
  } else if (MID_TIERS.includes(tier) || value >= VALUE_STEP_1) {
    level += 1;
    because.push(MID_TIERS.includes(tier) ? `${tier} account` : `account value ${value}`);
  }
  const priority = PRIORITIES[Math.min(level, PRIORITIES.length - 1)] ?? 'normal';
  return { priority, because };
}

/** The strongest of each signal across mentions. */
export function maxSignals(list: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const signals of list)
    for (const [k, v] of Object.entries(signals)) out[k] = Math.max(out[k] ?? 0, v);
  return out;
}
