import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';

/** What a person reads when an action fails: the API's message, else the error's. */
export const errorMessage = (err: unknown): string =>
  err instanceof ApiError ? err.message : String(err);

/**
 * A button's or a form's call to the API: `run(fn)` marks the action busy, and on success clears
 * the last error and calls `onDone` (a refresh); on failure keeps the message to show.
 */
export function useAction(onDone?: () => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await fn();
      setError(null);
      onDone?.();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, run };
}
