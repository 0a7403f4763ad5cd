-- 诉求统计 by chamber: the correction of a partial period from an index alone. The distinct enterprises of a
-- period that starts inside a month add the appeals whose previous appeal lies in that month before `from`
-- (0062: the rollups cannot split the month). By chamber each such appeal then met its enterprise's
-- memberships one lookup at a time — at province scale 38,000 lookups, ~300 ms of CPU of the 360 ms the
-- figures by chamber took. Here each first record is kept once per chamber its enterprise is a member of,
-- with the chamber beside its previous day in one index: the correction reads one range of it.
--
-- Kept by statement triggers on the side table (a raise, a re-chaining, a move: 0062's functions write it)
-- and by 0062's membership trigger. Both run under the enterprises' locks (0014, 0040): a raise takes them
-- before it writes its side row, a membership change before it moves the chamber's rollup rows.
CREATE TABLE appeal_chamber_first_records (
  appeal_id uuid NOT NULL,
  chamber_id uuid NOT NULL,
  org_unit_id uuid NOT NULL,
  received_on date NOT NULL,
  prev_on date,
  PRIMARY KEY (appeal_id, chamber_id)
);

INSERT INTO appeal_chamber_first_records
SELECT f.appeal_id, cm.chamber_id, f.org_unit_id, f.received_on, f.prev_on
FROM appeal_first_records f JOIN chamber_memberships cm ON cm.enterprise_id = f.enterprise_id;

-- Built once filled: the correction's range — previous days in the head's month before `from`.
CREATE INDEX appeal_chamber_first_records_prev_idx ON appeal_chamber_first_records (prev_on)
  INCLUDE (org_unit_id, received_on, chamber_id) WHERE prev_on IS NOT NULL;
ANALYZE appeal_chamber_first_records;

-- The side table's rows arrive (new_rows), leave (old_rows), or both (an update: only those whose
-- enterprise, unit, day or previous day changed — a category chain's change moves nothing here).
CREATE FUNCTION appeal_chamber_first_records_on_first_records() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    DELETE FROM appeal_chamber_first_records c USING old_rows o JOIN new_rows n ON n.appeal_id = o.appeal_id
    WHERE c.appeal_id = o.appeal_id
      AND (o.enterprise_id, o.org_unit_id, o.received_on, o.prev_on)
        IS DISTINCT FROM (n.enterprise_id, n.org_unit_id, n.received_on, n.prev_on);
    INSERT INTO appeal_chamber_first_records
    SELECT n.appeal_id, cm.chamber_id, n.org_unit_id, n.received_on, n.prev_on
    FROM new_rows n JOIN old_rows o ON o.appeal_id = n.appeal_id
      JOIN chamber_memberships cm ON cm.enterprise_id = n.enterprise_id
    WHERE (o.enterprise_id, o.org_unit_id, o.received_on, o.prev_on)
      IS DISTINCT FROM (n.enterprise_id, n.org_unit_id, n.received_on, n.prev_on);
  ELSIF TG_OP = 'INSERT' THEN
    INSERT INTO appeal_chamber_first_records
    SELECT n.appeal_id, cm.chamber_id, n.org_unit_id, n.received_on, n.prev_on
    FROM new_rows n JOIN chamber_memberships cm ON cm.enterprise_id = n.enterprise_id;
  ELSE
    DELETE FROM appeal_chamber_first_records c WHERE c.appeal_id IN (SELECT o.appeal_id FROM old_rows o);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER appeal_chamber_first_records_insert AFTER INSERT ON appeal_first_records
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_chamber_first_records_on_first_records();
CREATE TRIGGER appeal_chamber_first_records_update AFTER UPDATE ON appeal_first_records
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_chamber_first_records_on_first_records();
CREATE TRIGGER appeal_chamber_first_records_delete AFTER DELETE ON appeal_first_records
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_chamber_first_records_on_first_records();

-- rebuild_appeal_first_records() truncates the side table, then fills it (the insert trigger above).
CREATE FUNCTION appeal_chamber_first_records_on_truncate() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE appeal_chamber_first_records;
  RETURN NULL;
END
$$;
CREATE TRIGGER appeal_chamber_first_records_truncate AFTER TRUNCATE ON appeal_first_records
  FOR EACH STATEMENT EXECUTE FUNCTION appeal_chamber_first_records_on_truncate();

-- Memberships added or ended: their enterprises' first records enter or leave the chamber. 0062's membership
-- trigger passes each change to add_chamber_first_memberships() under the enterprises' locks (a change of role
-- passes nothing): that function now moves the chamber first records too.
ALTER FUNCTION add_chamber_first_memberships(chamber_memberships[], integer)
  RENAME TO add_chamber_first_rollup_memberships;

CREATE FUNCTION add_chamber_first_memberships(moved chamber_memberships[], sign integer) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_chamber_first_rollup_memberships(moved, sign);
  IF sign < 0 THEN
    DELETE FROM appeal_chamber_first_records c
    USING unnest(moved) AS m JOIN appeal_first_records f ON f.enterprise_id = m.enterprise_id
    WHERE c.appeal_id = f.appeal_id AND c.chamber_id = m.chamber_id;
  ELSE
    INSERT INTO appeal_chamber_first_records
    SELECT f.appeal_id, m.chamber_id, f.org_unit_id, f.received_on, f.prev_on
    FROM unnest(moved) AS m JOIN appeal_first_records f ON f.enterprise_id = m.enterprise_id;
  END IF;
END
$$;
