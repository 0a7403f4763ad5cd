-- 走访 visits to member enterprises and the visit plans (走访计划) that assign enterprises to staff.

CREATE TABLE visit_plans (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The federation unit (or chamber) that runs the plan: row scope follows it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('directed', 'care', 'joint', 'research')),
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  notes text,
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX visit_plans_org_unit_idx ON visit_plans (org_unit_id, starts_on);

CREATE TABLE visits (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  -- The federation unit the visit counts for (the enterprise's org unit when recorded).
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  plan_id uuid REFERENCES visit_plans (id),
  kind text NOT NULL CHECK (kind IN ('directed', 'care', 'joint', 'research')),
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'done', 'cancelled')),
  planned_on date,
  visited_on date,
  -- Who went: staff accounts, and by name the leaders and departments that joined.
  visitor_ids uuid[] NOT NULL DEFAULT '{}',
  leader_names text[] NOT NULL DEFAULT '{}',
  department_ids uuid[] NOT NULL DEFAULT '{}',
  -- What was brought (送政策、送信息、送服务、送安全、送温暖): codes.
  brought text[] NOT NULL DEFAULT '{}'
    CHECK (brought <@ ARRAY['policy', 'information', 'service', 'safety', 'warmth']::text[]),
  notes text,
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (status <> 'done' OR visited_on IS NOT NULL),
  CHECK (status <> 'planned' OR planned_on IS NOT NULL)
);
-- An enterprise's visits; coverage reads its done visits in a period.
CREATE INDEX visits_enterprise_idx ON visits (enterprise_id, visited_on);
-- Lists and calendars read a unit's visits by the day they happened or are planned for.
CREATE INDEX visits_org_unit_idx ON visits (org_unit_id, (coalesce(visited_on, planned_on)));
CREATE INDEX visits_plan_idx ON visits (plan_id) WHERE plan_id IS NOT NULL;
CREATE INDEX visits_visitors_idx ON visits USING gin (visitor_ids);

CREATE TABLE visit_plan_assignments (
  plan_id uuid NOT NULL REFERENCES visit_plans (id) ON DELETE CASCADE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  assignee_id uuid NOT NULL REFERENCES users (id),
  PRIMARY KEY (plan_id, enterprise_id)
);
CREATE INDEX visit_plan_assignments_assignee_idx ON visit_plan_assignments (assignee_id);
