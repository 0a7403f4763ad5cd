-- 诉求统计 appeal figures: monthly rollups of the appeals and their forwards, kept exact by triggers, so
-- that the figures of whole months read rollup rows (hundreds for a district's quarter, tens of thousands
-- for a province of 10 million appeals) instead of the records; the days of a partial month are counted
-- from the records. The same functions define a record's contribution for the triggers and for
-- rebuild_appeal_rollups(), so that a rebuild and the triggers cannot disagree on a definition. Monthly,
-- not daily: a province has about as many (day, org unit, category) keys as appeals, so a daily rollup
-- would be as large as the records it sums.

-- Appeals by the month of their received_on (the Asia/Shanghai day), org unit and category. The first
-- counters come from the appeals; returned .. response_overdue from their forwards (keyed by the appeal's
-- received_on and the org unit and category copied onto the forward).
CREATE TABLE appeal_rollups (
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  org_unit_id uuid NOT NULL,
  category_code text NOT NULL,
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
  -- Forwards still pending whose response deadline passed (the scheduler's flag).
  response_overdue integer NOT NULL DEFAULT 0,
  -- Org unit first: a scope is a list of org units, each one probe of this index.
  PRIMARY KEY (org_unit_id, month, category_code)
);

-- Forwards by the month of their forwarded_on, department and org unit (the appeal's: the scope).
CREATE TABLE appeal_forward_rollups (
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  department_id uuid NOT NULL,
  org_unit_id uuid NOT NULL,
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
  PRIMARY KEY (org_unit_id, month, department_id)
);

-- Distinct enterprises are counted from the records (a sum of monthly distinct counts is not a distinct
-- count), as are the days of partial months: these read the scope and the period from one index.
CREATE INDEX appeals_stats_scope_idx ON appeals (org_unit_id, received_on) INCLUDE (enterprise_id, category_code);
CREATE INDEX appeal_forwards_stats_scope_idx ON appeal_forwards (org_unit_id, forwarded_on) INCLUDE (department_id, appeal_id);
-- A forward's enterprise is its appeal's: read from this small index, not from the appeals' pages.
CREATE INDEX appeals_stats_enterprise_idx ON appeals (id) INCLUDE (enterprise_id);

-- One appeal's contribution (sign 1 or -1) to its month's row.
CREATE FUNCTION appeal_rollup_rows(a appeals, sign integer) RETURNS SETOF appeal_rollups
LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', a.received_on)::date,
    a.org_unit_id,
    a.category_code,
    sign,
    sign * (a.validated_at IS NOT NULL AND a.state NOT IN ('invalid', 'merged'))::integer,
    sign * (a.state = 'invalid')::integer,
    sign * (a.state = 'merged')::integer,
    sign * (a.forwarded_at IS NOT NULL)::integer,
    sign * (a.outcome IS NOT DISTINCT FROM 'resolved')::integer,
    sign * (a.outcome IS NOT DISTINCT FROM 'unsolvable')::integer,
    sign * ((a.answered_at <= a.resolve_due_at) IS TRUE)::integer,
    sign * ((a.answered_at > a.resolve_due_at) IS TRUE)::integer,
    sign * (a.outcome IS NULL AND a.overdue)::integer,
    sign * (a.satisfaction IS NOT NULL)::integer,
    sign * (a.satisfaction IS NOT DISTINCT FROM 'satisfied')::integer,
    sign * (a.satisfaction IS NOT DISTINCT FROM 'basically_satisfied')::integer,
    sign * (a.satisfaction IS NOT DISTINCT FROM 'dissatisfied')::integer,
    0, 0, 0, 0
$$;

-- One forward's contribution to the figures of its appeal (received on received_on).
CREATE FUNCTION appeal_forward_appeal_rows(f appeal_forwards, received_on date, sign integer)
RETURNS SETOF appeal_rollups
LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', received_on)::date,
    f.org_unit_id,
    f.category_code,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    sign * (f.state = 'returned')::integer,
    sign * (f.responded_at IS NOT NULL)::integer,
    sign * ((f.responded_at <= f.respond_due_at) IS TRUE)::integer,
    sign * (f.state = 'pending' AND f.response_overdue)::integer
$$;

-- One forward's contribution to its department's figures.
CREATE FUNCTION appeal_forward_rollup_rows(f appeal_forwards, sign integer) RETURNS SETOF appeal_forward_rollups
LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', f.forwarded_on)::date,
    f.department_id,
    f.org_unit_id,
    sign,
    sign * (f.state = 'returned')::integer,
    sign * (f.state = 'withdrawn')::integer,
    sign * (f.responded_at IS NOT NULL)::integer,
    sign * ((f.responded_at <= f.respond_due_at) IS TRUE)::integer,
    sign * (f.state = 'pending' AND f.response_overdue)::integer,
    sign * (f.state = 'resolved')::integer,
    sign * (f.state = 'unsolvable')::integer,
    sign * ((f.answered_at <= f.resolve_due_at) IS TRUE)::integer,
    sign * ((f.answered_at > f.resolve_due_at) IS TRUE)::integer,
    sign * (f.state IN ('pending', 'accepted') AND f.resolve_overdue)::integer,
    sign * (f.satisfaction IS NOT NULL)::integer,
    sign * (f.satisfaction IS NOT DISTINCT FROM 'satisfied')::integer,
    sign * (f.satisfaction IS NOT DISTINCT FROM 'basically_satisfied')::integer,
    sign * (f.satisfaction IS NOT DISTINCT FROM 'dissatisfied')::integer
$$;

-- Adds signed contributions to appeal_rollups: summed per key (an update's old and new rows mostly share
-- one), all-zero sums skipped, and rows locked in key order so that concurrent writers cannot deadlock on
-- each other. PL/pgSQL, not SQL: its statement plans are kept for the session, where a SQL function's
-- INSERT would be planned again on every row written (half a millisecond).
CREATE FUNCTION add_appeal_rollups(delta appeal_rollups[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO appeal_rollups AS r
  SELECT month, org_unit_id, category_code,
    sum(received), sum(valid), sum(invalid), sum(merged), sum(forwarded), sum(resolved), sum(unsolvable),
    sum(closed_on_time), sum(closed_late), sum(open_overdue), sum(rated), sum(satisfied),
    sum(basically_satisfied), sum(dissatisfied), sum(returned), sum(responded), sum(responded_on_time),
    sum(response_overdue)
  FROM unnest(delta)
  GROUP BY org_unit_id, month, category_code
  HAVING sum(received) <> 0 OR sum(valid) <> 0 OR sum(invalid) <> 0 OR sum(merged) <> 0
    OR sum(forwarded) <> 0 OR sum(resolved) <> 0 OR sum(unsolvable) <> 0 OR sum(closed_on_time) <> 0
    OR sum(closed_late) <> 0 OR sum(open_overdue) <> 0 OR sum(rated) <> 0 OR sum(satisfied) <> 0
    OR sum(basically_satisfied) <> 0 OR sum(dissatisfied) <> 0 OR sum(returned) <> 0
    OR sum(responded) <> 0 OR sum(responded_on_time) <> 0 OR sum(response_overdue) <> 0
  ORDER BY org_unit_id, month, category_code
  ON CONFLICT (org_unit_id, month, category_code) DO UPDATE SET
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

CREATE FUNCTION add_appeal_forward_rollups(delta appeal_forward_rollups[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO appeal_forward_rollups AS r
  SELECT month, department_id, org_unit_id,
    sum(forwards), sum(returned), sum(withdrawn), sum(responded), sum(responded_on_time),
    sum(response_overdue), sum(resolved), sum(unsolvable), sum(closed_on_time), sum(closed_late),
    sum(open_overdue), sum(rated), sum(satisfied), sum(basically_satisfied), sum(dissatisfied)
  FROM unnest(delta)
  GROUP BY org_unit_id, month, department_id
  HAVING sum(forwards) <> 0 OR sum(returned) <> 0 OR sum(withdrawn) <> 0 OR sum(responded) <> 0
    OR sum(responded_on_time) <> 0 OR sum(response_overdue) <> 0 OR sum(resolved) <> 0
    OR sum(unsolvable) <> 0 OR sum(closed_on_time) <> 0 OR sum(closed_late) <> 0 OR sum(open_overdue) <> 0
    OR sum(rated) <> 0 OR sum(satisfied) <> 0 OR sum(basically_satisfied) <> 0 OR sum(dissatisfied) <> 0
  ORDER BY org_unit_id, month, department_id
  ON CONFLICT (org_unit_id, month, department_id) DO UPDATE SET
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
END
$$;

-- An appeal written: take the old row's contribution away, add the new row's. Its forwards count in the
-- period the appeal was received, so should that day ever change, their contribution moves with it.
CREATE FUNCTION appeal_rollups_on_appeal() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  delta appeal_rollups[];
BEGIN
  SELECT array_agg(r) INTO delta FROM (
    SELECT * FROM appeal_rollup_rows(OLD, -1) WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT * FROM appeal_rollup_rows(NEW, 1) WHERE TG_OP <> 'DELETE'
    UNION ALL
    SELECT moved.* FROM appeal_forwards f
      CROSS JOIN (VALUES (OLD.received_on, -1), (NEW.received_on, 1)) AS day (received_on, sign),
      LATERAL appeal_forward_appeal_rows(f, day.received_on, day.sign) AS moved
    WHERE TG_OP = 'UPDATE' AND OLD.received_on <> NEW.received_on AND f.appeal_id = NEW.id
  ) AS r;
  PERFORM add_appeal_rollups(delta);
  RETURN NULL;
END
$$;

-- A forward written: its contribution to its appeal's figures and to its department's.
CREATE FUNCTION appeal_rollups_on_forward() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_received date;
  new_received date;
  appeal_delta appeal_rollups[];
  forward_delta appeal_forward_rollups[];
BEGIN
  IF TG_OP <> 'INSERT' THEN
    SELECT received_on INTO old_received FROM appeals WHERE id = OLD.appeal_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT received_on INTO new_received FROM appeals WHERE id = NEW.appeal_id;
  END IF;
  SELECT array_agg(r) INTO appeal_delta FROM (
    SELECT * FROM appeal_forward_appeal_rows(OLD, old_received, -1) WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT * FROM appeal_forward_appeal_rows(NEW, new_received, 1) WHERE TG_OP <> 'DELETE'
  ) AS r;
  SELECT array_agg(r) INTO forward_delta FROM (
    SELECT * FROM appeal_forward_rollup_rows(OLD, -1) WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT * FROM appeal_forward_rollup_rows(NEW, 1) WHERE TG_OP <> 'DELETE'
  ) AS r;
  -- Always appeal rows before department rows: one lock order for every writer.
  PERFORM add_appeal_rollups(appeal_delta);
  PERFORM add_appeal_forward_rollups(forward_delta);
  RETURN NULL;
END
$$;

CREATE TRIGGER appeal_rollups_insert_delete AFTER INSERT OR DELETE ON appeals
  FOR EACH ROW EXECUTE FUNCTION appeal_rollups_on_appeal();
-- Only when a column the figures read changed: most updates (a note, a version bump) cost nothing here.
CREATE TRIGGER appeal_rollups_update AFTER UPDATE ON appeals
  FOR EACH ROW WHEN (
    (OLD.received_on, OLD.org_unit_id, OLD.category_code, OLD.state, OLD.validated_at, OLD.forwarded_at,
     OLD.outcome, OLD.answered_at, OLD.resolve_due_at, OLD.overdue, OLD.satisfaction)
    IS DISTINCT FROM
    (NEW.received_on, NEW.org_unit_id, NEW.category_code, NEW.state, NEW.validated_at, NEW.forwarded_at,
     NEW.outcome, NEW.answered_at, NEW.resolve_due_at, NEW.overdue, NEW.satisfaction)
  ) EXECUTE FUNCTION appeal_rollups_on_appeal();

CREATE TRIGGER appeal_forward_rollups_insert_delete AFTER INSERT OR DELETE ON appeal_forwards
  FOR EACH ROW EXECUTE FUNCTION appeal_rollups_on_forward();
CREATE TRIGGER appeal_forward_rollups_update AFTER UPDATE ON appeal_forwards
  FOR EACH ROW WHEN (
    (OLD.appeal_id, OLD.department_id, OLD.org_unit_id, OLD.category_code, OLD.state, OLD.forwarded_on,
     OLD.responded_at, OLD.respond_due_at, OLD.response_overdue, OLD.answered_at, OLD.resolve_due_at,
     OLD.resolve_overdue, OLD.satisfaction)
    IS DISTINCT FROM
    (NEW.appeal_id, NEW.department_id, NEW.org_unit_id, NEW.category_code, NEW.state, NEW.forwarded_on,
     NEW.responded_at, NEW.respond_due_at, NEW.response_overdue, NEW.answered_at, NEW.resolve_due_at,
     NEW.resolve_overdue, NEW.satisfaction)
  ) EXECUTE FUNCTION appeal_rollups_on_forward();

-- Recounts both rollups from the records, with one INSERT … SELECT … GROUP BY each: after a bulk load
-- with the triggers disabled, or to repair. Writers wait meanwhile (SHARE locks), so nothing is missed.
CREATE FUNCTION rebuild_appeal_rollups() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE appeals, appeal_forwards IN SHARE MODE;
  LOCK TABLE appeal_rollups, appeal_forward_rollups IN ACCESS EXCLUSIVE MODE;
  TRUNCATE appeal_rollups, appeal_forward_rollups;
  INSERT INTO appeal_rollups
  SELECT month, org_unit_id, category_code,
    sum(received), sum(valid), sum(invalid), sum(merged), sum(forwarded), sum(resolved), sum(unsolvable),
    sum(closed_on_time), sum(closed_late), sum(open_overdue), sum(rated), sum(satisfied),
    sum(basically_satisfied), sum(dissatisfied), sum(returned), sum(responded), sum(responded_on_time),
    sum(response_overdue)
  FROM (
    SELECT r.* FROM appeals a, LATERAL appeal_rollup_rows(a, 1) AS r
    UNION ALL
    SELECT r.* FROM appeal_forwards f JOIN appeals a ON a.id = f.appeal_id,
      LATERAL appeal_forward_appeal_rows(f, a.received_on, 1) AS r
  ) AS rows
  GROUP BY org_unit_id, month, category_code;
  INSERT INTO appeal_forward_rollups
  SELECT month, department_id, org_unit_id,
    sum(forwards), sum(returned), sum(withdrawn), sum(responded), sum(responded_on_time),
    sum(response_overdue), sum(resolved), sum(unsolvable), sum(closed_on_time), sum(closed_late),
    sum(open_overdue), sum(rated), sum(satisfied), sum(basically_satisfied), sum(dissatisfied)
  FROM (SELECT r.* FROM appeal_forwards f, LATERAL appeal_forward_rollup_rows(f, 1) AS r) AS rows
  GROUP BY org_unit_id, month, department_id;
END
$$;
