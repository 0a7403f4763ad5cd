-- 捐赠统计 by chamber (按商会): the confirmed donations of each chamber's donors, by month, kept by triggers as
-- the appeals' chamber rollups are (0033), so that a province's year by chamber reads rollup rows instead of
-- joining its memberships to a year's donations (807 ms p95 over 1,000,000 donations, bench/donations.ts).
--
-- A donation counts under each chamber its donor belongs to now (the definition the records give,
-- modules/donations/repository.ts groupedTotals): a member enterprise's chambers, the chamber itself, a party
-- organization's chamber or its enterprise's chambers — each chamber once. Only confirmed donations count
-- (received, acknowledged: DONATION_COUNTED_STATES in packages/shared). Rows are keyed by the donation's own
-- org unit (the scope) and month. What moves a donation's chambers is followed: the donation written, a
-- membership added or ended, a party organization moved to another enterprise or chamber.
CREATE TABLE donation_chamber_rollups (
  org_unit_id uuid NOT NULL,
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  chamber_id uuid NOT NULL,
  donations integer NOT NULL DEFAULT 0,
  amount_fen bigint NOT NULL DEFAULT 0,
  directed_fen bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (org_unit_id, month, chamber_id)
);
CREATE INDEX donation_chamber_rollups_month_idx ON donation_chamber_rollups (month);

-- The chambers a donation counts under (each once).
CREATE FUNCTION donation_chambers(d donations) RETURNS SETOF uuid
LANGUAGE sql STABLE AS $$
  SELECT m.chamber_id FROM chamber_memberships m
  WHERE d.donor_enterprise_id IS NOT NULL AND m.enterprise_id = d.donor_enterprise_id
  UNION
  SELECT d.donor_chamber_id WHERE d.donor_chamber_id IS NOT NULL
  UNION
  SELECT coalesce(po.chamber_id, m.chamber_id)
  FROM party_organizations po LEFT JOIN chamber_memberships m ON m.enterprise_id = po.enterprise_id
  WHERE d.donor_party_organization_id IS NOT NULL AND po.id = d.donor_party_organization_id
    AND coalesce(po.chamber_id, m.chamber_id) IS NOT NULL
$$;

-- The enterprise whose memberships decide a donation's chambers, if any (its donor, or its party
-- organization's enterprise): writers lock it as the appeal triggers do (lock_appeal_enterprises, 0014), so a
-- membership written at the same time is either seen by the donation's trigger or sees the donation.
CREATE FUNCTION donation_member_enterprise(d donations) RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT coalesce(d.donor_enterprise_id,
    (SELECT po.enterprise_id FROM party_organizations po WHERE po.id = d.donor_party_organization_id))
$$;

-- A donation's signed contribution to the chambers given (nothing unless confirmed).
CREATE FUNCTION donation_chamber_rows(d donations, chambers uuid[], sign integer)
RETURNS SETOF donation_chamber_rollups
LANGUAGE sql IMMUTABLE AS $$
  SELECT d.org_unit_id, date_trunc('month', d.donated_on)::date, c, sign, sign * d.amount_fen,
    CASE WHEN d.directed THEN sign * d.amount_fen ELSE 0 END
  FROM unnest(chambers) AS c
  WHERE d.state IN ('received', 'acknowledged')
$$;

