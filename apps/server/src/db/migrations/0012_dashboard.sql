-- 工作看板 dashboard: member counts kept exact by triggers, so that the member structure of a city (a million
-- enterprises) is read from a few thousand rollup rows instead of the registry itself; and the indexes the
-- period figures (joined, left, visited) read. The member rollup counts, per org unit, the member
-- enterprises (merged duplicates left out) by membership status, and the active ones by GB/T 4754 section,
-- by size and by party-organization state (两个覆盖: 'organized' = a party organization of its own,
-- 'instructor_only' = only a party-building instructor, 'none'). One dimension per row, not their product:
-- the charts read one dimension at a time, and a province's product would be as large as a district's
-- registry. The chamber rollup counts each chamber's member enterprises by status.
-- rebuild_member_rollups() recounts both from the records (after a bulk load with the triggers off, or to
-- repair); a test keeps the triggers equal to it.

CREATE TABLE member_rollups (
  org_unit_id uuid NOT NULL,
  dimension text NOT NULL CHECK (dimension IN ('status', 'industry', 'size', 'party')),
  -- The status; the section letter ('' for no industry); the size ('' when not recorded); the party state.
  value text NOT NULL,
  members integer NOT NULL DEFAULT 0,
  -- Org unit first: a scope is a list of org units, each one probe of this index.
  PRIMARY KEY (org_unit_id, dimension, value)
);

CREATE TABLE chamber_member_rollups (
  chamber_id uuid NOT NULL,
  status text NOT NULL,
  members integer NOT NULL DEFAULT 0,
  PRIMARY KEY (chamber_id, status)
);

