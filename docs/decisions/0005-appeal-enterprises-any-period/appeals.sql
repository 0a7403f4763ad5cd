-- PROTOTYPE (not a migration): 服务企业数 of any period, exact, from "first records".
-- An appeal is the first of its (org unit, enterprise) pair in [from, to] exactly when it lies in [from, to]
-- and the previous appeal of the pair (in (received_on, id) order) was received before `from` (or there is
-- none). So distinct pairs in [from, to] = appeals in [from, to] with prev_on < from or prev_on IS NULL.
-- The same holds per category with the previous appeal of (org unit, enterprise, category).
ALTER TABLE appeals ADD COLUMN prev_on date, ADD COLUMN prev_category_on date;

-- Whole months: appeals by (org unit, month, grouping, key, month of the previous appeal; -infinity: none).
CREATE TABLE appeal_first_rollups (
  org_unit_id uuid NOT NULL,
  month date NOT NULL,
  grouped_by text NOT NULL CHECK (grouped_by IN ('all', 'category')),
  key text NOT NULL,
  prev_month date NOT NULL,
  appeals integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, month, grouped_by, key, prev_month)
);
-- The head correction: appeals whose previous appeal lies in a given range of days, by scope.
CREATE INDEX appeals_prev_on_idx ON appeals (org_unit_id, prev_on) INCLUDE (received_on) WHERE prev_on IS NOT NULL;
CREATE INDEX appeals_prev_category_on_idx ON appeals (org_unit_id, prev_category_on) INCLUDE (received_on, category_code)
  WHERE prev_category_on IS NOT NULL;

CREATE FUNCTION prev_month_of(day date) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(date_trunc('month', day)::date, '-infinity'::date) $$;


-- Where an appeal is counted in appeal_first_rollups: its pair, day, category and previous days.
CREATE TYPE appeal_first_place AS (
  id uuid, org_unit_id uuid, enterprise_id uuid, received_on date, category_code text,
  prev_on date, prev_category_on date
);

-- Adds (sign 1) or takes away (-1) the places' counts.
CREATE FUNCTION add_appeal_first_places(places appeal_first_place[], sign integer) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO appeal_first_rollups AS r (org_unit_id, month, grouped_by, key, prev_month, appeals)
  SELECT p.org_unit_id, date_trunc('month', p.received_on)::date, g.grouped_by, g.key, prev_month_of(g.prev),
    sign * count(*)
  FROM unnest(places) AS p
    CROSS JOIN LATERAL (VALUES ('all', '', p.prev_on), ('category', p.category_code, p.prev_category_on))
      AS g (grouped_by, key, prev)
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (org_unit_id, month, grouped_by, key, prev_month) DO UPDATE SET appeals = r.appeals + excluded.appeals
$$;

