-- 捐赠统计的合计行 the donations' total line of a subtree and period (donations, amount, cash, directed, distinct
-- donors), kept by writes, so that a province's year reads a few rows instead of its confirmed donations
-- (the total line of /api/donations/stats and the measures registry: 509 ms p95 from the records over
-- 1,000,000 donations, which bounded every grouping of the province; issue 15).
--
-- The same sums by campaign (donation_subtree_campaigns) and the kinds, channels and months of the totals
-- serve the stats' groupings by campaign, kind, channel, month and org unit (a unit's children are
-- subtrees too) for whole months.
--
-- A distinct count cannot be summed across org units (a donor may have given in two units of a subtree,
-- its donations keep the unit they were recorded in) nor across months, so the tables are keyed by the
-- subtree itself: each donation counts in the subtree of every unit on its org unit's path (itself and its
-- ancestors), and the distinct donors are kept for each calendar month, quarter and year:
--   donation_subtree_totals  per (subtree, month, kind, channel, shard): confirmed donations, amount, directed
--                            amount — a period of whole months sums them;
--   donation_subtree_campaigns  the same per (subtree, month, campaign, shard), the nil uuid for none;
--   donation_subtree_donors  per (subtree, month|quarter|year, its first day, shard): how many donors have a
--                            confirmed donation in the subtree in that period — exact for that period only.
-- The definitions are the records' (modules/donations/repository.ts subtreeTotals): only confirmed donations
-- count (received, acknowledged: DONATION_COUNTED_STATES in packages/shared), a donor is
-- coalesce(donor_enterprise_id, donor_person_id, donor_chamber_id, donor_party_organization_id), the period
-- is by donated_on. Other periods (a half-year, partial months) are still read from the records.
--
-- Rows are split in eight by the donor (as appeal_enterprise_counts are, 0014): writers of one province's
-- month lock one of eight rows until they commit, not all the same one. Readers sum. Each shard row is
-- exact for its donors (the recount writes the same shards), so none goes below zero.
CREATE TABLE donation_subtree_totals (
  org_unit_id uuid NOT NULL,
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  kind text NOT NULL,
  channel text NOT NULL,
  shard smallint NOT NULL,
  donations integer NOT NULL,
  amount_fen bigint NOT NULL,
  directed_fen bigint NOT NULL,
  PRIMARY KEY (org_unit_id, month, kind, channel, shard)
);

CREATE TABLE donation_subtree_campaigns (
  org_unit_id uuid NOT NULL,
  month date NOT NULL CHECK (month = date_trunc('month', month)::date),
  campaign_id uuid NOT NULL,
  shard smallint NOT NULL,
  donations integer NOT NULL,
  amount_fen bigint NOT NULL,
  directed_fen bigint NOT NULL,
  PRIMARY KEY (org_unit_id, month, campaign_id, shard)
);

CREATE TABLE donation_subtree_donors (
  org_unit_id uuid NOT NULL,
  period text NOT NULL CHECK (period IN ('month', 'quarter', 'year')),
  starts_on date NOT NULL,
  shard smallint NOT NULL,
  donors integer NOT NULL,
  PRIMARY KEY (org_unit_id, period, starts_on, shard)
);

CREATE FUNCTION donation_donor(d donations) RETURNS uuid
LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(d.donor_enterprise_id, d.donor_person_id, d.donor_chamber_id, d.donor_party_organization_id)
$$;

CREATE FUNCTION donation_donor_shard(donor uuid) RETURNS smallint
LANGUAGE sql IMMUTABLE AS $$ SELECT (hashtext(donor::text) & 7)::smallint $$;

-- The subtrees a unit's donations count in: the units on its path ('/<root>/…/<self>/'), itself included.
CREATE FUNCTION donation_subtrees(unit uuid) RETURNS SETOF uuid
LANGUAGE sql STABLE AS $$
  SELECT a::uuid FROM org_units u, unnest(string_to_array(btrim(u.path, '/'), '/')) AS a WHERE u.id = unit
$$;

