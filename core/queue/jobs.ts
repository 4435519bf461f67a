/**
 * Every queue and job Écoute runs, in one typed registry shared by producers (API, CLI) and the
 * consumer (workers/). A job carries ids, never mention data and never a secret: Postgres is the
 * system of record and a job can always be rebuilt from it.
 */
import type { FollowupRef } from '../analysis/followups.js';

export const QUEUES = ['poll', 'analyze', 'inbox', 'maintenance'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Fetch the next page of one source and ingest it. */
  'source.poll': { sourceId: string };
  /** Analyse stored mentions (language, topics, signals, sentiment, idea) and write the results. */
  'mentions.analyze': { mentionIds: string[]; reanalyze?: boolean };
  /** Re-enqueue mentions that are stored but were never analysed (lost jobs, lost Redis). */
  'mentions.sweep': Record<string, never>;
  /** One step of a re-analysis run: queue the next page of stored mentions after `afterId`. */
  'mentions.reanalyze': { runId: string; afterId: string };
  /**
   * What follows an analysed batch (churn risk, idea candidates, conversations, drivers), as its
   * own job: a failure there retries only the follow-ups, never the analysis. `followup` names
   * the batch's row in Postgres, which each step updates when done (see core/analysis/followups.ts).
   */
  'mentions.analyzed': { mentionIds: string[]; followup?: FollowupRef };
  /** Score the opinion leaders of one topic (null: all mentions) over the last N days. */
  'influence.compute': { topicId: string | null; windowDays: number };
  /**
   * Recompute the churn risk of these customers; after an analysis batch, of the customers its
   * mentions concern (found by the job, which also links CRM handles and checks spike rules).
   */
  'customers.risk': { customerIds?: string[]; mentionIds?: string[]; followup?: FollowupRef };
  /** Re-score every linked customer (signals decay with time) and re-send pending alerts. */
  'customers.rescore': Record<string, never>;
  /** Propose author ↔ customer identity suggestions (all customers when no ids). */
  'customers.link': { customerIds?: string[] };
  /** Evaluate negative-volume spike rules per topic. */
  'alerts.spikes': Record<string, never>;
  /** Send one alert delivery (webhook or e-mail); retried with backoff. */
  'alerts.deliver': { deliveryId: string };
  /** Re-run one topic's query (at `version`) over stored mentions, replacing its matches. */
  'topics.rerun': { topicId: string; version: number };
  /** Queue the analysed mentions marked as ideas for review, and regroup the queue by similarity. */
  'ideas.collect': { mentionIds: string[]; followup?: FollowupRef };
  /** One idea status change: send its signed webhook event and prepare replies to its supporters. */
  'ideas.status-changed': { statusHistoryId: string };
  /** Bring analysed mentions into the inbox: open, extend or reopen conversations; assign owners. */
  'conversations.update': { mentionIds: string[]; followup?: FollowupRef };
  /** Deal the unassigned conversations to agents with room (periodic; also after each batch). */
  'conversations.drain': Record<string, never>;
  /** Post one agent reply on its platform; retried with the message's idempotency key. */
  'dialogue.reply-send': { messageId: string };
  /** Assign drivers of dissatisfaction to a batch of analysed mentions. */
  'drivers.assign': { mentionIds: string[]; followup?: FollowupRef };
  /** Recompute the emerging-complaint candidates of one topic (null: all mentions). */
  'drivers.emerging': { topicId: string | null };
  /** Retrain the driver models (taxonomy phrases + corrections) and re-assign recent mentions. */
  'drivers.retrain': { sinceDays?: number };
  /** Evaluate driver-spike alert rules. */
  'drivers.spikes': Record<string, never>;
  /** Purge mentions older than their source's retention window, rolled up first (daily). */
  'privacy.retention': Record<string, never>;
  /** Check every reply credential, renew those near their end, alert on those about to fail. */
  'credentials.check': Record<string, never>;
}

export type JobName = keyof JobPayloads;

/** Which queue each job runs on: analysis is CPU-bound and scales apart from polling. */
export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  'source.poll': 'poll',
  'mentions.analyze': 'analyze',
  'mentions.sweep': 'maintenance',
  'mentions.reanalyze': 'maintenance',
  'mentions.analyzed': 'analyze',
  'influence.compute': 'maintenance',
  'customers.risk': 'analyze',
  'customers.rescore': 'maintenance',
  'customers.link': 'maintenance',
  'alerts.spikes': 'analyze',
  // Deliveries wait on the network, like polling.
  'alerts.deliver': 'poll',
  'topics.rerun': 'maintenance',
  // One at a time: regrouping reads and rewrites the whole pending queue.
  'ideas.collect': 'maintenance',
  'ideas.status-changed': 'poll',
  // One batch at a time per process: batches take turns on the inbox anyway (the settings row is
  // locked), and one waiting there must not hold a slot the analysis needs.
  'conversations.update': 'inbox',
  'conversations.drain': 'maintenance',
  // Replies wait on the network, like polling.
  'dialogue.reply-send': 'poll',
  'drivers.assign': 'analyze',
  'drivers.emerging': 'maintenance',
  'drivers.retrain': 'maintenance',
  'drivers.spikes': 'analyze',
  'privacy.retention': 'maintenance',
  'credentials.check': 'maintenance',
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];
