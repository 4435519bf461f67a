import type { Db } from '../db/database.js';
import { invalid, notFound } from '../errors.js';
import type { Logger } from '../logger.js';
import { botReason } from './bot-like.js';
import { DEFAULT_INFLUENCE_SETTINGS, type InfluenceSettings } from './influence-settings.js';
import { scoreAuthors, type AuthorMetrics } from './influence-score.js';
import { replaceRun } from './influence.repository.js';
import { buildInteractionGraph } from './interaction-graph.js';
import {
  loadActivity,
  loadAuthors,
  loadInteractions,
  type AuthorActivity,
  type InfluenceWindow,
} from './interaction.repository.js';
import { pagerank } from './pagerank.js';

const DAY_MS = 86_400_000;

/** Payload of the `influence.compute` job: one topic (null: all mentions) over the last N days. */
export interface ComputeInfluencePayload {
  topicId: string | null;
  windowDays: number;
}

export interface ComputeInfluenceSummary {
  runId: string;
  topicId: string | null;
  windowDays: number;
  authors: number;
  edges: number;
  iterations: number;
  droppedSelfLoops: number;
  droppedFromBots: number;
  /** Time spent in PageRank alone, and in the whole computation (queries and writes), in ms. */
  pagerankMs: number;
  totalMs: number;
}

/**
 * Computes and stores the influence scores of one topic and window. Three reads (the window's
 * interactions, its authors' activity, their profiles) and batched writes: the cost grows with
 * the window's mentions and edges, never with the whole history, and there is no query per
 * author. Idempotent: a rerun replaces the stored results of the same (topic, window).
 */
export async function computeInfluence(
  deps: { db: Db; logger?: Logger },
  payload: ComputeInfluencePayload,
  opts: { settings?: InfluenceSettings; now?: Date } = {},
): Promise<ComputeInfluenceSummary> {
  const started = performance.now();
  const settings = opts.settings ?? DEFAULT_INFLUENCE_SETTINGS;
  const w = await windowOf(deps.db, payload, opts.now ?? new Date());

  const [rows, activity] = await Promise.all([
    loadInteractions(deps.db, w),
    loadActivity(deps.db, w),
  ]);
  const bots = botsOf(activity, w.windowDays, settings);
  const { graph, edges, dropped } = buildInteractionGraph(rows, {
    settings,
    bots: new Set(bots.keys()),
    nodes: activity.map((a) => a.authorId),
  });
  const prStarted = performance.now();
  const pr = pagerank(graph, { alpha: settings.alpha });
  const pagerankMs = performance.now() - prStarted;

  const authors = new Map((await loadAuthors(deps.db, graph.names)).map((a) => [a.id, a]));
  const byAuthor = new Map(activity.map((a) => [a.authorId, a]));
  const metrics: AuthorMetrics[] = graph.names.map((id, v) => {
    const act = byAuthor.get(id);
    const info = authors.get(id);
    return {
      authorId: id,
      platform: info?.platform ?? 'unknown',
      lang: act?.lang ?? null,
      followers: info?.followers ?? null,
      pagerank: pr.scores[v]!,
      inDegree: graph.inDegree[v]!,
      outDegree: graph.outDegree[v]!,
      inWeight: graph.inWeightSum[v]!,
      outWeight: graph.outWeightSum[v]!,
      volume: act?.volume ?? 0,
      interactions: act?.interactions ?? 0,
      analysed: act?.analysed ?? 0,
      negative: act?.negative ?? 0,
      positive: act?.positive ?? 0,
      botReason: bots.get(id) ?? null,
    };
  });
  const scores = scoreAuthors(metrics, settings);

  const meta = {
    authors: scores.length,
    edges: edges.length,
    iterations: pr.iterations,
    computeMs: performance.now() - started,
    settings,
  };
  const runId = await deps.db
    .transaction()
    .execute((trx) => replaceRun(trx, w, meta, scores, edges));
  const summary: ComputeInfluenceSummary = {
    runId,
    topicId: w.topicId,
    windowDays: w.windowDays,
    authors: scores.length,
    edges: edges.length,
    iterations: pr.iterations,
    droppedSelfLoops: dropped.selfLoops,
    droppedFromBots: dropped.fromBots,
    pagerankMs,
    totalMs: performance.now() - started,
  };
  deps.logger?.info(summary, 'influence computed');
  return summary;
}

async function windowOf(
  db: Db,
  payload: ComputeInfluencePayload,
  now: Date,
): Promise<InfluenceWindow> {
  const { topicId, windowDays } = payload;
  if (!Number.isInteger(windowDays) || windowDays < 1 || windowDays > 365) {
    throw invalid('windowDays', `must be a whole number of days from 1 to 365, got ${windowDays}`);
  }
  if (topicId !== null) {
    if (!/^\d{1,18}$/.test(topicId)) throw invalid('topicId', 'must be a topic id or null');
    const topic = await db
      .selectFrom('topics')
      .select('id')
      .where('id', '=', topicId)
      .executeTakeFirst();
    if (!topic) throw notFound('topic', topicId);
  }
  return { topicId, windowDays, start: new Date(now.getTime() - windowDays * DAY_MS), end: now };
}

function botsOf(
  activity: AuthorActivity[],
  windowDays: number,
  settings: InfluenceSettings,
): Map<string, string> {
  const bots = new Map<string, string>();
  for (const a of activity) {
    const reason = botReason(a, windowDays, settings);
    if (reason) bots.set(a.authorId, reason);
  }
  return bots;
}
