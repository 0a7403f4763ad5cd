-- 服务包 service packages (issue 13, item 6): a named bundle of policies and free-text services that a
-- federation unit hands to chosen enterprises (开展送专属服务包活动). States draft → published → closed;
-- each enterprise holds a package at most once, handed on a day, by someone, optionally on a visit.

CREATE TABLE service_packages (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The federation unit that owns it: row scope follows it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  name text NOT NULL,
  description text,
  state text NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'closed')),
  created_by uuid REFERENCES users (id),
  published_at timestamptz,
  closed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX service_packages_org_idx ON service_packages (org_unit_id, state);

-- What a package holds, in order: a policy of the library, or a service in words.
CREATE TABLE service_package_items (
  package_id uuid NOT NULL REFERENCES service_packages (id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 1),
  policy_id uuid REFERENCES policies (id),
  service text,
  PRIMARY KEY (package_id, position),
  CHECK ((policy_id IS NULL) <> (service IS NULL))
);
CREATE INDEX service_package_items_policy_idx ON service_package_items (policy_id) WHERE policy_id IS NOT NULL;

-- Who holds a package: once per enterprise (a repeated hand-out changes nothing).
CREATE TABLE service_package_holders (
  package_id uuid NOT NULL REFERENCES service_packages (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  -- The enterprise's unit when it was handed: the figures by org unit follow it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  handed_on date NOT NULL,
  handed_by uuid REFERENCES users (id),
  -- The visit it was handed over on, when one was recorded.
  visit_id uuid REFERENCES visits (id),
  note text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (package_id, enterprise_id)
);
CREATE INDEX service_package_holders_enterprise_idx ON service_package_holders (enterprise_id);
CREATE INDEX service_package_holders_org_idx ON service_package_holders (org_unit_id, handed_on);
CREATE INDEX service_package_holders_visit_idx ON service_package_holders (visit_id) WHERE visit_id IS NOT NULL;