-- GB/T 4754-2017: the section (门类) of a section letter, division, group or class code, by the
-- division ranges of the standard (the reference table in reference/industries.tsv; a test checks them).
CREATE FUNCTION industry_section(code text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN code IS NULL OR code = '' THEN ''
    WHEN code ~ '^[A-T]$' THEN code
    WHEN code !~ '^\d{2}' THEN ''
    ELSE CASE
      WHEN left(code, 2)::int <= 5 THEN 'A'
      WHEN left(code, 2)::int <= 12 THEN 'B'
      WHEN left(code, 2)::int <= 43 THEN 'C'
      WHEN left(code, 2)::int <= 46 THEN 'D'
      WHEN left(code, 2)::int <= 50 THEN 'E'
      WHEN left(code, 2)::int <= 52 THEN 'F'
      WHEN left(code, 2)::int <= 60 THEN 'G'
      WHEN left(code, 2)::int <= 62 THEN 'H'
      WHEN left(code, 2)::int <= 65 THEN 'I'
      WHEN left(code, 2)::int <= 69 THEN 'J'
      WHEN left(code, 2)::int <= 70 THEN 'K'
      WHEN left(code, 2)::int <= 72 THEN 'L'
      WHEN left(code, 2)::int <= 75 THEN 'M'
      WHEN left(code, 2)::int <= 79 THEN 'N'
      WHEN left(code, 2)::int <= 82 THEN 'O'
      WHEN left(code, 2)::int <= 83 THEN 'P'
      WHEN left(code, 2)::int <= 85 THEN 'Q'
      WHEN left(code, 2)::int <= 90 THEN 'R'
      WHEN left(code, 2)::int <= 96 THEN 'S'
      WHEN left(code, 2)::int <= 97 THEN 'T'
      ELSE ''
    END
  END
$$;

-- The party state of a set of party-organization rows (of one enterprise).
CREATE FUNCTION party_state(organized boolean, any_organization boolean) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN organized THEN 'organized' WHEN any_organization THEN 'instructor_only' ELSE 'none' END
$$;

-- One enterprise's rows in member_rollups (sign 1 or -1): its status; when active, its section, size and
-- party state.
CREATE FUNCTION member_rollup_rows(org_unit_id uuid, industry_code text, size text, status text, party text,
  sign integer) RETURNS SETOF member_rollups
LANGUAGE sql IMMUTABLE AS $$
  SELECT org_unit_id, 'status', status, sign
  UNION ALL
  SELECT org_unit_id, dimension, value, sign
  FROM (VALUES ('industry', industry_section(industry_code)), ('size', coalesce(size, '')),
    ('party', party)) AS active (dimension, value)
  WHERE status = 'active'
$$;

-- Adds signed counts to the rollups: summed per key, all-zero sums skipped, rows locked in key order so that
-- concurrent writers cannot deadlock on each other. The functions the triggers call are PL/pgSQL, whose
-- statements keep their plans for the session: as SQL functions they were planned on every call, which cost
-- an enterprise update a millisecond.
CREATE FUNCTION add_member_rollups(delta member_rollups[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO member_rollups AS r
  SELECT org_unit_id, dimension, value, sum(members)
  FROM unnest(delta)
  GROUP BY org_unit_id, dimension, value
  HAVING sum(members) <> 0
  ORDER BY org_unit_id, dimension, value
  ON CONFLICT (org_unit_id, dimension, value) DO UPDATE SET members = r.members + excluded.members;
END
$$;

CREATE FUNCTION add_chamber_member_rollups(delta chamber_member_rollups[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO chamber_member_rollups AS r
  SELECT chamber_id, status, sum(members)
  FROM unnest(delta)
  GROUP BY chamber_id, status
  HAVING sum(members) <> 0
  ORDER BY chamber_id, status
  ON CONFLICT (chamber_id, status) DO UPDATE SET members = r.members + excluded.members;
END
$$;

-- One enterprise's count moving in or out: its key columns and the sign.
CREATE TYPE member_move AS (
  id uuid, org_unit_id uuid, industry_code text, size text, status text, sign integer
);

-- Adds the moves of enterprises to both rollups; the party state and the chamber memberships are read as
-- they are now (an enterprise statement does not change them).
CREATE FUNCTION add_member_moves(moves member_move[]) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  -- Most enterprise updates change nothing counted (a name, a contact, the search keys).
  IF cardinality(moves) = 0 THEN
    RETURN;
  END IF;
  -- Set-based (one pass over the party organizations of all the moved enterprises), not a lookup per
  -- enterprise: a bulk load drops the secondary indexes while it runs.
  PERFORM add_member_rollups(ARRAY(
    WITH moved AS (SELECT * FROM unnest(moves)),
    party AS (
      SELECT p.enterprise_id, party_state(bool_or(p.form <> 'instructor_only'), true) AS state
      FROM party_organizations p
      WHERE p.enterprise_id IN (SELECT id FROM moved)
      GROUP BY p.enterprise_id
    )
    SELECT r
    FROM moved m LEFT JOIN party ON party.enterprise_id = m.id,
      LATERAL member_rollup_rows(m.org_unit_id, m.industry_code, m.size, m.status,
        coalesce(party.state, 'none'), m.sign) r
  ));
  PERFORM add_chamber_member_rollups(ARRAY(
    SELECT ROW(cm.chamber_id, m.status, m.sign)::chamber_member_rollups
    FROM unnest(moves) m JOIN chamber_memberships cm ON cm.enterprise_id = m.id
  ));
END
$$;

-- Enterprises written, as statement triggers (a bulk load of ten thousand rows is one call): the old rows'
-- counts taken away, the new rows' added. Of an update, only rows whose counted columns changed move.
CREATE FUNCTION member_rollups_on_enterprises() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM add_member_moves(ARRAY(
      SELECT ROW(n.id, n.org_unit_id, n.industry_code, n.size, n.membership_status, 1)::member_move
      FROM new_rows n
      WHERE n.merged_into_id IS NULL
    ));
  ELSE
    PERFORM add_member_moves(ARRAY(
      SELECT ROW(moved.id, moved.org_unit_id, moved.industry_code, moved.size, moved.status,
        moved.sign)::member_move
      FROM old_rows o JOIN new_rows n ON n.id = o.id
        CROSS JOIN LATERAL (VALUES
          (o.id, o.org_unit_id, o.industry_code, o.size, o.membership_status, -1, o.merged_into_id IS NULL),
          (n.id, n.org_unit_id, n.industry_code, n.size, n.membership_status, 1, n.merged_into_id IS NULL)
        ) AS moved (id, org_unit_id, industry_code, size, status, sign, counted)
      WHERE moved.counted
        AND (o.org_unit_id, industry_section(o.industry_code), o.size, o.membership_status,
          o.merged_into_id IS NULL)
          IS DISTINCT FROM
          (n.org_unit_id, industry_section(n.industry_code), n.size, n.membership_status,
          n.merged_into_id IS NULL)
    ));
  END IF;
  RETURN NULL;
END
$$;

-- An enterprise deleted: its counts go before the row does, while its party organizations and memberships
-- (deleted with it by ON DELETE CASCADE, whose own triggers then find no enterprise) still say where it
-- counted.
CREATE FUNCTION member_rollups_on_enterprise_delete() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.merged_into_id IS NULL THEN
    PERFORM add_member_moves(ARRAY[
      ROW(OLD.id, OLD.org_unit_id, OLD.industry_code, OLD.size, OLD.membership_status, -1)::member_move
    ]);
  END IF;
  RETURN OLD;
END
$$;

-- Party organizations written: for each enterprise touched, its party state before the statement (the rows
-- now, with the statement's new rows taken out and its old rows put back) and after; an enterprise whose
-- state changed moves from one count to the other. The enterprises are locked (FOR SHARE) first, so that a
-- concurrent change of an enterprise's unit, industry or status is counted with the state that follows it.
CREATE FUNCTION member_rollups_party_change(removed party_organizations[], added party_organizations[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_member_rollups(ARRAY(
    WITH touched AS (
      SELECT DISTINCT enterprise_id AS id FROM (
        SELECT enterprise_id FROM unnest(removed) UNION ALL SELECT enterprise_id FROM unnest(added)
      ) AS ids WHERE enterprise_id IS NOT NULL
    ),
    locked AS (
      SELECT e.id, e.org_unit_id, e.industry_code, e.size, e.membership_status
      FROM enterprises e
      WHERE e.id IN (SELECT id FROM touched) AND e.merged_into_id IS NULL
      ORDER BY e.id
      FOR SHARE
    ),
    now_rows AS (
      SELECT p.id, p.enterprise_id, p.form FROM party_organizations p
      WHERE p.enterprise_id IN (SELECT id FROM locked)
    ),
    after AS (
      SELECT enterprise_id, party_state(bool_or(form <> 'instructor_only'), true) AS state
      FROM now_rows GROUP BY enterprise_id
    ),
    before AS (
      SELECT enterprise_id, party_state(bool_or(form <> 'instructor_only'), true) AS state
      FROM (
        SELECT enterprise_id, form FROM now_rows WHERE id NOT IN (SELECT a.id FROM unnest(added) a)
        UNION ALL
        SELECT r.enterprise_id, r.form FROM unnest(removed) r
      ) AS p
      GROUP BY enterprise_id
    ),
    states AS (
      SELECT l.*, coalesce(b.state, 'none') AS before, coalesce(a.state, 'none') AS after
      FROM locked l LEFT JOIN before b ON b.enterprise_id = l.id LEFT JOIN after a ON a.enterprise_id = l.id
    )
    SELECT r
    FROM states s CROSS JOIN LATERAL (VALUES (s.before, -1), (s.after, 1)) AS moved (party, sign),
      LATERAL member_rollup_rows(s.org_unit_id, s.industry_code, s.size, s.membership_status, moved.party,
        moved.sign) r
    WHERE s.before <> s.after
  ));
END
$$;

CREATE FUNCTION member_rollups_on_party_organizations() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  removed party_organizations[] := '{}';
  added party_organizations[] := '{}';
BEGIN
  IF TG_OP <> 'INSERT' THEN
    removed := ARRAY(SELECT o::party_organizations FROM old_rows o WHERE o.enterprise_id IS NOT NULL);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    added := ARRAY(SELECT n::party_organizations FROM new_rows n WHERE n.enterprise_id IS NOT NULL);
  END IF;
  PERFORM member_rollups_party_change(removed, added);
  RETURN NULL;
END
$$;

-- Chamber memberships written: each membership counts under its enterprise's status (merged ones not at
-- all), the enterprises locked as above.
CREATE FUNCTION member_rollups_membership_change(removed chamber_memberships[], added chamber_memberships[])
RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM add_chamber_member_rollups(ARRAY(
    WITH moved AS (
      SELECT chamber_id, enterprise_id, -1 AS sign FROM unnest(removed)
      UNION ALL
      SELECT chamber_id, enterprise_id, 1 FROM unnest(added)
    ),
    locked AS (
      SELECT e.id, e.membership_status
      FROM enterprises e
      WHERE e.id IN (SELECT enterprise_id FROM moved) AND e.merged_into_id IS NULL
      ORDER BY e.id
      FOR SHARE
    )
    SELECT ROW(m.chamber_id, l.membership_status, m.sign)::chamber_member_rollups
    FROM moved m JOIN locked l ON l.id = m.enterprise_id
  ));
END
$$;

CREATE FUNCTION member_rollups_on_chamber_memberships() RETURNS trigger
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
  PERFORM member_rollups_membership_change(removed, added);
  RETURN NULL;
END
$$;

CREATE TRIGGER member_rollups_insert AFTER INSERT ON enterprises
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rollups_on_enterprises();
CREATE TRIGGER member_rollups_update AFTER UPDATE ON enterprises
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rollups_on_enterprises();
CREATE TRIGGER member_rollups_delete BEFORE DELETE ON enterprises
  FOR EACH ROW EXECUTE FUNCTION member_rollups_on_enterprise_delete();

CREATE TRIGGER member_rollups_party_insert AFTER INSERT ON party_organizations
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rollups_on_party_organizations();
CREATE TRIGGER member_rollups_party_update AFTER UPDATE ON party_organizations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rollups_on_party_organizations();
CREATE TRIGGER member_rollups_party_delete AFTER DELETE ON party_organizations
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rollups_on_party_organizations();

CREATE TRIGGER member_rollups_membership_insert AFTER INSERT ON chamber_memberships
  REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rollups_on_chamber_memberships();
CREATE TRIGGER member_rollups_membership_update AFTER UPDATE ON chamber_memberships
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rollups_on_chamber_memberships();
CREATE TRIGGER member_rollups_membership_delete AFTER DELETE ON chamber_memberships
  REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION member_rollups_on_chamber_memberships();

-- Recounts both rollups from the records. Writers wait meanwhile (SHARE locks), so nothing is missed.
CREATE FUNCTION rebuild_member_rollups() RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  LOCK TABLE enterprises, party_organizations, chamber_memberships IN SHARE MODE;
  LOCK TABLE member_rollups, chamber_member_rollups IN ACCESS EXCLUSIVE MODE;
  TRUNCATE member_rollups, chamber_member_rollups;
  INSERT INTO member_rollups
  SELECT r.org_unit_id, r.dimension, r.value, sum(r.members)
  FROM enterprises e
    LEFT JOIN (
      SELECT enterprise_id, bool_or(form <> 'instructor_only') AS organized
      FROM party_organizations WHERE enterprise_id IS NOT NULL GROUP BY enterprise_id
    ) p ON p.enterprise_id = e.id,
    LATERAL member_rollup_rows(e.org_unit_id, e.industry_code, e.size, e.membership_status,
      party_state(coalesce(p.organized, false), p.enterprise_id IS NOT NULL), 1) r
  WHERE e.merged_into_id IS NULL
  GROUP BY 1, 2, 3;
  INSERT INTO chamber_member_rollups
  SELECT cm.chamber_id, e.membership_status, count(*)
  FROM chamber_memberships cm JOIN enterprises e ON e.id = cm.enterprise_id
  WHERE e.merged_into_id IS NULL
  GROUP BY 1, 2;
END
$$;

SELECT rebuild_member_rollups();

-- 新入会 joined and 退会 left in a period, by the day: a quarter's joiners of a city are read from the index.
CREATE INDEX enterprises_joined_idx ON enterprises (joined_on) INCLUDE (org_unit_id)
  WHERE merged_into_id IS NULL AND joined_on IS NOT NULL;
CREATE INDEX enterprises_withdrawn_idx ON enterprises (membership_status_on) INCLUDE (org_unit_id)
  WHERE merged_into_id IS NULL AND membership_status = 'withdrawn';

-- Done visits by the day they were made, with the enterprise (visit coverage) and the counting unit.
CREATE INDEX visits_done_day_idx ON visits (visited_on) INCLUDE (enterprise_id, org_unit_id)
  WHERE status = 'done';
-- The active members of a scope by id, from the index alone: visit coverage matches them against the
-- period's visited enterprises without reading a row of the (wide) enterprises table.
CREATE INDEX enterprises_active_scope_idx ON enterprises (org_unit_id) INCLUDE (id)
  WHERE merged_into_id IS NULL AND membership_status = 'active';
