-- 诉求统计 the departments' monthly rollup (0010) split in eight rows per (org unit, month, department) by
-- appeal, as 0017 split the appeals' own: every forward of a street's month to one department (a district's
-- 人社局 gets most of a month's employment appeals) added to, and every step of each forward (accepted,
-- answered, confirmed, rated) moved, one row, so its writers queued on that row's lock until each committed.
-- Seen in the long load (bench/long-load.ts, one node at 200 requests/s): transitions waiting on
-- `transactionid` locks behind each other's forward rollup row, up to 23 s at the tail. A forward's rows go
-- to its appeal's shard (appeal_rollup_shard, 0017); readers sum, as they do for the other rollups. Existing
-- rows stay in shard 0, and a recount (rebuild_appeal_rollups, whose INSERT leaves the column to its default)
-- writes shard 0 only: the sums are unchanged.
ALTER TABLE appeal_forward_rollups ADD COLUMN shard smallint NOT NULL DEFAULT 0;
ALTER TABLE appeal_forward_rollups DROP CONSTRAINT appeal_forward_rollups_pkey;
ALTER TABLE appeal_forward_rollups ADD PRIMARY KEY (org_unit_id, month, department_id, shard);

CREATE OR REPLACE FUNCTION appeal_forward_rollup_rows(f appeal_forwards, sign integer) RETURNS SETOF appeal_forward_rollups
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
    sign * (f.satisfaction IS NOT DISTINCT FROM 'dissatisfied')::integer,
    appeal_rollup_shard(f.appeal_id)
$$;

CREATE OR REPLACE FUNCTION add_appeal_forward_rollups(delta appeal_forward_rollups[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO appeal_forward_rollups AS r
  SELECT month, department_id, org_unit_id,
    sum(forwards), sum(returned), sum(withdrawn), sum(responded), sum(responded_on_time),
    sum(response_overdue), sum(resolved), sum(unsolvable), sum(closed_on_time), sum(closed_late),
    sum(open_overdue), sum(rated), sum(satisfied), sum(basically_satisfied), sum(dissatisfied), shard
  FROM unnest(delta)
  GROUP BY org_unit_id, month, department_id, shard
  HAVING sum(forwards) <> 0 OR sum(returned) <> 0 OR sum(withdrawn) <> 0 OR sum(responded) <> 0
    OR sum(responded_on_time) <> 0 OR sum(response_overdue) <> 0 OR sum(resolved) <> 0
    OR sum(unsolvable) <> 0 OR sum(closed_on_time) <> 0 OR sum(closed_late) <> 0 OR sum(open_overdue) <> 0
    OR sum(rated) <> 0 OR sum(satisfied) <> 0 OR sum(basically_satisfied) <> 0 OR sum(dissatisfied) <> 0
  ORDER BY org_unit_id, month, department_id, shard
  ON CONFLICT (org_unit_id, month, department_id, shard) DO UPDATE SET
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
