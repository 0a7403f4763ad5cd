-- 诉求统计: the first-records rollups (0062) kept in the order they are read. A province's partial period
-- reads ~70,000 rollup rows by chamber or department: the rows of its buckets' months whose previous month
-- lies before the period's first. The recount wrote them in a hash aggregate's order, so those rows lay on
-- nearly every page of the table (by chamber at 10M appeals: 71,332 rows on 20,724 of its 21,400 pages), and
-- a read fetched the whole table through the buffer cache.
--
-- The recount now ends by rewriting the three tables in the order of their previous-month index (bucket,
-- previous month, month): a period's rows are, for each bucket and previous month before the period, one run
-- of its months. Measured at 10M by chamber (the rollup part alone, warm): a quarter partial at both ends
-- 150–190 ms in key order → 110–160 ms in this order (~190 ms as written), a year's turn 90 → 72 ms, 30
-- months 256–421 → 54 ms. Pages keep a tenth free, so that the triggers' updates of a row's running totals
-- (no index holds `days`) stay on its page. New rows (a new month, a new previous month) are written as the
-- months come, in time order.
ALTER TABLE appeal_first_rollups SET (fillfactor = 90);
ALTER TABLE appeal_chamber_first_rollups SET (fillfactor = 90);
ALTER TABLE appeal_forward_first_rollups SET (fillfactor = 90);

ALTER FUNCTION recount_appeal_first_rollups() RENAME TO count_appeal_first_rollups;

-- Called by name from rebuild_appeal_first_records() and the org units' trigger (0062): both now end here.
CREATE FUNCTION recount_appeal_first_rollups() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM count_appeal_first_rollups();
  CLUSTER appeal_first_rollups USING appeal_first_rollups_prev_idx;
  CLUSTER appeal_chamber_first_rollups USING appeal_chamber_first_rollups_prev_idx;
  CLUSTER appeal_forward_first_rollups USING appeal_forward_first_rollups_prev_idx;
END
$$;

CLUSTER appeal_first_rollups USING appeal_first_rollups_prev_idx;
CLUSTER appeal_chamber_first_rollups USING appeal_chamber_first_rollups_prev_idx;
CLUSTER appeal_forward_first_rollups USING appeal_forward_first_rollups_prev_idx;
ANALYZE appeal_first_rollups, appeal_chamber_first_rollups, appeal_forward_first_rollups;

-- The reads take a row's part with subscripts now (modules/appeal-stats/repository.ts): nothing calls it.
DROP FUNCTION appeal_days_part(integer[], date, date, date);
