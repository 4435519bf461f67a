import type { Scope } from '../../api/endpoints.js';
import { ExternalLink } from '../../components/external-link.js';
import { ErrorState, Loading } from '../../components/states.js';
import { formatRelative } from '../../lib/format.js';
import { usePolled } from '../../lib/use-polled.js';
import { fetchAuthorMentions } from './influencers-api.js';

/** The author's latest mentions of the topic and window, each linked to where it was said. */
export function AuthorMentions({ scope, authorId }: { scope: Scope; authorId: string }) {
  const polled = usePolled(
    (signal) => fetchAuthorMentions(scope, authorId, signal),
    [scope.days, scope.topic, authorId],
  );
  if (polled.data === undefined && polled.error) return <ErrorState error={polled.error} compact />;
  if (polled.data === undefined) return <Loading label="Loading their mentions…" />;
  if (polled.data.items.length === 0) return <p class="muted">No mentions in this window.</p>;
  return (
    <ol class="author-mentions">
      {polled.data.items.map((m) => (
        <li key={m.id}>
          <ExternalLink href={m.url} class="author-mention-text">
            {m.text.length > 240 ? `${m.text.slice(0, 240)}…` : m.text}
          </ExternalLink>
          <span class="muted"> · {formatRelative(m.publishedAt)}</span>
        </li>
      ))}
    </ol>
  );
}
