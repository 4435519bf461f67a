/** The idea board's API answers, as the pages read them. */
export interface Spread {
  mean: number;
  stddev: number;
  min: number;
  max: number;
}
export interface Demand {
  votes: number;
  supporters: number;
  mentions: number;
  customers: number;
  customerValue: number;
}
export interface Idea {
  id: string;
  title: string;
  description: string;
  status: string;
  statusReason: string | null;
  origin: 'crowd' | 'staff';
  createdBy: string | null;
  mergedInto: string | null;
  createdAt: string;
  updatedAt: string;
  demand: Demand;
  scores: { reviewers: number; feasibility: Spread | null; impact: Spread | null };
}
export interface Evidence {
  /** 'idea', 'sentiment', a signal name… */
  target?: string;
  match?: string;
  weight?: number;
}
export interface MentionRef {
  mentionId: string;
  text: string;
  url: string | null;
  platform: string;
  publishedAt: string;
  lang: string | null;
  evidence: Evidence[];
  author: { id: string; handle: string; displayName: string | null } | null;
}
export interface IdeaDetail extends Idea {
  mentions: (MentionRef & { viaIdeaId: string })[];
  votes: { voter: string; via: string; at: string }[];
  reviewerScores: {
    reviewer: string;
    feasibility: number;
    impact: number;
    comment: string;
    updatedAt: string;
  }[];
  scoreAudit: {
    id: string;
    reviewer: string;
    changedAt: string;
    feasibility: { old: number | null; new: number | null };
    impact: { old: number | null; new: number | null };
    comment: { old: string | null; new: string | null };
  }[];
  history: {
    id: string;
    from: string | null;
    to: string;
    reason: string;
    changedBy: string | null;
    changedAt: string;
  }[];
  merges: {
    id: string;
    sourceId: string;
    sourceTitle: string;
    targetId: string;
    targetTitle: string;
    mergedAt: string;
    undoneAt: string | null;
  }[];
  mergedIdeas: { id: string; title: string }[];
  leaders: Leader[];
  suggestedLeaders: Leader[];
  replies: { id: string; platform: string; lang: string; text: string; status: string }[];
}
export interface Leader {
  authorId: string;
  handle: string;
  platform: string;
  followers: number | null;
  influence: { score: number; rank: number } | null;
  supporter: boolean;
  note: string;
}
export interface CandidateGroup {
  groupKey: string;
  size: number;
  authors: number;
  candidates: (MentionRef & { similarity: number | null })[];
  similarIdeas: { id: string; title: string; status: string; similarity: number }[];
}
export interface GridAnswer {
  points: {
    id: string;
    title: string;
    status: string;
    feasibility: number;
    impact: number;
    disagreement: number;
    reviewers: number;
    demand: number;
  }[];
  unscored: number;
  impactLabels: string[];
  feasibilityLabels: string[];
}
export interface StatusDef {
  key: string;
  label: { en: string; fr: string };
  adopted: boolean;
  closed: boolean;
}
export interface Contributor {
  kind: 'author' | 'staff';
  id: string;
  name: string;
  platform: string | null;
  adopted: number;
  ideas: { id: string; title: string }[];
}

export const STATUS_TEXT: Record<string, string> = {
  new: 'New',
  under_review: 'Under review',
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  declined: 'Declined',
};
export const IMPACT_LABELS = ['non significatif', 'faible', 'sensible', 'critique', 'stratégique'];
