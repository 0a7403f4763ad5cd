-- 诉求统计 the counters of partial months (decision 0005, with 0062). Whole months are read from the monthly
-- rollups (0010); the days before and after them — a period from the 10th to the 20th two months later —
-- were counted from the records: at province scope six weeks of appeals and forwards, 0.2 s for the appeals'
-- counters, 1.7 s for the departments' at 10M appeals, and by chamber each member enterprise's appeals. These rollups keep the same counters by day and
-- bucket (a unit's district, or the unit itself above district level: appeal_bucket, 0062), so that a scope at
-- or above a district sums a few hundred rows a day; a scope inside a district still reads its few records.
--
-- Kept by the rollup triggers of 0010 and the chambers' of 0033/0040, restated here: every delta they add to
-- a month's row (the appeal's own, its forwards' part of the appeal's counters, the department's, and each
-- chamber's of the appeal's enterprise or of a membership added or ended) is added to its day's row as well,
-- right after it (appeals' rows before departments', chambers' last: one lock order for every writer).
CREATE TABLE appeal_day_rollups (
  bucket_id uuid NOT NULL,
  day date NOT NULL,
  category_code text NOT NULL,
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
  PRIMARY KEY (bucket_id, day, category_code, shard)
);

CREATE TABLE appeal_forward_day_rollups (
  bucket_id uuid NOT NULL,
  day date NOT NULL,
  department_id uuid NOT NULL,
  shard smallint NOT NULL DEFAULT 0,
  forwards integer NOT NULL DEFAULT 0,
  returned integer NOT NULL DEFAULT 0,
  withdrawn integer NOT NULL DEFAULT 0,
  responded integer NOT NULL DEFAULT 0,
  responded_on_time integer NOT NULL DEFAULT 0,
  response_overdue integer NOT NULL DEFAULT 0,
  resolved integer NOT NULL DEFAULT 0,
  unsolvable integer NOT NULL DEFAULT 0,
  closed_on_time integer NOT NULL DEFAULT 0,
  closed_late integer NOT NULL DEFAULT 0,
  open_overdue integer NOT NULL DEFAULT 0,
  rated integer NOT NULL DEFAULT 0,
  satisfied integer NOT NULL DEFAULT 0,
  basically_satisfied integer NOT NULL DEFAULT 0,
  dissatisfied integer NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_id, day, department_id, shard)
);

CREATE TABLE appeal_chamber_day_rollups (
  bucket_id uuid NOT NULL,
  day date NOT NULL,
  chamber_id uuid NOT NULL,
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
  PRIMARY KEY (bucket_id, day, chamber_id, shard)
);

-- The same by month and bucket: a long period's whole months at province scope read ~130 buckets' rows
-- instead of ~3,800 units' (0010's rollups, kept as they are for the scopes inside a district).
CREATE TABLE appeal_bucket_rollups (
  bucket_id uuid NOT NULL,
  month date NOT NULL,
  category_code text NOT NULL,
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
  PRIMARY KEY (bucket_id, month, category_code, shard)
);

CREATE TABLE appeal_forward_bucket_rollups (
  bucket_id uuid NOT NULL,
  month date NOT NULL,
  department_id uuid NOT NULL,
  shard smallint NOT NULL DEFAULT 0,
  forwards integer NOT NULL DEFAULT 0,
  returned integer NOT NULL DEFAULT 0,
  withdrawn integer NOT NULL DEFAULT 0,
  responded integer NOT NULL DEFAULT 0,
  responded_on_time integer NOT NULL DEFAULT 0,
  response_overdue integer NOT NULL DEFAULT 0,
  resolved integer NOT NULL DEFAULT 0,
  unsolvable integer NOT NULL DEFAULT 0,
  closed_on_time integer NOT NULL DEFAULT 0,
  closed_late integer NOT NULL DEFAULT 0,
  open_overdue integer NOT NULL DEFAULT 0,
  rated integer NOT NULL DEFAULT 0,
  satisfied integer NOT NULL DEFAULT 0,
  basically_satisfied integer NOT NULL DEFAULT 0,
  dissatisfied integer NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_id, month, department_id, shard)
);

