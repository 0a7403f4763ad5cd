-- 登录验证码 sign-in challenges. After repeated failed sign-ins for a username (or many from one address)
-- the login asks for the characters of an image the server drew: no outside service, so it works on a
-- federation's closed network. A challenge is one-time (deleted when answered, right or wrong) and short-lived.
CREATE TABLE login_failures (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  -- lower(username) as typed: unknown usernames are counted like known ones, so the challenge does not
  -- tell which accounts exist.
  username_key text NOT NULL,
  ip text,
  failed_at timestamptz NOT NULL
);
CREATE INDEX login_failures_username_idx ON login_failures (username_key, failed_at);
CREATE INDEX login_failures_ip_idx ON login_failures (ip, failed_at);
CREATE INDEX login_failures_failed_at_idx ON login_failures (failed_at);

CREATE TABLE login_challenges (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  answer text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX login_challenges_expires_idx ON login_challenges (expires_at);
