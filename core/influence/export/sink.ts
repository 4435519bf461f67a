import type { Writable } from 'node:stream';

/**
 * Writes a chunk and, when the stream's buffer is full, waits for 'drain' (backpressure: a slow
 * client slows the export instead of growing memory). Listeners are removed on every outcome, so
 * a million-row export does not pile them up.
 */
export async function write(out: Writable, chunk: string): Promise<void> {
  if (out.destroyed) throw new Error('export: the client went away');
  if (out.write(chunk)) return;
  await new Promise<void>((resolve, reject) => {
    const cleanup = () => {
      out.off('drain', onDrain);
      out.off('close', onDrain);
      out.off('error', onError);
    };
    const onDrain = () => {
      cleanup();
      resolve();
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    out.on('drain', onDrain);
    out.on('close', onDrain);
    out.on('error', onError);
  });
}
