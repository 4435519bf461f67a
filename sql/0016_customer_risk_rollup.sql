-- 0016_customer_risk_rollup: the days of the sparkline kept beside its points on the customer row.
-- Re-scoring rebuilt each sparkline (sql/0009) from customer_risk_history, whose rows for one
-- customer lie one per daily page: on the bench (50,000 accounts, batches of 500 mentions touching
-- ~300 of them) that read was ~26 ms of a ~54 ms write, and finding the score of a week ago another
-- ~13 ms of scattered heap reads per batch. With the days on the row, the risk job derives both from
-- the row it rewrites anyway; it reads the history only for an account whose arrays do not cover the
-- window (never scored, or scored for a later day than the one being computed).
-- Invariant kept by the risk job: risk_sparkline_days[i] is the day of risk_sparkline[i], and the
-- two hold every history point later than 30 days before the day of risk_computed_at (UTC).
alter table customers add column risk_sparkline_days date[] not null default '{}';

update customers c set (risk_sparkline, risk_sparkline_days) = (
  select coalesce(array_agg(h.score order by h.day), '{}'), coalesce(array_agg(h.day order by h.day), '{}')
  from customer_risk_history h
  where h.customer_id = c.id and h.day > (c.risk_computed_at at time zone 'UTC')::date - 30)
where c.risk_computed_at is not null;
