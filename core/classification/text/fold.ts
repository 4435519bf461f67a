/**
 * Lower-cases and strips accents one UTF-16 unit at a time, so the folded string has exactly the
 * length of the original and a match's offset in it is the offset in the text a person reads.
 */
const cache = new Map<number, string>();

function foldUnit(code: number): string {
  if (code < 128)
    return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : String.fromCharCode(code);
  const known = cache.get(code);
  if (known !== undefined) return known;
  const lower = String.fromCharCode(code).toLowerCase();
  const base =
    lower.length === 1 ? (lower.normalize('NFD')[0] ?? lower) : String.fromCharCode(code);
  // Typographic apostrophes and quotes read as the ASCII ones in every pattern.
  const folded = code === 0x2019 || code === 0x2018 || code === 0x02bc ? "'" : base;
  cache.set(code, folded);
  return folded;
}

export function fold(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldUnit(text.charCodeAt(i));
  return out;
}
