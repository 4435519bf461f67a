/**
 * Every queue and job Écoute runs, in one typed registry shared by producers (API, CLI) and the
 * consumer (workers/). A job carries ids, never mention data and never a secret: Postgres is the
 * system of record and a job can always be rebuilt from it.
 */
export const QUEUES = ['poll', 'analyze', 'maintenance'] as const;
export type QueueName = (typeof QUEUES)[number];

export interface JobPayloads {
  /** Fetch the next page of one source and ingest it. */
  'source.poll': { sourceId: string };
  /** Analyse stored mentions (language, topics, signals, sentiment, idea) and write the results. */
  'mentions.analyze': { mentionIds: string[]; reanalyze?: boolean };
  /** Re-enqueue mentions that are stored but were never analysed (lost jobs, lost Redis). */
  'mentions.sweep': Record<string, never>;
}

export type JobName = keyof JobPayloads;

/** Which queue each job runs on: analysis is CPU-bound and scales apart from polling. */
export const JOB_QUEUE: { readonly [N in JobName]: QueueName } = {
  'source.poll': 'poll',
  'mentions.analyze': 'analyze',
  'mentions.sweep': 'maintenance',
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];
