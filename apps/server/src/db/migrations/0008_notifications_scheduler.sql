-- The in-app scheduler (定时任务) and notifications (通知): the bell, and an outbox of emails and webhook
-- messages delivered by a scheduled task.

-- One row per scheduled task. A run claims the task by setting a lease; several app instances share the
-- table, so exactly one of them runs a due task, and a crashed run's lease simply expires.
CREATE TABLE scheduled_tasks (
  name text PRIMARY KEY,
  next_run_at timestamptz NOT NULL,
  lease_owner text,
  lease_until timestamptz,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_error text
);

-- Where email notifications go (optional).
ALTER TABLE users ADD COLUMN email text;

CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  -- A path in the web app (/appeals/<id>).
  link text,
  object_type text,
  object_id text,
  -- The same reminder from a repeated run is not stored twice; no key, no deduplication (NULLs distinct).
  dedupe_key text,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE UNIQUE INDEX notifications_dedupe_key ON notifications (user_id, dedupe_key);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- Messages to send outside the app, written in the transaction that made the notification and sent by
-- the 'notifications.deliver' task: nothing is sent for a change that was rolled back.
CREATE TABLE notification_outbox (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  transport text NOT NULL CHECK (transport IN ('email', 'webhook')),
  target text NOT NULL,
  payload jsonb NOT NULL,
  dedupe_key text UNIQUE,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  sent_at timestamptz,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notification_outbox_due_idx ON notification_outbox (next_attempt_at) WHERE sent_at IS NULL;
