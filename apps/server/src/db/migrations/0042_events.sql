-- 教育培训 events, education and training (issue 16): activities organised by a federation unit or a chamber
-- (理想信念教育实践活动, 培训班, 讲座, 参观学习…) with their sessions, audience, registrations (capacity and a
-- waiting list), attendance by session (one per person per session, a retried check-in recorded once), and
-- the register of honours (称号) won by members and their people.

CREATE TABLE events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The organiser (a federation unit or a chamber): row scope and a chamber's monthly duty follow it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  title text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('education', 'training', 'lecture', 'site_visit', 'symposium', 'salon',
    'bank_meeting', 'policy_briefing', 'job_fair', 'other')),
  theme text,
  description text,
  -- A recurring program (连续22年的培训班): its cumulative totals are read across years by this name.
  program text,
  -- Registered places; beyond it registrations wait. NULL: no limit.
  capacity integer CHECK (capacity > 0),
  -- all_members: members of the organiser's subtree (a chamber: its members); chamber: one chamber's
  -- members; conditions: members of the subtree matching audience_conditions; invited: event_invitees.
  audience text NOT NULL DEFAULT 'all_members' CHECK (audience IN ('all_members', 'chamber', 'conditions', 'invited')),
  audience_chamber_id uuid REFERENCES org_units (id),
  -- {sizes?: [...], industryPrefix?: "C", tags?: [...]}
  audience_conditions jsonb NOT NULL DEFAULT '{}',
  -- open 报名中 → closed 报名截止; cancelled 已取消.
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'closed', 'cancelled')),
  -- The first session's start and the last one's end, kept by the service: lists and the duty read them.
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK ((audience = 'chamber') = (audience_chamber_id IS NOT NULL))
);
CREATE INDEX events_org_starts_idx ON events (org_unit_id, starts_at);
CREATE INDEX events_starts_idx ON events (starts_at);
CREATE INDEX events_program_idx ON events (program) WHERE program IS NOT NULL;

CREATE TABLE event_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  place text,
  online_url text,
  CHECK (ends_at > starts_at),
  UNIQUE (event_id, seq)
);

-- An invited list (audience = 'invited'): the enterprises invited.
CREATE TABLE event_invitees (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  PRIMARY KEY (event_id, enterprise_id)
);
CREATE INDEX event_invitees_enterprise_idx ON event_invitees (enterprise_id);

CREATE TABLE event_registrations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  person_name text NOT NULL,
  post text,
  mobile text CHECK (mobile ~ '^1[0-9]{10}$'),
  enterprise_id uuid REFERENCES enterprises (id),
  person_id uuid REFERENCES people (id),
  -- Who the attendee is, across events: the registry's person, else the mobile number, else the name
  -- within the enterprise. Distinct persons are counted by it; one registration per person and event.
  person_key text NOT NULL,
  -- registered 已报名; waitlisted 候补 (past capacity, promoted in order when a place frees); cancelled 已取消.
  status text NOT NULL DEFAULT 'registered' CHECK (status IN ('registered', 'waitlisted', 'cancelled')),
  -- Added on the spot at check-in (现场签到): counts beyond capacity.
  walk_in boolean NOT NULL DEFAULT false,
  registered_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  cancelled_at timestamptz
);
CREATE UNIQUE INDEX event_registrations_person_unique ON event_registrations (event_id, person_key)
  WHERE status <> 'cancelled';
CREATE INDEX event_registrations_event_idx ON event_registrations (event_id, status, created_at);
CREATE INDEX event_registrations_mobile_idx ON event_registrations (event_id, mobile) WHERE mobile IS NOT NULL;
CREATE INDEX event_registrations_enterprise_idx ON event_registrations (enterprise_id)
  WHERE enterprise_id IS NOT NULL;

