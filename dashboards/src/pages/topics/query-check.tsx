import type { QueryCheck } from './topics-api.js';

/**
 * The parser's verdict under the query box: where and why it does not parse (the query shown
 * with a marker at the position), or how it is read (the normalised form).
 */
export function QueryCheckView({ query, check }: { query: string; check: QueryCheck | undefined }) {
  if (!check) return null;
  if (check.ok) {
    return (
      <p class="query-ok" data-query-check="ok">
        Read as <code>{check.normalised}</code>
      </p>
    );
  }
  const at = Math.min(check.position, query.length);
  return (
    <div class="query-error" role="alert" data-query-check="error" data-position={check.position}>
      <p class="field-error">{check.reason}</p>
      <pre class="query-marked" aria-hidden="true">
        {query.slice(0, at)}
        <mark>{query.slice(at, at + 1) || ' '}</mark>
        {query.slice(at + 1)}
      </pre>
    </div>
  );
}
