import type { Job } from 'bullmq';
import {
  computeInfluence,
  type ComputeInfluencePayload,
} from '../../core/influence/influence.service.js';
import type { WorkerDeps } from '../job-handler.js';

/**
 * `influence.compute`: scores one topic (or all mentions) over its window and stores the latest
 * results. Idempotent: a rerun replaces the same (topic, window).
 */
export const computeInfluenceJob = async (job: Job<ComputeInfluencePayload>, deps: WorkerDeps) =>
  computeInfluence({ db: deps.db, logger: deps.logger }, job.data);
