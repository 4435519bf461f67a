import type { Db } from '../db/database.js';
import { demandWeight } from './idea-figures.js';
import { listBoard, type IdeaDto } from './idea.service.js';
import { IDEA_STATUSES, IMPACT_LABELS, FEASIBILITY_LABELS } from './idea-statuses.js';

/** Views over the board: the feasibility × impact grid and the roadmap by status. */
export interface GridPointDto {
  id: string;
  title: string;
  status: string;
  feasibility: number;
  impact: number;
  /** Spread between reviewers: the larger of the two standard deviations. */
  disagreement: number;
  reviewers: number;
  /** People asking (votes + public supporters): the bubble size. */
  demand: number;
  customerValue: number;
}

export async function ideaGrid(db: Db, opts: { includeClosed?: boolean } = {}) {
  const closed = new Set(IDEA_STATUSES.filter((s) => s.closed).map((s) => s.key));
  const ideas = await listBoard(db, { sort: 'score', limit: 500 });
  const points: GridPointDto[] = ideas
    .filter(
      (i) =>
        i.scores.feasibility && i.scores.impact && (opts.includeClosed || !closed.has(i.status)),
    )
    .map((i) => ({
      id: i.id,
      title: i.title,
      status: i.status,
      feasibility: i.scores.feasibility!.mean,
      impact: i.scores.impact!.mean,
      disagreement: Math.max(i.scores.feasibility!.stddev, i.scores.impact!.stddev),
      reviewers: i.scores.reviewers,
      demand: demandWeight(i.demand),
      customerValue: i.demand.customerValue,
    }));
  const unscored = ideas.filter((i) => !i.scores.feasibility).length;
  return {
    points,
    unscored,
    impactLabels: IMPACT_LABELS,
    feasibilityLabels: FEASIBILITY_LABELS,
    midpoint: 2,
  };
}

export async function roadmap(
  db: Db,
): Promise<{ status: string; label: string; closed: boolean; ideas: IdeaDto[] }[]> {
  const ideas = await listBoard(db, { sort: 'demand', limit: 500 });
  return IDEA_STATUSES.map((s) => ({
    status: s.key,
    label: s.label.en,
    closed: s.closed,
    ideas: ideas.filter((i) => i.status === s.key),
  }));
}

export function ideaSettings() {
  return {
    statuses: IDEA_STATUSES,
    impactLabels: IMPACT_LABELS,
    feasibilityLabels: FEASIBILITY_LABELS,
  };
}
