import { useEffect, useState } from 'preact/hooks';

/**
 * Runs `load(value)` `delayMs` after `value` stops changing, cancelling the answer to an older
 * value, so typing a query fires one request per pause, not per key.
 */
export function useDebounced<T>(
  value: string,
  delayMs: number,
  load: (value: string, signal: AbortSignal) => Promise<T>,
): { data: T | undefined; error: Error | undefined; pending: boolean } {
  const [state, setState] = useState<{ data?: T; error?: Error; pending: boolean }>({
    pending: false,
  });
  useEffect(() => {
    if (!value.trim()) {
      setState({ pending: false });
      return;
    }
    const controller = new AbortController();
    setState((s) => ({ ...s, pending: true }));
    const timer = setTimeout(() => {
      load(value, controller.signal).then(
        (data) => !controller.signal.aborted && setState({ data, pending: false }),
        (error: unknown) =>
          !controller.signal.aborted &&
          setState({
            error: error instanceof Error ? error : new Error(String(error)),
            pending: false,
          }),
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value, delayMs]);
  return { data: state.data, error: state.error, pending: state.pending };
}