-- Adds signed contributions: summed per key, zero sums skipped, rows locked in key order so that concurrent
-- writers cannot deadlock on each other; rows left empty are removed.
CREATE FUNCTION add_donation_chamber_rollups(delta donation_chamber_rollups[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF cardinality(delta) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO donation_chamber_rollups AS r
  SELECT org_unit_id, month, chamber_id, sum(donations), sum(amount_fen), sum(directed_fen)
  FROM unnest(delta)
  GROUP BY org_unit_id, month, chamber_id
  HAVING sum(donations) <> 0 OR sum(amount_fen) <> 0 OR sum(directed_fen) <> 0
  ORDER BY org_unit_id, month, chamber_id
  ON CONFLICT (org_unit_id, month, chamber_id) DO UPDATE SET
    donations = r.donations + excluded.donations,
    amount_fen = r.amount_fen + excluded.amount_fen,
    directed_fen = r.directed_fen + excluded.directed_fen;
  DELETE FROM donation_chamber_rollups r
  USING (SELECT DISTINCT org_unit_id, month, chamber_id FROM unnest(delta)) AS k
  WHERE r.org_unit_id = k.org_unit_id AND r.month = k.month AND r.chamber_id = k.chamber_id
    AND r.donations = 0 AND r.amount_fen = 0 AND r.directed_fen = 0;
END
$$;

CREATE FUNCTION donation_chamber_rollups_on_donation() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  delta donation_chamber_rollups[] := '{}';
BEGIN
  PERFORM lock_appeal_enterprises(
    CASE WHEN TG_OP <> 'INSERT' THEN donation_member_enterprise(OLD) END,
    CASE WHEN TG_OP <> 'DELETE' THEN donation_member_enterprise(NEW) END);
  IF TG_OP <> 'INSERT' THEN
    delta := delta || ARRAY(SELECT o FROM donation_chamber_rows(OLD, ARRAY(SELECT donation_chambers(OLD)), -1) AS o);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    delta := delta || ARRAY(SELECT o FROM donation_chamber_rows(NEW, ARRAY(SELECT donation_chambers(NEW)), 1) AS o);
  END IF;
  PERFORM add_donation_chamber_rollups(delta);
  RETURN NULL;
END
$$;

CREATE TRIGGER donation_chamber_rollups_write AFTER INSERT OR DELETE ON donations
  FOR EACH ROW EXECUTE FUNCTION donation_chamber_rollups_on_donation();
CREATE TRIGGER donation_chamber_rollups_update AFTER UPDATE ON donations
  FOR EACH ROW WHEN (
    (OLD.state, OLD.amount_fen, OLD.directed, OLD.donated_on, OLD.org_unit_id, OLD.donor_enterprise_id,
     OLD.donor_chamber_id, OLD.donor_party_organization_id)
    IS DISTINCT FROM
    (NEW.state, NEW.amount_fen, NEW.directed, NEW.donated_on, NEW.org_unit_id, NEW.donor_enterprise_id,
     NEW.donor_chamber_id, NEW.donor_party_organization_id)
  ) EXECUTE FUNCTION donation_chamber_rollups_on_donation();

-- Memberships written (a statement's rows at once): each removed membership takes its enterprise's confirmed
-- donations, and those of the enterprise's party organizations, out of the chamber's rows; each added one
-- puts them in. A membership is unique per (chamber, enterprise), so the chamber was not (or is no longer)
-- among those donations' chambers by another path. Enterprises are locked as the appeals' chamber rollups
-- lock them (lock_membership_enterprises, 0040: one lock for a statement of many).
CREATE FUNCTION donation_chamber_membership_change(removed chamber_memberships[], added chamber_memberships[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM lock_membership_enterprises(removed, added);
  -- A registry loaded before any donation has nothing to move (checked under the locks; demo/synthetic.ts
  -- loads memberships with the party organizations' indexes dropped, where the join below would scan).
  IF NOT EXISTS (SELECT 1 FROM donations) THEN
    RETURN;
  END IF;
  PERFORM add_donation_chamber_rollups(ARRAY(
    WITH moved AS (
      SELECT chamber_id, enterprise_id, -1 AS sign FROM unnest(removed)
      UNION ALL
      SELECT chamber_id, enterprise_id, 1 FROM unnest(added)
    )
    SELECT o
    FROM moved m JOIN donations d ON d.donor_enterprise_id = m.enterprise_id,
      LATERAL donation_chamber_rows(d, ARRAY[m.chamber_id], m.sign) AS o
    UNION ALL
    SELECT o
    FROM moved m JOIN party_organizations po ON po.enterprise_id = m.enterprise_id
      JOIN donations d ON d.donor_party_organization_id = po.id,
      LATERAL donation_chamber_rows(d, ARRAY[m.chamber_id], m.sign) AS o
  ));
END
$$;

CREATE FUNCTION donation_chamber_rollups_on_chamber_memberships() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  removed chamber_memberships[] := '{}';
  added chamber_memberships[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    removed := ARRAY(SELECT o::chamber_memberships FROM old_rows o);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    added := ARRAY(SELECT n::chamber_memberships FROM new_rows n);
  END IF;
  -- A change of role only (会长, 理事…) moves nothing.
  IF TG_OP = 'UPDATE' THEN
    IF NOT EXISTS (
      SELECT chamber_id, enterprise_id FROM old_rows EXCEPT SELECT chamber_id, enterprise_id FROM new_rows
    ) AND NOT EXISTS (
      SELECT chamber_id, enterprise_id FROM new_rows EXCEPT SELECT chamber_id, enterprise_id FROM old_rows
    ) THEN
      RETURN NULL;
    END IF;
  END IF;
  PERFORM donation_chamber_membership_change(removed, added);
  RETURN NULL;
END
$$;

CREATE TRIGGER donation_chamber_rollups_membership_insert AFTER INSERT ON chamber_memberships
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION donation_chamber_rollups_on_chamber_memberships();
CREATE TRIGGER donation_chamber_rollups_membership_update AFTER UPDATE ON chamber_memberships
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION donation_chamber_rollups_on_chamber_memberships();
CREATE TRIGGER donation_chamber_rollups_membership_delete AFTER DELETE ON chamber_memberships
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION donation_chamber_rollups_on_chamber_memberships();

-- A party organization moved to another enterprise or chamber takes its donations' chamber figures along.
-- (One with donations cannot be deleted: the donations refer to it.)
CREATE FUNCTION donation_chamber_rollups_on_party_organization() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  old_chambers uuid[];
  new_chambers uuid[];
BEGIN
  PERFORM lock_appeal_enterprises(OLD.enterprise_id, NEW.enterprise_id);
  old_chambers := CASE WHEN OLD.chamber_id IS NOT NULL THEN ARRAY[OLD.chamber_id]
    ELSE ARRAY(SELECT chamber_id FROM chamber_memberships WHERE enterprise_id = OLD.enterprise_id) END;
  new_chambers := CASE WHEN NEW.chamber_id IS NOT NULL THEN ARRAY[NEW.chamber_id]
    ELSE ARRAY(SELECT chamber_id FROM chamber_memberships WHERE enterprise_id = NEW.enterprise_id) END;
  PERFORM add_donation_chamber_rollups(ARRAY(
    SELECT o FROM donations d, LATERAL donation_chamber_rows(d, old_chambers, -1) AS o
    WHERE d.donor_party_organization_id = NEW.id
    UNION ALL
    SELECT o FROM donations d, LATERAL donation_chamber_rows(d, new_chambers, 1) AS o
    WHERE d.donor_party_organization_id = NEW.id));
  RETURN NULL;
END
$$;

CREATE TRIGGER donation_chamber_rollups_party_organization AFTER UPDATE ON party_organizations
  FOR EACH ROW WHEN ((OLD.enterprise_id, OLD.chamber_id) IS DISTINCT FROM (NEW.enterprise_id, NEW.chamber_id))
  EXECUTE FUNCTION donation_chamber_rollups_on_party_organization();

-- Recounts the rollups from the records (after a bulk load, or to check them).
CREATE FUNCTION rebuild_donation_chamber_rollups() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE donations, chamber_memberships, party_organizations IN SHARE MODE;
  LOCK TABLE donation_chamber_rollups IN ACCESS EXCLUSIVE MODE;
  TRUNCATE donation_chamber_rollups;
  INSERT INTO donation_chamber_rollups
  SELECT o.org_unit_id, o.month, o.chamber_id, sum(o.donations), sum(o.amount_fen), sum(o.directed_fen)
  FROM donations d, LATERAL donation_chamber_rows(d, ARRAY(SELECT donation_chambers(d)), 1) AS o
  WHERE d.state IN ('received', 'acknowledged')
  GROUP BY 1, 2, 3;
END
$$;

SELECT rebuild_donation_chamber_rollups();
