-- 融资对接 financing (银会企 三位一体): banks are partner units (org units of kind bank under a federation, with
-- account-manager accounts) and their products; enterprises' financing needs with consent to share
-- (revocable), chamber vouching (商会推荐), each bank's answer, the loan granted; programs (专项再贷款,
-- 重点保障企业名单) with the enterprises recommended into them. Money is exact fen; rates are percent.

ALTER TABLE org_units DROP CONSTRAINT org_units_kind_check;
ALTER TABLE org_units ADD CONSTRAINT org_units_kind_check
  CHECK (kind IN ('province', 'city', 'district', 'street', 'chamber', 'association', 'department', 'bank'));

CREATE TABLE bank_products (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  bank_id uuid NOT NULL REFERENCES org_units (id),
  name text NOT NULL,
  -- 信用贷 credit, 抵押贷 mortgage, 担保贷 guarantee, 贴息贷 subsidized.
  kind text NOT NULL CHECK (kind IN ('credit', 'mortgage', 'guarantee', 'subsidized')),
  rate_min numeric(5, 2) NOT NULL CHECK (rate_min > 0 AND rate_min <= 100),
  rate_max numeric(5, 2) NOT NULL CHECK (rate_max >= rate_min AND rate_max <= 100),
  term_min_months integer NOT NULL CHECK (term_min_months > 0),
  term_max_months integer NOT NULL CHECK (term_max_months >= term_min_months),
  amount_min_fen bigint NOT NULL CHECK (amount_min_fen > 0),
  amount_max_fen bigint NOT NULL CHECK (amount_max_fen >= amount_min_fen),
  eligibility text,
  active boolean NOT NULL DEFAULT true,
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX bank_products_name_key ON bank_products (bank_id, name);

CREATE TABLE financing_programs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The federation unit running it: row scope follows it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  name text NOT NULL,
  conditions text,
  starts_on date NOT NULL,
  ends_on date,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX financing_programs_org_idx ON financing_programs (org_unit_id, starts_on DESC);

CREATE TABLE financing_program_entries (
  program_id uuid NOT NULL REFERENCES financing_programs (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  -- recommended 已推荐 → listed 已入选 | not_listed 未入选 → granted 已获贷款.
  outcome text NOT NULL DEFAULT 'recommended' CHECK (outcome IN ('recommended', 'listed', 'not_listed', 'granted')),
  amount_fen bigint CHECK (amount_fen > 0),
  note text,
  recommended_by uuid REFERENCES users (id),
  recommended_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (program_id, enterprise_id)
);

CREATE TABLE financing_needs (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The enterprise's org unit: row scope and the figures by org unit follow it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  term_months integer NOT NULL CHECK (term_months > 0 AND term_months <= 600),
  purpose text NOT NULL,
  collateral text,
  urgency text NOT NULL DEFAULT 'normal' CHECK (urgency IN ('normal', 'urgent', 'critical')),
  preferred_bank_id uuid REFERENCES org_units (id),
  preferred_product_id uuid REFERENCES bank_products (id),
  program_id uuid REFERENCES financing_programs (id),
  -- An appeal of category 融资 it came from: its outcome answers that appeal.
  appeal_id uuid REFERENCES appeals (id),
  -- Consent to share the enterprise's data with the banks it is sent to: without it nothing goes to a bank,
  -- and a bank sees the need only while it stands.
  consent boolean NOT NULL,
  consent_changed_at timestamptz NOT NULL DEFAULT now(),
  -- 商会推荐: the chamber vouching for it, with its note.
  vouched_chamber_id uuid REFERENCES org_units (id),
  vouch_note text,
  vouched_by uuid REFERENCES users (id),
  vouched_at timestamptz,
  -- submitted 已提交 → vetted 已审核 → sent 已推送银行 → approved 已获批 → granted 已放款; declined 均未通过; withdrawn 已撤回.
  state text NOT NULL DEFAULT 'submitted'
    CHECK (state IN ('submitted', 'vetted', 'sent', 'approved', 'granted', 'declined', 'withdrawn')),
  vetted_at timestamptz,
  first_sent_at timestamptz,
  granted_bank_id uuid REFERENCES org_units (id),
  granted_amount_fen bigint CHECK (granted_amount_fen > 0),
  granted_rate numeric(5, 2),
  granted_on date,
  withdrawn_at timestamptz,
  withdraw_reason text,
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((state = 'granted') = (granted_on IS NOT NULL)),
  CHECK (vouched_at IS NULL OR vouched_chamber_id IS NOT NULL)
);
CREATE INDEX financing_needs_org_idx ON financing_needs (org_unit_id, created_at);
CREATE INDEX financing_needs_created_idx ON financing_needs (created_at);
CREATE INDEX financing_needs_enterprise_idx ON financing_needs (enterprise_id, created_at DESC);
CREATE INDEX financing_needs_state_idx ON financing_needs (state, created_at DESC);
CREATE INDEX financing_needs_granted_idx ON financing_needs (org_unit_id, granted_on) WHERE granted_on IS NOT NULL;
CREATE INDEX financing_needs_appeal_idx ON financing_needs (appeal_id) WHERE appeal_id IS NOT NULL;

-- One row per bank a need was sent to: that bank's answer, seen by that bank alone.
CREATE TABLE financing_need_banks (
  need_id uuid NOT NULL REFERENCES financing_needs (id),
  bank_id uuid NOT NULL REFERENCES org_units (id),
  -- sent 待答复 → accepted 已受理 | documents_requested 补充材料 → approved 已审批 → granted 已放款;
  -- declined 未通过; closed 已关闭 (the need was granted elsewhere or withdrawn).
  state text NOT NULL DEFAULT 'sent'
    CHECK (state IN ('sent', 'accepted', 'documents_requested', 'approved', 'declined', 'granted', 'closed')),
  sent_at timestamptz NOT NULL,
  sent_by uuid REFERENCES users (id),
  answered_at timestamptz,
  documents_note text,
  approved_amount_fen bigint CHECK (approved_amount_fen > 0),
  approved_rate numeric(5, 2) CHECK (approved_rate > 0 AND approved_rate <= 100),
  approved_term_months integer CHECK (approved_term_months > 0),
  approved_at timestamptz,
  decline_reason text,
  declined_at timestamptz,
  granted_amount_fen bigint CHECK (granted_amount_fen > 0),
  granted_on date,
  -- When the scheduler reminded the bank it had not answered (once).
  reminded_at timestamptz,
  -- The need's consent, kept here by its consent transitions: a bank's inbox is read from these rows alone.
  consent boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (need_id, bank_id)
);
-- A bank's inbox: its needs newest first while consent stands (counted from the index alone).
CREATE INDEX financing_need_banks_inbox_idx ON financing_need_banks (bank_id, sent_at DESC, need_id) WHERE consent;
CREATE INDEX financing_need_banks_sent_idx ON financing_need_banks (sent_at);
CREATE INDEX financing_need_banks_unanswered_idx ON financing_need_banks (sent_at) WHERE state = 'sent' AND reminded_at IS NULL;

-- A need's timeline. bank_id: an entry about one bank's answer, shown to that bank and to the federation side,
-- never to another bank.
CREATE TABLE financing_need_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  need_id uuid NOT NULL REFERENCES financing_needs (id),
  bank_id uuid REFERENCES org_units (id),
  occurred_at timestamptz NOT NULL,
  actor_id uuid REFERENCES users (id),
  actor_name text NOT NULL,
  action text NOT NULL,
  note text
);
CREATE INDEX financing_need_events_need_idx ON financing_need_events (need_id, occurred_at);
