-- PROTOTYPE (not a migration; run by hand on the synthetic province of bench/service-loop.ts): the reads of
-- the design in the decision's last section — rollup rows keyed by district bucket, with running day totals
-- in each row — built as unlogged side tables with one GROUP BY each, so that their reads can be timed and
-- compared with the records before anything is kept by triggers. Drop with the tables named p_*.
\timing on
SET work_mem = '512MB';
SET maintenance_work_mem = '1GB';
SET max_parallel_workers_per_gather = 0;

DROP TABLE IF EXISTS p_bucket, p_first, p_forward_first, p_first_rollups, p_forward_first_rollups,
  p_forward_counters;
DROP AGGREGATE IF EXISTS p_days(integer, integer);
DROP FUNCTION IF EXISTS p_days_add(integer[], integer, integer);
DROP AGGREGATE IF EXISTS p_days2(integer, integer, integer[]);
DROP FUNCTION IF EXISTS p_days2_add(integer[], integer, integer, integer[]);

-- A unit's bucket: its nearest ancestor-or-self of kind district; a unit above district level is its own.
CREATE UNLOGGED TABLE p_bucket AS
SELECT u.id AS org_unit_id,
  coalesce((SELECT d.id FROM org_units d WHERE d.kind = 'district' AND u.path LIKE d.path || '%'
    ORDER BY d.depth DESC LIMIT 1), u.id) AS bucket_id
FROM org_units u;
ALTER TABLE p_bucket ADD PRIMARY KEY (org_unit_id);

-- Running totals by day of month: days[d] = the records of days 1..d.
CREATE FUNCTION p_days_add(days integer[], day integer, n integer) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  FOR k IN day..31 LOOP days[k] := days[k] + n; END LOOP;
  RETURN days;
END $$;
CREATE AGGREGATE p_days(integer, integer) (SFUNC = p_days_add, STYPE = integer[],
  INITCOND = '{0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0}');
-- The same for several counters at once: counters[c][d] = counter c's sum over days 1..d.
CREATE FUNCTION p_days2_add(days integer[], day integer, width integer, add integer[]) RETURNS integer[]
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF days IS NULL THEN days := array_fill(0, ARRAY[width, 31]); END IF;
  FOR c IN 1..width LOOP
    IF add[c] <> 0 THEN
      FOR k IN day..31 LOOP days[c][k] := days[c][k] + add[c]; END LOOP;
    END IF;
  END LOOP;
  RETURN days;
END $$;
CREATE AGGREGATE p_days2(integer, integer, integer[]) (SFUNC = p_days2_add, STYPE = integer[]);

-- The chains, as migration 0048 of the patch keeps them.
CREATE UNLOGGED TABLE p_first AS
SELECT id, org_unit_id, enterprise_id, received_on, category_code,
  lag(received_on) OVER (PARTITION BY org_unit_id, enterprise_id ORDER BY received_on, id) AS prev_on,
  lag(received_on) OVER (PARTITION BY org_unit_id, enterprise_id, category_code ORDER BY received_on, id)
    AS prev_category_on
FROM appeals;
CREATE INDEX p_first_prev_idx ON p_first (prev_on) INCLUDE (org_unit_id, received_on) WHERE prev_on IS NOT NULL;
CREATE INDEX p_first_prev_category_idx ON p_first (prev_category_on) INCLUDE (org_unit_id, received_on, category_code)
  WHERE prev_category_on IS NOT NULL;

CREATE UNLOGGED TABLE p_forward_first AS
SELECT f.id, f.org_unit_id, f.department_id, a.enterprise_id, f.forwarded_on,
  lag(f.forwarded_on) OVER (PARTITION BY f.org_unit_id, f.department_id, a.enterprise_id
    ORDER BY f.forwarded_on, f.id) AS prev_forwarded_on
