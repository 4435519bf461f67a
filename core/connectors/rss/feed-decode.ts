import iconv from 'iconv-lite';

/**
 * Feed bytes as a string. Order: a byte-order mark, then the XML declaration's encoding (written
 * by the software that encoded the document, so more often right than a server default), then
 * the HTTP charset, then UTF-8. Invalid sequences become U+FFFD rather than failing the feed.
 */
export function decodeFeed(body: Buffer, contentType?: string | null): string {
  const bom = bomEncoding(body);
  if (bom) return iconv.decode(body, bom, { stripBOM: true });
  const candidates = [declaredEncoding(body), httpCharset(contentType)];
  const encoding = candidates.find((e): e is string => !!e && iconv.encodingExists(e)) ?? 'utf-8';
  return iconv.decode(body, encoding, { stripBOM: true });
}

function bomEncoding(body: Buffer): string | null {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return 'utf-8';
  if (body[0] === 0xff && body[1] === 0xfe) return 'utf-16le';
  if (body[0] === 0xfe && body[1] === 0xff) return 'utf-16be';
  return null;
}

/** encoding="…" in the XML declaration; the declaration may span lines (SPIP does that). */
function declaredEncoding(body: Buffer): string | null {
  // The declaration is ASCII and comes first; 512 bytes is far more than it can take.
  const head = body.subarray(0, 512).toString('latin1');
  const decl = /^\s*<\?xml\s[^?]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head);
  return decl?.[1]?.toLowerCase() ?? null;
}

function httpCharset(contentType?: string | null): string | null {
  const match = /charset\s*=\s*"?([A-Za-z0-9._-]+)"?/i.exec(contentType ?? '');
  return match?.[1]?.toLowerCase() ?? null;
}
