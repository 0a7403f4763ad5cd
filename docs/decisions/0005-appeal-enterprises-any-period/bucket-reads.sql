-- PROTOTYPE reads of buckets.sql, province scope, any period: each read a view, run twice (the second's time
-- is the warm one) and its result compared with the records' (each comparison must print 0 rows).
-- psql -v from=2026-07-10 -v to=2026-09-20 -f bucket-reads.sql
\timing on
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '64MB';
SELECT path AS scope FROM org_units WHERE kind = 'province' ORDER BY depth LIMIT 1 \gset
SELECT date_trunc('month', :'from'::date)::date AS head, date_trunc('month', :'to'::date)::date AS tail,
  extract(day FROM :'from'::date)::int AS lo, extract(day FROM :'to'::date)::int AS hi \gset

CREATE TEMP VIEW scope_units AS SELECT id FROM org_units WHERE path LIKE :'scope' || '%';

-- The part of a rollup row's month inside [from, to], from its running totals.
CREATE OR REPLACE FUNCTION pg_temp.part(days integer[], month date, head date, tail date, lo integer, hi integer)
RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT days[CASE WHEN month = tail THEN hi ELSE 31 END]
    - CASE WHEN month = head THEN coalesce(days[lo - 1], 0) ELSE 0 END
$$;


\echo '--- distinct enterprises, total: records'
CREATE TEMP VIEW r_total_v AS
SELECT count(*)::int AS n FROM (SELECT DISTINCT org_unit_id, enterprise_id FROM appeals
  WHERE received_on BETWEEN :'from' AND :'to' AND org_unit_id IN (SELECT id FROM scope_units)) AS pairs;
CREATE TEMP TABLE r_total AS SELECT * FROM r_total_v;
CREATE TEMP TABLE r_total_warm AS SELECT * FROM r_total_v;

\echo '--- distinct enterprises, total: buckets'
CREATE TEMP VIEW b_total_v AS
SELECT (SELECT coalesce(sum(pg_temp.part(r.days, r.month, :'head', :'tail', :lo, :hi)), 0)
        FROM p_first_rollups r
        WHERE r.bucket_id IN (SELECT id FROM scope_units) AND r.month BETWEEN :'head' AND :'tail'
          AND r.grouped_by = 'all' AND r.prev_month < :'head')
     + (SELECT count(*) FROM p_first f
        WHERE f.prev_on >= :'head' AND f.prev_on < :'from' AND f.received_on BETWEEN :'from' AND :'to'
          AND f.org_unit_id IN (SELECT id FROM scope_units))::int AS n;
CREATE TEMP TABLE b_total AS SELECT * FROM b_total_v;
CREATE TEMP TABLE b_total_warm AS SELECT * FROM b_total_v;
(SELECT * FROM r_total EXCEPT SELECT * FROM b_total) UNION ALL (SELECT * FROM b_total EXCEPT SELECT * FROM r_total);

\echo '--- distinct enterprises by category: records'
CREATE TEMP VIEW r_category_v AS
SELECT category_code AS key, count(*)::int AS n FROM (SELECT DISTINCT org_unit_id, enterprise_id, category_code
  FROM appeals WHERE received_on BETWEEN :'from' AND :'to' AND org_unit_id IN (SELECT id FROM scope_units)) AS t
GROUP BY 1;
CREATE TEMP TABLE r_category AS SELECT * FROM r_category_v;
CREATE TEMP TABLE r_category_warm AS SELECT * FROM r_category_v;

\echo '--- distinct enterprises by category: buckets'
CREATE TEMP VIEW b_category_v AS
SELECT key, sum(n)::int AS n FROM (
  SELECT r.key, sum(pg_temp.part(r.days, r.month, :'head', :'tail', :lo, :hi)) AS n FROM p_first_rollups r
  WHERE r.bucket_id IN (SELECT id FROM scope_units) AND r.month BETWEEN :'head' AND :'tail'
    AND r.grouped_by = 'category' AND r.prev_month < :'head'
  GROUP BY 1
  UNION ALL
  SELECT f.category_code, count(*) FROM p_first f
  WHERE f.prev_category_on >= :'head' AND f.prev_category_on < :'from' AND f.received_on BETWEEN :'from' AND :'to'
    AND f.org_unit_id IN (SELECT id FROM scope_units)
  GROUP BY 1) AS parts
GROUP BY 1 HAVING sum(n) <> 0;
CREATE TEMP TABLE b_category AS SELECT * FROM b_category_v;
CREATE TEMP TABLE b_category_warm AS SELECT * FROM b_category_v;
(SELECT * FROM r_category EXCEPT SELECT * FROM b_category) UNION ALL (SELECT * FROM b_category EXCEPT SELECT * FROM r_category);

