-- The audit chain's next link in one round trip. AuditLog.record took its lane (audit_chain_lane) in one
-- statement and read the lane's last record in a second, so that the read's snapshot came after the
-- lane's lock was granted. A VOLATILE PL/pgSQL function gives each of its statements a fresh snapshot
-- too, so both steps fit in one call; its plan is kept for the session instead of parsed per record.
CREATE FUNCTION audit_chain_next(
  OUT chain_lane smallint,
  OUT next_seq bigint,
  OUT last_lane_seq bigint,
  OUT last_hmac text
)
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  chain_lane := audit_chain_lane();
  next_seq := nextval('audit_events_seq');
  -- After the lock: this statement's snapshot sees what the lane's previous holder committed.
  SELECT e.lane_seq, e.hmac INTO last_lane_seq, last_hmac
    FROM audit_events e
   WHERE e.lane = chain_lane AND e.lane > 0
   ORDER BY e.lane_seq DESC
   LIMIT 1;
END
$$;
