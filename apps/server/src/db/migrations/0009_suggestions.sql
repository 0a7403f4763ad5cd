-- 建言 suggestions to government: proposals (建议) and comments on draft policies (政策征求意见), built
-- from appeals, submitted to a body (区政府、区人大、区政协, a drafting department), then adopted, partly
-- adopted or not adopted with a date and the adopting document's reference (文号).

-- The last serial handed out per year: numbers read JY2026-0001 and start again each year.
CREATE TABLE suggestion_numbers (
  year integer PRIMARY KEY,
  last integer NOT NULL
);

CREATE TABLE suggestions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The federation unit the suggestion belongs to: row scope and the counts follow it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  number text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('proposal', 'policy_comment')),
  title text NOT NULL,
  body text NOT NULL,
  -- For a policy comment: the name of the draft policy commented on.
  policy_title text,
  -- 提交对象: to whom it goes, as people write it.
  target_body text NOT NULL,
  status text NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'adopted', 'partly_adopted', 'not_adopted')),
  -- The day submitted: the period a suggestion counts in.
  submitted_on date,
  decided_on date,
  -- 采纳文件文号, e.g. 示政办发〔2026〕12号.
  document_ref text,
  decision_note text,
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind <> 'policy_comment' OR policy_title IS NOT NULL),
  CHECK ((status = 'draft') = (submitted_on IS NULL)),
  CHECK ((status IN ('adopted', 'partly_adopted', 'not_adopted')) = (decided_on IS NOT NULL)),
  CHECK (decided_on IS NULL OR decided_on >= submitted_on),
  CHECK (status NOT IN ('adopted', 'partly_adopted') OR document_ref IS NOT NULL)
);
-- The counts read a unit's suggestions by the day submitted; the list shows drafts first.
CREATE INDEX suggestions_org_submitted_idx ON suggestions (org_unit_id, submitted_on);

-- The appeals a suggestion was built from.
CREATE TABLE suggestion_appeals (
  suggestion_id uuid NOT NULL REFERENCES suggestions (id) ON DELETE CASCADE,
  appeal_id uuid NOT NULL REFERENCES appeals (id),
  PRIMARY KEY (suggestion_id, appeal_id)
);
CREATE INDEX suggestion_appeals_appeal_idx ON suggestion_appeals (appeal_id);
