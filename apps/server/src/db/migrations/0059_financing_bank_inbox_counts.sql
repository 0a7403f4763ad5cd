-- A bank's inbox total (GET /api/financing-needs for a bank's manager: "N needs sent to you"), kept by writes.
-- The inbox's first page reads 20 entries of financing_need_banks_inbox_idx (0044), but its total counted
-- every consented row of the bank: an index-only scan that visits the heap for each row the visibility map
-- does not cover yet, so after a busy day (or a load) the count of a bank with 20,000 needs took 164 ms, and
-- 20 ms only after a VACUUM (bench/financing.ts, 100,000 needs; target p95 ≤ 50 ms).
--
-- The count is the bank's rows with consent (the need's consent, kept on its banks' rows by the consent
-- transitions): kept by statement triggers from the transition tables, summed per bank and applied in bank
-- order, so that two statements touching the same banks lock their counters in one order and cannot
-- deadlock (a need withdrawn from three banks moves three counters in one statement).
CREATE TABLE financing_bank_inbox_counts (
  bank_id uuid PRIMARY KEY REFERENCES org_units (id),
  -- No CHECK (needs >= 0): PostgreSQL checks the row an upsert proposes (a delta of -1) before it finds the
  -- conflict; the test compares the totals with a recount instead.
  needs integer NOT NULL
);

CREATE FUNCTION add_financing_bank_inbox_counts(delta_bank uuid[], delta_needs integer[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO financing_bank_inbox_counts AS c (bank_id, needs)
  SELECT bank_id, sum(needs)
  FROM unnest(delta_bank, delta_needs) AS d(bank_id, needs)
  GROUP BY bank_id
  HAVING sum(needs) <> 0
  ORDER BY bank_id
  ON CONFLICT (bank_id) DO UPDATE SET needs = c.needs + excluded.needs;
END
$$;

CREATE FUNCTION financing_bank_inbox_counts_on_write() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  banks uuid[];
  needs integer[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    SELECT array_agg(bank_id), array_agg(1) INTO banks, needs FROM new_rows WHERE consent;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(bank_id), array_agg(-1) INTO banks, needs FROM old_rows WHERE consent;
  ELSE
    SELECT array_agg(bank_id), array_agg(n) INTO banks, needs FROM (
      SELECT bank_id, -1 AS n FROM old_rows WHERE consent
      UNION ALL
      SELECT bank_id, 1 FROM new_rows WHERE consent) AS moved;
  END IF;
  IF banks IS NOT NULL THEN
    PERFORM add_financing_bank_inbox_counts(banks, needs);
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER financing_bank_inbox_counts_insert AFTER INSERT ON financing_need_banks
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION financing_bank_inbox_counts_on_write();
CREATE TRIGGER financing_bank_inbox_counts_update AFTER UPDATE ON financing_need_banks
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION financing_bank_inbox_counts_on_write();
CREATE TRIGGER financing_bank_inbox_counts_delete AFTER DELETE ON financing_need_banks
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION financing_bank_inbox_counts_on_write();

-- Recounts from the rows (after a bulk load, or to check them).
CREATE FUNCTION rebuild_financing_bank_inbox_counts() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE financing_need_banks IN SHARE MODE;
  LOCK TABLE financing_bank_inbox_counts IN ACCESS EXCLUSIVE MODE;
  TRUNCATE financing_bank_inbox_counts;
  INSERT INTO financing_bank_inbox_counts
  SELECT bank_id, count(*) FROM financing_need_banks WHERE consent GROUP BY bank_id;
END
$$;

SELECT rebuild_financing_bank_inbox_counts();
