-- 接口令牌 API tokens for outside systems, their use log, and the 12345 hotline's case numbers.

-- A token acts through a service account of its own (users row, disabled: it never signs in), so that
-- everything it writes names an account as every other write does (appeals.raised_by, audit actor).
CREATE TABLE api_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL,
  -- SHA-256 of the secret (256 random bits): a leaked table does not leak usable tokens.
  secret_hash text NOT NULL UNIQUE,
  -- The secret's first characters (prefix included), shown to tell tokens apart.
  hint text NOT NULL,
  permissions text[] NOT NULL,
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  account_id uuid NOT NULL UNIQUE REFERENCES users (id),
  expires_at timestamptz NOT NULL,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id)
);
CREATE INDEX api_tokens_created_idx ON api_tokens (created_at DESC);

-- Every use, written in batches (not in the audit chain: a read by a token is not a change).
CREATE TABLE api_token_uses (
  id bigserial PRIMARY KEY,
  token_id uuid NOT NULL REFERENCES api_tokens (id),
  at timestamptz NOT NULL,
  method text NOT NULL,
  route text NOT NULL,
  status integer NOT NULL
);
CREATE INDEX api_token_uses_token_at_idx ON api_token_uses (token_id, at DESC);
CREATE INDEX api_token_uses_at_idx ON api_token_uses (at DESC);

ALTER TABLE appeals DROP CONSTRAINT appeals_source_check;
ALTER TABLE appeals ADD CONSTRAINT appeals_source_check
  CHECK (source IN ('visit', 'survey', 'chamber', 'phone', 'group_chat', 'self_service', 'hotline_12345'));

-- The hotline's case number (工单号), kept and unique: sent twice, it names the one appeal raised.
CREATE TABLE hotline_cases (
  case_number text PRIMARY KEY,
  appeal_id uuid NOT NULL UNIQUE REFERENCES appeals (id),
  token_id uuid NOT NULL REFERENCES api_tokens (id),
  received_at timestamptz NOT NULL
);
