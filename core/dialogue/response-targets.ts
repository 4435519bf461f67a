import { addBusinessMinutes, type BusinessCalendar } from './business-hours.js';
import type { Targets } from './dialogue-settings.js';

export type TargetState = 'on_track' | 'at_risk' | 'breached' | 'met';

export interface Schedule {
  firstResponseDue: Date;
  firstResponseWarn: Date;
  resolutionDue: Date;
  resolutionWarn: Date;
}

/**
 * Due and warn times of both targets, counted in business time from `from`. "At risk" starts
 * when `atRiskRatio` of the target's business minutes have elapsed.
 */
export function scheduleTargets(
  from: Date,
  t: Targets,
  cal: BusinessCalendar,
  atRiskRatio: number,
): Schedule {
  return {
    firstResponseDue: addBusinessMinutes(from, t.firstResponseMin, cal),
    firstResponseWarn: addBusinessMinutes(from, t.firstResponseMin * atRiskRatio, cal),
    resolutionDue: addBusinessMinutes(from, t.resolutionMin, cal),
    resolutionWarn: addBusinessMinutes(from, t.resolutionMin * atRiskRatio, cal),
  };
}

/** The state of one target at `now`; `doneAt` is when it was met (answered, resolved). */
export function targetState(
  due: Date | null,
  warn: Date | null,
  doneAt: Date | null,
  now: Date,
): TargetState | null {
  if (!due) return null;
  if (doneAt) return doneAt > due ? 'breached' : 'met';
  if (now > due) return 'breached';
  if (warn && now > warn) return 'at_risk';
  return 'on_track';
}

/** The worse of two states, for a conversation's single badge. */
export function worstState(...states: (TargetState | null)[]): TargetState {
  const order: TargetState[] = ['met', 'on_track', 'at_risk', 'breached'];
  return states.reduce<TargetState>(
    (worst, s) => (s && order.indexOf(s) > order.indexOf(worst) ? s : worst),
    'met',
  );
}
