import chardet from 'chardet';
import iconv from 'iconv-lite';

/** Where the encoding that decoded a feed came from. */
export type EncodingSource = 'bom' | 'http' | 'declaration' | 'meta' | 'detected' | 'default';

/** How one fetch was decoded: kept on the source's health so a person can see why. */
export interface Decoding {
  encoding: string;
  source: EncodingSource;
  /** What each place claimed, when it claimed anything. */
  claims: Partial<Record<'bom' | 'http' | 'declaration' | 'meta', string>>;
  /** The detector's confidence (0–100) when detection chose or arbitrated. */
  confidence?: number;
}

export interface DecodedFeed {
  text: string;
  decoding: Decoding;
  warnings: string[];
}

/**
 * Feed bytes as a string. A byte-order mark wins; then the HTTP charset, the XML declaration and
 * an HTML meta tag, each checked against the bytes: a claim of UTF-8 (or UTF-16/32) that the
 * bytes break is set aside, and so is a single-byte claim over bytes that are valid multi-byte
 * UTF-8 (a server default of ISO-8859-1 in front of a UTF-8 feed). When the HTTP charset and the
 * declaration disagree, the detector's confidence in each decides. With no usable claim, valid
 * UTF-8 is UTF-8 and anything else goes to the detector (chardet). The choice, and every claim
 * set aside, is reported.
 */
export function decodeFeed(body: Buffer, contentType?: string | null): DecodedFeed {
  const warnings: string[] = [];
  const claims: Decoding['claims'] = {};
  const bom = bomEncoding(body);
  if (bom) {
    claims.bom = bom;
    if (!isMultiByte(bom) || isValid(body.subarray(bomLength(bom)), bom)) {
      return decoded(body, { encoding: bom, source: 'bom', claims }, warnings);
    }
    warnings.push(`the ${bom} byte-order mark is followed by bytes invalid in ${bom}`);
  }
  const http = httpCharset(contentType);
  const declaration = declaredEncoding(body);
  const meta = metaCharset(body);
  if (http) claims.http = http;
  if (declaration) claims.declaration = declaration;
  if (meta) claims.meta = meta;

  const usable = (['http', 'declaration', 'meta'] as const).flatMap((source) => {
    const encoding = claims[source];
    if (!encoding) return [];
    if (!iconv.encodingExists(encoding)) {
      warnings.push(`${label(source)} names an unknown encoding "${encoding}"`);
      return [];
    }
    const why = contradiction(body, encoding);
    if (why) {
      warnings.push(`${label(source)} says ${encoding} but ${why}`);
      return [];
    }
    return [{ source, encoding }];
  });
  const first = usable[0];
  if (first) {
    const rival = usable.find((u) => canonical(u.encoding) !== canonical(first.encoding));
    if (!rival) return decoded(body, { ...first, claims }, warnings);
    const pick = arbitrate(body, first, rival);
    warnings.push(
      `${label(first.source)} (${first.encoding}) and ${label(rival.source)} (${rival.encoding}) disagree; ${pick.encoding} read better`,
    );
    return decoded(body, { ...pick, claims }, warnings);
  }
  if (isValid(body, 'utf-8')) {
    return decoded(body, { encoding: 'utf-8', source: 'default', claims }, warnings);
  }
  const guess = detect(body);
  if (http || declaration || meta || bom) {
    warnings.push(`decoded as ${guess.encoding}, detected from the bytes`);
  }
  return decoded(body, { ...guess, source: 'detected', claims }, warnings);
}

function decoded(body: Buffer, decoding: Decoding, warnings: string[]): DecodedFeed {
  const encoding = canonical(decoding.encoding);
  const text = iconv.decode(body, encoding, { stripBOM: true });
  return { text, decoding: { ...decoding, encoding }, warnings };
}

/**
 * The labels web browsers read as windows-1252 (WHATWG Encoding): feeds that say ISO-8859-1
 * write curly quotes and dashes in the 0x80–0x9F range that only windows-1252 defines.
 */
const WINDOWS_1252 = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'l1', 'us-ascii', 'ascii']);

function canonical(encoding: string): string {
  const e = encoding.toLowerCase();
  if (WINDOWS_1252.has(e)) return 'windows-1252';
  if (e === 'utf8') return 'utf-8';
  return e;
}

