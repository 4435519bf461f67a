import { sql } from 'kysely';
import type { Executor } from '../db/database.js';

/**
 * The crowd's demand and the team's judgement of live ideas, kept apart. Demand counts everything
 * in an idea's family (itself and the ideas merged into it); scores are the surviving idea's own.
 */
export interface Demand {
  /** Distinct people (API keys) who voted, across the family: one vote per person. */
  votes: number;
  /** Distinct authors of the public mentions linked to the family. */
  supporters: number;
  mentions: number;
  /**
   * Customer accounts among the supporters (confirmed author ↔ customer links of the customers
   * module) and the sum of their yearly value, each account counted once.
   */
  customers: number;
  customerValue: number;
}

export interface ScoreSummary {
  reviewers: number;
  feasibility: Spread | null;
  impact: Spread | null;
}

export interface Spread {
  mean: number;
  /** Population standard deviation: 0 when every reviewer agrees. */
  stddev: number;
  min: number;
  max: number;
}

export interface IdeaFigures {
  demand: Demand;
  scores: ScoreSummary;
}

interface FiguresRow {
  id: string;
  votes: string;
  supporters: string;
  mentions: string;
  customers: string;
  customer_value: string | null;
  reviewers: string;
  f_mean: number | null;
  f_sd: number | null;
  f_min: number | null;
  f_max: number | null;
  i_mean: number | null;
  i_sd: number | null;
  i_min: number | null;
  i_max: number | null;
}

export async function ideaFigures(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, IdeaFigures>> {
  if (ids.length === 0) return new Map();
  const r = await sql<FiguresRow>`
    with fam as (select id, root from idea_roots where root = any(${[...ids]}::bigint[])),
    links as (
      select distinct f.root, im.mention_id, m.author_id from fam f
      join idea_mentions im on im.idea_id = f.id join mentions m on m.id = im.mention_id),
    votes as (
      select f.root, count(distinct v.voter_key) as n from fam f
      join idea_votes v on v.idea_id = f.id group by f.root),
    supporters as (
      select root, count(distinct author_id) as people, count(distinct mention_id) as mentions
      from links group by root),
    accounts as (
      select distinct l.root, c.id, c.value from links l
      join customer_identities ci on ci.author_id = l.author_id and ci.status = 'confirmed'
      join customers c on c.id = ci.customer_id),
    value as (select root, count(*) as n, sum(value) as total from accounts group by root),
    scores as (
      select idea_id as root, count(*) as n,
        avg(feasibility)::float8 as f_mean, stddev_pop(feasibility)::float8 as f_sd,
        min(feasibility) as f_min, max(feasibility) as f_max,
        avg(impact)::float8 as i_mean, stddev_pop(impact)::float8 as i_sd,
        min(impact) as i_min, max(impact) as i_max
      from idea_scores where idea_id = any(${[...ids]}::bigint[]) group by idea_id)
    select i.id, coalesce(v.n, 0) as votes, coalesce(s.people, 0) as supporters,
      coalesce(s.mentions, 0) as mentions, coalesce(val.n, 0) as customers,
      val.total as customer_value, coalesce(sc.n, 0) as reviewers,
      sc.f_mean, sc.f_sd, sc.f_min, sc.f_max, sc.i_mean, sc.i_sd, sc.i_min, sc.i_max
    from unnest(${[...ids]}::bigint[]) as i(id)
    left join votes v on v.root = i.id
    left join supporters s on s.root = i.id
    left join value val on val.root = i.id
    left join scores sc on sc.root = i.id
  `.execute(db);
  return new Map(r.rows.map((row) => [row.id, toFigures(row)]));
}

function toFigures(r: FiguresRow): IdeaFigures {
  return {
    demand: {
      votes: Number(r.votes),
      supporters: Number(r.supporters),
      mentions: Number(r.mentions),
      customers: Number(r.customers),
      customerValue: r.customer_value === null ? 0 : Number(r.customer_value),
    },
    scores: {
      reviewers: Number(r.reviewers),
      feasibility: spread(r.f_mean, r.f_sd, r.f_min, r.f_max),
      impact: spread(r.i_mean, r.i_sd, r.i_min, r.i_max),
    },
  };
}

function spread(
  mean: number | null,
  sd: number | null,
  min: number | null,
  max: number | null,
): Spread | null {
  if (mean === null || sd === null || min === null || max === null) return null;
  const round = (x: number) => Math.round(x * 100) / 100;
  return { mean: round(mean), stddev: round(sd), min, max };
}

/** People asking for an idea: voters plus public supporters (the board's demand sort). */
export const demandWeight = (d: Demand) => d.votes + d.supporters;
