import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { planThreads, type ThreadPlan } from './conversation-rules.js';
import {
  applyPatches,
  insertEvents,
  insertMentionMessages,
  lockConversations,
  upsertConversations,
  type ConversationPatch,
  type ConversationState,
  type MessageSeed,
} from './conversation-open.repository.js';
import { autoAssign, scheduleDue } from './conversation-schedule.js';
import { loadSettings, type DialogueSettings } from './dialogue-settings.js';
import { maxSignals, priorityOf } from './priority.js';
import { scheduleTargets } from './response-targets.js';
import { mentionFeatures, threadMemberIds } from './thread-features.query.js';
import type { Executor } from '../db/database.js';

/**
 * A backfill can bring posts days old; their clock starts at most this long before Écoute saw
 * them (24 h), so a new source does not open a wall of conversations already breached.
 */
const BACKFILL_GRACE_MS = 24 * 3_600_000;

export interface BatchOutcome {
  opened: number;
  reopened: number;
  messages: number;
  assigned: number;
}

/**
 * Brings a batch of analysed mentions into the inbox: opens conversations for threads a rule
 * flags, appends every mention of a thread that has one, reopens conversations the person wrote
 * to again, counts the brand's own replies made elsewhere as answers, then schedules targets and
 * assigns owners. A few set-based statements per batch in one transaction; the settings row is
 * locked first so overlapping batches take turns (and the round-robin cursor stays exact).
 */
export async function processBatch(
  db: Db,
  mentionIds: readonly string[],
  now = new Date(),
): Promise<BatchOutcome> {
  return db.transaction().execute(async (trx) => {
    await sql`select 1 from dialogue_settings where id = 1 for update`.execute(trx);
    const settings = await loadSettings(trx);
    const plans = await planWithWholeThreads(trx, mentionIds);
    const touched = plans.filter(
      (p) => p.reasons.length > 0 || p.inbound.length + p.brandReplies.length > 0,
    );
    const seeds = touched.filter((p) => p.reasons.length > 0).map((p) => seedOf(p, now, settings));
    const upserted = await upsertConversations(trx, seeds);
    const states = await lockConversations(
      trx,
      touched.map((p) => ({ platform: p.platform, root: p.root })),
    );
    const byKey = new Map(states.map((s) => [`${s.platform}\u0000${s.thread_external_id}`, s]));
    const added = await insertMentionMessages(trx, messageSeeds(touched, byKey));
    const patches = patchesFor(states, touched, new Set(added.map((a) => a.mention_id)));
    await applyPatches(trx, patches.filter(changes));
    const openedIds = upserted.filter((u) => u.inserted).map((u) => u.id);
    await insertEvents(trx, [
      ...openedIds.map((id) => ({ conversationId: id, kind: 'opened', detail: { by: 'rule' } })),
      ...patches
        .filter((p) => p.reopened)
        .map((p) => ({ conversationId: p.id, kind: 'reopened', detail: {} })),
    ]);
    const ids = states.map((s) => s.id);
    // Conversations opened here were written with their targets; those still flagged (reopened,
    // opened by hand) are scheduled now.
    await scheduleDue(trx, settings, ids);
    const assigned = await autoAssign(trx, settings, ids);
    return {
      opened: openedIds.length,
      reopened: patches.filter((p) => p.reopened).length,
      messages: added.length,
      assigned,
    };
  });
}

/**
 * The batch's threads; a thread that a rule flags also gets the mentions of it stored by earlier
 * batches (its root, earlier replies), so the conversation shows the whole thread.
 */
async function planWithWholeThreads(db: Executor, mentionIds: readonly string[]) {
  const features = await mentionFeatures(db, mentionIds);
  const flagged = planThreads(features).filter((p) => p.reasons.length > 0);
  const inBatch = new Set(mentionIds);
  const more = (
    await threadMemberIds(
      db,
      flagged.map((p) => ({ platform: p.platform, root: p.root })),
    )
  ).filter((id) => !inBatch.has(id));
  if (more.length === 0) return planThreads(features);
  return planThreads([...features, ...(await mentionFeatures(db, more))]);
}

