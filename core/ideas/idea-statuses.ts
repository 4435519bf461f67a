/**
 * The idea statuses, in roadmap order: the one place to add, rename or reorder them. `adopted`
 * marks the statuses that count an idea as taken up (its givers are credited on the board);
 * `label` is what the public reads in a prepared reply, in each language Écoute answers in.
 */
export interface IdeaStatusDef {
  key: string;
  label: { en: string; fr: string };
  adopted: boolean;
  /** Closed statuses end the idea's life on the roadmap (shown last, not in the grid by default). */
  closed: boolean;
}

export const IDEA_STATUSES: readonly IdeaStatusDef[] = [
  { key: 'new', label: { en: 'new', fr: 'nouvelle' }, adopted: false, closed: false },
  {
    key: 'under_review',
    label: { en: 'under review', fr: 'à l’étude' },
    adopted: false,
    closed: false,
  },
  { key: 'planned', label: { en: 'planned', fr: 'prévue' }, adopted: true, closed: false },
  {
    key: 'in_progress',
    label: { en: 'in progress', fr: 'en cours de réalisation' },
    adopted: true,
    closed: false,
  },
  { key: 'done', label: { en: 'done', fr: 'réalisée' }, adopted: true, closed: true },
  { key: 'declined', label: { en: 'declined', fr: 'écartée' }, adopted: false, closed: true },
];

export const INITIAL_STATUS = 'new';
export const STATUS_KEYS = IDEA_STATUSES.map((s) => s.key);
export const ADOPTED_STATUSES = IDEA_STATUSES.filter((s) => s.adopted).map((s) => s.key);

export function statusDef(key: string): IdeaStatusDef | undefined {
  return IDEA_STATUSES.find((s) => s.key === key);
}

/** The 0–4 business impact scale of the feasibility × impact grid. */
export const IMPACT_LABELS = [
  'non significatif',
  'faible',
  'sensible',
  'critique',
  'stratégique',
] as const;
/** Feasibility on the same 0–4 steps, from "not feasible as things stand" to "easy". */
export const FEASIBILITY_LABELS = [
  'irréaliste',
  'difficile',
  'faisable',
  'simple',
  'immédiat',
] as const;
