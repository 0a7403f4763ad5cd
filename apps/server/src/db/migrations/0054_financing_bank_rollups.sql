-- 融资统计 by bank (按银行) and in total: the figures kept by triggers, by the need's org unit (the scope) and month,
-- so that a province's year by bank reads rollup rows instead of joining a year's needs to their banks'
-- answers (3.9 s p95 over 100,000 needs, bench/financing.ts). The definition is the records'
-- (modules/financing/repository.ts financingFigures, grouping bank): a bank's needs are those sent to it,
-- dated by the day they were sent (with the need's amount, vouched and sent marks); its approvals and declines
-- its own answers dated by their day (an approval wins over a decline); its loans the needs granted by it,
-- dated by the day granted, with their rate and the days from need to loan. Days are Beijing days. The loans'
-- days are kept as a histogram, from which the median is read exactly.
CREATE TABLE financing_bank_rollups (
  org_unit_id uuid NOT NULL,
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  -- The nil uuid for loans granted without a bank named (the records' group without a key).
  bank_id uuid NOT NULL,
  needs integer NOT NULL DEFAULT 0,
  amount_asked bigint NOT NULL DEFAULT 0,
  vouched integer NOT NULL DEFAULT 0,
  sent integer NOT NULL DEFAULT 0,
  approved integer NOT NULL DEFAULT 0,
  approved_amount bigint NOT NULL DEFAULT 0,
  declined integer NOT NULL DEFAULT 0,
  granted integer NOT NULL DEFAULT 0,
  granted_amount bigint NOT NULL DEFAULT 0,
  rate_sum numeric NOT NULL DEFAULT 0,
  rated integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, month, bank_id)
);

CREATE TABLE financing_bank_loan_days (
  org_unit_id uuid NOT NULL,
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  bank_id uuid NOT NULL,
  days integer NOT NULL,
  loans integer NOT NULL,
  PRIMARY KEY (org_unit_id, month, bank_id, days)
);

-- The needs stated (the total's needs, dated by the day they were stated), by the need's unit and month; the
-- total's approvals, declines and loans are those of every bank's rows above.
CREATE TABLE financing_need_rollups (
  org_unit_id uuid NOT NULL,
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  needs integer NOT NULL DEFAULT 0,
  amount_asked bigint NOT NULL DEFAULT 0,
  vouched integer NOT NULL DEFAULT 0,
  sent integer NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, month)
);

CREATE FUNCTION financing_month(at timestamptz) RETURNS date
LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', (at AT TIME ZONE 'Asia/Shanghai')::date)::date
$$;

-- A bank's row of a need: the need sent to it, and its answer.
CREATE FUNCTION financing_bank_answer_rows(nb financing_need_banks, n financing_needs, sign integer)
RETURNS SETOF financing_bank_rollups
LANGUAGE sql IMMUTABLE AS $$
  SELECT n.org_unit_id, financing_month(nb.sent_at), nb.bank_id, sign, sign * n.amount_fen,
    CASE WHEN n.vouched_at IS NOT NULL THEN sign ELSE 0 END,
    CASE WHEN n.first_sent_at IS NOT NULL THEN sign ELSE 0 END,
    0, 0::bigint, 0, 0, 0::bigint, 0::numeric, 0
  WHERE n.id IS NOT NULL
  UNION ALL
  SELECT n.org_unit_id, financing_month(coalesce(nb.approved_at, nb.declined_at)), nb.bank_id,
    0, 0::bigint, 0, 0,
    CASE WHEN nb.approved_at IS NOT NULL THEN sign ELSE 0 END,
    CASE WHEN nb.approved_at IS NOT NULL THEN sign * coalesce(nb.approved_amount_fen, 0) ELSE 0 END,
    CASE WHEN nb.approved_at IS NULL THEN sign ELSE 0 END,
    0, 0::bigint, 0::numeric, 0
  WHERE n.id IS NOT NULL AND (nb.approved_at IS NOT NULL OR nb.declined_at IS NOT NULL)
$$;

-- A need granted: its loan, under the bank that granted it.
CREATE FUNCTION financing_bank_loan_rows(n financing_needs, sign integer) RETURNS SETOF financing_bank_rollups
LANGUAGE sql IMMUTABLE AS $$
  SELECT n.org_unit_id, date_trunc('month', n.granted_on)::date,
    coalesce(n.granted_bank_id, '00000000-0000-0000-0000-000000000000'::uuid),
    0, 0::bigint, 0, 0, 0, 0::bigint, 0, sign, sign * coalesce(n.granted_amount_fen, 0),
    sign * coalesce(n.granted_rate, 0)::numeric, CASE WHEN n.granted_rate IS NOT NULL THEN sign ELSE 0 END
  WHERE n.granted_on IS NOT NULL
$$;

CREATE FUNCTION financing_bank_loan_day_rows(n financing_needs, sign integer) RETURNS SETOF financing_bank_loan_days
LANGUAGE sql IMMUTABLE AS $$
  SELECT n.org_unit_id, date_trunc('month', n.granted_on)::date,
    coalesce(n.granted_bank_id, '00000000-0000-0000-0000-000000000000'::uuid),
    n.granted_on - (n.created_at AT TIME ZONE 'Asia/Shanghai')::date, sign
  WHERE n.granted_on IS NOT NULL
$$;

CREATE FUNCTION financing_need_rows(n financing_needs, sign integer) RETURNS SETOF financing_need_rollups
LANGUAGE sql IMMUTABLE AS $$
  SELECT n.org_unit_id, financing_month(n.created_at), sign, sign * n.amount_fen,
    CASE WHEN n.vouched_at IS NOT NULL THEN sign ELSE 0 END,
    CASE WHEN n.first_sent_at IS NOT NULL THEN sign ELSE 0 END
$$;

CREATE FUNCTION add_financing_need_rollups(delta financing_need_rollups[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO financing_need_rollups AS r
  SELECT org_unit_id, month, sum(needs), sum(amount_asked), sum(vouched), sum(sent)
  FROM unnest(delta)
  GROUP BY org_unit_id, month
  HAVING sum(needs) <> 0 OR sum(amount_asked) <> 0 OR sum(vouched) <> 0 OR sum(sent) <> 0
  ORDER BY org_unit_id, month
  ON CONFLICT (org_unit_id, month) DO UPDATE SET
    needs = r.needs + excluded.needs,
    amount_asked = r.amount_asked + excluded.amount_asked,
    vouched = r.vouched + excluded.vouched,
    sent = r.sent + excluded.sent;
  DELETE FROM financing_need_rollups r
  USING (SELECT DISTINCT org_unit_id, month FROM unnest(delta)) AS k
  WHERE (r.org_unit_id, r.month) = (k.org_unit_id, k.month) AND (r.needs, r.amount_asked, r.vouched, r.sent) = (0, 0, 0, 0);
END
$$;

-- Adds signed contributions: summed per key, rows locked in key order, rows left empty removed.
CREATE FUNCTION add_financing_bank_rollups(delta financing_bank_rollups[], day_delta financing_bank_loan_days[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(delta) > 0 THEN
    INSERT INTO financing_bank_rollups AS r
    SELECT org_unit_id, month, bank_id, sum(needs), sum(amount_asked), sum(vouched), sum(sent), sum(approved),
      sum(approved_amount), sum(declined), sum(granted), sum(granted_amount), sum(rate_sum), sum(rated)
    FROM unnest(delta)
    GROUP BY org_unit_id, month, bank_id
    HAVING sum(needs) <> 0 OR sum(amount_asked) <> 0 OR sum(vouched) <> 0 OR sum(sent) <> 0
      OR sum(approved) <> 0 OR sum(approved_amount) <> 0 OR sum(declined) <> 0 OR sum(granted) <> 0
      OR sum(granted_amount) <> 0 OR sum(rate_sum) <> 0 OR sum(rated) <> 0
    ORDER BY org_unit_id, month, bank_id
    ON CONFLICT (org_unit_id, month, bank_id) DO UPDATE SET
      needs = r.needs + excluded.needs,
      amount_asked = r.amount_asked + excluded.amount_asked,
      vouched = r.vouched + excluded.vouched,
      sent = r.sent + excluded.sent,
      approved = r.approved + excluded.approved,
      approved_amount = r.approved_amount + excluded.approved_amount,
      declined = r.declined + excluded.declined,
      granted = r.granted + excluded.granted,
      granted_amount = r.granted_amount + excluded.granted_amount,
      rate_sum = r.rate_sum + excluded.rate_sum,
      rated = r.rated + excluded.rated;
    DELETE FROM financing_bank_rollups r
    USING (SELECT DISTINCT org_unit_id, month, bank_id FROM unnest(delta)) AS k
    WHERE (r.org_unit_id, r.month, r.bank_id) = (k.org_unit_id, k.month, k.bank_id)
      AND (r.needs, r.amount_asked, r.vouched, r.sent, r.approved, r.approved_amount, r.declined, r.granted,
           r.granted_amount, r.rate_sum, r.rated) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  END IF;
  IF cardinality(day_delta) > 0 THEN
    INSERT INTO financing_bank_loan_days AS r
    SELECT org_unit_id, month, bank_id, days, sum(loans)
    FROM unnest(day_delta)
    GROUP BY org_unit_id, month, bank_id, days
    HAVING sum(loans) <> 0
    ORDER BY org_unit_id, month, bank_id, days
    ON CONFLICT (org_unit_id, month, bank_id, days) DO UPDATE SET loans = r.loans + excluded.loans;
    DELETE FROM financing_bank_loan_days r
    USING (SELECT DISTINCT org_unit_id, month, bank_id, days FROM unnest(day_delta)) AS k
    WHERE (r.org_unit_id, r.month, r.bank_id, r.days) = (k.org_unit_id, k.month, k.bank_id, k.days)
      AND r.loans = 0;
  END IF;
END
$$;

-- A bank's row written: its old contribution out, its new one in, with its need as it is now (a need written
-- before moves its banks' rows itself, below).
CREATE FUNCTION financing_bank_rollups_on_need_bank() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  delta financing_bank_rollups[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    delta := delta || ARRAY(
      SELECT o FROM financing_needs n, LATERAL financing_bank_answer_rows(OLD, n, -1) AS o WHERE n.id = OLD.need_id);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    delta := delta || ARRAY(
      SELECT o FROM financing_needs n, LATERAL financing_bank_answer_rows(NEW, n, 1) AS o WHERE n.id = NEW.need_id);
  END IF;
  PERFORM add_financing_bank_rollups(delta, '{}');
  RETURN NULL;
END
$$;

CREATE TRIGGER financing_bank_rollups_need_bank_write AFTER INSERT OR DELETE ON financing_need_banks
  FOR EACH ROW EXECUTE FUNCTION financing_bank_rollups_on_need_bank();
CREATE TRIGGER financing_bank_rollups_need_bank_update AFTER UPDATE ON financing_need_banks
  FOR EACH ROW WHEN (
    (OLD.need_id, OLD.bank_id, OLD.sent_at, OLD.approved_at, OLD.approved_amount_fen, OLD.declined_at)
    IS DISTINCT FROM
    (NEW.need_id, NEW.bank_id, NEW.sent_at, NEW.approved_at, NEW.approved_amount_fen, NEW.declined_at)
  ) EXECUTE FUNCTION financing_bank_rollups_on_need_bank();

-- A need written: its loan moves, and when what its banks' rows count of it changed, their rows move too.
CREATE FUNCTION financing_bank_rollups_on_need() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  delta financing_bank_rollups[] := '{}';
  day_delta financing_bank_loan_days[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    delta := delta || ARRAY(SELECT o FROM financing_bank_loan_rows(OLD, -1) AS o);
    day_delta := day_delta || ARRAY(SELECT o FROM financing_bank_loan_day_rows(OLD, -1) AS o);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    delta := delta || ARRAY(SELECT o FROM financing_bank_loan_rows(NEW, 1) AS o);
    day_delta := day_delta || ARRAY(SELECT o FROM financing_bank_loan_day_rows(NEW, 1) AS o);
  END IF;
  PERFORM add_financing_need_rollups(ARRAY(
    SELECT o FROM financing_need_rows(OLD, -1) AS o WHERE TG_OP <> 'INSERT'
    UNION ALL
    SELECT o FROM financing_need_rows(NEW, 1) AS o WHERE TG_OP <> 'DELETE'));
  IF TG_OP = 'UPDATE' AND (OLD.org_unit_id, OLD.amount_fen, OLD.vouched_at IS NULL, OLD.first_sent_at IS NULL)
      IS DISTINCT FROM (NEW.org_unit_id, NEW.amount_fen, NEW.vouched_at IS NULL, NEW.first_sent_at IS NULL) THEN
    delta := delta || ARRAY(
      SELECT o FROM financing_need_banks nb, LATERAL financing_bank_answer_rows(nb, OLD, -1) AS o
      WHERE nb.need_id = OLD.id
      UNION ALL
      SELECT o FROM financing_need_banks nb, LATERAL financing_bank_answer_rows(nb, NEW, 1) AS o
      WHERE nb.need_id = NEW.id);
  END IF;
  PERFORM add_financing_bank_rollups(delta, day_delta);
  RETURN NULL;
END
$$;

CREATE TRIGGER financing_bank_rollups_need_write AFTER INSERT OR DELETE ON financing_needs
  FOR EACH ROW EXECUTE FUNCTION financing_bank_rollups_on_need();
CREATE TRIGGER financing_bank_rollups_need_update AFTER UPDATE ON financing_needs
  FOR EACH ROW WHEN (
    (OLD.org_unit_id, OLD.amount_fen, OLD.vouched_at IS NULL, OLD.first_sent_at IS NULL, OLD.created_at,
     OLD.granted_on, OLD.granted_bank_id, OLD.granted_amount_fen, OLD.granted_rate)
    IS DISTINCT FROM
    (NEW.org_unit_id, NEW.amount_fen, NEW.vouched_at IS NULL, NEW.first_sent_at IS NULL, NEW.created_at,
     NEW.granted_on, NEW.granted_bank_id, NEW.granted_amount_fen, NEW.granted_rate)
  ) EXECUTE FUNCTION financing_bank_rollups_on_need();

-- Recounts the rollups from the records (after a bulk load, or to check them).
CREATE FUNCTION rebuild_financing_bank_rollups() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE financing_needs, financing_need_banks IN SHARE MODE;
  LOCK TABLE financing_bank_rollups, financing_bank_loan_days, financing_need_rollups IN ACCESS EXCLUSIVE MODE;
  TRUNCATE financing_bank_rollups, financing_bank_loan_days, financing_need_rollups;
  INSERT INTO financing_need_rollups
  SELECT o.org_unit_id, o.month, sum(o.needs), sum(o.amount_asked), sum(o.vouched), sum(o.sent)
  FROM financing_needs n, LATERAL financing_need_rows(n, 1) AS o
  GROUP BY 1, 2;
  INSERT INTO financing_bank_rollups
  SELECT org_unit_id, month, bank_id, sum(needs), sum(amount_asked), sum(vouched), sum(sent), sum(approved),
    sum(approved_amount), sum(declined), sum(granted), sum(granted_amount), sum(rate_sum), sum(rated)
  FROM (
    SELECT o.* FROM financing_need_banks nb JOIN financing_needs n ON n.id = nb.need_id,
      LATERAL financing_bank_answer_rows(nb, n, 1) AS o
    UNION ALL
    SELECT o.* FROM financing_needs n, LATERAL financing_bank_loan_rows(n, 1) AS o
  ) AS d
  GROUP BY org_unit_id, month, bank_id;
  INSERT INTO financing_bank_loan_days
  SELECT o.org_unit_id, o.month, o.bank_id, o.days, sum(o.loans)
  FROM financing_needs n, LATERAL financing_bank_loan_day_rows(n, 1) AS o
  GROUP BY 1, 2, 3, 4;
END
$$;

-- The inbox (GET /api/financing-needs for a bank's manager) pages a bank's rows newest first: see
-- financing_need_banks_inbox_idx (0044).
SELECT rebuild_financing_bank_rollups();