FROM appeal_forwards f JOIN appeals a ON a.id = f.appeal_id;
CREATE INDEX p_forward_first_prev_idx ON p_forward_first (prev_forwarded_on)
  INCLUDE (org_unit_id, department_id, forwarded_on) WHERE prev_forwarded_on IS NOT NULL;

CREATE UNLOGGED TABLE p_first_rollups AS
SELECT bucket_id, month, grouped_by, key, prev_month, p_days(day, n) AS days
FROM (
  SELECT b.bucket_id, date_trunc('month', f.received_on)::date AS month, g.grouped_by, g.key,
    coalesce(date_trunc('month', g.prev)::date, '-infinity'::date) AS prev_month,
    extract(day FROM f.received_on)::int AS day, count(*)::int AS n
  FROM p_first f JOIN p_bucket b USING (org_unit_id)
    CROSS JOIN LATERAL (VALUES ('all', '', f.prev_on), ('category', f.category_code, f.prev_category_on))
      AS g (grouped_by, key, prev)
  GROUP BY 1, 2, 3, 4, 5, 6
) AS by_day
GROUP BY 1, 2, 3, 4, 5;
ALTER TABLE p_first_rollups ADD PRIMARY KEY (bucket_id, month, grouped_by, key, prev_month);

CREATE UNLOGGED TABLE p_forward_first_rollups AS
SELECT bucket_id, month, department_id, prev_month, p_days(day, n) AS days
FROM (
  SELECT b.bucket_id, date_trunc('month', f.forwarded_on)::date AS month, f.department_id,
    coalesce(date_trunc('month', f.prev_forwarded_on)::date, '-infinity'::date) AS prev_month,
    extract(day FROM f.forwarded_on)::int AS day, count(*)::int AS n
  FROM p_forward_first f JOIN p_bucket b USING (org_unit_id)
  GROUP BY 1, 2, 3, 4, 5
) AS by_day
GROUP BY 1, 2, 3, 4;
ALTER TABLE p_forward_first_rollups ADD PRIMARY KEY (bucket_id, month, department_id, prev_month);

-- The departments' counters (appeal_forward_rollups' fifteen) by bucket, month and department, with running
-- day totals: counters[c][d].
CREATE UNLOGGED TABLE p_forward_counters AS
SELECT bucket_id, month, department_id, p_days2(day, 15, counts) AS counters
FROM (
  SELECT b.bucket_id, date_trunc('month', f.forwarded_on)::date AS month, f.department_id,
    extract(day FROM f.forwarded_on)::int AS day,
    ARRAY[count(*), count(*) FILTER (WHERE f.state = 'returned'), count(*) FILTER (WHERE f.state = 'withdrawn'),
      count(f.responded_at), count(*) FILTER (WHERE f.responded_at <= f.respond_due_at),
      count(*) FILTER (WHERE f.state = 'pending' AND f.response_overdue),
      count(*) FILTER (WHERE f.state = 'resolved'), count(*) FILTER (WHERE f.state = 'unsolvable'),
      count(*) FILTER (WHERE f.answered_at <= f.resolve_due_at), count(*) FILTER (WHERE f.answered_at > f.resolve_due_at),
      count(*) FILTER (WHERE f.state IN ('pending', 'accepted') AND f.resolve_overdue), count(f.satisfaction),
      count(*) FILTER (WHERE f.satisfaction = 'satisfied'), count(*) FILTER (WHERE f.satisfaction = 'basically_satisfied'),
      count(*) FILTER (WHERE f.satisfaction = 'dissatisfied')]::int[] AS counts
  FROM appeal_forwards f JOIN p_bucket b USING (org_unit_id)
  GROUP BY 1, 2, 3, 4
) AS by_day
GROUP BY 1, 2, 3;
ALTER TABLE p_forward_counters ADD PRIMARY KEY (bucket_id, month, department_id);

VACUUM ANALYZE p_bucket, p_first, p_forward_first, p_first_rollups, p_forward_first_rollups, p_forward_counters;
SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE relname LIKE 'p\_%' ORDER BY relname;
