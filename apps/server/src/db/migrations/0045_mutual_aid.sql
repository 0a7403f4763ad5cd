-- 互助 mutual aid: members post supplies (供) and needs (需) — product or service, category, quantity, place,
-- valid until, urgent — matched against open posts of the other side (same category, words in common,
-- distance by division); a broker (staff or a chamber secretary) connects two posts, both sides accept
-- before either sees the other's contact, and the outcome (quantity delivered, date) is recorded.

CREATE TABLE aid_posts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The enterprise's org unit: row scope and the figures by org unit follow it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  enterprise_id uuid NOT NULL REFERENCES enterprises (id),
  side text NOT NULL CHECK (side IN ('supply', 'demand')),
  title text NOT NULL,
  category text NOT NULL,
  quantity numeric(14, 2) NOT NULL CHECK (quantity > 0),
  unit text NOT NULL,
  place text,
  -- The enterprise's division (GB/T 2260, to the street) when posted: distance is the common prefix.
  division_code text,
  valid_until date,
  urgent boolean NOT NULL DEFAULT false,
  -- The title's words (jieba), for matching: words in common rank a candidate.
  words text[] NOT NULL DEFAULT '{}',
  -- open 开放 → matched 已撮合 → fulfilled 已完成; expired 已过期 (by the scheduler); withdrawn 已撤回.
  state text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'matched', 'fulfilled', 'expired', 'withdrawn')),
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
-- Matching reads the open posts of one side and category, then ranks them by words and division.
CREATE INDEX aid_posts_open_idx ON aid_posts (side, category, created_at DESC) WHERE state = 'open';
CREATE INDEX aid_posts_words_idx ON aid_posts USING gin (words) WHERE state = 'open';
CREATE INDEX aid_posts_org_idx ON aid_posts (org_unit_id, created_at);
CREATE INDEX aid_posts_expiry_idx ON aid_posts (valid_until) WHERE state = 'open';

CREATE TABLE aid_matches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  supply_id uuid NOT NULL REFERENCES aid_posts (id),
  demand_id uuid NOT NULL REFERENCES aid_posts (id),
  -- The demand's org unit: the match's scope and figures follow who was helped.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  brokered_by uuid REFERENCES users (id),
  -- proposed 待双方确认 → accepted 双方已确认 (contacts shown) → fulfilled 已完成; declined 已拒绝.
  state text NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'accepted', 'fulfilled', 'declined')),
  supply_accepted_at timestamptz,
  demand_accepted_at timestamptz,
  declined_side text CHECK (declined_side IN ('supply', 'demand')),
  quantity_delivered numeric(14, 2) CHECK (quantity_delivered > 0),
  delivered_on date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (supply_id <> demand_id),
  CHECK ((state = 'fulfilled') = (delivered_on IS NOT NULL))
);
-- One live match per pair.
CREATE UNIQUE INDEX aid_matches_pair_key ON aid_matches (supply_id, demand_id) WHERE state <> 'declined';
CREATE INDEX aid_matches_org_idx ON aid_matches (org_unit_id, created_at);
CREATE INDEX aid_matches_demand_idx ON aid_matches (demand_id);
