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

function startDay(from: Date | number, cal: BusinessCalendar): DateTime {
  const local =
    typeof from === 'number'
      ? DateTime.fromMillis(from, { zone: cal.timeZone })
      : DateTime.fromJSDate(from, { zone: cal.timeZone });
  if (!local.isValid) throw new Error(`time zone "${cal.timeZone}" is not valid`);
  return local.startOf('day');
}

/** One local day of a calendar: [start, end) in epoch ms, its opening intervals, the next day. */
interface Day {
  start: number;
  end: number;
  intervals: Interval[];
  next: Day | null;
}

/**
 * The days of one calendar met so far, in time order, so the walk from day to day is array and
 * pointer steps instead of time-zone arithmetic. Luxon resolves each zoned DateTime through
 * Intl (`partsOffset`): computed per call, the four targets of each conversation an analysis
 * batch opens cost 32 s of event-loop CPU for 100,000 mentions (bench:ingest CPU profile), more than
 * anything else in the worker process. Days are the same for every conversation of a batch.
 */
class DayCache {
  /** Sorted by start, contiguous runs linked by `next`. */
  private readonly days: Day[] = [];

  constructor(private readonly cal: BusinessCalendar) {}

  get size(): number {
    return this.days.length;
  }

  /** The local day containing instant `t`. */
  dayOf(t: number): Day {
    const days = this.days;
    let lo = 0;
    let hi = days.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = days[mid]!;
      if (t < d.start) hi = mid - 1;
      else if (t >= d.end) lo = mid + 1;
      else return d;
    }
    return this.add(startDay(t, this.cal));
  }

  /** The local day after `d`. */
  after(d: Day): Day {
    d.next ??= this.dayOf(d.end);
    return d.next;
  }

  private add(local: DateTime): Day {
    const start = local.toMillis();
    const end = local.plus({ days: 1 }).startOf('day').toMillis();
    const day: Day = { start, end, intervals: openIntervals(local, this.cal), next: null };
    let i = this.days.length;
    while (i > 0 && this.days[i - 1]!.start > start) i--;
    this.days.splice(i, 0, day);
    return day;
  }
}

/** Calendars are small, loaded per batch with the same content: reused by content. */
const caches = new Map<string, DayCache>();
const MAX_CALENDARS = 16;
/** A cache grown past this many days (ten years of far-apart dates) starts again. */
const MAX_CACHED_DAYS = 4_000;

function daysOf(cal: BusinessCalendar): DayCache {
  const key = `${cal.timeZone}\u0000${JSON.stringify(cal.week)}\u0000${cal.holidays.join(',')}`;
  let cache = caches.get(key);
  if (!cache || cache.size > MAX_CACHED_DAYS) {
    if (!cache && caches.size >= MAX_CALENDARS) caches.clear();
    cache = new DayCache(cal);
    caches.set(key, cache);
  }
  return cache;
}

/**
 * The instant when `minutes` of business time have elapsed after `from`. Time outside opening
 * hours (nights, weekends, holidays) does not count; a start outside hours begins at the next
 * opening.
 */
export function addBusinessMinutes(from: Date, minutes: number, cal: BusinessCalendar): Date {
  let left = minutes * MINUTE_MS;
  const days = daysOf(cal);
  const t0 = from.getTime();
  let day = days.dayOf(t0);
  for (let i = 0; i < MAX_DAYS; i++, day = days.after(day)) {
    for (const iv of day.intervals) {
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
  const days = daysOf(cal);
  let day = days.dayOf(t0);
  for (let i = 0; i < MAX_DAYS && day.start < t1; i++, day = days.after(day)) {
    for (const iv of day.intervals) {
      const overlap = Math.min(iv.end, t1) - Math.max(iv.start, t0);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE_MS;
}
