import type { Scope } from '../api/endpoints.js';

/** The time windows offered, in days; 30 unless the URL says otherwise. */
export const WINDOWS = [7, 30, 90] as const;
export const DEFAULT_DAYS = 30;

export function scopeFromParams(params: URLSearchParams): Scope {
  const days = Number(params.get('days'));
  return {
    days: (WINDOWS as readonly number[]).includes(days) ? days : DEFAULT_DAYS,
    topic: params.get('topic') || null,
  };
}

/** The scope's part of a URL, so links between pages keep the chosen topic and window. */
export function scopeQuery(scope: Scope): URLSearchParams {
  const params = new URLSearchParams();
  if (scope.days !== DEFAULT_DAYS) params.set('days', String(scope.days));
  if (scope.topic) params.set('topic', scope.topic);
  return params;
}