-- 签到 attendance: one per registration and session whatever the devices and retries (the two unique
-- constraints settle races with ON CONFLICT); a nonce sent again answers the check-in it made.
CREATE TABLE event_attendances (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  session_id uuid NOT NULL REFERENCES event_sessions (id) ON DELETE CASCADE,
  registration_id uuid NOT NULL REFERENCES event_registrations (id),
  -- Copied from the registration: the figures count enterprises and persons without joining it.
  enterprise_id uuid REFERENCES enterprises (id),
  person_key text NOT NULL,
  nonce text NOT NULL,
  -- qr 扫码自助签到; staff 工作人员勾选; import 线上名单导入.
  method text NOT NULL CHECK (method IN ('qr', 'staff', 'import')),
  recorded_by uuid REFERENCES users (id),
  checked_in_at timestamptz NOT NULL,
  UNIQUE (session_id, registration_id),
  UNIQUE (session_id, nonce)
);
CREATE INDEX event_attendances_event_idx ON event_attendances (event_id);
-- A registration's sessions checked in (the registration lists, the certificate).
CREATE INDEX event_attendances_registration_idx ON event_attendances (registration_id);
CREATE INDEX event_attendances_enterprise_idx ON event_attendances (enterprise_id, checked_in_at)
  WHERE enterprise_id IS NOT NULL;

-- 称号 honours won by an enterprise or a person: 全国工人先锋号, 社区公益之星…
CREATE TABLE honours (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The holder's org unit: row scope follows it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  enterprise_id uuid REFERENCES enterprises (id),
  person_id uuid REFERENCES people (id),
  holder_name text NOT NULL,
  title text NOT NULL,
  level text NOT NULL CHECK (level IN ('national', 'province', 'city', 'district', 'street')),
  issuer text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 1949 AND 2200),
  evidence text,
  recorded_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(enterprise_id, person_id) = 1)
);
CREATE UNIQUE INDEX honours_unique ON honours (
  coalesce(enterprise_id, person_id), title, year, level
);
CREATE INDEX honours_org_year_idx ON honours (org_unit_id, year);
CREATE INDEX honours_enterprise_idx ON honours (enterprise_id) WHERE enterprise_id IS NOT NULL;
CREATE INDEX honours_person_idx ON honours (person_id) WHERE person_id IS NOT NULL;

-- Whether an event is open to an enterprise (its audience): one rule for the enterprise contact's list,
-- their registrations and the invitations. all_members: members of the organiser's subtree, and of the
-- organiser itself when it is a chamber; chamber: that chamber's members; conditions: members of the
-- subtree matching sizes, industry prefix and tags; invited: the list.
CREATE FUNCTION event_open_to(p_event_id uuid, p_enterprise_id uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1
    FROM events ev
    JOIN org_units organizer ON organizer.id = ev.org_unit_id
    JOIN enterprises e ON e.id = p_enterprise_id AND e.merged_into_id IS NULL
    JOIN org_units home ON home.id = e.org_unit_id
    WHERE ev.id = p_event_id
      AND CASE ev.audience
        WHEN 'all_members' THEN home.path LIKE organizer.path || '%'
          OR EXISTS (SELECT 1 FROM chamber_memberships m WHERE m.chamber_id = ev.org_unit_id AND m.enterprise_id = e.id)
        WHEN 'chamber' THEN EXISTS (SELECT 1 FROM chamber_memberships m
          WHERE m.chamber_id = ev.audience_chamber_id AND m.enterprise_id = e.id)
        WHEN 'conditions' THEN (home.path LIKE organizer.path || '%'
            OR EXISTS (SELECT 1 FROM chamber_memberships m WHERE m.chamber_id = ev.org_unit_id AND m.enterprise_id = e.id))
          AND (NOT ev.audience_conditions ? 'sizes' OR e.size = ANY (ARRAY(SELECT jsonb_array_elements_text(ev.audience_conditions -> 'sizes'))))
          AND (NOT ev.audience_conditions ? 'industryPrefix' OR e.industry_code LIKE (ev.audience_conditions ->> 'industryPrefix') || '%')
          AND (NOT ev.audience_conditions ? 'tags' OR e.tags && ARRAY(SELECT jsonb_array_elements_text(ev.audience_conditions -> 'tags')))
        WHEN 'invited' THEN EXISTS (SELECT 1 FROM event_invitees i WHERE i.event_id = ev.id AND i.enterprise_id = e.id)
        ELSE false
      END
  )
$$;
