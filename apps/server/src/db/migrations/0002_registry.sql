-- Member registry: enterprises in full, their contacts and membership history, people (代表人士), chamber
-- profiles, leadership and memberships, party organizations, and background jobs (imports).

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- 三员分立, completed: an administrator account holds no business role either.
ALTER TABLE users ADD CONSTRAINT users_admin_without_business_roles CHECK (
  NOT (roles && ARRAY['system_admin', 'security_admin', 'audit_admin']::text[])
  OR roles <@ ARRAY['system_admin', 'security_admin', 'audit_admin']::text[]
);

ALTER TABLE enterprises
  ADD COLUMN former_names text[] NOT NULL DEFAULT '{}',
  ADD COLUMN legal_representative text,
  -- 注册资本, in 万元 (ten thousand yuan), as registration certificates state it.
  ADD COLUMN registered_capital numeric(18, 4),
  ADD COLUMN founded_on date,
  ADD COLUMN industry_code text,
  ADD COLUMN size text CHECK (size IN ('large', 'medium', 'small', 'micro')),
  ADD COLUMN division_code text,
  ADD COLUMN address text,
  ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
  ADD COLUMN membership_type text NOT NULL DEFAULT 'enterprise' CHECK (membership_type IN ('enterprise', 'individual', 'group')),
  ADD COLUMN membership_status text NOT NULL DEFAULT 'active'
    CHECK (membership_status IN ('applying', 'active', 'suspended', 'withdrawn')),
  ADD COLUMN membership_status_reason text,
  ADD COLUMN membership_status_on date,
  ADD COLUMN joined_on date,
  -- A merged duplicate keeps its row and history and points at the record it was merged into.
  ADD COLUMN merged_into_id uuid REFERENCES enterprises (id),
  -- Search keys, derived on write (modules/registry/search-keys.ts): the simplified, lower-cased name and
  -- former names, their character bigrams (a GIN-indexed array: fragment search that does not depend on
  -- the database's locale), full pinyin and pinyin initials (trigram-indexed: ASCII), a pinyin sort key.
  ADD COLUMN search_name text NOT NULL DEFAULT '',
  ADD COLUMN search_bigrams text[] NOT NULL DEFAULT '{}',
  ADD COLUMN name_pinyin text NOT NULL DEFAULT '',
  ADD COLUMN name_initials text NOT NULL DEFAULT '',
  ADD COLUMN sort_key text COLLATE "C" NOT NULL DEFAULT '';

CREATE INDEX enterprises_bigrams_idx ON enterprises USING gin (search_bigrams);
CREATE INDEX enterprises_pinyin_trgm ON enterprises USING gin (name_pinyin gin_trgm_ops);
CREATE INDEX enterprises_initials_trgm ON enterprises USING gin (name_initials gin_trgm_ops);
CREATE INDEX enterprises_initials_idx ON enterprises (name_initials text_pattern_ops);
CREATE INDEX enterprises_uscc_prefix_idx ON enterprises (uscc text_pattern_ops);
CREATE INDEX enterprises_sort_idx ON enterprises (sort_key, id);
CREATE INDEX enterprises_org_sort_idx ON enterprises (org_unit_id, sort_key, id);
CREATE INDEX enterprises_merged_idx ON enterprises (merged_into_id) WHERE merged_into_id IS NOT NULL;
CREATE INDEX enterprises_industry_idx ON enterprises (industry_code);
CREATE INDEX enterprises_size_idx ON enterprises (size);
CREATE INDEX enterprises_division_idx ON enterprises (division_code text_pattern_ops);
CREATE INDEX enterprises_status_idx ON enterprises (membership_status);
CREATE INDEX enterprises_tags_idx ON enterprises USING gin (tags);

CREATE TABLE enterprise_contacts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  name text NOT NULL,
  position text,
  mobile text,
  email text,
  is_primary boolean NOT NULL DEFAULT false,
  sort integer NOT NULL DEFAULT 0
);
CREATE INDEX enterprise_contacts_enterprise_idx ON enterprise_contacts (enterprise_id, sort);
CREATE INDEX enterprise_contacts_mobile_idx ON enterprise_contacts (mobile);

