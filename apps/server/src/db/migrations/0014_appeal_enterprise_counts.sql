-- 诉求统计：服务企业数 — distinct enterprises with appeals, kept by triggers for each calendar month, quarter
-- and year, so that the figures of such a period read a few thousand count rows instead of counting
-- distinct enterprises over the records (a province's quarter: 838,000 appeals and 976,000 forwards, 1–7 s;
-- measured by bench/service-loop.ts). A sum of monthly distinct counts is not a distinct count, hence one
-- count per period kind. Other periods (a half-year, partial months) are still counted from the records.
--
-- An enterprise counts once per (org unit, period, grouping): every appeal ('all', ''); its appeals of a
-- category ('category', code); the forwards to a department ('department', the department's id) — the
-- same definitions as the counts from the records (appeal-stats/repository.ts). An appeal's org unit is
-- its enterprise's, so summing the org units of a scope counts each enterprise once; an enterprise whose
-- appeals of one period were registered with two org units of the scope (it moved) counts in both — and
-- so it does when counted from the records, which count (org unit, enterprise) pairs.
CREATE TABLE appeal_enterprise_counts (
  org_unit_id uuid NOT NULL,
  period text NOT NULL CHECK (period IN ('month', 'quarter', 'year')),
  starts_on date NOT NULL,
  grouped_by text NOT NULL CHECK (grouped_by IN ('all', 'category', 'department')),
  key text NOT NULL,
  -- Each key's count is split in eight rows by enterprise (appeal_enterprise_shard): writers of one org
  -- unit's month lock one of eight rows, not all the same one, until they commit. Readers sum.
  shard smallint NOT NULL DEFAULT 0,
  enterprises integer NOT NULL DEFAULT 0,
  -- Org unit first: a scope is a list of org units, each one probe of this index.
  PRIMARY KEY (org_unit_id, period, starts_on, grouped_by, key, shard)
);

CREATE FUNCTION appeal_enterprise_shard(enterprise uuid) RETURNS smallint
LANGUAGE sql IMMUTABLE AS $$ SELECT (hashtext(enterprise::text) & 7)::smallint $$;

-- The month, quarter and year holding a day: [starts_on, ends_before).
CREATE FUNCTION appeal_count_periods(day date)
RETURNS TABLE (period text, starts_on date, ends_before date)
LANGUAGE sql IMMUTABLE AS $$
  SELECT p.period, date_trunc(p.period, day::timestamp)::date,
    (date_trunc(p.period, day::timestamp) + p.length)::date
  FROM (VALUES ('month', interval '1 month'), ('quarter', interval '3 months'), ('year', interval '1 year'))
    AS p (period, length)
$$;

CREATE FUNCTION add_appeal_enterprise_count(
  unit uuid, period text, starts_on date, grouped_by text, key text, enterprise uuid, delta integer
) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO appeal_enterprise_counts AS c (org_unit_id, period, starts_on, grouped_by, key, shard, enterprises)
  VALUES (unit, period, starts_on, grouped_by, key, appeal_enterprise_shard(enterprise), delta)
  ON CONFLICT (org_unit_id, period, starts_on, grouped_by, key, shard)
  DO UPDATE SET enterprises = c.enterprises + excluded.enterprises
$$;

-- One appeal added (sign 1) or taken away (-1): for each period and grouping, its enterprise enters or
-- leaves the count when no other appeal of the enterprise holds the same key. The enterprise's other
-- appeals of the year in this org unit are a handful, read once (through appeals_enterprise_day_idx, 0019).
CREATE FUNCTION count_appeal_enterprise(a appeals, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  day timestamp := a.received_on::timestamp;
  month_start date := date_trunc('month', day)::date;
  quarter_start date := date_trunc('quarter', day)::date;
  year_start date := date_trunc('year', day)::date;
  other record;
BEGIN
  SELECT
    count(*) FILTER (WHERE o.received_on >= month_start AND o.received_on < (month_start + interval '1 month')) > 0 AS month_all,
    count(*) FILTER (WHERE o.received_on >= month_start AND o.received_on < (month_start + interval '1 month')
      AND o.category_code = a.category_code) > 0 AS month_category,
    count(*) FILTER (WHERE o.received_on >= quarter_start AND o.received_on < (quarter_start + interval '3 months')) > 0 AS quarter_all,
    count(*) FILTER (WHERE o.received_on >= quarter_start AND o.received_on < (quarter_start + interval '3 months')
      AND o.category_code = a.category_code) > 0 AS quarter_category,
    count(*) > 0 AS year_all,
    count(*) FILTER (WHERE o.category_code = a.category_code) > 0 AS year_category
  INTO other
  FROM appeals o
  WHERE o.enterprise_id = a.enterprise_id AND o.id <> a.id AND o.org_unit_id = a.org_unit_id
    AND o.received_on >= year_start AND o.received_on < (year_start + interval '1 year');
  IF NOT other.month_all THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'month', month_start, 'all', '', a.enterprise_id, sign);
  END IF;
  IF NOT other.month_category THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'month', month_start, 'category', a.category_code, a.enterprise_id, sign);
  END IF;
  IF NOT other.quarter_all THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'quarter', quarter_start, 'all', '', a.enterprise_id, sign);
  END IF;
  IF NOT other.quarter_category THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'quarter', quarter_start, 'category', a.category_code, a.enterprise_id, sign);
  END IF;
  IF NOT other.year_all THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'year', year_start, 'all', '', a.enterprise_id, sign);
  END IF;
  IF NOT other.year_category THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'year', year_start, 'category', a.category_code, a.enterprise_id, sign);
  END IF;
