-- PROTOTYPE, forwards: distinct (org unit, department, enterprise) of the forwards made in [from, to] =
-- forwards in [from, to] whose previous forward of the same triple (by (forwarded_on, id)) was made
-- before `from`. The enterprise is the forwarded appeal's.
ALTER TABLE appeal_forwards ADD COLUMN prev_forwarded_on date;

CREATE TABLE appeal_forward_first_rollups (
  org_unit_id uuid NOT NULL,
  month date NOT NULL,
  department_id uuid NOT NULL,
  prev_month date NOT NULL,
  forwards integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, month, department_id, prev_month)
);
CREATE INDEX appeal_forwards_prev_idx ON appeal_forwards (org_unit_id, prev_forwarded_on) INCLUDE (forwarded_on, department_id)
  WHERE prev_forwarded_on IS NOT NULL;

CREATE TYPE forward_first_place AS (
  id uuid, org_unit_id uuid, department_id uuid, enterprise_id uuid, forwarded_on date, prev_forwarded_on date
);

CREATE FUNCTION add_forward_first_places(places forward_first_place[], sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO appeal_forward_first_rollups AS r (org_unit_id, month, department_id, prev_month, forwards)
  SELECT p.org_unit_id, date_trunc('month', p.forwarded_on)::date, p.department_id, prev_month_of(p.prev_forwarded_on),
    sign * count(*)
  FROM unnest(places) AS p
  GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
  ON CONFLICT (org_unit_id, month, department_id, prev_month) DO UPDATE SET forwards = r.forwards + excluded.forwards
$$;

CREATE FUNCTION rechain_forward_triples(places forward_first_place[], fresh uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  moved forward_first_place[];
  counted forward_first_place[];
BEGIN
  WITH triples AS (
    SELECT DISTINCT p.org_unit_id, p.department_id, p.enterprise_id FROM unnest(places) AS p
  ), chained AS (
    SELECT f.id, f.org_unit_id, f.department_id, a.enterprise_id, f.forwarded_on, f.prev_forwarded_on,
      lag(f.forwarded_on) OVER (PARTITION BY f.org_unit_id, f.department_id, a.enterprise_id
        ORDER BY f.forwarded_on, f.id) AS new_prev
    FROM triples t JOIN appeals a ON a.enterprise_id = t.enterprise_id
      JOIN appeal_forwards f ON f.appeal_id = a.id AND f.org_unit_id = t.org_unit_id AND f.department_id = t.department_id
  )
  SELECT
    array_agg(ROW(id, org_unit_id, department_id, enterprise_id, forwarded_on, prev_forwarded_on)::forward_first_place)
      FILTER (WHERE NOT id = ANY (fresh)),
    array_agg(ROW(id, org_unit_id, department_id, enterprise_id, forwarded_on, new_prev)::forward_first_place)
  INTO moved, counted
  FROM chained c
  WHERE c.id = ANY (fresh) OR c.prev_forwarded_on IS DISTINCT FROM c.new_prev;
  IF counted IS NULL THEN RETURN; END IF;
  IF moved IS NOT NULL THEN PERFORM add_forward_first_places(moved, -1); END IF;
  PERFORM add_forward_first_places(counted, 1);
  UPDATE appeal_forwards f SET prev_forwarded_on = c.prev_forwarded_on
  FROM unnest(counted) AS c
  WHERE f.id = c.id AND f.prev_forwarded_on IS DISTINCT FROM c.prev_forwarded_on;
END
$$;

CREATE FUNCTION forward_first_records_change(old_places forward_first_place[], new_places forward_first_place[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  e uuid;
BEGIN
  FOR e IN
    SELECT DISTINCT p.enterprise_id FROM unnest(coalesce(old_places, '{}') || coalesce(new_places, '{}')) AS p ORDER BY 1
  LOOP
    PERFORM lock_appeal_enterprises(e, NULL);
  END LOOP;
  IF old_places IS NOT NULL THEN PERFORM add_forward_first_places(old_places, -1); END IF;
  PERFORM rechain_forward_triples(
    coalesce(old_places, '{}') || coalesce(new_places, '{}'),
    coalesce((SELECT array_agg(p.id) FROM unnest(new_places) AS p), '{}'));
END
$$;

CREATE FUNCTION forward_first_records_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM forward_first_records_change(NULL, (
    SELECT array_agg(ROW(n.id, n.org_unit_id, n.department_id, a.enterprise_id, n.forwarded_on, NULL)::forward_first_place)
    FROM new_rows n JOIN appeals a ON a.id = n.appeal_id));
  RETURN NULL;
END
$$;

CREATE FUNCTION forward_first_records_on_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  -- A deleted forward's appeal may be deleted in the same statement's cascade: its enterprise is only
  -- known from the rollup's view then; forwards are not deleted without their appeal's row at hand here.
  PERFORM forward_first_records_change((
    SELECT array_agg(ROW(o.id, o.org_unit_id, o.department_id, a.enterprise_id, o.forwarded_on, o.prev_forwarded_on)::forward_first_place)
    FROM old_rows o JOIN appeals a ON a.id = o.appeal_id), NULL);
  RETURN NULL;
END
$$;

CREATE FUNCTION forward_first_records_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_places forward_first_place[];
  new_places forward_first_place[];
BEGIN
  SELECT
    array_agg(ROW(o.id, o.org_unit_id, o.department_id, oa.enterprise_id, o.forwarded_on, o.prev_forwarded_on)::forward_first_place),
    array_agg(ROW(n.id, n.org_unit_id, n.department_id, na.enterprise_id, n.forwarded_on, NULL)::forward_first_place)
  INTO old_places, new_places
  FROM old_rows o JOIN new_rows n ON n.id = o.id
    JOIN appeals oa ON oa.id = o.appeal_id JOIN appeals na ON na.id = n.appeal_id
  WHERE (o.appeal_id, o.org_unit_id, o.department_id, o.forwarded_on)
    IS DISTINCT FROM (n.appeal_id, n.org_unit_id, n.department_id, n.forwarded_on);
  IF old_places IS NOT NULL THEN PERFORM forward_first_records_change(old_places, new_places); END IF;
  RETURN NULL;
END
$$;

-- An appeal moved to another enterprise (a merge): its forwards change triple.
CREATE FUNCTION forward_first_records_on_appeal_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_places forward_first_place[];
  new_places forward_first_place[];
BEGIN
  SELECT
    array_agg(ROW(f.id, f.org_unit_id, f.department_id, o.enterprise_id, f.forwarded_on, f.prev_forwarded_on)::forward_first_place),
    array_agg(ROW(f.id, f.org_unit_id, f.department_id, n.enterprise_id, f.forwarded_on, NULL)::forward_first_place)
  INTO old_places, new_places
  FROM old_rows o JOIN new_rows n ON n.id = o.id JOIN appeal_forwards f ON f.appeal_id = n.id
  WHERE o.enterprise_id IS DISTINCT FROM n.enterprise_id;
  IF old_places IS NOT NULL THEN PERFORM forward_first_records_change(old_places, new_places); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER forward_first_records_insert AFTER INSERT ON appeal_forwards REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION forward_first_records_on_insert();
CREATE TRIGGER forward_first_records_update AFTER UPDATE ON appeal_forwards
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION forward_first_records_on_update();
CREATE TRIGGER forward_first_records_delete AFTER DELETE ON appeal_forwards REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION forward_first_records_on_delete();
CREATE TRIGGER forward_first_records_appeal_update AFTER UPDATE ON appeals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION forward_first_records_on_appeal_update();

CREATE FUNCTION rebuild_forward_first_records() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE appeals, appeal_forwards IN SHARE ROW EXCLUSIVE MODE;
  LOCK TABLE appeal_forward_first_rollups IN ACCESS EXCLUSIVE MODE;
  UPDATE appeal_forwards f SET prev_forwarded_on = c.new_prev
  FROM (
    SELECT f.id, lag(f.forwarded_on) OVER (PARTITION BY f.org_unit_id, f.department_id, a.enterprise_id
      ORDER BY f.forwarded_on, f.id) AS new_prev
    FROM appeal_forwards f JOIN appeals a ON a.id = f.appeal_id
  ) c
  WHERE c.id = f.id AND f.prev_forwarded_on IS DISTINCT FROM c.new_prev;
  TRUNCATE appeal_forward_first_rollups;
  INSERT INTO appeal_forward_first_rollups (org_unit_id, month, department_id, prev_month, forwards)
  SELECT org_unit_id, date_trunc('month', forwarded_on)::date, department_id, prev_month_of(prev_forwarded_on), count(*)
  FROM appeal_forwards GROUP BY 1, 2, 3, 4;
END
$$;
SELECT rebuild_forward_first_records();

CREATE FUNCTION forward_first_count(units uuid[], from_day date, to_day date)
RETURNS TABLE (department_id uuid, enterprises bigint)
LANGUAGE sql STABLE AS $$
  WITH bounds AS (
    SELECT
      CASE WHEN from_day = date_trunc('month', from_day)::date THEN from_day
        ELSE (date_trunc('month', from_day) + interval '1 month')::date END AS m1,
      CASE WHEN to_day + 1 = (date_trunc('month', to_day) + interval '1 month')::date THEN to_day
        ELSE (date_trunc('month', to_day) - interval '1 day')::date END AS m2_end,
      date_trunc('month', from_day)::date AS head_month
  ), parts AS (
    SELECT f.department_id, count(*) AS n
    FROM appeal_forwards f, bounds b
    WHERE f.org_unit_id = ANY (units) AND f.forwarded_on BETWEEN from_day AND to_day
      AND NOT (b.m1 <= b.m2_end AND f.forwarded_on BETWEEN b.m1 AND b.m2_end)
      AND (f.prev_forwarded_on IS NULL OR f.prev_forwarded_on < from_day)
    GROUP BY 1
    UNION ALL
    SELECT r.department_id, sum(r.forwards)
    FROM appeal_forward_first_rollups r, bounds b
    WHERE b.m1 <= b.m2_end AND r.org_unit_id = ANY (units) AND r.month BETWEEN b.m1 AND b.m2_end
      AND r.prev_month < b.head_month
    GROUP BY 1
    UNION ALL
    SELECT f.department_id, count(*)
    FROM appeal_forwards f, bounds b
    WHERE b.m1 <= b.m2_end AND b.head_month < from_day AND f.org_unit_id = ANY (units)
      AND f.prev_forwarded_on >= b.head_month AND f.prev_forwarded_on < from_day
      AND f.forwarded_on BETWEEN b.m1 AND b.m2_end
    GROUP BY 1
  )
  SELECT department_id, sum(n)::bigint FROM parts GROUP BY 1 HAVING sum(n) <> 0
$$;
