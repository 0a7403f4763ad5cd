-- 诉求 appeals: categories, direct channels (快捷通道) to departments with deadlines, the appeals, their
-- forwards to departments, the timeline of every transition, attachments, and idempotent creation.

CREATE TABLE appeal_categories (
  code text PRIMARY KEY CHECK (code ~ '^[a-z][a-z0-9_]{1,31}$'),
  name_zh text NOT NULL,
  name_en text NOT NULL,
  sort integer NOT NULL DEFAULT 0,
  active boolean NOT NULL DEFAULT true,
  -- Default deadlines in working days, when the channel sets none for the category.
  respond_days integer NOT NULL DEFAULT 2 CHECK (respond_days BETWEEN 0 AND 60),
  resolve_days integer NOT NULL DEFAULT 15 CHECK (resolve_days BETWEEN 1 AND 365),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO appeal_categories (code, name_zh, name_en, sort, respond_days, resolve_days) VALUES
  ('financing', '融资', 'Financing', 10, 2, 15),
  ('social_insurance', '社保', 'Social insurance', 20, 2, 10),
  ('employment', '用工', 'Employment', 30, 2, 10),
  ('legal', '法律', 'Legal', 40, 2, 15),
  ('tax', '税务', 'Tax', 50, 2, 10),
  ('rent', '房租', 'Rent', 60, 2, 15),
  ('permits', '审批手续', 'Permits', 70, 2, 15),
  ('policy', '政策咨询', 'Policy questions', 80, 1, 5),
  ('supplies', '物资', 'Supplies', 90, 1, 5),
  ('other', '其他', 'Other', 100, 2, 15);

CREATE TABLE channels (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The federation unit that runs the channel, and the department at its other end.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  department_id uuid NOT NULL REFERENCES org_units (id),
  name text NOT NULL,
  description text,
  -- Channel-wide deadlines (working days); null: the category's.
  respond_days integer CHECK (respond_days BETWEEN 0 AND 60),
  resolve_days integer CHECK (resolve_days BETWEEN 1 AND 365),
  -- The department head's account: overdue appeals are escalated to it.
  head_user_id uuid REFERENCES users (id),
  webhook_url text,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (org_unit_id, department_id)
);
CREATE INDEX channels_department_idx ON channels (department_id);

CREATE TABLE channel_deadlines (
  channel_id uuid NOT NULL REFERENCES channels (id) ON DELETE CASCADE,
  category_code text NOT NULL REFERENCES appeal_categories (code),
  respond_days integer NOT NULL CHECK (respond_days BETWEEN 0 AND 60),
  resolve_days integer NOT NULL CHECK (resolve_days BETWEEN 1 AND 365),
  PRIMARY KEY (channel_id, category_code)
);

CREATE SEQUENCE appeal_number_seq;

CREATE TABLE appeals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- What people quote on the phone: SQ + year + serial.
  number text NOT NULL UNIQUE,
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  -- The enterprise's org unit when raised: row scope and the figures by org unit use it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  -- The chamber that raised it, if any.
  chamber_id uuid REFERENCES org_units (id),
  visit_id uuid REFERENCES visits (id),
  category_code text NOT NULL REFERENCES appeal_categories (code),
  title text NOT NULL,
  description text NOT NULL,
  source text NOT NULL CHECK (source IN ('visit', 'survey', 'chamber', 'phone', 'group_chat', 'self_service')),
  urgency text NOT NULL CHECK (urgency IN ('normal', 'urgent', 'critical')),
  state text NOT NULL CHECK (state IN (
    'submitted', 'valid', 'invalid', 'merged', 'forwarded', 'in_progress', 'returned', 'answered', 'confirmed', 'closed'
  )),
  invalid_reason text,
  merged_into_id uuid REFERENCES appeals (id),
  raised_by uuid REFERENCES users (id),
  received_at timestamptz NOT NULL,
  -- The day received (Asia/Shanghai): the period an appeal counts in.
  received_on date NOT NULL,
  validated_at timestamptz,
  forwarded_at timestamptz,
  -- The first response of a department (accept, reply or return).
  responded_at timestamptz,
  -- Deadlines of the current round: the earliest response due and the latest resolution due.
  respond_due_at timestamptz,
  resolve_due_at timestamptz,
  -- The department's outcome: resolved, or explained but not solvable (已解释无法解决).
  outcome text CHECK (outcome IN ('resolved', 'unsolvable')),
  answered_at timestamptz,
  -- Set by the scheduler once resolve_due_at passed without an outcome; cleared by an outcome.
  overdue boolean NOT NULL DEFAULT false,
  confirmed_at timestamptz,
  satisfaction text CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  rated_at timestamptz,
  rated_via text CHECK (rated_via IN ('phone', 'visit', 'self_service')),
  closed_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0,
  round integer NOT NULL DEFAULT 1,
  idempotency_key text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (state <> 'invalid' OR invalid_reason IS NOT NULL),
  CHECK (state <> 'merged' OR merged_into_id IS NOT NULL)
);
-- One key answers one appeal: a retried request does not raise a second one.
CREATE UNIQUE INDEX appeals_idempotency_key ON appeals (raised_by, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX appeals_org_received_idx ON appeals (org_unit_id, received_on);
CREATE INDEX appeals_received_idx ON appeals (received_on, id);
CREATE INDEX appeals_enterprise_idx ON appeals (enterprise_id, received_at);
CREATE INDEX appeals_state_idx ON appeals (state, received_at);
CREATE INDEX appeals_chamber_idx ON appeals (chamber_id) WHERE chamber_id IS NOT NULL;
CREATE INDEX appeals_visit_idx ON appeals (visit_id) WHERE visit_id IS NOT NULL;
CREATE INDEX appeals_overdue_due_idx ON appeals (resolve_due_at) WHERE outcome IS NULL AND state IN ('forwarded', 'in_progress');

CREATE TABLE appeal_forwards (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  round integer NOT NULL,
  department_id uuid NOT NULL REFERENCES org_units (id),
  channel_id uuid NOT NULL REFERENCES channels (id),
  -- Copied from the appeal: the liaison inbox and the figures by department read only this table.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  category_code text NOT NULL,
  state text NOT NULL CHECK (state IN ('pending', 'accepted', 'returned', 'resolved', 'unsolvable', 'withdrawn')),
  forwarded_at timestamptz NOT NULL,
  forwarded_on date NOT NULL,
  forwarded_by uuid REFERENCES users (id),
  respond_due_at timestamptz NOT NULL,
  resolve_due_at timestamptz NOT NULL,
  responded_at timestamptz,
  accepted_at timestamptz,
  returned_at timestamptz,
  return_reason text,
  answered_at timestamptz,
  answer text,
  handled_by uuid REFERENCES users (id),
  response_overdue boolean NOT NULL DEFAULT false,
  resolve_overdue boolean NOT NULL DEFAULT false,
  -- The appeal's rating, copied to the forwards of the round it closed: satisfaction by department.
  satisfaction text CHECK (satisfaction IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- A department holds at most one open forward of an appeal.
CREATE UNIQUE INDEX appeal_forwards_open_key ON appeal_forwards (appeal_id, department_id) WHERE state IN ('pending', 'accepted');
CREATE INDEX appeal_forwards_appeal_idx ON appeal_forwards (appeal_id, round);
CREATE INDEX appeal_forwards_inbox_idx ON appeal_forwards (department_id, state, forwarded_at DESC);
CREATE INDEX appeal_forwards_department_period_idx ON appeal_forwards (forwarded_on, department_id);
CREATE INDEX appeal_forwards_respond_due_idx ON appeal_forwards (respond_due_at) WHERE state = 'pending';
CREATE INDEX appeal_forwards_resolve_due_idx ON appeal_forwards (resolve_due_at) WHERE state IN ('pending', 'accepted');

CREATE TABLE appeal_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  forward_id uuid REFERENCES appeal_forwards (id),
  occurred_at timestamptz NOT NULL,
  actor_id uuid REFERENCES users (id),
  actor_name text,
  action text NOT NULL,
  from_state text,
  to_state text,
  note text,
  detail jsonb
);
CREATE INDEX appeal_events_appeal_idx ON appeal_events (appeal_id, id);

CREATE TABLE appeal_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  event_id bigint REFERENCES appeal_events (id),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX appeal_attachments_appeal_idx ON appeal_attachments (appeal_id, uploaded_at);

-- Deadline alerts already sent (reminders, overdue marks, escalations): the unique key makes a timer run
-- that is repeated, or run by two instances, alert once.
CREATE TABLE appeal_deadline_alerts (
  forward_id uuid NOT NULL REFERENCES appeal_forwards (id),
  kind text NOT NULL CHECK (kind IN ('respond_reminder', 'resolve_reminder', 'respond_overdue', 'resolve_overdue', 'escalated')),
  sent_at timestamptz NOT NULL,
  PRIMARY KEY (forward_id, kind)
);