CREATE TABLE enterprise_status_history (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  from_status text,
  to_status text NOT NULL,
  reason text,
  changed_on date NOT NULL,
  changed_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprise_status_history_idx ON enterprise_status_history (enterprise_id, created_at);

CREATE TABLE people (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  name text NOT NULL,
  gender text CHECK (gender IN ('male', 'female')),
  birth_year integer CHECK (birth_year BETWEEN 1900 AND 2100),
  -- 中共, one of the eight democratic parties, or 群众.
  political_affiliation text NOT NULL DEFAULT 'none'
    CHECK (political_affiliation IN ('cpc', 'rcck', 'cdl', 'cndca', 'capd', 'pwdp', 'zgd', 'jiusan', 'tsl', 'none')),
  npc_level text CHECK (npc_level IN ('national', 'province', 'city', 'district', 'township')),
  cppcc_level text CHECK (cppcc_level IN ('national', 'province', 'city', 'district')),
  mobile text,
  email text,
  search_name text NOT NULL DEFAULT '',
  search_bigrams text[] NOT NULL DEFAULT '{}',
  name_pinyin text NOT NULL DEFAULT '',
  name_initials text NOT NULL DEFAULT '',
  sort_key text COLLATE "C" NOT NULL DEFAULT '',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX people_org_unit_idx ON people (org_unit_id, sort_key);
CREATE INDEX people_bigrams_idx ON people USING gin (search_bigrams);
CREATE INDEX people_pinyin_idx ON people (name_pinyin text_pattern_ops);
CREATE INDEX people_initials_idx ON people (name_initials text_pattern_ops);
CREATE INDEX people_mobile_idx ON people (mobile);

-- A person's positions in enterprises (董事长, 总经理…).
CREATE TABLE person_positions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  position text NOT NULL,
  UNIQUE (person_id, enterprise_id, position)
);
CREATE INDEX person_positions_enterprise_idx ON person_positions (enterprise_id);

-- Roles in the federation's own leadership (主席, 副主席, 常委, 执委) with their terms.
CREATE TABLE person_federation_roles (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  role text NOT NULL CHECK (role IN ('chair', 'vice_chair', 'standing_committee', 'executive_committee')),
  term_start date,
  term_end date
);
CREATE INDEX person_federation_roles_person_idx ON person_federation_roles (person_id);

CREATE TABLE chamber_profiles (
  org_unit_id uuid PRIMARY KEY REFERENCES org_units (id),
  chamber_type text NOT NULL CHECK (chamber_type IN ('street', 'industry', 'out_of_town', 'association')),
  founded_on date,
  registration_no text,
  registered_on date,
  address text,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Leadership of a chamber: 会长, 副会长, 秘书长, 执委, each with a term.
CREATE TABLE chamber_leaders (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  chamber_id uuid NOT NULL REFERENCES org_units (id),
  person_id uuid NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('president', 'vice_president', 'secretary_general', 'executive')),
  term_start date,
  term_end date
);
CREATE INDEX chamber_leaders_chamber_idx ON chamber_leaders (chamber_id);

-- Members of a chamber; an enterprise may belong to several chambers, with a role in each.
CREATE TABLE chamber_memberships (
  chamber_id uuid NOT NULL REFERENCES org_units (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  role text NOT NULL DEFAULT 'member' CHECK (role IN ('president', 'vice_president', 'director', 'member')),
  joined_on date,
  PRIMARY KEY (chamber_id, enterprise_id)
);
CREATE INDEX chamber_memberships_enterprise_idx ON chamber_memberships (enterprise_id);

-- Party organizations (基层党组织) of an enterprise or a chamber.
CREATE TABLE party_organizations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  enterprise_id uuid REFERENCES enterprises (id) ON DELETE CASCADE,
  chamber_id uuid REFERENCES org_units (id),
  name text NOT NULL,
  -- 独立党支部, 联合党支部, 党总支, 党委, 功能型党组织, or only a party-building instructor (党建指导员).
  form text NOT NULL CHECK (form IN ('independent_branch', 'joint_branch', 'general_branch', 'committee', 'functional', 'instructor_only')),
  secretary_name text,
  member_count integer NOT NULL DEFAULT 0 CHECK (member_count >= 0),
  founded_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((enterprise_id IS NULL) <> (chamber_id IS NULL))
);
CREATE INDEX party_organizations_enterprise_idx ON party_organizations (enterprise_id);
CREATE INDEX party_organizations_chamber_idx ON party_organizations (chamber_id);
CREATE INDEX party_organizations_org_unit_idx ON party_organizations (org_unit_id);

-- Background jobs (imports): status and progress polled by the web app; the report kept as a file.
CREATE TABLE jobs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  progress numeric(5, 4) NOT NULL DEFAULT 0,
  counts jsonb NOT NULL DEFAULT '{}',
  params jsonb NOT NULL DEFAULT '{}',
  error jsonb,
  report bytea,
  created_by uuid NOT NULL REFERENCES users (id),
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);
CREATE INDEX jobs_created_by_idx ON jobs (created_by, created_at DESC);
