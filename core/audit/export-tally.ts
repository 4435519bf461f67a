import type { Writable } from 'node:stream';

export type ExportFormat = 'csv' | 'json' | 'gexf';

/**
 * Counts the rows of an export as it streams, for the audit record, without a second query:
 * csv → records ended by CRLF outside quotes (RFC 4180 doubles quotes inside a quoted field, so
 * quote parity tells inside from outside), less the header; json → items, each written as a line
 * starting with "{" (the influencer export's layout); gexf → `<node ` elements.
 */
export function tallyExportRows(out: Writable, format: ExportFormat): () => number {
  let count = 0;
  let inQuotes = false;
  let prev = '';
  const see = (text: string) => {
    if (format === 'gexf') count += (prev.slice(-5) + text).split('<node ').length - 1;
    else if (format === 'json') count += (prev.slice(-1) + text).split('\n{').length - 1;
    else {
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '"') inQuotes = !inQuotes;
        else if (c === '\n' && !inQuotes) count += 1;
      }
    }
    prev = text;
  };
  const original = out.write.bind(out) as (...args: unknown[]) => boolean;
  out.write = ((chunk: unknown, ...rest: unknown[]) => {
    see(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return original(chunk, ...rest);
  }) as Writable['write'];
  return () => (format === 'csv' ? Math.max(0, count - 1) : count);
}
