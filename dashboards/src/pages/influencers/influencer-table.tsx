import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import type { Scope } from '../../api/endpoints.js';
import { PlatformBadge } from '../../components/badges.js';
import { ExternalLink } from '../../components/external-link.js';
import { formatCompact, formatInt, formatPercent } from '../../lib/format.js';
import { AuthorMentions } from './author-mentions.js';
import type { Influencer, SortKey } from './influencers-api.js';
import { StanceBadges } from './stance-badge.js';

const COLUMNS: { key: SortKey; label: string; title: string }[] = [
  {
    key: 'score',
    label: 'Influence',
    title: 'Composite score, 0–100 (hover a score for its breakdown)',
  },
  {
    key: 'pagerank',
    label: 'PageRank',
    title: 'Share of attention in the reply/mention/repost network',
  },
  {
    key: 'inDegree',
    label: 'Engaged by',
    title: 'Distinct authors who replied to, mentioned, quoted or reposted them',
  },
  { key: 'reach', label: 'Reach', title: 'Followers, where the platform gives them' },
  { key: 'engagement', label: 'Engagement', title: 'Likes, reposts and replies per mention' },
  { key: 'volume', label: 'Mentions', title: 'Their mentions in this topic and window' },
  {
    key: 'negativeShare',
    label: 'Negative',
    title: 'Share of their analysed mentions that are negative or dissatisfied',
  },
];

function breakdownText(i: Influencer): string {
  return Object.entries(i.breakdown.components)
    .map(([name, c]) => `${name}: ${c.contribution.toFixed(1)} (weight ${c.weight})`)
    .join('\n');
}

function cell(i: Influencer, key: SortKey): string {
  switch (key) {
    case 'score':
      return i.score.toFixed(1);
    case 'pagerank':
      return i.pagerank.toFixed(4);
    case 'inDegree':
      return formatInt(i.inDegree);
    case 'reach':
      return i.followers === null ? '—' : formatCompact(i.followers);
    case 'engagement':
      return i.engagement.toFixed(1);
    case 'volume':
      return formatInt(i.volume);
    case 'negativeShare':
      return i.negativeShare === null ? '—' : formatPercent(i.negativeShare);
  }
}

interface Props {
  scope: Scope;
  items: Influencer[];
  sort: SortKey;
  onSort(key: SortKey): void;
}

/** Influencers, best first by the chosen column; a row opens the author's mentions. */
export function InfluencerTable({ scope, items, sort, onSort }: Props) {
  const [open, setOpen] = useState<string | null>(null);
  return (
    <div class="table-wrap">
      <table class="table influencer-table">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Author</th>
            <th scope="col">Stance</th>
            {COLUMNS.map((c) => (
              <th
                key={c.key}
                scope="col"
                class="num"
                title={c.title}
                aria-sort={sort === c.key ? 'descending' : 'none'}
              >
                <button type="button" class="sort-button" onClick={() => onSort(c.key)}>
                  {c.label}
                  {sort === c.key ? ' ▼' : ''}
                </button>
              </th>
            ))}
            <th scope="col">Mentions</th>
          </tr>
        </thead>
        <tbody>
          {items.map((i) => (
            <Fragment key={i.authorId}>
              <tr class={i.flagBearer ? 'is-flag-bearer' : undefined} data-author={i.authorId}>
                <td class="num">{i.rank}</td>
                <th scope="row">
                  <ExternalLink href={i.profileUrl} class="author-name">
                    {i.name ?? i.handle}
                  </ExternalLink>
                  <span class="author-handle">
                    {i.handle} <PlatformBadge platform={i.platform} />
                  </span>
                </th>
                <td>
                  <StanceBadges influencer={i} />
                </td>
                {COLUMNS.map((c) => (
                  <td
                    key={c.key}
                    class="num"
                    title={c.key === 'score' ? breakdownText(i) : undefined}
                  >
                    {cell(i, c.key)}
                  </td>
                ))}
                <td>
                  <button
                    type="button"
                    class="link-button"
                    aria-expanded={open === i.authorId}
                    onClick={() => setOpen(open === i.authorId ? null : i.authorId)}
                  >
                    {open === i.authorId ? 'Hide' : 'Show'}
                  </button>
                </td>
              </tr>
              {open === i.authorId && (
                <tr class="author-mentions-row">
                  <td colSpan={COLUMNS.length + 4}>
                    <AuthorMentions scope={scope} authorId={i.authorId} />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
