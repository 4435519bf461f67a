import { once } from 'node:events';
import type { Writable } from 'node:stream';

/** Writes a chunk and waits for 'drain' when the stream's buffer is full (backpressure). */
export async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('export: the client went away');
  if (!out.write(chunk)) await Promise.race([once(out, 'drain'), once(out, 'close')]);
}
