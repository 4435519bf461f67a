import type { InfluencerDto } from '../influencer.query.js';
import { METRIC_DICTIONARY } from '../metric-dictionary.js';

/** Export columns, in dictionary order. */
export const EXPORT_COLUMNS: readonly string[] = METRIC_DICTIONARY.map((m) => m.field);

export type ExportCell = string | number | boolean | null;

/** One influencer as a flat record of the dictionary's fields (the breakdown as score_* cells). */
export function exportRow(i: InfluencerDto): Record<string, ExportCell> {
  const c = i.breakdown.components;
  return {
    rank: i.rank,
    authorId: i.authorId,
    handle: i.handle,
    name: i.name,
    platform: i.platform,
    profileUrl: i.profileUrl,
    lang: i.lang,
    score: i.score,
    pagerank: i.pagerank,
    inDegree: i.inDegree,
    outDegree: i.outDegree,
    inWeight: i.inWeight,
    outWeight: i.outWeight,
    followers: i.followers,
    volume: i.volume,
    interactions: i.interactions,
    engagement: i.engagement,
    engagementRate: i.engagementRate,
    analysed: i.analysed,
    negativeShare: i.negativeShare,
    stance: i.stance,
    flagBearer: i.flagBearer,
    botLike: i.botLike,
    botReason: i.botReason,
    score_pagerank: c.pagerank.contribution,
    score_inDegree: c.inDegree.contribution,
    score_reach: c.reach.contribution,
    score_engagement: c.engagement.contribution,
    score_volume: c.volume.contribution,
  };
}
