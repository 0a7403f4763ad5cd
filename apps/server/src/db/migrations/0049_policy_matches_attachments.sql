-- 惠企政策, continued: matches kept per policy (so that matching a province answers from an index, not a
-- scan of a million enterprises), the registry changes that tell which kept matches to judge again, and the
-- files kept with a policy (附件).

-- Per policy, every enterprise of its reach that fails at most one structured condition: 0 a match, 1 a
-- near miss with the index of the condition it fails. No key to enterprises: a registry delete must not
-- wait on this table; the reader joins enterprises and the change log below folds the delete in.
CREATE TABLE policy_matches (
  policy_id uuid NOT NULL REFERENCES policies (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL,
  failed smallint NOT NULL CHECK (failed IN (0, 1)),
  first_failed smallint,
  sort_key text COLLATE "C" NOT NULL,
  -- The enterprise's own unit's path: a caller who sees a part of the reach counts that part.
  org_path text NOT NULL,
  PRIMARY KEY (policy_id, enterprise_id)
);
CREATE INDEX policy_matches_page_idx ON policy_matches (policy_id, failed, sort_key, enterprise_id);
-- A caller who sees part of the reach (a street of a district's policy) counts their part by prefix.
CREATE INDEX policy_matches_path_idx ON policy_matches (policy_id, failed, org_path text_pattern_ops);

-- What the kept matches of a policy were computed for: the conditions (a changed policy is matched anew)
-- and the oldest transaction still running when they were last brought up to date — every registry change
-- made by that transaction or a later one is judged again at the next reading.
CREATE TABLE policy_match_states (
  policy_id uuid PRIMARY KEY REFERENCES policies (id) ON DELETE CASCADE,
  conditions jsonb NOT NULL,
  reach_path text NOT NULL,
  through_xmin xid8 NOT NULL,
  -- The counts over the whole reach, recounted whenever a refresh changed a row: the common reading.
  matched integer NOT NULL DEFAULT 0,
  near_misses integer NOT NULL DEFAULT 0,
  computed_at timestamptz NOT NULL,
  refreshed_at timestamptz NOT NULL
);

-- The enterprises whose facts changed (their row, their chamber memberships, their party organizations),
-- with the writing transaction. Written by statement triggers, pruned by the policies scheduler task.
CREATE TABLE policy_match_changes (
  id bigserial PRIMARY KEY,
  enterprise_id uuid NOT NULL,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX policy_match_changes_xid_idx ON policy_match_changes (xid);

CREATE FUNCTION policy_match_log_enterprises() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO policy_match_changes (enterprise_id) SELECT DISTINCT id FROM changed_rows;
  RETURN NULL;
END $$;

CREATE FUNCTION policy_match_log_enterprise_ids() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO policy_match_changes (enterprise_id)
  SELECT DISTINCT enterprise_id FROM changed_rows WHERE enterprise_id IS NOT NULL;
  RETURN NULL;
END $$;

-- An update may move a row from one enterprise to another: both sides are logged.
CREATE FUNCTION policy_match_log_enterprise_id_updates() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO policy_match_changes (enterprise_id)
  SELECT enterprise_id FROM changed_rows WHERE enterprise_id IS NOT NULL
  UNION
  SELECT enterprise_id FROM old_rows WHERE enterprise_id IS NOT NULL;
  RETURN NULL;
END $$;

CREATE TRIGGER enterprises_match_insert AFTER INSERT ON enterprises
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION policy_match_log_enterprises();
CREATE TRIGGER enterprises_match_update AFTER UPDATE ON enterprises
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION policy_match_log_enterprises();
CREATE TRIGGER enterprises_match_delete AFTER DELETE ON enterprises
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION policy_match_log_enterprises();

CREATE TRIGGER chamber_memberships_match_insert AFTER INSERT ON chamber_memberships
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION policy_match_log_enterprise_ids();
CREATE TRIGGER chamber_memberships_match_update AFTER UPDATE ON chamber_memberships
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION policy_match_log_enterprise_id_updates();
CREATE TRIGGER chamber_memberships_match_delete AFTER DELETE ON chamber_memberships
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION policy_match_log_enterprise_ids();

CREATE TRIGGER party_organizations_match_insert AFTER INSERT ON party_organizations
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION policy_match_log_enterprise_ids();
CREATE TRIGGER party_organizations_match_update AFTER UPDATE ON party_organizations
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS changed_rows
  FOR EACH STATEMENT EXECUTE FUNCTION policy_match_log_enterprise_id_updates();
CREATE TRIGGER party_organizations_match_delete AFTER DELETE ON party_organizations
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION policy_match_log_enterprise_ids();

-- 附件 files kept with a policy (the document itself, application forms): PDF and Office, typed by their
-- content as appeal attachments are, downloaded by whoever may read the policy.
CREATE TABLE policy_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL REFERENCES policies (id),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX policy_attachments_policy_idx ON policy_attachments (policy_id, uploaded_at);
