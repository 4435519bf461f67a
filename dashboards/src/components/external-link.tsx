import type { ComponentChildren } from 'preact';
import { safeHttpUrl } from '../lib/format.js';

/**
 * A link to a page outside Écoute, only when the URL is http(s); otherwise its text alone.
 * The target gets no referrer and no window.opener, and search engines are told not to follow.
 */
export function ExternalLink({
  href,
  class: className,
  children,
}: {
  href: string | null | undefined;
  class?: string;
  children: ComponentChildren;
}) {
  const url = safeHttpUrl(href);
  if (!url) return <span class={className}>{children}</span>;
  return (
    <a href={url} class={className} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}
