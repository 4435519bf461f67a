-- 0009_customer_sparklines: the churn board's sparklines precomputed on the customer row.
-- The board showed 30 days of risk per account by reading customer_risk_history for every page
-- (≈ 15 ms of scattered heap reads for 50 rows on a 50,000-account database); the risk job now
-- keeps the last 30 daily points on the customer itself, so a board page is one index scan.
alter table customers add column risk_sparkline real[] not null default '{}';
