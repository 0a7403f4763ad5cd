-- 短信验证码登录 sign-in codes sent by the SMS gateway (core/sms) to an enterprise contact's mobile. A code is
-- kept as a digest salted with its row's id, lives five minutes and five tries, and is used once. A request
-- for a mobile without an account writes a row too (no user, nothing sent), so that the limits answer alike
-- whether or not an account exists: the codes do not tell who has one.
CREATE TABLE sms_login_codes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  mobile text NOT NULL,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  code_hash text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  used_at timestamptz
);

CREATE INDEX sms_login_codes_mobile_idx ON sms_login_codes (mobile, created_at DESC);
CREATE INDEX sms_login_codes_user_idx ON sms_login_codes (user_id);
