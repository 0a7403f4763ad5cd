-- Rosters kept in the web app (issue 10 item 3): a chamber's leader and member are ended, not forgotten.
-- A leader's term ends on a date with a reason (换届, 辞职…), the row stays as the chamber's history.
ALTER TABLE chamber_leaders ADD COLUMN end_reason text;

-- A membership that ended: the live row leaves chamber_memberships (every count and scope reads only live
-- members there) and is kept here with the day it ended and why.
CREATE TABLE chamber_membership_ends (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  chamber_id uuid NOT NULL REFERENCES org_units (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  role text NOT NULL,
  joined_on date,
  left_on date NOT NULL,
  reason text NOT NULL,
  ended_by uuid REFERENCES users (id),
  ended_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX chamber_membership_ends_chamber_idx ON chamber_membership_ends (chamber_id, left_on DESC);
CREATE INDEX chamber_membership_ends_enterprise_idx ON chamber_membership_ends (enterprise_id);
