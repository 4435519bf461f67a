import type { InfluenceSettings } from './influence-settings.js';

export interface BotEvidence {
  volume: number;
  distinctTexts: number;
  declaredBot: boolean;
}

/**
 * Why an author looks automated, or null. Deliberately simple and explainable, since a person
 * can read the reason next to the score: the platform says so (Mastodon's `bot` flag), the
 * account posts faster than a person plausibly does, or it repeats the same text.
 */
export function botReason(
  e: BotEvidence,
  windowDays: number,
  settings: InfluenceSettings,
): string | null {
  if (e.declaredBot) return 'declared automated by the platform';
  const perDay = e.volume / Math.max(1, windowDays);
  if (perDay > settings.botMaxPerDay) {
    return `${perDay.toFixed(1)} mentions a day (more than ${settings.botMaxPerDay})`;
  }
  if (
    e.volume >= settings.botMinRepeatVolume &&
    e.distinctTexts / e.volume <= settings.botMaxDistinctShare
  ) {
    return `${e.distinctTexts} distinct texts in ${e.volume} mentions`;
  }
  return null;
}
