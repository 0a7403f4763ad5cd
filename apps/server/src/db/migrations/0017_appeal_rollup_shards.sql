-- 诉求统计 the monthly appeal rollups (0010) split in eight rows per (org unit, month, category) by appeal:
-- every appeal raised in one street and month of a category added to one row, so its writers queued on
-- that row's lock until each committed (raising appeals 16 at once: 190/s, the waits all on appeal_rollups;
-- bench/service-loop.ts). An appeal's rows and its forwards' go to the shard of the appeal's id; readers
-- sum, as they did. Existing rows stay in shard 0: the sums are unchanged.
ALTER TABLE appeal_rollups ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE appeal_rollups DROP CONSTRAINT appeal_rollups_pkey;
ALTER TABLE appeal_rollups ADD PRIMARY KEY (org_unit_id, month, category_code, shard);

CREATE FUNCTION appeal_rollup_shard(appeal uuid) RETURNS smallint
LANGUAGE sql IMMUTABLE AS $$ SELECT (hashtext(appeal::text) & 7)::smallint $$;

CREATE OR REPLACE FUNCTION appeal_rollup_rows(a appeals, sign integer) RETURNS SETOF appeal_rollups
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
    0, 0, 0, 0,
    appeal_rollup_shard(a.id)
$$;

CREATE OR REPLACE FUNCTION appeal_forward_appeal_rows(f appeal_forwards, received_on date, sign integer)
RETURNS SETOF appeal_rollups
LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', received_on)::date,
    f.org_unit_id,
    f.category_code,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    sign * (f.state = 'returned')::integer,
    sign * (f.responded_at IS NOT NULL)::integer,
    sign * ((f.responded_at <= f.respond_due_at) IS TRUE)::integer,
    sign * (f.state = 'pending' AND f.response_overdue)::integer,
    appeal_rollup_shard(f.appeal_id)
$$;

CREATE OR REPLACE FUNCTION add_appeal_rollups(delta appeal_rollups[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO appeal_rollups AS r
  SELECT month, org_unit_id, category_code,
    sum(received), sum(valid), sum(invalid), sum(merged), sum(forwarded), sum(resolved), sum(unsolvable),
    sum(closed_on_time), sum(closed_late), sum(open_overdue), sum(rated), sum(satisfied),
    sum(basically_satisfied), sum(dissatisfied), sum(returned), sum(responded), sum(responded_on_time),
    sum(response_overdue), shard
  FROM unnest(delta)
  GROUP BY org_unit_id, month, category_code, shard
  HAVING sum(received) <> 0 OR sum(valid) <> 0 OR sum(invalid) <> 0 OR sum(merged) <> 0
    OR sum(forwarded) <> 0 OR sum(resolved) <> 0 OR sum(unsolvable) <> 0 OR sum(closed_on_time) <> 0
    OR sum(closed_late) <> 0 OR sum(open_overdue) <> 0 OR sum(rated) <> 0 OR sum(satisfied) <> 0
    OR sum(basically_satisfied) <> 0 OR sum(dissatisfied) <> 0 OR sum(returned) <> 0
    OR sum(responded) <> 0 OR sum(responded_on_time) <> 0 OR sum(response_overdue) <> 0
  ORDER BY org_unit_id, month, category_code, shard
  ON CONFLICT (org_unit_id, month, category_code, shard) DO UPDATE SET
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

-- A recount writes shard 0 only: the shards spare concurrent writers each other's row locks, and a recount
-- has none, while eight rows a key would make every reader sum eight times as many (a province's quarter
-- by department: 94–134 ms read from shard 0, 400–490 ms from eight; bench/service-loop.ts). Sums are the
-- same wherever a row's share sits.
CREATE OR REPLACE FUNCTION rebuild_appeal_rollups() RETURNS void
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
    sum(response_overdue), 0
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
