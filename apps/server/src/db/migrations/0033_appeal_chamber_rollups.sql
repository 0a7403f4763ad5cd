-- 诉求统计 by chamber (按商会): the appeals of each chamber's member enterprises, kept by triggers like the
-- monthly rollups (0010) and the distinct-enterprise counts (0014), so that a province's figures by chamber
-- read rollup rows instead of joining its 900,000 memberships to a quarter's appeals (9.2 s p95 at 10
-- million appeals, bench/service-loop.ts). Memberships change, so the triggers follow them too: a
-- membership added or ended adds or takes away its enterprise's appeals and forwards.
--
-- An appeal counts in every chamber its enterprise is a member of now (the definition the records give,
-- appeal-stats/repository.ts); its row is keyed by its own org unit (the scope) and month, its forwards'
-- counters by theirs, as in appeal_rollups. Distinct enterprises by chamber are kept in
-- appeal_enterprise_counts (grouped_by 'chamber', key the chamber's id), once per org unit as every other
-- grouping counts them.
CREATE TABLE appeal_chamber_rollups (
  org_unit_id uuid NOT NULL,
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  chamber_id uuid NOT NULL,
  -- As in appeal_rollups (0017): an appeal's rows go to the shard of its id, sparing concurrent writers
  -- each other's row locks; recounts and membership changes write shard 0. Readers sum.
  shard smallint NOT NULL DEFAULT 0,
  received integer NOT NULL DEFAULT 0,
  valid integer NOT NULL DEFAULT 0,
  invalid integer NOT NULL DEFAULT 0,
  merged integer NOT NULL DEFAULT 0,
  forwarded integer NOT NULL DEFAULT 0,
  resolved integer NOT NULL DEFAULT 0,
  unsolvable integer NOT NULL DEFAULT 0,
  closed_on_time integer NOT NULL DEFAULT 0,
  closed_late integer NOT NULL DEFAULT 0,
  open_overdue integer NOT NULL DEFAULT 0,
  rated integer NOT NULL DEFAULT 0,
  satisfied integer NOT NULL DEFAULT 0,
  basically_satisfied integer NOT NULL DEFAULT 0,
  dissatisfied integer NOT NULL DEFAULT 0,
  returned integer NOT NULL DEFAULT 0,
  responded integer NOT NULL DEFAULT 0,
  responded_on_time integer NOT NULL DEFAULT 0,
  response_overdue integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, month, chamber_id, shard)
);

ALTER TABLE appeal_enterprise_counts DROP CONSTRAINT appeal_enterprise_counts_grouped_by_check;
ALTER TABLE appeal_enterprise_counts ADD CONSTRAINT appeal_enterprise_counts_grouped_by_check
  CHECK (grouped_by IN ('all', 'category', 'department', 'chamber'));

-- One appeal-level contribution (a row of appeal_rollups, 0010/0017) as a chamber's.
CREATE FUNCTION chamber_rollup_row(chamber uuid, r appeal_rollups, in_shard smallint)
RETURNS appeal_chamber_rollups
LANGUAGE sql IMMUTABLE AS $$
  SELECT r.org_unit_id, r.month, chamber, in_shard,
    r.received, r.valid, r.invalid, r.merged, r.forwarded, r.resolved,
    r.unsolvable, r.closed_on_time, r.closed_late, r.open_overdue, r.rated, r.satisfied,
    r.basically_satisfied, r.dissatisfied, r.returned, r.responded, r.responded_on_time,
    r.response_overdue
$$;