END
$$;

-- The same for a forward: its department's count, by the forward's org unit and forwarded_on.
CREATE FUNCTION count_forward_enterprise(f appeal_forwards, enterprise uuid, sign integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  day timestamp := f.forwarded_on::timestamp;
  month_start date := date_trunc('month', day)::date;
  quarter_start date := date_trunc('quarter', day)::date;
  year_start date := date_trunc('year', day)::date;
  other record;
BEGIN
  SELECT
    count(*) FILTER (WHERE o.forwarded_on >= month_start AND o.forwarded_on < (month_start + interval '1 month')) > 0 AS in_month,
    count(*) FILTER (WHERE o.forwarded_on >= quarter_start AND o.forwarded_on < (quarter_start + interval '3 months')) > 0 AS in_quarter,
    count(*) > 0 AS in_year
  INTO other
  FROM appeals oa JOIN appeal_forwards o ON o.appeal_id = oa.id
  WHERE oa.enterprise_id = enterprise AND o.id <> f.id AND o.department_id = f.department_id
    AND o.org_unit_id = f.org_unit_id
    AND o.forwarded_on >= year_start AND o.forwarded_on < (year_start + interval '1 year');
  IF NOT other.in_month THEN
    PERFORM add_appeal_enterprise_count(f.org_unit_id, 'month', month_start, 'department', f.department_id::text, enterprise, sign);
  END IF;
  IF NOT other.in_quarter THEN
    PERFORM add_appeal_enterprise_count(f.org_unit_id, 'quarter', quarter_start, 'department', f.department_id::text, enterprise, sign);
  END IF;
  IF NOT other.in_year THEN
    PERFORM add_appeal_enterprise_count(f.org_unit_id, 'year', year_start, 'department', f.department_id::text, enterprise, sign);
  END IF;
END
$$;

-- Two writers of one enterprise's appeals must not both see "no other appeal" and both count it: each
-- takes a transaction-scoped lock on the enterprise (both enterprises, in one order, when an appeal moves
-- from one to another). These triggers are named to fire after the rollup triggers of 0010, so every
-- writer takes rollup rows first, then enterprises, then (in the services) the audit chain.
CREATE FUNCTION lock_appeal_enterprises(first uuid, second uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  key integer;
BEGIN
  FOR key IN
    SELECT DISTINCT hashtext(e::text) FROM unnest(ARRAY[first, second]) AS e WHERE e IS NOT NULL ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(7301020, key);
  END LOOP;
END
$$;

CREATE FUNCTION appeal_enterprise_counts_on_appeal() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM lock_appeal_enterprises(NEW.enterprise_id, NULL);
    PERFORM count_appeal_enterprise(NEW, 1);
  ELSIF TG_OP = 'DELETE' THEN
    PERFORM lock_appeal_enterprises(OLD.enterprise_id, NULL);
    PERFORM count_appeal_enterprise(OLD, -1);
  ELSE
    PERFORM lock_appeal_enterprises(OLD.enterprise_id, NEW.enterprise_id);
    PERFORM count_appeal_enterprise(OLD, -1);
    PERFORM count_appeal_enterprise(NEW, 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE FUNCTION appeal_enterprise_counts_on_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_enterprise uuid;
  new_enterprise uuid;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    SELECT enterprise_id INTO old_enterprise FROM appeals WHERE id = OLD.appeal_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT enterprise_id INTO new_enterprise FROM appeals WHERE id = NEW.appeal_id;
  END IF;
  PERFORM lock_appeal_enterprises(old_enterprise, new_enterprise);
  IF TG_OP <> 'INSERT' THEN
    PERFORM count_forward_enterprise(OLD, old_enterprise, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM count_forward_enterprise(NEW, new_enterprise, 1);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER appeal_rollups_zz_enterprises AFTER INSERT OR DELETE ON appeals
  FOR EACH ROW EXECUTE FUNCTION appeal_enterprise_counts_on_appeal();
-- Only when what places an appeal in a count changed: state changes cost nothing here.
CREATE TRIGGER appeal_rollups_zz_enterprises_update AFTER UPDATE ON appeals
  FOR EACH ROW WHEN (
    (OLD.enterprise_id, OLD.org_unit_id, OLD.category_code, OLD.received_on)
    IS DISTINCT FROM (NEW.enterprise_id, NEW.org_unit_id, NEW.category_code, NEW.received_on)
  ) EXECUTE FUNCTION appeal_enterprise_counts_on_appeal();

CREATE TRIGGER appeal_forward_rollups_zz_enterprises AFTER INSERT OR DELETE ON appeal_forwards
  FOR EACH ROW EXECUTE FUNCTION appeal_enterprise_counts_on_forward();
CREATE TRIGGER appeal_forward_rollups_zz_enterprises_update AFTER UPDATE ON appeal_forwards
  FOR EACH ROW WHEN (
    (OLD.appeal_id, OLD.department_id, OLD.org_unit_id, OLD.forwarded_on)
    IS DISTINCT FROM (NEW.appeal_id, NEW.department_id, NEW.org_unit_id, NEW.forwarded_on)
  ) EXECUTE FUNCTION appeal_enterprise_counts_on_forward();

-- Recounts every count from the records: after a bulk load with the triggers disabled, or to repair.
-- A recount writes shard 0 only (no concurrent writers to spread; readers then sum one row a key). An
-- enterprise's later changes go to its own shard; the sum over shards stays its count.
CREATE FUNCTION rebuild_appeal_enterprise_counts() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE appeals, appeal_forwards IN SHARE MODE;
  LOCK TABLE appeal_enterprise_counts IN ACCESS EXCLUSIVE MODE;
  TRUNCATE appeal_enterprise_counts;
  INSERT INTO appeal_enterprise_counts (org_unit_id, period, starts_on, grouped_by, key, shard, enterprises)
  SELECT a.org_unit_id, p.period, p.starts_on, g.grouped_by, g.key, 0, count(DISTINCT a.enterprise_id)
  FROM appeals a
    CROSS JOIN LATERAL appeal_count_periods(a.received_on) AS p
    CROSS JOIN LATERAL (VALUES ('all', ''), ('category', a.category_code)) AS g (grouped_by, key)
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO appeal_enterprise_counts (org_unit_id, period, starts_on, grouped_by, key, shard, enterprises)
  SELECT f.org_unit_id, p.period, p.starts_on, 'department', f.department_id::text, 0,
    count(DISTINCT a.enterprise_id)
  FROM appeal_forwards f JOIN appeals a ON a.id = f.appeal_id
    CROSS JOIN LATERAL appeal_count_periods(f.forwarded_on) AS p
  GROUP BY 1, 2, 3, 4, 5;
END
$$;

SELECT rebuild_appeal_enterprise_counts();
