import { useState } from 'preact/hooks';
import type { Mention } from '../../api/types.js';
import { PlatformBadge, SentimentBadge, platformName } from '../../components/badges.js';
import { ExternalLink } from '../../components/external-link.js';
import { formatDateTime, formatRelative, safeHttpUrl } from '../../lib/format.js';
import { activeSignals, highlightSegments } from '../../lib/signals.js';
import { CorrectLabels } from './correct-labels.js';
import { MentionCopies } from './mention-copies.js';
import { EvidenceList, SignalChips } from './signal-chips.js';

/** Longer texts are cut here (characters) until the reader asks for the rest. */
const PREVIEW_CHARS = 420;

/** One mention; every piece of social data is rendered as text, never as markup. */
export function MentionItem({ mention }: { mention: Mention }) {
  const [open, setOpen] = useState<string | null>(null);
  const [full, setFull] = useState(false);
  const signals = mention.analysis ? activeSignals(mention.analysis) : [];
  const shown = new Set(signals.map((s) => s.name as string));
  const evidence = (mention.analysis?.evidence ?? []).filter((e) => shown.has(e.target));
  const long = mention.text.length > PREVIEW_CHARS;
  const text = long && !full ? mention.text.slice(0, PREVIEW_CHARS) : mention.text;
  const segments = highlightSegments(text, evidence);
  const openSignal = signals.find((s) => s.name === open);
  const author = mention.author;

  return (
    <article
      class="mention"
      data-mention-id={mention.id}
      lang={mention.lang && mention.lang !== 'unknown' ? mention.lang : undefined}
    >
      <header class="mention-head">
        <PlatformBadge platform={mention.platform} />
        <span class="author">
          {author ? (
            <ExternalLink href={author.profileUrl} class="author-name">
              {author.name || author.handle || 'Unknown author'}
            </ExternalLink>
          ) : (
            <span class="author-name">Unknown author</span>
          )}
          {author?.handle && author.name && (
            <span class="handle">@{author.handle.replace(/^@/, '')}</span>
          )}
        </span>
        <time dateTime={mention.publishedAt} title={formatDateTime(mention.publishedAt)}>
          {formatRelative(mention.publishedAt)}
        </time>
      </header>
      {mention.title && <h3 class="mention-title">{mention.title}</h3>}
      <p class="mention-text">
        {segments.map((s, i) =>
          s.mark ? (
            <mark key={i} class={`ev-${s.mark}`}>
              {s.text}
            </mark>
          ) : (
            s.text
          ),
        )}
        {long && !full && '…'}
        {long && (
          <button
            type="button"
            class="link-button"
            onClick={() => setFull(!full)}
            aria-expanded={full}
          >
            {full ? 'Show less' : 'Show more'}
          </button>
        )}
      </p>
      <footer class="mention-foot">
        {mention.analysis ? (
          <SentimentBadge
            label={mention.analysis.sentiment.label}
            score={mention.analysis.sentiment.score}
          />
        ) : (
          <span class="badge pending">Analysing…</span>
        )}
        {mention.analysis?.dissatisfied && <span class="badge dissatisfied">Dissatisfied</span>}
        <SignalChips
          signals={signals}
          open={open}
          onToggle={(name) => setOpen(open === name ? null : name)}
          mentionId={mention.id}
        />
        {mention.topics.map((t) => (
          <span
            key={t.id}
            class="tag"
            title={t.matchedTerms.length ? `Matched: ${t.matchedTerms.join(', ')}` : undefined}
          >
            {t.name}
          </span>
        ))}
        {safeHttpUrl(mention.url) && (
          <ExternalLink href={mention.url} class="permalink">
            Open on {platformName(mention.platform)}
          </ExternalLink>
        )}
      </footer>
      {openSignal && (
        <EvidenceList signal={openSignal} id={`ev-${mention.id}-${openSignal.name}`} />
      )}
      {mention.duplicateCount > 0 && <MentionCopies mention={mention} />}
      <CorrectLabels mention={mention} />
    </article>
  );
}
