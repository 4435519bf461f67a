/** Display formatting. English UI; numbers and dates follow the browser's locale rules for 'en'. */
const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 });
const dateTime = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const shortDay = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export const formatInt = (n: number): string => integer.format(n);
export const formatCompact = (n: number): string =>
  n < 10_000 ? integer.format(n) : compact.format(n);
export const formatPercent = (ratio: number): string => percent.format(ratio);
export const formatDateTime = (iso: string): string => dateTime.format(new Date(iso));

/** A stats day (YYYY-MM-DD, a UTC calendar day) as "3 Nov". */
export const formatDay = (day: string): string => shortDay.format(new Date(`${day}T00:00:00Z`));

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400],
  ['month', 30 * 86_400],
  ['week', 7 * 86_400],
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
];

/** "5 minutes ago", "in 2 hours", "now" — relative to `now` (ms since epoch). */
export function formatRelative(iso: string, now = Date.now()): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (!Number.isFinite(seconds)) return '—';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.trunc(seconds / size), unit);
  }
  return Math.abs(seconds) < 10 ? 'now' : relative.format(Math.trunc(seconds), 'second');
}

/**
 * The URL if it is an absolute http(s) URL, else null. Social data is untrusted: a
 * `javascript:` or `data:` permalink must never become a link.
 */
export function safeHttpUrl(raw: string | null | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
