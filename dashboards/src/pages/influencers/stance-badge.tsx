import type { Influencer } from './influencers-api.js';

const STANCE_TEXT = {
  negative: 'Negative',
  neutral: 'Neutral',
  positive: 'Positive',
  unknown: 'Not analysed',
} as const;

/** Stance, plus the flag-bearer and bot-like marks, each with the reason in its title. */
export function StanceBadges({ influencer: i }: { influencer: Influencer }) {
  const share =
    i.negativeShare === null ? '' : ` — ${Math.round(i.negativeShare * 100)} % negative`;
  return (
    <span class="stance-badges">
      <span
        class={`badge stance-badge sentiment-${i.stance === 'unknown' ? 'neutral' : i.stance}`}
        title={`Stance${share}`}
      >
        {STANCE_TEXT[i.stance]}
      </span>
      {i.flagBearer && (
        <span class="badge flag-bearer" title="Influential and mostly negative">
          Flag-bearer
        </span>
      )}
      {i.botLike && (
        <span class="badge bot-like" title={i.botReason ?? 'Looks automated'}>
          Bot-like
        </span>
      )}
    </span>
  );
}
