import { useEffect, useState } from 'preact/hooks';
import { fetchCopies } from '../../api/endpoints.js';
import type { Mention } from '../../api/types.js';
import { PlatformBadge, platformName } from '../../components/badges.js';
import { ExternalLink } from '../../components/external-link.js';
import { formatRelative, safeHttpUrl } from '../../lib/format.js';

/**
 * The copies of a post that other sources brought in (a feed item and its Mastodon echo, a
 * repost with a tracking link): grouped under the canonical mention, not counted as volume,
 * listed here on request.
 */
export function MentionCopies({ mention }: { mention: Mention }) {
  const [open, setOpen] = useState(false);
  const [copies, setCopies] = useState<Mention[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    if (!open || copies) return;
    const abort = new AbortController();
    fetchCopies(mention.id, abort.signal).then(
      (page) => setCopies(page.items),
      () => !abort.signal.aborted && setFailed(true),
    );
    return () => abort.abort();
  }, [open, copies, mention.id]);

  const n = mention.duplicateCount;
  const listId = `copies-${mention.id}`;
  return (
    <div class="mention-copies">
      <button
        type="button"
        class="link-button"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen(!open)}
      >
        {n === 1 ? '1 copy from another source' : `${n} copies from other sources`}
      </button>
      {open && (
        <ul id={listId} class="copy-list">
          {failed && <li class="muted">The copies could not be loaded.</li>}
          {!failed && !copies && <li class="muted">Loading…</li>}
          {copies?.map((c) => (
            <li key={c.id} data-copy-id={c.id}>
              <PlatformBadge platform={c.platform} />{' '}
              <span class="author-name">
                {c.author?.name || c.author?.handle || 'Unknown author'}
              </span>{' '}
              {c.source && <span class="muted">via {c.source.name}</span>}{' '}
              <time dateTime={c.publishedAt}>{formatRelative(c.publishedAt)}</time>{' '}
              {safeHttpUrl(c.url) && (
                <ExternalLink href={c.url} class="permalink">
                  Open on {platformName(c.platform)}
                </ExternalLink>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