-- Writers of one donor's donations are serialised (both donors, when a donation changes donor), so that
-- each sees the others' donations when it decides whether the donor enters or leaves a period's count. A
-- statement touching more than 64 donors (an import) takes the set's lock exclusively instead of one lock
-- per donor (the server's lock table), as memberships do (0040); everyone else holds it shared first.
CREATE FUNCTION lock_donation_donors(donors uuid[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  keys integer[];
  lock_key integer;
BEGIN
  keys := ARRAY(SELECT DISTINCT hashtext(d::text) FROM unnest(donors) AS d WHERE d IS NOT NULL ORDER BY 1);
  IF cardinality(keys) > 64 THEN
    PERFORM pg_advisory_xact_lock(7301057, 0);
    RETURN;
  END IF;
  PERFORM pg_advisory_xact_lock_shared(7301057, 0);
  FOREACH lock_key IN ARRAY keys LOOP
    PERFORM pg_advisory_xact_lock(7301058, lock_key);
  END LOOP;
END
$$;

-- The (subtree, period, first day, donor) places where donors are present, from the given donations
-- (confirmed ones only).
CREATE FUNCTION donation_donor_places(ds donations[])
RETURNS TABLE (org_unit_id uuid, period text, starts_on date, donor uuid)
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT s, p.period, p.starts_on, d.donor
  FROM (
    SELECT DISTINCT x.org_unit_id, date_trunc('month', x.donated_on)::date AS month, donation_donor(x) AS donor
    FROM unnest(ds) AS x WHERE x.state IN ('received', 'acknowledged')
  ) AS d
    CROSS JOIN LATERAL donation_subtrees(d.org_unit_id) AS s
    CROSS JOIN LATERAL appeal_count_periods(d.month) AS p
$$;

-- The signed sums of donations taken away (-1) and added (1) for each subtree, month, kind, channel, campaign
-- and shard (confirmed donations only: the caller passes those).
CREATE FUNCTION donation_subtree_contributions(removed donations[], added donations[])
RETURNS TABLE (org_unit_id uuid, month date, kind text, channel text, campaign_id uuid, shard smallint,
  donations bigint, amount_fen numeric, directed_fen numeric)
LANGUAGE sql STABLE AS $$
  SELECT s, date_trunc('month', c.donated_on)::date, c.kind, c.channel,
    coalesce(c.campaign_id, '00000000-0000-0000-0000-000000000000'::uuid), donation_donor_shard(c.donor),
    sum(c.sign), sum(c.sign * c.amount_fen), sum(CASE WHEN c.directed THEN c.sign * c.amount_fen ELSE 0 END)
  FROM (
    SELECT x.org_unit_id, x.donated_on, x.kind, x.channel, x.campaign_id, donation_donor(x) AS donor,
      x.amount_fen, x.directed, -1 AS sign
    FROM unnest(removed) AS x
    UNION ALL
    SELECT x.org_unit_id, x.donated_on, x.kind, x.channel, x.campaign_id, donation_donor(x), x.amount_fen,
      x.directed, 1
    FROM unnest(added) AS x
  ) AS c CROSS JOIN LATERAL donation_subtrees(c.org_unit_id) AS s
  GROUP BY 1, 2, 3, 4, 5, 6
$$;

-- One statement's donations taken away (their old versions) and added (their new ones): the totals move
-- by their sums; each donor's places are compared before and after the statement, from the donor's
-- confirmed donations of the years touched, and the donor enters or leaves the counts where they differ.
-- Rows are written in key order (totals, campaigns, then donors) so that concurrent writers cannot
-- deadlock; rows left at zero are removed.
CREATE FUNCTION donation_subtree_change(removed donations[], added donations[]) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  changed uuid[];
  donor_ids uuid[];
  years date[];
  now_held donations[];
BEGIN
  removed := ARRAY(SELECT x FROM unnest(removed) AS x WHERE x.state IN ('received', 'acknowledged'));
  added := ARRAY(SELECT x FROM unnest(added) AS x WHERE x.state IN ('received', 'acknowledged'));
  IF cardinality(removed) = 0 AND cardinality(added) = 0 THEN
    RETURN;
  END IF;
  donor_ids := ARRAY(SELECT DISTINCT donation_donor(x) FROM unnest(removed || added) AS x);
  PERFORM lock_donation_donors(donor_ids);

  INSERT INTO donation_subtree_totals AS t
  SELECT c.org_unit_id, c.month, c.kind, c.channel, c.shard, sum(c.donations), sum(c.amount_fen),
    sum(c.directed_fen)
  FROM donation_subtree_contributions(removed, added) AS c
  GROUP BY 1, 2, 3, 4, 5
  HAVING sum(c.donations) <> 0 OR sum(c.amount_fen) <> 0 OR sum(c.directed_fen) <> 0
  ORDER BY 1, 2, 3, 4, 5
  ON CONFLICT (org_unit_id, month, kind, channel, shard) DO UPDATE SET
    donations = t.donations + excluded.donations,
    amount_fen = t.amount_fen + excluded.amount_fen,
    directed_fen = t.directed_fen + excluded.directed_fen;
  -- Only a donation taken away can leave a row at zero.
  IF cardinality(removed) > 0 THEN
    DELETE FROM donation_subtree_totals t
    WHERE t.donations = 0 AND t.amount_fen = 0 AND t.directed_fen = 0
      AND (t.org_unit_id, t.month, t.kind, t.channel, t.shard) IN (
        SELECT c.org_unit_id, c.month, c.kind, c.channel, c.shard
        FROM donation_subtree_contributions(removed, '{}') AS c);
  END IF;

  INSERT INTO donation_subtree_campaigns AS t
  SELECT c.org_unit_id, c.month, c.campaign_id, c.shard, sum(c.donations), sum(c.amount_fen),
    sum(c.directed_fen)
  FROM donation_subtree_contributions(removed, added) AS c
  GROUP BY 1, 2, 3, 4
  HAVING sum(c.donations) <> 0 OR sum(c.amount_fen) <> 0 OR sum(c.directed_fen) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (org_unit_id, month, campaign_id, shard) DO UPDATE SET
    donations = t.donations + excluded.donations,
    amount_fen = t.amount_fen + excluded.amount_fen,
    directed_fen = t.directed_fen + excluded.directed_fen;
  IF cardinality(removed) > 0 THEN
    DELETE FROM donation_subtree_campaigns t
    WHERE t.donations = 0 AND t.amount_fen = 0 AND t.directed_fen = 0
      AND (t.org_unit_id, t.month, t.campaign_id, t.shard) IN (
        SELECT c.org_unit_id, c.month, c.campaign_id, c.shard
        FROM donation_subtree_contributions(removed, '{}') AS c);
  END IF;

  -- The donors' confirmed donations now, in the years touched: this statement's included, and other
  -- writers' of these donors committed (a fresh snapshot under READ COMMITTED, taken after the locks) or
  -- still waiting for them. The places before the statement are the same without its donations' new
  -- versions and with their old ones; a place's period lies within its year, so other years are unmoved.
  changed := ARRAY(SELECT x.id FROM unnest(removed || added) AS x);
  years := ARRAY(SELECT DISTINCT date_trunc('year', x.donated_on)::date FROM unnest(removed || added) AS x);
  now_held := ARRAY(
    SELECT d FROM donations d
    WHERE ((d.donor_enterprise_id IS NOT NULL AND d.donor_enterprise_id = ANY (donor_ids))
        OR (d.donor_person_id IS NOT NULL AND d.donor_person_id = ANY (donor_ids))
        OR (d.donor_chamber_id IS NOT NULL AND d.donor_chamber_id = ANY (donor_ids))
        OR (d.donor_party_organization_id IS NOT NULL AND d.donor_party_organization_id = ANY (donor_ids)))
      AND d.state IN ('received', 'acknowledged')
      AND date_trunc('year', d.donated_on)::date = ANY (years));
  INSERT INTO donation_subtree_donors AS c (org_unit_id, period, starts_on, shard, donors)
  SELECT k.org_unit_id, k.period, k.starts_on, donation_donor_shard(k.donor), sum(k.sign)
  FROM (
    (SELECT *, 1 AS sign FROM donation_donor_places(now_held)
     EXCEPT
     SELECT *, 1 FROM donation_donor_places(
       ARRAY(SELECT h FROM unnest(now_held) AS h WHERE h.id <> ALL (changed)) || removed))
    UNION ALL
    (SELECT *, -1 FROM donation_donor_places(
       ARRAY(SELECT h FROM unnest(now_held) AS h WHERE h.id <> ALL (changed)) || removed)
     EXCEPT
     SELECT *, -1 FROM donation_donor_places(now_held))
  ) AS k
  GROUP BY 1, 2, 3, 4
  HAVING sum(k.sign) <> 0
  ORDER BY 1, 2, 3, 4
  ON CONFLICT (org_unit_id, period, starts_on, shard) DO UPDATE SET donors = c.donors + excluded.donors;
  IF cardinality(removed) > 0 THEN
    DELETE FROM donation_subtree_donors c
    WHERE c.donors = 0 AND (c.org_unit_id, c.period, c.starts_on) IN (
      SELECT s, p.period, p.starts_on
      FROM unnest(removed) AS x CROSS JOIN LATERAL donation_subtrees(x.org_unit_id) AS s
        CROSS JOIN LATERAL appeal_count_periods(x.donated_on) AS p);
  END IF;
END
$$;

-- Statement-level, with the statement's rows: a statement changing several donations of one donor (an
-- import, a merge of enterprises) compares the donor's places once, before and after all of them.
CREATE FUNCTION donation_subtree_on_donations() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  removed donations[] := '{}';
  added donations[] := '{}';
BEGIN
  IF TG_OP = 'INSERT' THEN
    added := ARRAY(SELECT n::donations FROM new_rows n);
  ELSIF TG_OP = 'DELETE' THEN
    removed := ARRAY(SELECT o::donations FROM old_rows o);
  ELSE
    -- Only the donations whose figures moved (a state, amount, kind, channel, direction, day, unit, campaign
    -- or donor changed): an edit of a receipt number or evidence costs one join here.
    removed := ARRAY(
      SELECT o::donations FROM old_rows o JOIN new_rows n ON n.id = o.id
      WHERE (o.state, o.amount_fen, o.kind, o.channel, o.directed, o.donated_on, o.org_unit_id, o.campaign_id,
             o.donor_enterprise_id, o.donor_person_id, o.donor_chamber_id, o.donor_party_organization_id)
        IS DISTINCT FROM
            (n.state, n.amount_fen, n.kind, n.channel, n.directed, n.donated_on, n.org_unit_id, n.campaign_id,
             n.donor_enterprise_id, n.donor_person_id, n.donor_chamber_id, n.donor_party_organization_id));
    IF cardinality(removed) = 0 THEN
      RETURN NULL;
    END IF;
    added := ARRAY(SELECT n::donations FROM new_rows n WHERE n.id IN (SELECT x.id FROM unnest(removed) AS x));
  END IF;
  PERFORM donation_subtree_change(removed, added);
  RETURN NULL;
END
$$;

-- One trigger per event: PostgreSQL allows transition tables on single-event triggers only.
CREATE TRIGGER donation_subtree_insert AFTER INSERT ON donations
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION donation_subtree_on_donations();
CREATE TRIGGER donation_subtree_update AFTER UPDATE ON donations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION donation_subtree_on_donations();
CREATE TRIGGER donation_subtree_delete AFTER DELETE ON donations
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION donation_subtree_on_donations();

-- Recounts both tables from the records (after a bulk load with the triggers off, or to check them), each
-- row in its donors' shard as the triggers keep them: the kept tables equal a recount row for row.
CREATE FUNCTION rebuild_donation_subtree_figures() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE donations, org_units IN SHARE MODE;
  LOCK TABLE donation_subtree_totals, donation_subtree_campaigns, donation_subtree_donors IN ACCESS EXCLUSIVE MODE;
  TRUNCATE donation_subtree_totals, donation_subtree_campaigns, donation_subtree_donors;
  INSERT INTO donation_subtree_totals
  SELECT s, u.month, u.kind, u.channel, u.shard, sum(u.donations), sum(u.amount_fen), sum(u.directed_fen)
  FROM (
    SELECT d.org_unit_id, date_trunc('month', d.donated_on)::date AS month, d.kind, d.channel,
      donation_donor_shard(donation_donor(d)) AS shard, count(*) AS donations, sum(d.amount_fen) AS amount_fen,
      coalesce(sum(d.amount_fen) FILTER (WHERE d.directed), 0) AS directed_fen
    FROM donations d WHERE d.state IN ('received', 'acknowledged')
    GROUP BY 1, 2, 3, 4, 5
  ) AS u CROSS JOIN LATERAL donation_subtrees(u.org_unit_id) AS s
  GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO donation_subtree_campaigns
  SELECT s, u.month, u.campaign_id, u.shard, sum(u.donations), sum(u.amount_fen), sum(u.directed_fen)
  FROM (
    SELECT d.org_unit_id, date_trunc('month', d.donated_on)::date AS month,
      coalesce(d.campaign_id, '00000000-0000-0000-0000-000000000000'::uuid) AS campaign_id,
      donation_donor_shard(donation_donor(d)) AS shard, count(*) AS donations, sum(d.amount_fen) AS amount_fen,
      coalesce(sum(d.amount_fen) FILTER (WHERE d.directed), 0) AS directed_fen
    FROM donations d WHERE d.state IN ('received', 'acknowledged')
    GROUP BY 1, 2, 3, 4
  ) AS u CROSS JOIN LATERAL donation_subtrees(u.org_unit_id) AS s
  GROUP BY 1, 2, 3, 4;
  INSERT INTO donation_subtree_donors
  SELECT s, p.period, p.starts_on, donation_donor_shard(m.donor), count(DISTINCT m.donor)
  FROM (
    SELECT DISTINCT d.org_unit_id, date_trunc('month', d.donated_on)::date AS month, donation_donor(d) AS donor
    FROM donations d WHERE d.state IN ('received', 'acknowledged')
  ) AS m
    CROSS JOIN LATERAL donation_subtrees(m.org_unit_id) AS s
    CROSS JOIN LATERAL appeal_count_periods(m.month) AS p
  GROUP BY 1, 2, 3, 4;
END
$$;

-- The subtrees are read from the units' paths: a unit moved elsewhere (no screen does it today) recounts.
-- (A trigger with transition tables cannot take a column list: every update of org units joins here.)
CREATE FUNCTION donation_subtree_on_org_units() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id WHERE n.path IS DISTINCT FROM o.path) THEN
    PERFORM rebuild_donation_subtree_figures();
  END IF;
  RETURN NULL;
END
$$;

CREATE TRIGGER donation_subtree_org_units AFTER UPDATE ON org_units
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION donation_subtree_on_org_units();

SELECT rebuild_donation_subtree_figures();