-- Adds signed contributions to appeal_chamber_rollups: summed per key, all-zero sums skipped, rows locked
-- in key order so that concurrent writers cannot deadlock on each other.
CREATE FUNCTION add_chamber_rollup_rows(delta appeal_chamber_rollups[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO appeal_chamber_rollups AS r
  SELECT org_unit_id, month, chamber_id, shard,
    sum(received), sum(valid), sum(invalid), sum(merged), sum(forwarded), sum(resolved),
    sum(unsolvable), sum(closed_on_time), sum(closed_late), sum(open_overdue), sum(rated), sum(satisfied),
    sum(basically_satisfied), sum(dissatisfied), sum(returned), sum(responded), sum(responded_on_time),
    sum(response_overdue)
  FROM unnest(delta)
  GROUP BY org_unit_id, month, chamber_id, shard
  HAVING sum(received) <> 0 OR sum(valid) <> 0 OR sum(invalid) <> 0 OR sum(merged) <> 0
    OR sum(forwarded) <> 0 OR sum(resolved) <> 0 OR sum(unsolvable) <> 0 OR sum(closed_on_time) <> 0
    OR sum(closed_late) <> 0 OR sum(open_overdue) <> 0 OR sum(rated) <> 0 OR sum(satisfied) <> 0
    OR sum(basically_satisfied) <> 0 OR sum(dissatisfied) <> 0 OR sum(returned) <> 0 OR sum(responded) <> 0
    OR sum(responded_on_time) <> 0 OR sum(response_overdue) <> 0
  ORDER BY org_unit_id, month, chamber_id, shard
  ON CONFLICT (org_unit_id, month, chamber_id, shard) DO UPDATE SET
    received = r.received + excluded.received,
    valid = r.valid + excluded.valid,
    invalid = r.invalid + excluded.invalid,
    merged = r.merged + excluded.merged,
    forwarded = r.forwarded + excluded.forwarded,
    resolved = r.resolved + excluded.resolved,
    unsolvable = r.unsolvable + excluded.unsolvable,
    closed_on_time = r.closed_on_time + excluded.closed_on_time,
    closed_late = r.closed_late + excluded.closed_late,
    open_overdue = r.open_overdue + excluded.open_overdue,
    rated = r.rated + excluded.rated,
    satisfied = r.satisfied + excluded.satisfied,
    basically_satisfied = r.basically_satisfied + excluded.basically_satisfied,
    dissatisfied = r.dissatisfied + excluded.dissatisfied,
    returned = r.returned + excluded.returned,
    responded = r.responded + excluded.responded,
    responded_on_time = r.responded_on_time + excluded.responded_on_time,
    response_overdue = r.response_overdue + excluded.response_overdue;
END
$$;

-- Signed appeal-level contributions of one enterprise's appeals, added to every chamber it is a member of.
CREATE FUNCTION add_appeal_chamber_rollups(delta appeal_rollups[], enterprise uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF enterprise IS NULL OR cardinality(delta) = 0 THEN
    RETURN;
  END IF;
  PERFORM add_chamber_rollup_rows(ARRAY(
    SELECT chamber_rollup_row(cm.chamber_id, d, d.shard)
    FROM unnest(delta) AS d CROSS JOIN chamber_memberships cm
    WHERE cm.enterprise_id = enterprise
  ));
END
$$;

-- An appeal written: its old contribution taken from its (old) enterprise's chambers, its new one added to
-- its (new) enterprise's; its forwards move with it when its enterprise or its day changed. The enterprises
-- are locked first (as the distinct counts of 0014 lock them, whose trigger fires just before this one), so
-- that a membership written at the same time is either seen here or sees this appeal.
CREATE FUNCTION appeal_chamber_rollups_on_appeal() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved boolean := TG_OP = 'UPDATE'
    AND (OLD.received_on, OLD.enterprise_id) IS DISTINCT FROM (NEW.received_on, NEW.enterprise_id);
  taken appeal_rollups[] := '{}';
  given appeal_rollups[] := '{}';
BEGIN
  PERFORM lock_appeal_enterprises(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.enterprise_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.enterprise_id END);
  IF TG_OP <> 'INSERT' THEN
    taken := ARRAY(
      SELECT o FROM appeal_rollup_rows(OLD, -1) AS o
      UNION ALL
      SELECT o FROM appeal_forwards f, LATERAL appeal_forward_appeal_rows(f, OLD.received_on, -1) AS o
      WHERE moved AND f.appeal_id = OLD.id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    given := ARRAY(
      SELECT o FROM appeal_rollup_rows(NEW, 1) AS o
      UNION ALL
      SELECT o FROM appeal_forwards f, LATERAL appeal_forward_appeal_rows(f, NEW.received_on, 1) AS o
      WHERE moved AND f.appeal_id = NEW.id);
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.enterprise_id = NEW.enterprise_id THEN
    PERFORM add_appeal_chamber_rollups(taken || given, NEW.enterprise_id);
  ELSE
    PERFORM add_appeal_chamber_rollups(taken, OLD.enterprise_id);
    PERFORM add_appeal_chamber_rollups(given, NEW.enterprise_id);
  END IF;
  RETURN NULL;
END
$$;

-- A forward written: its contribution to its appeal's figures, in its appeal's enterprise's chambers.
CREATE FUNCTION appeal_chamber_rollups_on_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_received date;
  new_received date;
  old_enterprise uuid;
  new_enterprise uuid;
  taken appeal_rollups[] := '{}';
  given appeal_rollups[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    SELECT received_on, enterprise_id INTO old_received, old_enterprise FROM appeals WHERE id = OLD.appeal_id;
    taken := ARRAY(SELECT o FROM appeal_forward_appeal_rows(OLD, old_received, -1) AS o);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT received_on, enterprise_id INTO new_received, new_enterprise FROM appeals WHERE id = NEW.appeal_id;
    given := ARRAY(SELECT o FROM appeal_forward_appeal_rows(NEW, new_received, 1) AS o);
  END IF;
  PERFORM lock_appeal_enterprises(old_enterprise, new_enterprise);
  IF TG_OP = 'UPDATE' AND old_enterprise = new_enterprise THEN
    PERFORM add_appeal_chamber_rollups(taken || given, new_enterprise);
  ELSE
    PERFORM add_appeal_chamber_rollups(taken, old_enterprise);
    PERFORM add_appeal_chamber_rollups(given, new_enterprise);
  END IF;
  RETURN NULL;
END
$$;

-- Named to fire after the rollup triggers of 0010 and the distinct counts of 0014 ('zz'): every writer
-- takes appeal rollup rows, then its enterprises, then chamber rows.
CREATE TRIGGER appeal_rollups_zzz_chambers AFTER INSERT OR DELETE ON appeals
  FOR EACH ROW EXECUTE FUNCTION appeal_chamber_rollups_on_appeal();
CREATE TRIGGER appeal_rollups_zzz_chambers_update AFTER UPDATE ON appeals
  FOR EACH ROW WHEN (
    (OLD.enterprise_id, OLD.received_on, OLD.org_unit_id, OLD.category_code, OLD.state, OLD.validated_at,
     OLD.forwarded_at, OLD.outcome, OLD.answered_at, OLD.resolve_due_at, OLD.overdue, OLD.satisfaction)
    IS DISTINCT FROM
    (NEW.enterprise_id, NEW.received_on, NEW.org_unit_id, NEW.category_code, NEW.state, NEW.validated_at,
     NEW.forwarded_at, NEW.outcome, NEW.answered_at, NEW.resolve_due_at, NEW.overdue, NEW.satisfaction)
  ) EXECUTE FUNCTION appeal_chamber_rollups_on_appeal();
CREATE TRIGGER appeal_forward_rollups_zzz_chambers AFTER INSERT OR DELETE ON appeal_forwards
  FOR EACH ROW EXECUTE FUNCTION appeal_chamber_rollups_on_forward();
CREATE TRIGGER appeal_forward_rollups_zzz_chambers_update AFTER UPDATE ON appeal_forwards
  FOR EACH ROW WHEN (
    (OLD.appeal_id, OLD.org_unit_id, OLD.category_code, OLD.state, OLD.responded_at, OLD.respond_due_at,
     OLD.response_overdue)
    IS DISTINCT FROM
    (NEW.appeal_id, NEW.org_unit_id, NEW.category_code, NEW.state, NEW.responded_at, NEW.respond_due_at,
     NEW.response_overdue)
  ) EXECUTE FUNCTION appeal_chamber_rollups_on_forward();

-- An enterprise present in an org unit's period (its first appeal there, sign 1; its last gone, -1) is
-- present in each of its chambers' counts too.
CREATE FUNCTION add_appeal_chamber_enterprise_counts(
  in_unit uuid, in_period text, in_starts_on date, in_enterprise uuid, in_delta integer
) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO appeal_enterprise_counts AS c (org_unit_id, period, starts_on, grouped_by, key, shard, enterprises)
  SELECT in_unit, in_period, in_starts_on, 'chamber', cm.chamber_id::text, appeal_enterprise_shard(in_enterprise),
    in_delta
  FROM chamber_memberships cm
  WHERE cm.enterprise_id = in_enterprise
  ORDER BY cm.chamber_id
  ON CONFLICT (org_unit_id, period, starts_on, grouped_by, key, shard)
  DO UPDATE SET enterprises = c.enterprises + excluded.enterprises
$$;

-- count_appeal_enterprise (0014) with the chambers: wherever an enterprise enters or leaves the count of
-- every appeal ('all'), it enters or leaves its chambers'.
CREATE OR REPLACE FUNCTION count_appeal_enterprise(a appeals, sign integer) RETURNS void
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
    PERFORM add_appeal_chamber_enterprise_counts(a.org_unit_id, 'month', month_start, a.enterprise_id, sign);
  END IF;
  IF NOT other.month_category THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'month', month_start, 'category', a.category_code, a.enterprise_id, sign);
  END IF;
  IF NOT other.quarter_all THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'quarter', quarter_start, 'all', '', a.enterprise_id, sign);
    PERFORM add_appeal_chamber_enterprise_counts(a.org_unit_id, 'quarter', quarter_start, a.enterprise_id, sign);
  END IF;
  IF NOT other.quarter_category THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'quarter', quarter_start, 'category', a.category_code, a.enterprise_id, sign);
  END IF;
  IF NOT other.year_all THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'year', year_start, 'all', '', a.enterprise_id, sign);
    PERFORM add_appeal_chamber_enterprise_counts(a.org_unit_id, 'year', year_start, a.enterprise_id, sign);
  END IF;
  IF NOT other.year_category THEN
    PERFORM add_appeal_enterprise_count(a.org_unit_id, 'year', year_start, 'category', a.category_code, a.enterprise_id, sign);
  END IF;
END
$$;

-- Memberships written (a statement's rows at once): each removed membership takes its enterprise's appeals
-- and forwards out of the chamber's rows and its presence out of the chamber's counts; each added one puts
-- them in. The enterprises are locked first, in one order, as the appeal triggers lock them.
CREATE FUNCTION appeal_chamber_membership_change(removed chamber_memberships[], added chamber_memberships[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  lock_key integer;
BEGIN
  FOR lock_key IN
    SELECT DISTINCT hashtext(m.enterprise_id::text)
    FROM (SELECT enterprise_id FROM unnest(removed) UNION ALL SELECT enterprise_id FROM unnest(added)) AS m
    ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(7301020, lock_key);
  END LOOP;
  PERFORM add_chamber_rollup_rows(ARRAY(
    WITH moved AS (
      SELECT chamber_id, enterprise_id, -1 AS sign FROM unnest(removed)
      UNION ALL
      SELECT chamber_id, enterprise_id, 1 FROM unnest(added)
    )
    SELECT chamber_rollup_row(m.chamber_id, o, 0::smallint)
    FROM moved m JOIN appeals a ON a.enterprise_id = m.enterprise_id,
      LATERAL appeal_rollup_rows(a, m.sign) AS o
    UNION ALL
    SELECT chamber_rollup_row(m.chamber_id, o, 0::smallint)
    FROM moved m JOIN appeals a ON a.enterprise_id = m.enterprise_id
      JOIN appeal_forwards f ON f.appeal_id = a.id,
      LATERAL appeal_forward_appeal_rows(f, a.received_on, m.sign) AS o
  ));
  INSERT INTO appeal_enterprise_counts AS c (org_unit_id, period, starts_on, grouped_by, key, shard, enterprises)
  WITH moved AS (
    SELECT chamber_id, enterprise_id, -1 AS sign FROM unnest(removed)
    UNION ALL
    SELECT chamber_id, enterprise_id, 1 FROM unnest(added)
  )
  SELECT present.org_unit_id, present.period, present.starts_on, 'chamber', m.chamber_id::text,
    appeal_enterprise_shard(m.enterprise_id), sum(m.sign)
  FROM moved m
    JOIN (
      SELECT DISTINCT a.enterprise_id, a.org_unit_id, p.period, p.starts_on
      FROM appeals a CROSS JOIN LATERAL appeal_count_periods(a.received_on) AS p
      WHERE a.enterprise_id IN (SELECT enterprise_id FROM moved)
    ) AS present ON present.enterprise_id = m.enterprise_id
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(m.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (org_unit_id, period, starts_on, grouped_by, key, shard)
  DO UPDATE SET enterprises = c.enterprises + excluded.enterprises;
END
$$;

CREATE FUNCTION appeal_chamber_rollups_on_chamber_memberships() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  removed chamber_memberships[] := '{}';
  added chamber_memberships[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    removed := ARRAY(SELECT o::chamber_memberships FROM old_rows o);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    added := ARRAY(SELECT n::chamber_memberships FROM new_rows n);
  END IF;
  -- A change of role only (会长, 理事…) moves nothing.
  IF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (
      SELECT chamber_id, enterprise_id FROM old_rows EXCEPT SELECT chamber_id, enterprise_id FROM new_rows
    ) AND NOT EXISTS (
      SELECT chamber_id, enterprise_id FROM new_rows EXCEPT SELECT chamber_id, enterprise_id FROM old_rows
    ) THEN
      RETURN NULL;
    END IF;
  END IF;
  PERFORM appeal_chamber_membership_change(removed, added);
  RETURN NULL;
END
$$;

CREATE TRIGGER appeal_chamber_rollups_membership_insert AFTER INSERT ON chamber_memberships
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_chamber_rollups_on_chamber_memberships();
CREATE TRIGGER appeal_chamber_rollups_membership_update AFTER UPDATE ON chamber_memberships
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_chamber_rollups_on_chamber_memberships();
CREATE TRIGGER appeal_chamber_rollups_membership_delete AFTER DELETE ON chamber_memberships
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_chamber_rollups_on_chamber_memberships();

-- Recounts the chamber rollups and the chambers' distinct enterprises from the records.
CREATE FUNCTION rebuild_appeal_chamber_rollups() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE appeals, appeal_forwards, chamber_memberships IN SHARE MODE;
  LOCK TABLE appeal_chamber_rollups IN ACCESS EXCLUSIVE MODE;
  TRUNCATE appeal_chamber_rollups;
  INSERT INTO appeal_chamber_rollups
  SELECT org_unit_id, month, chamber_id, 0,
    sum(received), sum(valid), sum(invalid), sum(merged), sum(forwarded), sum(resolved),
    sum(unsolvable), sum(closed_on_time), sum(closed_late), sum(open_overdue), sum(rated), sum(satisfied),
    sum(basically_satisfied), sum(dissatisfied), sum(returned), sum(responded), sum(responded_on_time),
    sum(response_overdue)
  FROM (
    SELECT x.*
    FROM chamber_memberships cm JOIN appeals a ON a.enterprise_id = cm.enterprise_id,
      LATERAL appeal_rollup_rows(a, 1) AS o, LATERAL chamber_rollup_row(cm.chamber_id, o, 0::smallint) AS x
    UNION ALL
    SELECT x.*
    FROM chamber_memberships cm JOIN appeals a ON a.enterprise_id = cm.enterprise_id
      JOIN appeal_forwards f ON f.appeal_id = a.id,
      LATERAL appeal_forward_appeal_rows(f, a.received_on, 1) AS o,
      LATERAL chamber_rollup_row(cm.chamber_id, o, 0::smallint) AS x
  ) AS d
  GROUP BY org_unit_id, month, chamber_id;
  DELETE FROM appeal_enterprise_counts WHERE grouped_by = 'chamber';
  INSERT INTO appeal_enterprise_counts (org_unit_id, period, starts_on, grouped_by, key, shard, enterprises)
  SELECT a.org_unit_id, p.period, p.starts_on, 'chamber', cm.chamber_id::text, 0, count(DISTINCT a.enterprise_id)
  FROM appeals a JOIN chamber_memberships cm ON cm.enterprise_id = a.enterprise_id
    CROSS JOIN LATERAL appeal_count_periods(a.received_on) AS p
  GROUP BY 1, 2, 3, 4, 5;
END
$$;

-- The recounts of 0014/0017 recount the chambers too, so that a bulk load's one rebuild covers them.
CREATE OR REPLACE FUNCTION rebuild_appeal_enterprise_counts() RETURNS void
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
  PERFORM rebuild_appeal_chamber_rollups();
END
$$;

SELECT rebuild_appeal_chamber_rollups();
