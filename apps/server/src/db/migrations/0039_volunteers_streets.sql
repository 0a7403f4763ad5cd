-- 志愿服务 volunteers and 小巷管家 street adoption (issue 15 items 4 and 5).
-- Hours are kept as whole minutes (a tenth of an hour is six), never as floating point.

-- A volunteer: a registry person, or a member enterprise's staff named by the enterprise. The org unit is
-- the person's or the enterprise's, so figures and scope follow the registry's tree.
CREATE TABLE volunteers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  person_id uuid REFERENCES people (id),
  enterprise_id uuid REFERENCES enterprises (id),
  name text NOT NULL,
  party_member boolean NOT NULL,
  skills text[] NOT NULL DEFAULT '{}',
  registered_on date NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (person_id IS NOT NULL OR enterprise_id IS NOT NULL)
);
CREATE UNIQUE INDEX volunteers_person_key ON volunteers (person_id) WHERE person_id IS NOT NULL;
CREATE UNIQUE INDEX volunteers_staff_key ON volunteers (enterprise_id, name) WHERE person_id IS NULL;
CREATE INDEX volunteers_org_unit_idx ON volunteers (org_unit_id, registered_on);
CREATE INDEX volunteers_enterprise_idx ON volunteers (enterprise_id);

-- A team (青年企业家志愿服务队…) of a federation unit or a chamber.
CREATE TABLE volunteer_teams (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  name text NOT NULL,
  founded_on date NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_unit_id, name)
);

CREATE TABLE volunteer_team_members (
  team_id uuid NOT NULL REFERENCES volunteer_teams (id) ON DELETE CASCADE,
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  PRIMARY KEY (team_id, volunteer_id)
);
CREATE INDEX volunteer_team_members_volunteer_idx ON volunteer_team_members (volunteer_id);

-- An activity: recorded by staff (confirmed at once) or by a chamber secretary (pending until staff
-- confirm it); only confirmed activities count in the figures.
CREATE TABLE volunteer_activities (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  team_id uuid REFERENCES volunteer_teams (id),
  title text NOT NULL,
  held_on date NOT NULL,
  place text,
  description text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'void')),
  confirmed_by uuid REFERENCES users (id),
  confirmed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX volunteer_activities_unit_day_idx ON volunteer_activities (org_unit_id, held_on);

-- Sign-up and service: one row per volunteer and activity; the minutes once served (1 minute to 24 hours).
CREATE TABLE volunteer_participations (
  activity_id uuid NOT NULL REFERENCES volunteer_activities (id) ON DELETE CASCADE,
  volunteer_id uuid NOT NULL REFERENCES volunteers (id),
  signed_up_at timestamptz NOT NULL DEFAULT now(),
  minutes_served integer CHECK (minutes_served BETWEEN 1 AND 1440),
  served_recorded_by uuid REFERENCES users (id),
  served_recorded_at timestamptz,
  PRIMARY KEY (activity_id, volunteer_id)
);
CREATE INDEX volunteer_participations_volunteer_idx ON volunteer_participations (volunteer_id);

-- 无偿献血 a blood drive: how many registered and how many gave.
CREATE TABLE blood_drives (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  title text NOT NULL,
  held_on date NOT NULL,
  place text,
  registered integer NOT NULL CHECK (registered >= 0),
  donated integer NOT NULL CHECK (donated >= 0 AND donated <= registered),
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX blood_drives_unit_day_idx ON blood_drives (org_unit_id, held_on);

-- 小巷管家: a street's (街道 org unit's) main streets and alleys. (street, kind, name) is the import's key.
CREATE TABLE street_segments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  street_org_unit_id uuid NOT NULL REFERENCES org_units (id),
  kind text NOT NULL CHECK (kind IN ('main_street', 'alley')),
  name text NOT NULL,
  extent text,
  length_m integer CHECK (length_m > 0),
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (street_org_unit_id, kind, name)
);

-- An adoption: an enterprise or a person is the segment's 管家 until it ends; one live adoption a segment.
CREATE TABLE street_adoptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  segment_id uuid NOT NULL REFERENCES street_segments (id),
  adopter_enterprise_id uuid REFERENCES enterprises (id),
  adopter_person_id uuid REFERENCES people (id),
  adopted_on date NOT NULL,
  ended_on date,
  end_reason text,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(adopter_enterprise_id, adopter_person_id) = 1),
  CHECK (ended_on IS NULL OR ended_on >= adopted_on)
);
CREATE UNIQUE INDEX street_adoptions_live_key ON street_adoptions (segment_id) WHERE ended_on IS NULL;
CREATE INDEX street_adoptions_segment_idx ON street_adoptions (segment_id, adopted_on);

-- A matter handled on a segment; with a 12345 case number it is a hotline complaint assisted.
CREATE TABLE street_matters (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  segment_id uuid NOT NULL REFERENCES street_segments (id),
  street_org_unit_id uuid NOT NULL REFERENCES org_units (id),
  handled_on date NOT NULL,
  kind text NOT NULL,
  description text NOT NULL,
  hotline_case_number text UNIQUE,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX street_matters_street_day_idx ON street_matters (street_org_unit_id, handled_on);
CREATE INDEX street_matters_segment_idx ON street_matters (segment_id);

-- The people who helped with a matter (人次: one row each), a volunteer or a name.
CREATE TABLE street_matter_helpers (
  matter_id uuid NOT NULL REFERENCES street_matters (id) ON DELETE CASCADE,
  ordinal integer NOT NULL,
  name text NOT NULL,
  volunteer_id uuid REFERENCES volunteers (id),
  PRIMARY KEY (matter_id, ordinal)
);
