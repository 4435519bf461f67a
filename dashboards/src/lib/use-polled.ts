import { useEffect, useRef, useState } from 'preact/hooks';

/** How often the listening pages refresh: a live "polling house" without hammering the API. */
export const REFRESH_MS = 15_000;

export interface Polled<T> {
  data: T | undefined;
  error: Error | undefined;
  /** True while a request is in flight (the first one or a refresh). */
  loading: boolean;
  updatedAt: Date | undefined;
  /** True while the data shown was loaded for other `deps` (a filter just changed). */
  stale: boolean;
  reload(): void;
}

/**
 * Loads `load()` now, whenever `deps` change, and every `intervalMs`. The last good data stays on
 * screen during refreshes (no flicker) and while a refresh fails; a change of `deps` keeps it too
 * until the new answer arrives. Hidden tabs skip refreshes and catch up when shown again.
 */
export function usePolled<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
  intervalMs = REFRESH_MS,
): Polled<T> {
  const key = JSON.stringify(deps);
  const [state, setState] = useState<Omit<Polled<T>, 'reload' | 'stale'> & { key: string }>({
    data: undefined,
    error: undefined,
    loading: true,
    updatedAt: undefined,
    key,
  });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    let controller: AbortController | undefined;
    let disposed = false;
    const run = () => {
      controller?.abort();
      const current = new AbortController();
      controller = current;
      setState((s) => ({ ...s, loading: true }));
      loadRef.current(current.signal).then(
        (data) => {
          if (disposed || current.signal.aborted) return;
          setState({ data, error: undefined, loading: false, updatedAt: new Date(), key });
        },
        (error: unknown) => {
          if (disposed || current.signal.aborted) return;
          const err = error instanceof Error ? error : new Error(String(error));
          setState((s) => ({ ...s, error: err, loading: false }));
        },
      );
    };
    run();
    const timer = setInterval(() => {
      if (!document.hidden) run();
    }, intervalMs);
    const onVisible = () => {
      if (!document.hidden) run();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      disposed = true;
      controller?.abort();
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [...deps, nonce, intervalMs]);

  const stale = state.data !== undefined && state.key !== key;
  return { ...state, stale, reload: () => setNonce((n) => n + 1) };
}