-- Re-chains the appeals of the (org unit, enterprise) pairs of `places`: each one's previous days (all, and
-- by category) recomputed from the pair's appeals (a handful), and the rollup rows moved for each that
-- changed. `fresh` appeals have no place counted in the rollup (inserted, or their old place taken away).
CREATE FUNCTION rechain_appeal_pairs(places appeal_first_place[], fresh uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  moved appeal_first_place[];
  counted appeal_first_place[];
BEGIN
  WITH chained AS (
    SELECT a.id, a.org_unit_id, a.enterprise_id, a.received_on, a.category_code, a.prev_on, a.prev_category_on,
      lag(a.received_on) OVER (PARTITION BY a.org_unit_id, a.enterprise_id ORDER BY a.received_on, a.id) AS new_prev,
      lag(a.received_on) OVER (PARTITION BY a.org_unit_id, a.enterprise_id, a.category_code
        ORDER BY a.received_on, a.id) AS new_prev_category
    FROM appeals a
    WHERE (a.org_unit_id, a.enterprise_id) IN (SELECT DISTINCT p.org_unit_id, p.enterprise_id FROM unnest(places) AS p)
  ), changed AS (
    SELECT * FROM chained c
    WHERE c.id = ANY (fresh) OR c.prev_on IS DISTINCT FROM c.new_prev
      OR c.prev_category_on IS DISTINCT FROM c.new_prev_category
  )
  SELECT
    array_agg(ROW(id, org_unit_id, enterprise_id, received_on, category_code, prev_on, prev_category_on)::appeal_first_place)
      FILTER (WHERE NOT id = ANY (fresh)),
    array_agg(ROW(id, org_unit_id, enterprise_id, received_on, category_code, new_prev, new_prev_category)::appeal_first_place)
  INTO moved, counted
  FROM changed;
  IF counted IS NULL THEN RETURN; END IF;
  IF moved IS NOT NULL THEN PERFORM add_appeal_first_places(moved, -1); END IF;
  PERFORM add_appeal_first_places(counted, 1);
  UPDATE appeals a SET prev_on = c.prev_on, prev_category_on = c.prev_category_on
  FROM unnest(counted) AS c
  WHERE a.id = c.id AND (a.prev_on, a.prev_category_on) IS DISTINCT FROM (c.prev_on, c.prev_category_on);
END
$$;

-- After every statement that adds, removes or moves appeals (a merge moves many at once): the old places
-- leave the rollup with the previous days they were counted with, then every pair touched is re-chained.
CREATE FUNCTION appeal_first_records_change(old_places appeal_first_place[], new_places appeal_first_place[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  e uuid;
BEGIN
  -- Writers of one enterprise's appeals wait for each other (the advisory lock of 0014, in one order).
  FOR e IN
    SELECT DISTINCT p.enterprise_id FROM unnest(coalesce(old_places, '{}') || coalesce(new_places, '{}')) AS p ORDER BY 1
  LOOP
    PERFORM lock_appeal_enterprises(e, NULL);
  END LOOP;
  IF old_places IS NOT NULL THEN PERFORM add_appeal_first_places(old_places, -1); END IF;
  PERFORM rechain_appeal_pairs(
    coalesce(old_places, '{}') || coalesce(new_places, '{}'),
    coalesce((SELECT array_agg(p.id) FROM unnest(new_places) AS p), '{}'));
END
$$;

CREATE FUNCTION appeal_first_records_on_insert() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM appeal_first_records_change(NULL, (
    SELECT array_agg(ROW(n.id, n.org_unit_id, n.enterprise_id, n.received_on, n.category_code, NULL, NULL)::appeal_first_place)
    FROM new_rows n));
  RETURN NULL;
END
$$;

CREATE FUNCTION appeal_first_records_on_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM appeal_first_records_change((
    SELECT array_agg(ROW(o.id, o.org_unit_id, o.enterprise_id, o.received_on, o.category_code, o.prev_on,
      o.prev_category_on)::appeal_first_place)
    FROM old_rows o), NULL);
  RETURN NULL;
END
$$;

-- Every UPDATE statement on appeals comes here (a trigger with transition tables takes no column list);
-- only the rows whose pair, day or category changed are worked on — the re-chaining's own update of the
-- previous days finds none.
CREATE FUNCTION appeal_first_records_on_update() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_places appeal_first_place[];
  new_places appeal_first_place[];
BEGIN
  SELECT
    array_agg(ROW(o.id, o.org_unit_id, o.enterprise_id, o.received_on, o.category_code, o.prev_on,
      o.prev_category_on)::appeal_first_place),
    array_agg(ROW(n.id, n.org_unit_id, n.enterprise_id, n.received_on, n.category_code, NULL, NULL)::appeal_first_place)
  INTO old_places, new_places
  FROM old_rows o JOIN new_rows n ON n.id = o.id
  WHERE (o.enterprise_id, o.org_unit_id, o.category_code, o.received_on)
    IS DISTINCT FROM (n.enterprise_id, n.org_unit_id, n.category_code, n.received_on);
  IF old_places IS NOT NULL THEN PERFORM appeal_first_records_change(old_places, new_places); END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER appeal_first_records_insert AFTER INSERT ON appeals REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_first_records_on_insert();
CREATE TRIGGER appeal_first_records_update AFTER UPDATE ON appeals
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_first_records_on_update();
CREATE TRIGGER appeal_first_records_delete AFTER DELETE ON appeals REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_first_records_on_delete();

CREATE FUNCTION rebuild_appeal_first_records() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE appeals IN SHARE ROW EXCLUSIVE MODE;
  LOCK TABLE appeal_first_rollups IN ACCESS EXCLUSIVE MODE;
  UPDATE appeals a SET prev_on = c.new_prev, prev_category_on = c.new_prev_category
  FROM (
    SELECT id,
      lag(received_on) OVER (PARTITION BY org_unit_id, enterprise_id ORDER BY received_on, id) AS new_prev,
      lag(received_on) OVER (PARTITION BY org_unit_id, enterprise_id, category_code ORDER BY received_on, id) AS new_prev_category
    FROM appeals
  ) c
  WHERE c.id = a.id AND (a.prev_on IS DISTINCT FROM c.new_prev OR a.prev_category_on IS DISTINCT FROM c.new_prev_category);
  TRUNCATE appeal_first_rollups;
  INSERT INTO appeal_first_rollups (org_unit_id, month, grouped_by, key, prev_month, appeals)
  SELECT org_unit_id, date_trunc('month', received_on)::date, g.grouped_by, g.key, prev_month_of(g.prev), count(*)
  FROM appeals a
    CROSS JOIN LATERAL (VALUES ('all', '', a.prev_on), ('category', a.category_code, a.prev_category_on)) AS g (grouped_by, key, prev)
  GROUP BY 1, 2, 3, 4, 5;
END
$$;
SELECT rebuild_appeal_first_records();

-- The read (prototype; the app would build it in repository.ts): distinct (org unit, enterprise) pairs with
-- an appeal received in [from, to], all or by category, per org unit of `units`.
CREATE FUNCTION appeal_first_count(units uuid[], from_day date, to_day date, by_category boolean)
RETURNS TABLE (org_unit_id uuid, key text, enterprises bigint)
LANGUAGE sql STABLE AS $$
  WITH bounds AS (
    SELECT
      CASE WHEN from_day = date_trunc('month', from_day)::date THEN from_day
        ELSE (date_trunc('month', from_day) + interval '1 month')::date END AS m1,
      CASE WHEN to_day + 1 = (date_trunc('month', to_day) + interval '1 month')::date THEN to_day
        ELSE (date_trunc('month', to_day) - interval '1 day')::date END AS m2_end,
      date_trunc('month', from_day)::date AS head_month
  ), parts AS (
    -- The days outside the whole months (the head and the tail), from the records.
    SELECT a.org_unit_id, CASE WHEN by_category THEN a.category_code ELSE '' END AS key, count(*) AS n
    FROM appeals a, bounds b
    WHERE a.org_unit_id = ANY (units) AND a.received_on BETWEEN from_day AND to_day
      AND NOT (b.m1 <= b.m2_end AND a.received_on BETWEEN b.m1 AND b.m2_end)
      AND (CASE WHEN by_category THEN a.prev_category_on ELSE a.prev_on END IS NULL
        OR CASE WHEN by_category THEN a.prev_category_on ELSE a.prev_on END < from_day)
    GROUP BY 1, 2
    UNION ALL
    -- The whole months, from the rollup: previous appeal before the head's month.
    SELECT r.org_unit_id, r.key, sum(r.appeals)
    FROM appeal_first_rollups r, bounds b
    WHERE b.m1 <= b.m2_end AND r.org_unit_id = ANY (units) AND r.month BETWEEN b.m1 AND b.m2_end
      AND r.grouped_by = CASE WHEN by_category THEN 'category' ELSE 'all' END AND r.prev_month < b.head_month
    GROUP BY 1, 2
    UNION ALL
    -- …and those whose previous appeal lies in the head's month before `from`.
    SELECT a.org_unit_id, CASE WHEN by_category THEN a.category_code ELSE '' END, count(*)
    FROM appeals a, bounds b
    WHERE b.m1 <= b.m2_end AND b.head_month < from_day AND a.org_unit_id = ANY (units)
      AND CASE WHEN by_category THEN a.prev_category_on ELSE a.prev_on END >= b.head_month
      AND CASE WHEN by_category THEN a.prev_category_on ELSE a.prev_on END < from_day
      AND a.received_on BETWEEN b.m1 AND b.m2_end
    GROUP BY 1, 2
  )
  SELECT org_unit_id, key, sum(n)::bigint FROM parts GROUP BY 1, 2 HAVING sum(n) <> 0
$$;
