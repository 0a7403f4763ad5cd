-- 邀请 invitations: one-time codes that let an enterprise's contact make their own account (kind
-- 'invitation'), or set a new password on one (kind 'password_reset'); only the code's SHA-256 is kept.
-- 账号申请 access requests: a person asks for an account for an enterprise by its credit code; staff or the
-- chamber secretary decide. Only requests for an enterprise on the roster are kept.
CREATE TABLE invitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL DEFAULT 'invitation' CHECK (kind IN ('invitation', 'password_reset')),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  code_hash text NOT NULL UNIQUE,
  -- The batch (its job) that made it; null for one made alone.
  batch_id uuid,
  -- For a reset: the account whose password it sets; for an invitation once used: the account it made.
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  email text,
  emailed_at timestamptz,
  created_by uuid REFERENCES users (id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  CHECK (kind = 'invitation' OR user_id IS NOT NULL)
);
CREATE INDEX invitations_enterprise_idx ON invitations (enterprise_id, created_at DESC);
CREATE INDEX invitations_batch_idx ON invitations (batch_id) WHERE batch_id IS NOT NULL;
-- A batch skips the enterprises that hold a live invitation: this finds them.
CREATE INDEX invitations_live_idx ON invitations (enterprise_id, expires_at) WHERE used_at IS NULL AND kind = 'invitation';

CREATE TABLE access_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id) ON DELETE CASCADE,
  name text NOT NULL,
  mobile text NOT NULL,
  state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
  version integer NOT NULL DEFAULT 1,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  decided_by uuid REFERENCES users (id),
  decided_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX access_requests_pending_idx ON access_requests (created_at DESC) WHERE state = 'pending';
CREATE INDEX access_requests_enterprise_idx ON access_requests (enterprise_id);
