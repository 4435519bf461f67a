import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routing (`#/path?days=30&topic=…`): the API serves one index.html and needs no fallback
 * route for every dashboard page, and the filters live in the URL so a view can be shared.
 */
export interface Route {
  path: string;
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.startsWith('/') ? pathPart : `/${pathPart}`;
  return { path: path === '' ? '/' : path, params: new URLSearchParams(queryPart) };
}

export function formatHash(path: string, params: URLSearchParams): string {
  const qs = params.toString();
  return `#${path}${qs ? `?${qs}` : ''}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const update = () => setRoute(parseHash(location.hash));
    addEventListener('hashchange', update);
    return () => removeEventListener('hashchange', update);
  }, []);
  return route;
}

/** Changes the query of the current route, keeping the path; `null` removes a parameter. */
export function setParams(changes: Record<string, string | null>): void {
  const { path, params } = parseHash(location.hash);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  location.hash = formatHash(path, params);
}
