-- Notifications that follow the work: a to-do notice records what it asks for (the appeal's actions it
-- awaits) and is marked done, in the transaction of the transition, when any of them is taken by anyone;
-- and each user's choice of which kinds of notice also go by email or to their own webhook robot.

-- The actions the notice awaits on its object (object_type/object_id): a department's actions carry the
-- department ('accept@<department id>'); NULL: not a to-do.
ALTER TABLE notifications ADD COLUMN awaits text[];
-- When one of them was taken (the notice is then read too); NULL: open, or not a to-do.
ALTER TABLE notifications ADD COLUMN done_at timestamptz;
CREATE INDEX notifications_open_todos_idx ON notifications (object_type, object_id)
  WHERE awaits IS NOT NULL AND done_at IS NULL;

-- A user's choice per group of kinds (todo, progress, deadline, system): {"todo": {"email": true,
-- "webhook": false}, …}; a group left out, or no row: the default (email on, webhook off). The bell always
-- gets every notice. webhook_url: the user's own robot (企业微信/钉钉) the groups with webhook on go to.
CREATE TABLE notification_preferences (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  channels jsonb NOT NULL,
  webhook_url text,
  updated_at timestamptz NOT NULL DEFAULT now()
);
