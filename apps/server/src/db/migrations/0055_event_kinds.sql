-- 活动类型 event kinds configured by each federation (issue 16: "kind … — configurable").
--
-- The built-in kinds (education, training, … other) stay defined in code with their codes, which the API
-- keeps. A federation unit (province, city, district, street) adds kinds of its own and renames, reorders or
-- retires any kind in effect for its subtree, as appeal categories are (0029): a unit sees, code by code,
-- the definition of its nearest ancestor (or its own) over the built-in one. A retired kind (active false)
-- stays on the events that have it, and is not offered for new ones. A kind added by a federation gets a
-- code of its own (custom_N, from the sequence), unique across the tree, so figures grouped by kind across
-- several federations never merge two different kinds under one code.
CREATE TABLE event_kinds (
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  code text NOT NULL CHECK (code ~ '^[a-z][a-z0-9_]{1,39}$'),
  label text NOT NULL CHECK (length(label) BETWEEN 1 AND 30),
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_unit_id, code)
);
CREATE INDEX event_kinds_code_idx ON event_kinds (code);

CREATE SEQUENCE event_kind_codes;

-- Events take any kind code now; which codes may be chosen is the service's (the organiser's kinds in effect).
ALTER TABLE events DROP CONSTRAINT events_kind_check;
ALTER TABLE events ADD CONSTRAINT events_kind_code CHECK (kind ~ '^[a-z][a-z0-9_]{1,39}$');

-- The label of a kind in effect at a unit (its path): the nearest definition on the way up, else NULL (the
-- built-in label, which the server knows). Lists read it per event at the organiser's path.
CREATE FUNCTION event_kind_label(p_code text, p_path text) RETURNS text
LANGUAGE sql STABLE AS $$
  SELECT k.label FROM event_kinds k JOIN org_units o ON o.id = k.org_unit_id
   WHERE k.code = p_code AND starts_with(p_path, o.path)
   ORDER BY length(o.path) DESC LIMIT 1
$$;
