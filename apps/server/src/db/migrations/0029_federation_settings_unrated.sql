-- Per-federation settings and unrated appeals (issue 10, items 4 and 6).
--
-- 诉求类别 appeal categories are owned by a federation org unit and inherited down the tree. The existing
-- rows stay in appeal_categories as the top level's definitions (owner_org_unit_id NULL: the root, seen by
-- every unit), so every appeal's category and every deadline stays as it was. A code first defined below the
-- top has its owner set; a definition of a code at any other level is an override row. A unit sees, for each
-- code, the definition of its nearest owning ancestor (or its own): appeal_categories_at(path).
ALTER TABLE appeal_categories ADD COLUMN owner_org_unit_id uuid REFERENCES org_units (id);

CREATE TABLE appeal_category_overrides (
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  code text NOT NULL REFERENCES appeal_categories (code),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  respond_days integer NOT NULL CHECK (respond_days >= 0),
  resolve_days integer NOT NULL CHECK (resolve_days >= 1 AND resolve_days >= respond_days),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (org_unit_id, code)
);

-- The categories in effect at an org unit (its path): per code the deepest definition on the way from the
-- root down to the unit; `inherited_from_above` tells an override that replaces a definition above it.
CREATE FUNCTION appeal_categories_at(unit_path text)
RETURNS TABLE (
  code text,
  name_zh text,
  name_en text,
  sort integer,
  active boolean,
  respond_days integer,
  resolve_days integer,
  version integer,
  owner_org_unit_id uuid,
  owner_path text,
  replaces_above boolean,
  updated_at timestamptz
)
LANGUAGE sql STABLE AS $$
  SELECT DISTINCT ON (d.code)
         d.code, d.name_zh, d.name_en, d.sort, d.active, d.respond_days, d.resolve_days, d.version,
         d.owner_id, d.owner_path, count(*) OVER (PARTITION BY d.code) > 1, d.updated_at
    FROM (
      SELECT c.code, c.name_zh, c.name_en, c.sort, c.active, c.respond_days, c.resolve_days, c.version,
             c.owner_org_unit_id AS owner_id, coalesce(o.path, '') AS owner_path, c.updated_at
        FROM appeal_categories c
        LEFT JOIN org_units o ON o.id = c.owner_org_unit_id
       WHERE c.owner_org_unit_id IS NULL OR starts_with(unit_path, o.path)
      UNION ALL
      SELECT v.code, v.name_zh, v.name_en, v.sort, v.active, v.respond_days, v.resolve_days, v.version,
             v.org_unit_id, o.path, v.updated_at
        FROM appeal_category_overrides v
        JOIN org_units o ON o.id = v.org_unit_id
       WHERE starts_with(unit_path, o.path)
    ) d
   ORDER BY d.code, length(d.owner_path) DESC
$$;

-- 未评价办结 an appeal confirmed but never rated is reminded once and then closed by the system: the
-- reminder's time (so it goes out once) and whether it closed without a rating (never counted satisfied).
ALTER TABLE appeals
  ADD COLUMN rating_reminded_at timestamptz,
  ADD COLUMN closed_unrated boolean NOT NULL DEFAULT false;

-- The scheduler's scan: confirmed appeals by the time they were confirmed.
CREATE INDEX appeals_confirmed_awaiting_rating_idx ON appeals (confirmed_at) WHERE state = 'confirmed';

-- The figure 未评价办结 (appeals.closedUnrated) counts these by org unit and day received.
CREATE INDEX appeals_closed_unrated_idx ON appeals (org_unit_id, received_on) WHERE closed_unrated;
