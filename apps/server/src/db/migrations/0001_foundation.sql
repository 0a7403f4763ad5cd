-- Foundation: org units, accounts, sessions, settings and the append-only audit log.

CREATE TABLE org_units (
  id uuid PRIMARY KEY,
  parent_id uuid REFERENCES org_units (id),
  kind text NOT NULL CHECK (kind IN ('province', 'city', 'district', 'street', 'chamber', 'association', 'department')),
  name text NOT NULL,
  code text,
  -- Materialised path of ids ('/<root>/<child>/…/<self>/'): a subtree is one prefix match.
  path text COLLATE "C" NOT NULL UNIQUE,
  depth integer NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX org_units_sibling_name_key ON org_units (coalesce(parent_id, '00000000-0000-0000-0000-000000000000'::uuid), name);
CREATE INDEX org_units_parent_idx ON org_units (parent_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL,
  display_name text NOT NULL,
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  roles text[] NOT NULL DEFAULT '{}',
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  must_change_password boolean NOT NULL DEFAULT true,
  failed_login_count integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  disabled boolean NOT NULL DEFAULT false,
  last_login_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- 三员分立: never two of the three administrator roles on one account, whatever the code does.
  CONSTRAINT users_separation_of_duties CHECK (
    ('system_admin' = ANY (roles))::int + ('security_admin' = ANY (roles))::int + ('audit_admin' = ANY (roles))::int <= 1
  )
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE INDEX users_org_unit_idx ON users (org_unit_id);

CREATE TABLE sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- SM3 digest of the cookie token: a leaked table does not leak usable sessions.
  token_hash text NOT NULL UNIQUE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE audit_events (
  seq bigint PRIMARY KEY,
  id uuid NOT NULL DEFAULT gen_random_uuid() UNIQUE,
  occurred_at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  actor_roles text[] NOT NULL DEFAULT '{}',
  ip text,
  request_id text,
  action text NOT NULL,
  object_type text,
  object_id text,
  result text NOT NULL CHECK (result IN ('success', 'failure', 'denied')),
  detail jsonb,
  -- HMAC-SM3 over the previous record's hmac and this record's canonical form.
  hmac text NOT NULL
);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_name, seq);
CREATE INDEX audit_events_action_idx ON audit_events (action, seq);
CREATE INDEX audit_events_object_idx ON audit_events (object_type, object_id);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only';
END
$$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- A minimal enterprise record so that an enterprise contact's account can point at its enterprise;
-- the member registry extends it.
CREATE TABLE enterprises (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  name text NOT NULL,
  uscc text NOT NULL UNIQUE,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enterprises_org_unit_idx ON enterprises (org_unit_id);

ALTER TABLE users ADD COLUMN enterprise_id uuid REFERENCES enterprises (id);
