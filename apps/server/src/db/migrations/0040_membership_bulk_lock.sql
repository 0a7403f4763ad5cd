-- A statement that writes many chamber memberships at once (an import, a generator, a merge) took one
-- advisory lock per enterprise for the chamber rollups (0033) and ran out of the server's lock table
-- ("out of shared memory", max_locks_per_transaction) past a few thousand enterprises. Writers of
-- enterprises' appeals now also hold one shared lock for the whole set; a membership statement touching
-- more than 64 enterprises takes it exclusively instead of one lock per enterprise (waiting for the
-- appeal writers in flight and holding new ones off until it commits). Everyone takes the shared lock
-- before an enterprise's, so the order stays one.
CREATE OR REPLACE FUNCTION lock_appeal_enterprises(first uuid, second uuid) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  key integer;
BEGIN
  PERFORM pg_advisory_xact_lock_shared(7301021, 0);
  FOR key IN
    SELECT DISTINCT hashtext(e::text) FROM unnest(ARRAY[first, second]) AS e WHERE e IS NOT NULL ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(7301020, key);
  END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION lock_membership_enterprises(removed chamber_memberships[], added chamber_memberships[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  keys integer[];
  lock_key integer;
BEGIN
  keys := ARRAY(
    SELECT DISTINCT hashtext(m.enterprise_id::text)
    FROM (SELECT enterprise_id FROM unnest(removed) UNION ALL SELECT enterprise_id FROM unnest(added)) AS m
    ORDER BY 1
  );
  IF cardinality(keys) > 64 THEN
    PERFORM pg_advisory_xact_lock(7301021, 0);
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(7301021, 0);
  FOREACH lock_key IN ARRAY keys LOOP
    PERFORM pg_advisory_xact_lock(7301020, lock_key);
  END LOOP;
END
$$;

CREATE OR REPLACE FUNCTION appeal_chamber_membership_change(removed chamber_memberships[], added chamber_memberships[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lock_membership_enterprises(removed, added);
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
