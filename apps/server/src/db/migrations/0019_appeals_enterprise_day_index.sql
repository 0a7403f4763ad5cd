-- An enterprise's appeals by day. The distinct-enterprise triggers (0014) ask, on every appeal raised,
-- whether the enterprise has other appeals of that year (received_on) in the org unit: with the index
-- on (enterprise_id, received_at) the planner ANDed it with the org unit's whole year (3,000 index
-- entries for a street of the synthetic province) — 0.4–0.8 ms of each insert (bench/service-loop.ts,
-- pg_stat_statements with track = all). With the day beside the enterprise the year is a short range of the enterprise's own
-- appeals. The new index serves every lookup by enterprise_id the old one did; an enterprise's appeals
-- are few, so ordering them by received_at needs no index.
CREATE INDEX appeals_enterprise_day_idx ON appeals (enterprise_id, received_on);
DROP INDEX appeals_enterprise_idx;
