import { DateTime } from 'luxon';

/** ISO weekday ("1" Monday … "7" Sunday) → opening intervals in local "HH:mm". */
export type WeekHours = Record<string, [string, string][]>;

/** Business calendar: opening hours in a time zone, minus holidays (local dates, YYYY-MM-DD). */
export interface BusinessCalendar {
  timeZone: string;
  week: WeekHours;
  holidays: readonly string[];
}

/** A calendar that never opens would loop forever: give up after ten years of days. */
const MAX_DAYS = 3660;
const MINUTE_MS = 60_000;

interface Interval {
  start: number;
  end: number;
}

/** Opening intervals (epoch ms) of the local day `day`, empty on holidays and closed days. */
function openIntervals(day: DateTime, cal: BusinessCalendar): Interval[] {
  if (cal.holidays.includes(day.toISODate() ?? '')) return [];
  const spans = cal.week[String(day.weekday)] ?? [];
  return spans
    .map(([from, to]) => ({ start: at(day, from), end: at(day, to) }))
    .filter((i) => i.end > i.start)
    .sort((a, b) => a.start - b.start);
}

/** Local wall time `hhmm` on `day`; "24:00" is the end of the day. Luxon resolves DST gaps. */
function at(day: DateTime, hhmm: string): number {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  if (h >= 24) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: h, minute: m, second: 0, millisecond: 0 }).toMillis();
}

function startDay(from: Date, cal: BusinessCalendar): DateTime {
  const local = DateTime.fromJSDate(from, { zone: cal.timeZone });
  if (!local.isValid) throw new Error(`time zone "${cal.timeZone}" is not valid`);
  return local.startOf('day');
}

/**
 * The instant when `minutes` of business time have elapsed after `from`. Time outside opening
 * hours (nights, weekends, holidays) does not count; a start outside hours begins at the next
 * opening.
 */
export function addBusinessMinutes(from: Date, minutes: number, cal: BusinessCalendar): Date {
  let left = minutes * MINUTE_MS;
  let day = startDay(from, cal);
  const t0 = from.getTime();
  for (let i = 0; i < MAX_DAYS; i++, day = day.plus({ days: 1 })) {
    for (const iv of openIntervals(day, cal)) {
      const start = Math.max(iv.start, t0);
      if (start >= iv.end) continue;
      if (left <= iv.end - start) return new Date(start + left);
      left -= iv.end - start;
    }
  }
  throw new Error('business calendar: no opening hours within ten years (week is empty?)');
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(from: Date, to: Date, cal: BusinessCalendar): number {
  const t0 = from.getTime();
  const t1 = to.getTime();
  if (t1 <= t0) return 0;
  let total = 0;
  let day = startDay(from, cal);
  for (let i = 0; i < MAX_DAYS && day.toMillis() < t1; i++, day = day.plus({ days: 1 })) {
    for (const iv of openIntervals(day, cal)) {
      const overlap = Math.min(iv.end, t1) - Math.max(iv.start, t0);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}
