-- 惠企政策 policy service: the policy library with its eligibility conditions (data, matched in SQL over the
-- registry), pushes to enterprises (each enterprise notified once per policy), read receipts, an
-- enterprise's marks (interested / applying), questions that became appeals, and redemption (申兑) records.
-- Money is exact fen.

CREATE TABLE policies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The owner: a federation unit, or a department whose liaison drafted it. Row scope follows it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  -- The path of the federation unit whose members the policy may reach (the owner, or a department's
  -- federation): matching, pushing and an enterprise's view look at enterprises under it.
  reach_path text NOT NULL,
  title text NOT NULL,
  document_number text,
  -- The issuing body: a department org unit or a named body (or both: the unit's name as written).
  issuer_unit_id uuid REFERENCES org_units (id),
  issuer_name text NOT NULL,
  level text NOT NULL CHECK (level IN ('national', 'province', 'city', 'district')),
  benefit_kind text NOT NULL
    CHECK (benefit_kind IN ('subsidy', 'tax', 'loan_interest', 'rent', 'talent', 'employment', 'other')),
  summary text NOT NULL,
  full_text text,
  published_on date,
  effective_on date NOT NULL,
  expires_on date,
  redemption text NOT NULL CHECK (redemption IN ('automatic', 'quick', 'application')),
  application_opens_on date,
  application_closes_on date,
  amount_min_fen bigint CHECK (amount_min_fen >= 0),
  amount_max_fen bigint CHECK (amount_max_fen >= 0),
  contact text,
  tags text[] NOT NULL DEFAULT '{}',
  -- [{field, op, values}] as packages/shared/src/schemas/policies.ts defines them.
  conditions jsonb NOT NULL DEFAULT '[]',
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'expired', 'withdrawn')),
  -- Search keys (core/search): the simplified text of title, number, summary and full text, its bigrams,
  -- and the title's pinyin and initials.
  search_text text NOT NULL DEFAULT '',
  search_bigrams text[] NOT NULL DEFAULT '{}',
  title_pinyin text NOT NULL DEFAULT '',
  title_initials text NOT NULL DEFAULT '',
  created_by uuid REFERENCES users (id),
  published_at timestamptz,
  withdrawn_at timestamptz,
  expired_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (expires_on IS NULL OR expires_on >= effective_on),
  CHECK (application_closes_on IS NULL OR application_opens_on IS NULL
         OR application_closes_on >= application_opens_on),
  CHECK (amount_min_fen IS NULL OR amount_max_fen IS NULL OR amount_max_fen >= amount_min_fen),
  CHECK (jsonb_typeof(conditions) = 'array')
);
CREATE INDEX policies_org_idx ON policies (org_unit_id, state);
CREATE INDEX policies_reach_idx ON policies (reach_path text_pattern_ops) WHERE state = 'published';
CREATE INDEX policies_expiry_idx ON policies (expires_on) WHERE state = 'published';
CREATE INDEX policies_bigrams_idx ON policies USING gin (search_bigrams);

-- One push: a target (matched, a chamber's members, a list), run as a background job.
CREATE TABLE policy_pushes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL REFERENCES policies (id),
  -- The unit of the one who pushed: the figures by org unit and the push's reach follow it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  target text NOT NULL CHECK (target IN ('matched', 'chamber', 'list')),
  chamber_id uuid REFERENCES org_units (id),
  enterprise_ids uuid[],
  job_id uuid REFERENCES jobs (id),
  pushed_by uuid REFERENCES users (id),
  -- Enterprises the push reached (those already notified for the policy by an earlier push count under
  -- it as already reached, never notified again).
  targeted integer NOT NULL DEFAULT 0,
  notified integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  CHECK (target <> 'chamber' OR chamber_id IS NOT NULL),
  CHECK (target <> 'list' OR enterprise_ids IS NOT NULL)
);
CREATE INDEX policy_pushes_policy_idx ON policy_pushes (policy_id, created_at);

-- Every enterprise a policy was pushed to, once: the primary key is what keeps a repeated or resumed
-- push from notifying an enterprise twice.
CREATE TABLE policy_recipients (
  policy_id uuid NOT NULL REFERENCES policies (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  push_id uuid NOT NULL REFERENCES policy_pushes (id),
  notified_at timestamptz NOT NULL,
  PRIMARY KEY (policy_id, enterprise_id)
);
CREATE INDEX policy_recipients_push_idx ON policy_recipients (push_id);
CREATE INDEX policy_recipients_enterprise_idx ON policy_recipients (enterprise_id);

-- Read receipts: the first time a contact of the enterprise opened the policy.
CREATE TABLE policy_reads (
  policy_id uuid NOT NULL REFERENCES policies (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  first_reader_id uuid REFERENCES users (id),
  read_at timestamptz NOT NULL,
  PRIMARY KEY (policy_id, enterprise_id)
);
CREATE INDEX policy_reads_enterprise_idx ON policy_reads (enterprise_id);

-- An enterprise's mark on a policy: interested (感兴趣) or applying (准备申报).
CREATE TABLE policy_marks (
  policy_id uuid NOT NULL REFERENCES policies (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  mark text NOT NULL CHECK (mark IN ('interested', 'applying')),
  marked_by uuid REFERENCES users (id),
  marked_at timestamptz NOT NULL,
  PRIMARY KEY (policy_id, enterprise_id)
);

-- A question an enterprise asked about a policy: the appeal (category 政策咨询) it became.
CREATE TABLE policy_questions (
  appeal_id uuid PRIMARY KEY REFERENCES appeals (id),
  policy_id uuid NOT NULL REFERENCES policies (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id)
);
CREATE INDEX policy_questions_policy_idx ON policy_questions (policy_id);

-- 申兑 redemption: one record per enterprise and policy, applied → approved (amount, day) or rejected.
CREATE TABLE policy_redemptions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  policy_id uuid NOT NULL REFERENCES policies (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  -- The enterprise's unit: the figures by org unit follow it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  status text NOT NULL CHECK (status IN ('applied', 'approved', 'rejected')),
  applied_on date,
  decided_on date,
  amount_fen bigint CHECK (amount_fen >= 0),
  reject_reason text,
  evidence text,
  -- Reported by the enterprise's contact: counted once staff confirm it.
  confirmed boolean NOT NULL DEFAULT true,
  recorded_by uuid REFERENCES users (id),
  confirmed_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (policy_id, enterprise_id),
  CHECK (status <> 'approved' OR (amount_fen IS NOT NULL AND decided_on IS NOT NULL)),
  CHECK (status <> 'rejected' OR reject_reason IS NOT NULL)
);
CREATE INDEX policy_redemptions_org_idx ON policy_redemptions (org_unit_id, decided_on);
CREATE INDEX policy_redemptions_enterprise_idx ON policy_redemptions (enterprise_id);
