import type { MentionFeature } from './thread-features.query.js';

/** A signal at or above this score (in [0, 1]) opens a conversation. */
export const SIGNAL_THRESHOLD = 0.5;
/** CRM tiers counted as key accounts: anything they write gets an owner. */
export const KEY_TIERS: readonly string[] = ['key', 'strategic', 'enterprise'];

export type OpenReason =
  'dissatisfied' | 'churn_intent' | 'confusion' | 'key_customer' | 'brand_question';

/** Why this mention asks for an answer (empty: it does not open a conversation by itself). */
export function reasonsOf(m: MentionFeature): OpenReason[] {
  if (m.fromBrand || m.ours) return [];
  const reasons: OpenReason[] = [];
  if (m.dissatisfied) reasons.push('dissatisfied');
  if ((m.signals.churn_intent ?? 0) >= SIGNAL_THRESHOLD) reasons.push('churn_intent');
  if ((m.signals.confusion ?? 0) >= SIGNAL_THRESHOLD) reasons.push('confusion');
  if (m.customerTier && KEY_TIERS.includes(m.customerTier.toLowerCase()))
    reasons.push('key_customer');
  if (m.brandQuestion) reasons.push('brand_question');
  return reasons;
}

/** What one batch brings to one thread. */
export interface ThreadPlan {
  platform: string;
  root: string;
  /** Union of the reasons of its inbound mentions; empty means "only join if it exists". */
  reasons: OpenReason[];
  /** The person's (non-brand) mentions, oldest first. */
  inbound: MentionFeature[];
  /** The brand's own posts in the thread, made outside Écoute: answers given elsewhere. */
  brandReplies: MentionFeature[];
  /** The mention that opened it (first with a reason), for author and customer. */
  opener: MentionFeature | null;
}

/** Groups a batch by thread; Écoute's own replies read back are dropped (already stored). */
export function planThreads(features: readonly MentionFeature[]): ThreadPlan[] {
  const byKey = new Map<string, ThreadPlan>();
  for (const m of features) {
    if (m.ours) continue;
    const key = `${m.platform}\u0000${m.root}`;
    let plan = byKey.get(key);
    if (!plan) {
      plan = {
        platform: m.platform,
        root: m.root,
        reasons: [],
        inbound: [],
        brandReplies: [],
        opener: null,
      };
      byKey.set(key, plan);
    }
    if (m.fromBrand) {
      plan.brandReplies.push(m);
      continue;
    }
    plan.inbound.push(m);
    const reasons = reasonsOf(m);
    for (const r of reasons) if (!plan.reasons.includes(r)) plan.reasons.push(r);
    if (reasons.length > 0 && !plan.opener) plan.opener = m;
  }
  return [...byKey.values()];
}
