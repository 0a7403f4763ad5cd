-- 诉求统计: the first-records rollups (0062) kept in the order they are read. A province's partial period
-- reads ~70,000 rollup rows by chamber or department: the rows of its buckets' months, neighbours in the
-- primary key. The recount wrote them in a hash aggregate's order, so those rows lay on nearly every page of
-- the table (by chamber at 10M appeals: 71,332 rows on 20,724 of its 21,400 pages), and the read fetched the
-- whole table through the buffer cache: 165 ms of the 342 ms the figure by chamber took, 130 ms by
-- department. Rewritten in key order they lie on ~1/12 of the pages: 20 ms and 25–36 ms.
--
-- The recount now ends by rewriting the three tables in primary-key order (CLUSTER), and pages keep a tenth
-- free, so that the triggers' updates of a row's running totals (no index holds `days`) stay on the row's
-- page instead of moving it to the table's end. New rows (a new month, a new previous month) are written as
-- the months come, in time order: a quarter's rows stay together without a recount.
ALTER TABLE appeal_first_rollups SET (fillfactor = 90);
ALTER TABLE appeal_chamber_first_rollups SET (fillfactor = 90);
ALTER TABLE appeal_forward_first_rollups SET (fillfactor = 90);

ALTER FUNCTION recount_appeal_first_rollups() RENAME TO count_appeal_first_rollups;

-- Called by name from rebuild_appeal_first_records() and the org units' trigger (0062): both now end here.
CREATE FUNCTION recount_appeal_first_rollups() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM count_appeal_first_rollups();
  CLUSTER appeal_first_rollups USING appeal_first_rollups_pkey;
  CLUSTER appeal_chamber_first_rollups USING appeal_chamber_first_rollups_pkey;
  CLUSTER appeal_forward_first_rollups USING appeal_forward_first_rollups_pkey;
END
$$;

CLUSTER appeal_first_rollups USING appeal_first_rollups_pkey;
CLUSTER appeal_chamber_first_rollups USING appeal_chamber_first_rollups_pkey;
CLUSTER appeal_forward_first_rollups USING appeal_forward_first_rollups_pkey;
ANALYZE appeal_first_rollups, appeal_chamber_first_rollups, appeal_forward_first_rollups;

-- The reads take a row's part with subscripts now (modules/appeal-stats/repository.ts): nothing calls it.
DROP FUNCTION appeal_days_part(integer[], date, date, date);
