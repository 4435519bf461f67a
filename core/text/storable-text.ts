/**
 * Text Postgres refuses, wherever it comes from: NUL (refused in `text`, and as `\u0000` in
 * `jsonb`) and UTF-16 surrogates without their pair (`jsonb` refuses their `\ud800` escapes, and
 * they are no characters at all). Everything else, control characters included, is stored as
 * sent.
 */
// eslint-disable-next-line no-control-regex -- NUL is exactly what this must find.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_UNSTORABLE = new RegExp(UNSTORABLE.source);

/** The replacement of an unpaired surrogate: what a UTF-8 encoder writes for one. */
const REPLACEMENT = '\uFFFD';

/** `text` as Postgres can store it: NUL removed, an unpaired surrogate replaced by U+FFFD. */
export function storableText(text: string): string {
  if (!HAS_UNSTORABLE.test(text)) return text;
  return text.replace(UNSTORABLE, (ch) => (ch === '\u0000' ? '' : REPLACEMENT));
}

export interface Storable<T> {
  value: T;
  /** How many strings (values or object keys) had to be changed. */
  changed: number;
}

/**
 * The one sanitiser of external text: every string of `value` (object keys too, at any depth)
 * made storable by `storableText`. Objects and arrays are copied only where something changed,
 * so the common case (nothing to clean) allocates nothing. Dates and other class instances are
 * kept as they are.
 */
export function storable<T>(value: T): Storable<T> {
  const counter = { changed: 0 };
  return { value: clean(value, counter) as T, changed: counter.changed };
}

function clean(value: unknown, counter: { changed: number }): unknown {
  if (typeof value === 'string') {
    const cleaned = storableText(value);
    if (cleaned !== value) counter.changed++;
    return cleaned;
  }
  if (Array.isArray(value)) {
    let copy: unknown[] | null = null;
    value.forEach((item: unknown, i) => {
      const cleaned = clean(item, counter);
      if (cleaned === item) return;
      copy ??= [...value];
      copy[i] = cleaned;
    });
    return copy ?? value;
  }
  if (!isPlainObject(value)) return value;
  let copy: Record<string, unknown> | null = null;
  for (const [key, item] of Object.entries(value)) {
    const cleanKey = storableText(key);
    const cleaned = clean(item, counter);
    if (cleanKey === key && cleaned === item) continue;
    if (cleanKey !== key) counter.changed++;
    copy ??= { ...value };
    if (cleanKey !== key) delete copy[key];
    // Defined, not assigned: a key that becomes "__proto__" stays a plain key.
    Object.defineProperty(copy, cleanKey, {
      value: cleaned,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy ?? value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