const MULTI_BYTE = /^(utf-?8|utf-?16(le|be)?|utf-?32(le|be)?|ucs-2)$/;

function isMultiByte(encoding: string): boolean {
  return MULTI_BYTE.test(encoding.toLowerCase());
}

/** Why the bytes cannot be in this encoding, or null when they can. */
function contradiction(body: Buffer, encoding: string): string | null {
  const e = canonical(encoding);
  if (/^utf-?8$/.test(e)) return isValid(body, 'utf-8') ? null : 'the bytes are not valid UTF-8';
  if (e.startsWith('utf-16') || e.startsWith('utf-32')) {
    // A document that says UTF-16 in an ASCII-readable declaration was re-encoded on the way.
    return body.includes(0) ? null : `the bytes are not ${e.toUpperCase()}`;
  }
  if (isSingleByte(e) && hasMultiByteUtf8(body)) return 'the bytes are valid multi-byte UTF-8';
  return null;
}

function isSingleByte(encoding: string): boolean {
  return /^(windows-12\d\d|iso-?8859-\d+|koi8-[ru]|cp\d+|macintosh|mac-?roman)$/.test(encoding);
}

function isValid(bytes: Buffer, encoding: string): boolean {
  try {
    new TextDecoder(encoding, { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Valid UTF-8 with at least one multi-byte sequence: almost never a single-byte text. */
function hasMultiByteUtf8(bytes: Buffer): boolean {
  return bytes.some((b) => b >= 0x80) && isValid(bytes, 'utf-8');
}

interface Candidate {
  source: Exclude<EncodingSource, 'bom' | 'default'>;
  encoding: string;
}

function arbitrate(body: Buffer, a: Candidate, b: Candidate): Candidate & { confidence?: number } {
  const scores = chardet.analyse(body);
  const score = (c: Candidate) =>
    scores.find((s) => canonical(s.name) === canonical(c.encoding))?.confidence ?? -1;
  const [sa, sb] = [score(a), score(b)];
  // On a tie the declaration is the document's own word, written by the software that encoded it.
  if (sb > sa || (sb === sa && b.source === 'declaration')) {
    return sb >= 0 ? { ...b, confidence: sb } : b;
  }
  return sa >= 0 ? { ...a, confidence: sa } : a;
}

function detect(body: Buffer): { encoding: string; confidence?: number } {
  const best = chardet
    .analyse(body)
    .find((s) => iconv.encodingExists(s.name) && !isMultiByte(s.name));
  // Nothing detectable: the single-byte encoding that loses no byte and most often is right.
  if (!best) return { encoding: 'windows-1252' };
  return { encoding: best.name.toLowerCase(), confidence: best.confidence };
}

function label(source: string): string {
  return source === 'http'
    ? 'the HTTP charset'
    : source === 'declaration'
      ? 'the XML declaration'
      : 'the meta tag';
}

function bomEncoding(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe && body[2] === 0 && body[3] === 0) return 'utf-32le';
  if (body[0] === 0 && body[1] === 0 && body[2] === 0xfe && body[3] === 0xff) return 'utf-32be';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return null;
}

function bomLength(encoding: string): number {
  return encoding === 'utf-8' ? 3 : encoding.startsWith('utf-32') ? 4 : 2;
}

/** The first 1 KiB as ASCII, NULs of a UTF-16 text without a BOM taken out. */
function head(body: Buffer): string {
  return body.subarray(0, 1024).toString('latin1').replace(/\0/g, '');
}

/** encoding="…" in the XML declaration; it may span lines (SPIP) or follow a blank line. */
function declaredEncoding(body: Buffer): string | null {
  const decl = /<\?xml\s[^?]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head(body));
  return decl?.[1]?.toLowerCase() ?? null;
}

/** <meta charset="…"> or <meta http-equiv="Content-Type" content="…; charset=…">. */
function metaCharset(body: Buffer): string | null {
  const meta = /<meta\s[^>]*?charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head(body));
  return meta?.[1]?.toLowerCase() ?? null;
}

function httpCharset(contentType?: string | null): string | null {
  const match = /charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}
