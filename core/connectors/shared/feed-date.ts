/**
 * Dates as feeds write them: RFC 822/2822 (RSS), RFC 3339 and W3C-DTF (Atom, Dublin Core),
 * ISO 8601 with a space or without separators, US "Month D, YYYY", ctime, and RFC 822 written
 * with French, English, German, Spanish, Portuguese or Italian day and month names ("Seg, 24 Set
 * 2018", "mar., 4 févr. 2014", "Di, 04 Mrz 2014"). A date none of these read is null: the caller
 * keeps the raw string and never puts another time in its place.
 */
export function parseFeedDate(raw: string | null | undefined): Date | null {
  const s = raw?.replace(/[\s\u00a0]+/g, ' ').trim();
  if (!s) return null;
  return iso(s) ?? written(s);
}

const ISO =
  /^(\d{4})(?:-?(\d{2})(?:-?(\d{2})(?:(?:T| ?)(\d{2}):?(\d{2})(?::?(\d{2})(?:[.,](\d+))?)?)? ?(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?)?)?$/i;

function iso(s: string): Date | null {
  const m = ISO.exec(s);
  if (!m) return null;
  const [, y, mo, d, h, mi, sec, frac, zone] = m;
  const ms = frac ? Math.round(Number(`0.${frac}`) * 1000) : 0;
  return build(+y!, mo ? +mo : 1, d ? +d : 1, h ? +h : 0, mi ? +mi : 0, sec ? +sec : 0, ms, zone);
}

/** Month names and abbreviations, accents and case folded, in the six languages. */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: [number, string][] = [
  [1, 'january jan janvier janv januar janner jaenner enero ene janeiro gennaio gen'],
  [2, 'february feb febr fevrier fevr fev februar febrero fevereiro febbraio'],
  [3, 'march mar mars marz maerz mrz marzo marco'],
  [4, 'april apr avril avr abril abr aprile'],
  [5, 'may mai mayo maio maggio mag'],
  [6, 'june jun juin juni junio junho giugno giu'],
  [7, 'july jul juillet juil juli julio julho luglio lug'],
  [8, 'august aug aout agosto ago'],
  [9, 'september sep sept septembre septiembre setiembre setembro settembre set'],
  [10, 'october oct octobre oktober okt octubre outubro out ottobre ott'],
  [11, 'november nov novembre noviembre novembro'],
  [12, 'december dec decembre dezember dez diciembre dic dezembro dicembre'],
];
for (const [n, names] of MONTH_NAMES) for (const name of names.split(' ')) MONTHS[name] = n;

/** Time zones feeds write by name; RFC 822's military letters other than Z are read as UTC. */
const ZONES: Record<string, number> = {
  UT: 0,
  UTC: 0,
  GMT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  IST: 60,
  CET: 60,
  MET: 60,
  MEZ: 60,
  CEST: 120,
  MEST: 120,
  MESZ: 120,
  EET: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  AEST: 600,
  AEDT: 660,
  JST: 540,
  KST: 540,
  BRT: -180,
  ART: -180,
};

function fold(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\.$/, '');
}

function monthOf(word: string): number | null {
  return MONTHS[fold(word)] ?? null;
}

const TIME = String.raw`(\d{1,2})[:h](\d{2})(?::(\d{2})(?:[.,](\d+))?)?`;
const ZONE = String.raw`(?: ?(Z|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{1,2}(?::?\d{2})?))?`;
const MONTH = String.raw`([\p{L}]{3,}\.?)`;
// "24 Set 2018", "4. März 2014", "24 de septiembre de 2018", then a time and a zone.
const DAY_FIRST = new RegExp(
  String.raw`^(\d{1,2})\.? (?:de )?${MONTH} (?:de )?(\d{2}|\d{4})(?:,? (?:[àa] |um |alle )?${TIME}${ZONE})?$`,
  'iu',
);
// "Dec 31, 2003 10:14 PM GMT" and "Dec 31 2003 10:14:55".
const MONTH_FIRST = new RegExp(
  String.raw`^${MONTH} (\d{1,2}),? (\d{4})(?:,? (?:at )?${TIME}(?: ?([AP]M))?${ZONE})?$`,
  'iu',
);
// ctime: "Dec 31 10:14:55 2003" (the weekday already taken off).
const CTIME = new RegExp(String.raw`^${MONTH} (\d{1,2}) ${TIME}${ZONE} (\d{4})$`, 'iu');

function written(input: string): Date | null {
  // A weekday in any language comes first, with or without a comma: it adds nothing.
  const weekday = /^([\p{L}]+)\.?,? (?=\d|[\p{L}]{3,}\.? \d)/u.exec(input);
  // "mar" is both March and Tuesday (fr, es): followed by a comma it is the weekday.
  const isWeekday = weekday && (weekday[0].includes(',') || !monthOf(weekday[1]!));
  const s = isWeekday ? input.slice(weekday[0].length) : input;
  let m = DAY_FIRST.exec(s);
  if (m) {
    const [, d, mon, y, h, mi, sec, frac, zone] = m;
    const month = monthOf(mon!);
    if (!month) return null;
    return build(year(y!), month, +d!, num(h), num(mi), num(sec), millis(frac), zone);
  }
  m = MONTH_FIRST.exec(s);
  if (m) {
    const [, mon, d, y, h, mi, sec, frac, ampm, zone] = m;
    const month = monthOf(mon!);
    if (!month) return null;
    return build(+y!, month, +d!, hour12(num(h), ampm), num(mi), num(sec), millis(frac), zone);
  }
  m = CTIME.exec(s);
  if (m) {
    const [, mon, d, h, mi, sec, frac, zone, y] = m;
    const month = monthOf(mon!);
    if (!month) return null;
    return build(+y!, month, +d!, num(h), num(mi), num(sec), millis(frac), zone);
  }
  return null;
}

const num = (v: string | undefined) => (v ? Number(v) : 0);
const millis = (frac: string | undefined) => (frac ? Math.round(Number(`0.${frac}`) * 1000) : 0);

/** Two-digit years (RFC 822 allowed them): 00–49 are 20xx, 50–99 are 19xx. */
function year(y: string): number {
  if (y.length === 4) return Number(y);
  const n = Number(y);
  return n < 50 ? 2000 + n : 1900 + n;
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = ampm.toUpperCase() === 'PM';
  return (h % 12) + (pm ? 12 : 0);
}

/** Minutes east of UTC; undefined for a zone we cannot read. */
function zoneOffset(zone: string | undefined): number | undefined {
  if (!zone) return 0;
  const z = zone.toUpperCase();
  const numeric = /^(?:(?:GMT|UTC|UT)?)([+-])(\d{1,2})(?::?(\d{2}))?$/.exec(z);
  if (numeric) {
    const minutes = Number(numeric[2]) * 60 + Number(numeric[3] ?? 0);
    return numeric[1] === '-' ? -minutes : minutes;
  }
  if (ZONES[z] !== undefined) return ZONES[z];
  if (/^[A-IK-Y]$/.test(z)) return 0;
  return undefined;
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  ms: number,
  zone: string | undefined,
): Date | null {
  const offset = zoneOffset(zone);
  if (offset === undefined) return null;
  if (y < 1900 || y > 2200 || mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  // 24:00 is midnight at the end of the day (ISO 8601); 60 seconds is a leap second.
  if (h > 24 || mi > 59 || s > 60) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, Math.min(s, 59), ms);
  const check = new Date(Date.UTC(y, mo - 1, d));
  // 31 June or 30 February: not a date.
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return new Date(utc - offset * 60_000);
}
