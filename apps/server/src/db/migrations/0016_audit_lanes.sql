-- 审计 the audit chain in lanes. One chain meant one lock held by every audited transaction from its audit
-- record to its commit: commits were serialised and no two could share a disk flush, which capped every
-- audited write at one commit's latency (raising appeals: 100/s on 2 cores; bench/service-loop.ts). Now a
-- transaction takes the first free one of eight lanes — each its own HMAC-SM3 chain, numbered 1, 2, 3… by
-- lane_seq — so up to eight commit together; a transaction that writes several records keeps its lane.
-- Deleting or changing a record still breaks its lane's chain. Records written before this migration
-- stay in lane 0, the one chain they were, verified as before. seq orders all records and now comes from
-- a sequence (a rolled-back transaction leaves a gap in it; lane_seq has none).
ALTER TABLE audit_events
  ADD COLUMN lane smallint NOT NULL DEFAULT 0 CHECK (lane BETWEEN 0 AND 8),
  ADD COLUMN lane_seq bigint,
  ADD CONSTRAINT audit_events_lane_seq CHECK ((lane = 0) = (lane_seq IS NULL));
CREATE UNIQUE INDEX audit_events_lane_idx ON audit_events (lane, lane_seq) WHERE lane > 0;

CREATE SEQUENCE audit_events_seq;
SELECT setval('audit_events_seq', coalesce((SELECT max(seq) FROM audit_events), 0) + 1, false);

-- The lane of the calling transaction: the one it holds already, else the first free one (lanes are
-- tried in order, so a quiet platform writes one chain), else it waits for one picked at random.
CREATE FUNCTION audit_chain_lane() RETURNS smallint
LANGUAGE plpgsql AS $$
DECLARE
  held text := current_setting('qinqing.audit_lane', true);
  lane smallint;
BEGIN
  IF held IS NOT NULL AND held <> '' THEN
    RETURN held::smallint;
  END IF;
  FOR candidate IN 1..8 LOOP
    IF pg_try_advisory_xact_lock(7301002, candidate) THEN
      lane := candidate;
      EXIT;
    END IF;
  END LOOP;
  IF lane IS NULL THEN
    lane := 1 + floor(random() * 8)::smallint;
    PERFORM pg_advisory_xact_lock(7301002, lane);
  END IF;
  -- Transaction-local: gone at commit or rollback, with the lock.
  PERFORM set_config('qinqing.audit_lane', lane::text, true);
  RETURN lane;
END
$$;