\echo '--- distinct enterprises by department: records'
CREATE TEMP VIEW r_department_v AS
SELECT department_id::text AS key, count(*)::int AS n FROM (SELECT DISTINCT f.department_id, f.org_unit_id, a.enterprise_id
  FROM appeal_forwards f JOIN appeals a ON a.id = f.appeal_id
  WHERE f.forwarded_on BETWEEN :'from' AND :'to' AND f.org_unit_id IN (SELECT id FROM scope_units)) AS t
GROUP BY 1;
CREATE TEMP TABLE r_department AS SELECT * FROM r_department_v;
CREATE TEMP TABLE r_department_warm AS SELECT * FROM r_department_v;

\echo '--- distinct enterprises by department: buckets'
CREATE TEMP VIEW b_department_v AS
SELECT key, sum(n)::int AS n FROM (
  SELECT r.department_id::text AS key, sum(pg_temp.part(r.days, r.month, :'head', :'tail', :lo, :hi)) AS n
  FROM p_forward_first_rollups r
  WHERE r.bucket_id IN (SELECT id FROM scope_units) AND r.month BETWEEN :'head' AND :'tail' AND r.prev_month < :'head'
  GROUP BY 1
  UNION ALL
  SELECT f.department_id::text, count(*) FROM p_forward_first f
  WHERE f.prev_forwarded_on >= :'head' AND f.prev_forwarded_on < :'from' AND f.forwarded_on BETWEEN :'from' AND :'to'
    AND f.org_unit_id IN (SELECT id FROM scope_units)
  GROUP BY 1) AS parts
GROUP BY 1 HAVING sum(n) <> 0;
CREATE TEMP TABLE b_department AS SELECT * FROM b_department_v;
CREATE TEMP TABLE b_department_warm AS SELECT * FROM b_department_v;
(SELECT * FROM r_department EXCEPT SELECT * FROM b_department) UNION ALL (SELECT * FROM b_department EXCEPT SELECT * FROM r_department);

\echo '--- department counters (15): records'
CREATE TEMP VIEW r_counters_v AS
SELECT f.department_id::text AS key,
  ARRAY[count(*), count(*) FILTER (WHERE f.state = 'returned'), count(*) FILTER (WHERE f.state = 'withdrawn'),
    count(f.responded_at), count(*) FILTER (WHERE f.responded_at <= f.respond_due_at),
    count(*) FILTER (WHERE f.state = 'pending' AND f.response_overdue),
    count(*) FILTER (WHERE f.state = 'resolved'), count(*) FILTER (WHERE f.state = 'unsolvable'),
    count(*) FILTER (WHERE f.answered_at <= f.resolve_due_at), count(*) FILTER (WHERE f.answered_at > f.resolve_due_at),
    count(*) FILTER (WHERE f.state IN ('pending', 'accepted') AND f.resolve_overdue), count(f.satisfaction),
    count(*) FILTER (WHERE f.satisfaction = 'satisfied'), count(*) FILTER (WHERE f.satisfaction = 'basically_satisfied'),
    count(*) FILTER (WHERE f.satisfaction = 'dissatisfied')]::int[] AS counters
FROM appeal_forwards f
WHERE f.forwarded_on BETWEEN :'from' AND :'to' AND f.org_unit_id IN (SELECT id FROM scope_units)
GROUP BY 1;
CREATE TEMP TABLE r_counters AS SELECT * FROM r_counters_v;
CREATE TEMP TABLE r_counters_warm AS SELECT * FROM r_counters_v;

\echo '--- department counters (15): buckets'
CREATE TEMP VIEW b_counters_v AS
SELECT key, array_agg(n ORDER BY k) AS counters FROM (
  SELECT c.department_id::text AS key, k,
    sum(c.counters[k][CASE WHEN c.month = :'tail' THEN :hi ELSE 31 END]
      - CASE WHEN c.month = :'head' THEN coalesce(c.counters[k][:lo - 1], 0) ELSE 0 END)::int AS n
  FROM p_forward_counters c, generate_series(1, 15) AS k
  WHERE c.bucket_id IN (SELECT id FROM scope_units) AND c.month BETWEEN :'head' AND :'tail'
  GROUP BY 1, 2) AS x
GROUP BY key HAVING bool_or(n <> 0);
CREATE TEMP TABLE b_counters AS SELECT * FROM b_counters_v;
CREATE TEMP TABLE b_counters_warm AS SELECT * FROM b_counters_v;
(SELECT * FROM r_counters EXCEPT SELECT * FROM b_counters) UNION ALL (SELECT * FROM b_counters EXCEPT SELECT * FROM r_counters);