CREATE TABLE appeal_chamber_bucket_rollups (
  bucket_id uuid NOT NULL,
  month date NOT NULL,
  chamber_id uuid NOT NULL,
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
  PRIMARY KEY (bucket_id, month, chamber_id, shard)
);

-- A month rollup's delta row with the day it belongs to.
CREATE TYPE appeal_dated_rollup AS (day date, r appeal_rollups);
CREATE TYPE appeal_forward_dated_rollup AS (day date, r appeal_forward_rollups);
CREATE TYPE appeal_chamber_dated_rollup AS (chamber_id uuid, day date, r appeal_rollups);

CREATE FUNCTION add_appeal_day_rollups(delta appeal_dated_rollup[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO appeal_day_rollups AS r (bucket_id, day, category_code, shard,
  received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late,
  open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time,
  response_overdue)
  SELECT appeal_bucket((d.r).org_unit_id), d.day, (d.r).category_code, (d.r).shard,
    sum((d.r).received), sum((d.r).valid), sum((d.r).invalid), sum((d.r).merged), sum((d.r).forwarded),
    sum((d.r).resolved), sum((d.r).unsolvable), sum((d.r).closed_on_time), sum((d.r).closed_late),
    sum((d.r).open_overdue), sum((d.r).rated), sum((d.r).satisfied), sum((d.r).basically_satisfied),
    sum((d.r).dissatisfied), sum((d.r).returned), sum((d.r).responded), sum((d.r).responded_on_time),
    sum((d.r).response_overdue)
  FROM unnest(delta) AS d
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (bucket_id, day, category_code, shard) DO UPDATE SET
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
  INSERT INTO appeal_bucket_rollups AS r (bucket_id, month, category_code, shard,
  received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late,
  open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time,
  response_overdue)
  SELECT appeal_bucket((d.r).org_unit_id), date_trunc('month', d.day::timestamp)::date, (d.r).category_code, (d.r).shard,
    sum((d.r).received), sum((d.r).valid), sum((d.r).invalid), sum((d.r).merged), sum((d.r).forwarded),
    sum((d.r).resolved), sum((d.r).unsolvable), sum((d.r).closed_on_time), sum((d.r).closed_late),
    sum((d.r).open_overdue), sum((d.r).rated), sum((d.r).satisfied), sum((d.r).basically_satisfied),
    sum((d.r).dissatisfied), sum((d.r).returned), sum((d.r).responded), sum((d.r).responded_on_time),
    sum((d.r).response_overdue)
  FROM unnest(delta) AS d
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (bucket_id, month, category_code, shard) DO UPDATE SET
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
    response_overdue = r.response_overdue + excluded.response_overdue
$$;

CREATE FUNCTION add_appeal_forward_day_rollups(delta appeal_forward_dated_rollup[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO appeal_forward_day_rollups AS r (bucket_id, day, department_id, shard,
  forwards, returned, withdrawn, responded, responded_on_time, response_overdue, resolved, unsolvable,
  closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied)
  SELECT appeal_bucket((d.r).org_unit_id), d.day, (d.r).department_id, (d.r).shard,
    sum((d.r).forwards), sum((d.r).returned), sum((d.r).withdrawn), sum((d.r).responded),
    sum((d.r).responded_on_time), sum((d.r).response_overdue), sum((d.r).resolved), sum((d.r).unsolvable),
    sum((d.r).closed_on_time), sum((d.r).closed_late), sum((d.r).open_overdue), sum((d.r).rated),
    sum((d.r).satisfied), sum((d.r).basically_satisfied), sum((d.r).dissatisfied)
  FROM unnest(delta) AS d
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (bucket_id, day, department_id, shard) DO UPDATE SET
    forwards = r.forwards + excluded.forwards,
    returned = r.returned + excluded.returned,
    withdrawn = r.withdrawn + excluded.withdrawn,
    responded = r.responded + excluded.responded,
    responded_on_time = r.responded_on_time + excluded.responded_on_time,
    response_overdue = r.response_overdue + excluded.response_overdue,
    resolved = r.resolved + excluded.resolved,
    unsolvable = r.unsolvable + excluded.unsolvable,
    closed_on_time = r.closed_on_time + excluded.closed_on_time,
    closed_late = r.closed_late + excluded.closed_late,
    open_overdue = r.open_overdue + excluded.open_overdue,
    rated = r.rated + excluded.rated,
    satisfied = r.satisfied + excluded.satisfied,
    basically_satisfied = r.basically_satisfied + excluded.basically_satisfied,
    dissatisfied = r.dissatisfied + excluded.dissatisfied;
  INSERT INTO appeal_forward_bucket_rollups AS r (bucket_id, month, department_id, shard,
  forwards, returned, withdrawn, responded, responded_on_time, response_overdue, resolved, unsolvable,
  closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied)
  SELECT appeal_bucket((d.r).org_unit_id), date_trunc('month', d.day::timestamp)::date, (d.r).department_id, (d.r).shard,
    sum((d.r).forwards), sum((d.r).returned), sum((d.r).withdrawn), sum((d.r).responded),
    sum((d.r).responded_on_time), sum((d.r).response_overdue), sum((d.r).resolved), sum((d.r).unsolvable),
    sum((d.r).closed_on_time), sum((d.r).closed_late), sum((d.r).open_overdue), sum((d.r).rated),
    sum((d.r).satisfied), sum((d.r).basically_satisfied), sum((d.r).dissatisfied)
  FROM unnest(delta) AS d
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (bucket_id, month, department_id, shard) DO UPDATE SET
    forwards = r.forwards + excluded.forwards,
    returned = r.returned + excluded.returned,
    withdrawn = r.withdrawn + excluded.withdrawn,
    responded = r.responded + excluded.responded,
    responded_on_time = r.responded_on_time + excluded.responded_on_time,
    response_overdue = r.response_overdue + excluded.response_overdue,
    resolved = r.resolved + excluded.resolved,
    unsolvable = r.unsolvable + excluded.unsolvable,
    closed_on_time = r.closed_on_time + excluded.closed_on_time,
    closed_late = r.closed_late + excluded.closed_late,
    open_overdue = r.open_overdue + excluded.open_overdue,
    rated = r.rated + excluded.rated,
    satisfied = r.satisfied + excluded.satisfied,
    basically_satisfied = r.basically_satisfied + excluded.basically_satisfied,
    dissatisfied = r.dissatisfied + excluded.dissatisfied
$$;

CREATE FUNCTION add_appeal_chamber_day_rollups(delta appeal_chamber_dated_rollup[]) RETURNS void
LANGUAGE sql AS $$
  INSERT INTO appeal_chamber_day_rollups AS r (bucket_id, day, chamber_id, shard,
  received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late,
  open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time,
  response_overdue)
  SELECT appeal_bucket((d.r).org_unit_id), d.day, d.chamber_id, (d.r).shard,
    sum((d.r).received), sum((d.r).valid), sum((d.r).invalid), sum((d.r).merged), sum((d.r).forwarded),
    sum((d.r).resolved), sum((d.r).unsolvable), sum((d.r).closed_on_time), sum((d.r).closed_late),
    sum((d.r).open_overdue), sum((d.r).rated), sum((d.r).satisfied), sum((d.r).basically_satisfied),
    sum((d.r).dissatisfied), sum((d.r).returned), sum((d.r).responded), sum((d.r).responded_on_time),
    sum((d.r).response_overdue)
  FROM unnest(delta) AS d
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (bucket_id, day, chamber_id, shard) DO UPDATE SET
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
  INSERT INTO appeal_chamber_bucket_rollups AS r (bucket_id, month, chamber_id, shard,
  received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late,
  open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time,
  response_overdue)
  SELECT appeal_bucket((d.r).org_unit_id), date_trunc('month', d.day::timestamp)::date, d.chamber_id, (d.r).shard,
    sum((d.r).received), sum((d.r).valid), sum((d.r).invalid), sum((d.r).merged), sum((d.r).forwarded),
    sum((d.r).resolved), sum((d.r).unsolvable), sum((d.r).closed_on_time), sum((d.r).closed_late),
    sum((d.r).open_overdue), sum((d.r).rated), sum((d.r).satisfied), sum((d.r).basically_satisfied),
    sum((d.r).dissatisfied), sum((d.r).returned), sum((d.r).responded), sum((d.r).responded_on_time),
    sum((d.r).response_overdue)
  FROM unnest(delta) AS d
  GROUP BY 1, 2, 3, 4
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (bucket_id, month, chamber_id, shard) DO UPDATE SET
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
    response_overdue = r.response_overdue + excluded.response_overdue
$$;

-- Signed dated contributions of one enterprise's appeals: to each of its chambers' months (0033), then days.
CREATE FUNCTION add_appeal_chamber_dated(delta appeal_dated_rollup[], enterprise uuid) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF enterprise IS NULL OR cardinality(delta) = 0 THEN
    RETURN;
  END IF;
  PERFORM add_appeal_chamber_rollups(ARRAY(SELECT d.r FROM unnest(delta) AS d), enterprise);
  PERFORM add_appeal_chamber_day_rollups(ARRAY(
    SELECT ROW(cm.chamber_id, d.day, d.r)::appeal_chamber_dated_rollup
    FROM unnest(delta) AS d CROSS JOIN chamber_memberships cm
    WHERE cm.enterprise_id = enterprise));
END
$$;

-- 0033's, with the day rows: an appeal written, its old contribution taken from its (old) enterprise's
-- chambers, its new one added to its (new) enterprise's; its forwards move with it when its enterprise or its
-- day changed. The enterprises are locked first (as 0014 locks them), so that a membership written at the
-- same time is either seen here or sees this appeal.
CREATE OR REPLACE FUNCTION appeal_chamber_rollups_on_appeal() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  moved boolean := TG_OP = 'UPDATE'
    AND (OLD.received_on, OLD.enterprise_id) IS DISTINCT FROM (NEW.received_on, NEW.enterprise_id);
  taken appeal_dated_rollup[] := '{}';
  given appeal_dated_rollup[] := '{}';
BEGIN
  PERFORM lock_appeal_enterprises(
    CASE WHEN TG_OP <> 'INSERT' THEN OLD.enterprise_id END,
    CASE WHEN TG_OP <> 'DELETE' THEN NEW.enterprise_id END);
  IF TG_OP <> 'INSERT' THEN
    taken := ARRAY(
      SELECT ROW(OLD.received_on, o)::appeal_dated_rollup FROM appeal_rollup_rows(OLD, -1) AS o
      UNION ALL
      SELECT ROW(OLD.received_on, o)::appeal_dated_rollup
      FROM appeal_forwards f, LATERAL appeal_forward_appeal_rows(f, OLD.received_on, -1) AS o
      WHERE moved AND f.appeal_id = OLD.id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    given := ARRAY(
      SELECT ROW(NEW.received_on, o)::appeal_dated_rollup FROM appeal_rollup_rows(NEW, 1) AS o
      UNION ALL
      SELECT ROW(NEW.received_on, o)::appeal_dated_rollup
      FROM appeal_forwards f, LATERAL appeal_forward_appeal_rows(f, NEW.received_on, 1) AS o
      WHERE moved AND f.appeal_id = NEW.id);
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.enterprise_id = NEW.enterprise_id THEN
    PERFORM add_appeal_chamber_dated(taken || given, NEW.enterprise_id);
  ELSE
    PERFORM add_appeal_chamber_dated(taken, OLD.enterprise_id);
    PERFORM add_appeal_chamber_dated(given, NEW.enterprise_id);
  END IF;
  RETURN NULL;
END
$$;

-- 0033's, with the day rows: a forward written, its contribution to its appeal's figures (on the appeal's
-- day), in its appeal's enterprise's chambers. The appeal read FOR SHARE, as above: a merge re-registering it
-- at the same time moves this forward's contribution or is seen here.
CREATE OR REPLACE FUNCTION appeal_chamber_rollups_on_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_received date;
  new_received date;
  old_enterprise uuid;
  new_enterprise uuid;
  taken appeal_dated_rollup[] := '{}';
  given appeal_dated_rollup[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    SELECT received_on, enterprise_id INTO old_received, old_enterprise FROM appeals WHERE id = OLD.appeal_id FOR SHARE;
    taken := ARRAY(SELECT ROW(old_received, o)::appeal_dated_rollup
      FROM appeal_forward_appeal_rows(OLD, old_received, -1) AS o);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT received_on, enterprise_id INTO new_received, new_enterprise FROM appeals WHERE id = NEW.appeal_id FOR SHARE;
    given := ARRAY(SELECT ROW(new_received, o)::appeal_dated_rollup
      FROM appeal_forward_appeal_rows(NEW, new_received, 1) AS o);
  END IF;
  PERFORM lock_appeal_enterprises(old_enterprise, new_enterprise);
  IF TG_OP = 'UPDATE' AND old_enterprise = new_enterprise THEN
    PERFORM add_appeal_chamber_dated(taken || given, new_enterprise);
  ELSE
    PERFORM add_appeal_chamber_dated(taken, old_enterprise);
    PERFORM add_appeal_chamber_dated(given, new_enterprise);
  END IF;
  RETURN NULL;
END
$$;

-- 0040's, with the day rows: memberships added or ended move their enterprises' appeals (and forwards) into
-- or out of the chambers' months, days and distinct counts.
CREATE OR REPLACE FUNCTION appeal_chamber_membership_change(removed chamber_memberships[], added chamber_memberships[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  moved appeal_chamber_dated_rollup[];
BEGIN
  PERFORM lock_membership_enterprises(removed, added);
  moved := ARRAY(
    WITH changed AS (
      SELECT chamber_id, enterprise_id, -1 AS sign FROM unnest(removed)
      UNION ALL
      SELECT chamber_id, enterprise_id, 1 FROM unnest(added)
    )
    SELECT ROW(m.chamber_id, a.received_on, o)::appeal_chamber_dated_rollup
    FROM changed m JOIN appeals a ON a.enterprise_id = m.enterprise_id,
      LATERAL appeal_rollup_rows(a, m.sign) AS o
    UNION ALL
    SELECT ROW(m.chamber_id, a.received_on, o)::appeal_chamber_dated_rollup
    FROM changed m JOIN appeals a ON a.enterprise_id = m.enterprise_id
      JOIN appeal_forwards f ON f.appeal_id = a.id,
      LATERAL appeal_forward_appeal_rows(f, a.received_on, m.sign) AS o);
  PERFORM add_chamber_rollup_rows(ARRAY(
    SELECT chamber_rollup_row(m.chamber_id, m.r, 0::smallint) FROM unnest(moved) AS m));
  PERFORM add_appeal_chamber_day_rollups(moved);
  INSERT INTO appeal_enterprise_counts AS c (org_unit_id, period, starts_on, grouped_by, key, shard, enterprises)
  WITH changed AS (
    SELECT chamber_id, enterprise_id, -1 AS sign FROM unnest(removed)
    UNION ALL
    SELECT chamber_id, enterprise_id, 1 FROM unnest(added)
  )
  SELECT present.org_unit_id, present.period, present.starts_on, 'chamber', m.chamber_id::text,
    appeal_enterprise_shard(m.enterprise_id), sum(m.sign)
  FROM changed m
    JOIN (
      SELECT DISTINCT a.enterprise_id, a.org_unit_id, p.period, p.starts_on
      FROM appeals a CROSS JOIN LATERAL appeal_count_periods(a.received_on) AS p
      WHERE a.enterprise_id IN (SELECT enterprise_id FROM changed)
    ) AS present ON present.enterprise_id = m.enterprise_id
  GROUP BY 1, 2, 3, 4, 5, 6
  HAVING sum(m.sign) <> 0
  ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT (org_unit_id, period, starts_on, grouped_by, key, shard)
  DO UPDATE SET enterprises = c.enterprises + excluded.enterprises;
END
$$;

-- 0010's, with the day rows: an appeal written takes the old row's contribution away and adds the new row's;
-- its forwards count in the period the appeal was received, so should that day change, theirs moves with it.
CREATE OR REPLACE FUNCTION appeal_rollups_on_appeal() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  delta appeal_dated_rollup[];
BEGIN
  SELECT array_agg(ROW(d.day, d.r)::appeal_dated_rollup) INTO delta FROM (
    SELECT OLD.received_on AS day, r FROM appeal_rollup_rows(OLD, -1) AS r WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT NEW.received_on, r FROM appeal_rollup_rows(NEW, 1) AS r WHERE TG_OP <> 'DELETE'
    UNION ALL
    SELECT day.received_on, moved FROM appeal_forwards f
      CROSS JOIN (VALUES (OLD.received_on, -1), (NEW.received_on, 1)) AS day (received_on, sign),
      LATERAL appeal_forward_appeal_rows(f, day.received_on, day.sign) AS moved
    WHERE TG_OP = 'UPDATE' AND OLD.received_on <> NEW.received_on AND f.appeal_id = NEW.id
  ) AS d;
  PERFORM add_appeal_rollups(ARRAY(SELECT d.r FROM unnest(delta) AS d));
  PERFORM add_appeal_day_rollups(delta);
  RETURN NULL;
END
$$;

-- 0010's, with the day rows: a forward written, its contribution to its appeal's figures (on the appeal's
-- day) and to its department's (on its own). The appeal is read FOR SHARE: a statement re-dating it at the
-- same time (whose trigger moves the forwards it sees) either finished first — its day is read here — or
-- waits until this forward is committed and then sees it. The app's transitions hold the appeal's row
-- already; only writers by SQL could meet here.
CREATE OR REPLACE FUNCTION appeal_rollups_on_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_received date;
  new_received date;
  appeal_delta appeal_dated_rollup[];
  forward_delta appeal_forward_dated_rollup[];
BEGIN
  IF TG_OP <> 'INSERT' THEN
    SELECT received_on INTO old_received FROM appeals WHERE id = OLD.appeal_id FOR SHARE;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT received_on INTO new_received FROM appeals WHERE id = NEW.appeal_id FOR SHARE;
  END IF;
  SELECT array_agg(ROW(d.day, d.r)::appeal_dated_rollup) INTO appeal_delta FROM (
    SELECT old_received AS day, r FROM appeal_forward_appeal_rows(OLD, old_received, -1) AS r WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT new_received, r FROM appeal_forward_appeal_rows(NEW, new_received, 1) AS r WHERE TG_OP <> 'DELETE'
  ) AS d;
  SELECT array_agg(ROW(d.day, d.r)::appeal_forward_dated_rollup) INTO forward_delta FROM (
    SELECT OLD.forwarded_on AS day, r FROM appeal_forward_rollup_rows(OLD, -1) AS r WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT NEW.forwarded_on, r FROM appeal_forward_rollup_rows(NEW, 1) AS r WHERE TG_OP <> 'DELETE'
  ) AS d;
  -- Always appeal rows before department rows: one lock order for every writer.
  PERFORM add_appeal_rollups(ARRAY(SELECT d.r FROM unnest(appeal_delta) AS d));
  PERFORM add_appeal_day_rollups(appeal_delta);
  PERFORM add_appeal_forward_rollups(ARRAY(SELECT d.r FROM unnest(forward_delta) AS d));
  PERFORM add_appeal_forward_day_rollups(forward_delta);
  RETURN NULL;
END
$$;

-- Recounts the three day rollups from the records, one GROUP BY each (the units' buckets computed once): after a
-- bulk load with the triggers off, to repair, and when a unit moves or changes kind (its buckets change).
-- Writers wait meanwhile (SHARE locks). A recount writes shard 0; readers sum.
CREATE FUNCTION rebuild_appeal_day_rollups() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE appeals, appeal_forwards, chamber_memberships IN SHARE MODE;
  LOCK TABLE appeal_day_rollups, appeal_forward_day_rollups, appeal_chamber_day_rollups, appeal_bucket_rollups,
    appeal_forward_bucket_rollups, appeal_chamber_bucket_rollups IN ACCESS EXCLUSIVE MODE;
  TRUNCATE appeal_day_rollups, appeal_forward_day_rollups, appeal_chamber_day_rollups, appeal_bucket_rollups,
    appeal_forward_bucket_rollups, appeal_chamber_bucket_rollups;
  CREATE TEMP TABLE appeal_day_buckets ON COMMIT DROP AS
    SELECT u.id AS org_unit_id, appeal_bucket(u.id) AS bucket_id FROM org_units u;
  ANALYZE appeal_day_buckets;
  INSERT INTO appeal_day_rollups (bucket_id, day, category_code,
  received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late,
  open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time,
  response_overdue)
  SELECT b.bucket_id, x.day, x.category_code,
    sum(x.received), sum(x.valid), sum(x.invalid), sum(x.merged), sum(x.forwarded), sum(x.resolved),
    sum(x.unsolvable), sum(x.closed_on_time), sum(x.closed_late), sum(x.open_overdue), sum(x.rated),
    sum(x.satisfied), sum(x.basically_satisfied), sum(x.dissatisfied), sum(x.returned), sum(x.responded),
    sum(x.responded_on_time), sum(x.response_overdue)
  FROM (
    SELECT a.received_on AS day, r.* FROM appeals a, LATERAL appeal_rollup_rows(a, 1) AS r
    UNION ALL
    SELECT a.received_on, r.* FROM appeal_forwards f JOIN appeals a ON a.id = f.appeal_id,
      LATERAL appeal_forward_appeal_rows(f, a.received_on, 1) AS r
  ) AS x JOIN appeal_day_buckets b USING (org_unit_id)
  GROUP BY 1, 2, 3;
  INSERT INTO appeal_forward_day_rollups (bucket_id, day, department_id,
  forwards, returned, withdrawn, responded, responded_on_time, response_overdue, resolved, unsolvable,
  closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied)
  SELECT b.bucket_id, x.day, x.department_id,
    sum(x.forwards), sum(x.returned), sum(x.withdrawn), sum(x.responded), sum(x.responded_on_time),
    sum(x.response_overdue), sum(x.resolved), sum(x.unsolvable), sum(x.closed_on_time), sum(x.closed_late),
    sum(x.open_overdue), sum(x.rated), sum(x.satisfied), sum(x.basically_satisfied), sum(x.dissatisfied)
  FROM (SELECT f.forwarded_on AS day, r.* FROM appeal_forwards f, LATERAL appeal_forward_rollup_rows(f, 1) AS r) AS x
    JOIN appeal_day_buckets b USING (org_unit_id)
  GROUP BY 1, 2, 3;
  INSERT INTO appeal_chamber_day_rollups (bucket_id, day, chamber_id,
  received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late,
  open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time,
  response_overdue)
  SELECT b.bucket_id, x.day, x.chamber_id,
    sum(x.received), sum(x.valid), sum(x.invalid), sum(x.merged), sum(x.forwarded), sum(x.resolved),
    sum(x.unsolvable), sum(x.closed_on_time), sum(x.closed_late), sum(x.open_overdue), sum(x.rated),
    sum(x.satisfied), sum(x.basically_satisfied), sum(x.dissatisfied), sum(x.returned), sum(x.responded),
    sum(x.responded_on_time), sum(x.response_overdue)
  FROM (
    SELECT cm.chamber_id, a.received_on AS day, r.*
    FROM chamber_memberships cm JOIN appeals a ON a.enterprise_id = cm.enterprise_id,
      LATERAL appeal_rollup_rows(a, 1) AS r
    UNION ALL
    SELECT cm.chamber_id, a.received_on, r.*
    FROM chamber_memberships cm JOIN appeals a ON a.enterprise_id = cm.enterprise_id
      JOIN appeal_forwards f ON f.appeal_id = a.id,
      LATERAL appeal_forward_appeal_rows(f, a.received_on, 1) AS r
  ) AS x JOIN appeal_day_buckets b USING (org_unit_id)
  GROUP BY 1, 2, 3;
  DROP TABLE appeal_day_buckets;
  -- The months by bucket: sums of the days.
  INSERT INTO appeal_bucket_rollups (bucket_id, month, category_code,
  received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late,
  open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time,
  response_overdue)
  SELECT bucket_id, date_trunc('month', day::timestamp)::date, category_code,
    sum(received), sum(valid), sum(invalid), sum(merged), sum(forwarded), sum(resolved), sum(unsolvable),
    sum(closed_on_time), sum(closed_late), sum(open_overdue), sum(rated), sum(satisfied),
    sum(basically_satisfied), sum(dissatisfied), sum(returned), sum(responded), sum(responded_on_time),
    sum(response_overdue)
  FROM appeal_day_rollups
  GROUP BY 1, 2, 3;
  INSERT INTO appeal_forward_bucket_rollups (bucket_id, month, department_id,
  forwards, returned, withdrawn, responded, responded_on_time, response_overdue, resolved, unsolvable,
  closed_on_time, closed_late, open_overdue, rated, satisfied, basically_satisfied, dissatisfied)
  SELECT bucket_id, date_trunc('month', day::timestamp)::date, department_id,
    sum(forwards), sum(returned), sum(withdrawn), sum(responded), sum(responded_on_time),
    sum(response_overdue), sum(resolved), sum(unsolvable), sum(closed_on_time), sum(closed_late),
    sum(open_overdue), sum(rated), sum(satisfied), sum(basically_satisfied), sum(dissatisfied)
  FROM appeal_forward_day_rollups
  GROUP BY 1, 2, 3;
  INSERT INTO appeal_chamber_bucket_rollups (bucket_id, month, chamber_id,
  received, valid, invalid, merged, forwarded, resolved, unsolvable, closed_on_time, closed_late,
  open_overdue, rated, satisfied, basically_satisfied, dissatisfied, returned, responded, responded_on_time,
  response_overdue)
  SELECT bucket_id, date_trunc('month', day::timestamp)::date, chamber_id,
    sum(received), sum(valid), sum(invalid), sum(merged), sum(forwarded), sum(resolved), sum(unsolvable),
    sum(closed_on_time), sum(closed_late), sum(open_overdue), sum(rated), sum(satisfied),
    sum(basically_satisfied), sum(dissatisfied), sum(returned), sum(responded), sum(responded_on_time),
    sum(response_overdue)
  FROM appeal_chamber_day_rollups
  GROUP BY 1, 2, 3;
END
$$;

-- A unit moved or changed kind: its subtree's buckets changed (see 0062's trigger beside this one).
CREATE FUNCTION appeal_day_rollups_on_org_units() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
             WHERE (o.path, o.kind) IS DISTINCT FROM (n.path, n.kind)) THEN
    PERFORM rebuild_appeal_day_rollups();
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER appeal_day_rollups_org_units AFTER UPDATE ON org_units
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_day_rollups_on_org_units();

SELECT rebuild_appeal_day_rollups();