function seedOf(plan: ThreadPlan, now: Date, settings: DialogueSettings) {
  const opener = plan.opener ?? plan.inbound[0];
  const { priority } = priorityOf({
    signals: maxSignals(plan.inbound.map((m) => m.signals)),
    dissatisfied: plan.inbound.some((m) => m.dissatisfied),
    customerTier: opener?.customerTier ?? null,
    customerValue: opener?.customerValue ?? null,
  });
  const published = opener?.publishedAt ?? now;
  const openedAt = new Date(Math.max(published.getTime(), now.getTime() - BACKFILL_GRACE_MS));
  return {
    platform: plan.platform,
    root: plan.root,
    authorId: opener?.authorId ?? null,
    customerId: opener?.customerId ?? null,
    reasons: plan.reasons,
    priority,
    openedAt,
    schedule: scheduleTargets(
      openedAt,
      settings.targets[priority],
      settings.calendar,
      settings.atRiskRatio,
    ),
  };
}

function messageSeeds(
  plans: readonly ThreadPlan[],
  byKey: Map<string, ConversationState>,
): MessageSeed[] {
  const seeds: MessageSeed[] = [];
  for (const p of plans) {
    const c = byKey.get(`${p.platform}\u0000${p.root}`);
    if (!c) continue;
    for (const m of p.inbound)
      seeds.push({ conversationId: c.id, mentionId: m.mentionId, direction: 'in' });
    for (const m of p.brandReplies)
      seeds.push({ conversationId: c.id, mentionId: m.mentionId, direction: 'out' });
  }
  return seeds;
}

/**
 * Status after the batch: a new message from the person reopens a resolved conversation and moves
 * a pending one back to open; a brand reply made elsewhere, newer than the person's last word,
 * counts as the first response and leaves the conversation pending on the customer.
 */
export function patchesFor(
  states: readonly ConversationState[],
  plans: readonly ThreadPlan[],
  added: ReadonlySet<string>,
): ConversationPatch[] {
  const patches: ConversationPatch[] = [];
  const planOf = new Map(plans.map((p) => [`${p.platform}\u0000${p.root}`, p]));
  for (const s of states) {
    const plan = planOf.get(`${s.platform}\u0000${s.thread_external_id}`);
    if (!plan) continue;
    const inbound = plan.inbound.filter((m) => added.has(m.mentionId)).map((m) => m.publishedAt);
    const brand = plan.brandReplies.filter((m) => added.has(m.mentionId)).map((m) => m.publishedAt);
    if (inbound.length === 0 && brand.length === 0) continue;
    const lastIn = latest([s.last_inbound_at, ...inbound]);
    const lastOut = latest([s.last_outbound_at, ...brand]);
    const firstBrand = brand.length ? new Date(Math.min(...brand.map((d) => d.getTime()))) : null;
    const firstResponseAt = s.first_response_at ?? firstBrand;
    const newerIn = inbound.length > 0 && (!lastOut || lastIn > lastOut);
    const reopened = s.status === 'resolved' && newerIn;
    let status = s.status;
    if (newerIn) status = 'open';
    else if (brand.length > 0 && s.status === 'open' && lastOut && lastOut >= lastIn)
      status = 'pending';
    patches.push({
      id: s.id,
      status,
      lastInboundAt: lastIn,
      firstResponseAt,
      reopened,
      previous: s,
    });
  }
  return patches;
}

/**
 * Whether a patch writes anything new. Most conversations a batch opens already hold what their
 * patch says (open, last word at the opening); skipping them spares a second row version each.
 */
function changes(p: ConversationPatch): boolean {
  const s = p.previous;
  return (
    p.reopened ||
    p.status !== s.status ||
    p.lastInboundAt.getTime() !== s.last_inbound_at.getTime() ||
    (p.firstResponseAt?.getTime() ?? null) !== (s.first_response_at?.getTime() ?? null)
  );
}

function latest(dates: readonly (Date | null)[]): Date {
  return new Date(Math.max(...dates.filter((d): d is Date => d !== null).map((d) => d.getTime())));
}
