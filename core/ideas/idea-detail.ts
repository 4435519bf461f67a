import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { getIdea, type IdeaDto } from './idea.service.js';
import { listLeaders, suggestedLeaders, type LeaderDto } from './leaders.js';
import { mergeHistory, type MergeDto } from './merge.js';
import { listScores, scoreAudit, type ReviewerScoreDto, type ScoreAuditDto } from './scores.js';
import { statusHistory, type StatusChangeDto } from './status.js';

export interface SupportingMentionDto {
  mentionId: string;
  /** The idea of the family it is linked to (this one, or one merged into it). */
  viaIdeaId: string;
  text: string;
  url: string | null;
  platform: string;
  publishedAt: string;
  lang: string | null;
  evidence: unknown[];
  author: {
    id: string;
    handle: string;
    displayName: string | null;
    profileUrl: string | null;
  } | null;
}

export interface IdeaDetailDto extends IdeaDto {
  mentions: SupportingMentionDto[];
  votes: { voter: string; via: string; at: string }[];
  reviewerScores: ReviewerScoreDto[];
  scoreAudit: ScoreAuditDto[];
  history: StatusChangeDto[];
  merges: MergeDto[];
  mergedIdeas: { id: string; title: string }[];
  leaders: LeaderDto[];
  suggestedLeaders: LeaderDto[];
  replies: PreparedReplyDto[];
}

export interface PreparedReplyDto {
  id: string;
  mentionId: string;
  authorId: string;
  platform: string;
  lang: string;
  text: string;
  status: string;
  statusChangeId: string;
  createdAt: string;
}

/** Mentions shown on the idea page; the demand figures count them all. */
const MENTIONS_SHOWN = 200;

export async function getIdeaDetail(db: Db, id: string): Promise<IdeaDetailDto> {
  const idea = await getIdea(db, id);
  const [
    mentions,
    votes,
    merged,
    reviewerScores,
    audit,
    history,
    merges,
    leaders,
    suggested,
    replies,
  ] = await Promise.all([
    supportingMentions(db, id),
    familyVotes(db, id),
    db
      .selectFrom('idea_roots as r')
      .innerJoin('ideas as i', 'i.id', 'r.id')
      .select(['i.id', 'i.title'])
      .where('r.root', '=', id)
      .where('i.id', '!=', id)
      .orderBy('i.id')
      .execute(),
    listScores(db, id),
    scoreAudit(db, id),
    statusHistory(db, id),
    mergeHistory(db, id),
    listLeaders(db, id),
    suggestedLeaders(db, id),
    listReplies(db, id),
  ]);
  return {
    ...idea,
    mentions,
    votes,
    reviewerScores,
    scoreAudit: audit,
    history,
    merges,
    mergedIdeas: merged,
    leaders,
    suggestedLeaders: suggested,
    replies,
  };
}

async function supportingMentions(db: Db, id: string): Promise<SupportingMentionDto[]> {
  const r = await sql<{
    mention_id: string;
    via: string;
    text: string;
    url: string | null;
    platform: string;
    published_at: Date;
    lang: string | null;
    evidence: unknown[] | null;
    author_id: string | null;
    handle: string | null;
    display_name: string | null;
    profile_url: string | null;
  }>`
    select im.mention_id, im.idea_id as via, m.text, m.url, m.platform, m.published_at, an.lang,
      an.evidence, a.id as author_id, a.handle, a.display_name, a.profile_url
    from idea_roots f join idea_mentions im on im.idea_id = f.id
    join mentions m on m.id = im.mention_id
    left join mention_analyses an on an.mention_id = m.id
    left join authors a on a.id = m.author_id
    where f.root = ${id}::bigint
    order by m.published_at desc, m.id desc limit ${MENTIONS_SHOWN}
  `.execute(db);
  return r.rows.map((x) => ({
    mentionId: x.mention_id,
    viaIdeaId: x.via,
    text: x.text,
    url: x.url,
    platform: x.platform,
    publishedAt: x.published_at.toISOString(),
    lang: x.lang,
    evidence: x.evidence ?? [],
    author: x.author_id
      ? {
          id: x.author_id,
          handle: x.handle ?? '',
          displayName: x.display_name,
          profileUrl: x.profile_url,
        }
      : null,
  }));
}

async function familyVotes(db: Db, id: string) {
  const r = await sql<{ voter: string; via: string; at: Date }>`
    select k.name as voter, v.idea_id as via, v.created_at as at
    from idea_roots f join idea_votes v on v.idea_id = f.id join api_keys k on k.id = v.voter_key
    where f.root = ${id}::bigint order by v.created_at
  `.execute(db);
  return r.rows.map((x) => ({ voter: x.voter, via: x.via, at: x.at.toISOString() }));
}

export async function listReplies(db: Db, ideaId: string): Promise<PreparedReplyDto[]> {
  const rows = await db
    .selectFrom('idea_replies')
    .selectAll()
    .where('idea_id', '=', ideaId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    mentionId: r.mention_id,
    authorId: r.author_id,
    platform: r.platform,
    lang: r.lang,
    text: r.text,
    status: r.status,
    statusChangeId: r.status_history_id,
    createdAt: r.created_at.toISOString(),
  }));
}
