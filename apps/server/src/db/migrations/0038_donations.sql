-- 社会责任 · 捐赠 social responsibility, donations: campaigns and long-running programs (捐赠活动、公益项目)
-- and the donations ledger (捐赠台账) — cash, goods with items and valuation, services, rent reductions —
-- with their state pledged → received (confirmed by staff) → acknowledged, or voided. Money is exact fen.

CREATE TABLE donation_campaigns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The organiser (a federation unit or a chamber): row scope follows it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  name text NOT NULL,
  -- campaign 捐赠活动 (疫情防控捐赠, 冬日里的温暖) or program 公益项目 running across years (为千户家庭送温暖).
  kind text NOT NULL CHECK (kind IN ('campaign', 'program')),
  description text,
  starts_on date NOT NULL,
  ends_on date,
  target_fen bigint CHECK (target_fen > 0),
  beneficiary_households integer CHECK (beneficiary_households >= 0),
  beneficiary_persons integer CHECK (beneficiary_persons >= 0),
  beneficiary_students integer CHECK (beneficiary_students >= 0),
  created_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX donation_campaigns_org_idx ON donation_campaigns (org_unit_id, starts_on DESC);

CREATE TABLE donations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The donor's org unit (an enterprise's or a person's registering unit, the chamber itself, the party
  -- organization's unit): row scope and the figures by org unit follow it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  campaign_id uuid REFERENCES donation_campaigns (id),
  donor_enterprise_id uuid REFERENCES enterprises (id),
  donor_person_id uuid REFERENCES people (id),
  donor_chamber_id uuid REFERENCES org_units (id),
  donor_party_organization_id uuid REFERENCES party_organizations (id),
  -- The donor's name as recorded: the acknowledgement letter names it even if the registry changes.
  donor_name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('cash', 'goods', 'services', 'rent_reduction')),
  -- The amount given (cash) or the valuation (goods, services, rent reduction), in fen.
  amount_fen bigint NOT NULL CHECK (amount_fen > 0),
  -- Goods: [{name, quantity, unit, valueFen}] whose values sum to amount_fen.
  items jsonb NOT NULL DEFAULT '[]',
  -- Rent reduction: how many tenants, for how many months.
  rent_tenants integer CHECK (rent_tenants > 0),
  rent_months integer CHECK (rent_months > 0),
  channel text NOT NULL CHECK (channel IN ('foundation', 'charity', 'direct')),
  channel_name text,
  recipient text,
  -- 定向捐赠: to a named region or beneficiary.
  directed boolean NOT NULL DEFAULT false,
  directed_to text,
  donated_on date NOT NULL,
  receipt_number text,
  -- A party organization's donation: how many of its party members gave (党员捐款人数).
  party_member_count integer CHECK (party_member_count > 0),
  note text,
  state text NOT NULL DEFAULT 'pledged' CHECK (state IN ('pledged', 'received', 'acknowledged', 'voided')),
  void_reason text,
  recorded_by uuid REFERENCES users (id),
  confirmed_by uuid REFERENCES users (id),
  confirmed_at timestamptz,
  acknowledged_at timestamptz,
  voided_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(donor_enterprise_id, donor_person_id, donor_chamber_id, donor_party_organization_id) = 1),
  CHECK (NOT directed OR directed_to IS NOT NULL),
  CHECK (kind <> 'goods' OR jsonb_array_length(items) > 0),
  CHECK (kind <> 'rent_reduction' OR (rent_tenants IS NOT NULL AND rent_months IS NOT NULL)),
  CHECK (party_member_count IS NULL OR donor_party_organization_id IS NOT NULL),
  CHECK ((state = 'voided') = (voided_at IS NOT NULL))
);
-- A receipt number once per campaign (and once among donations without a campaign); a voided donation
-- frees its number for the record that replaces it.
CREATE UNIQUE INDEX donations_receipt_unique ON donations (
  coalesce(campaign_id, '00000000-0000-0000-0000-000000000000'::uuid), receipt_number
) WHERE receipt_number IS NOT NULL AND state <> 'voided';
-- The figures read a subtree's confirmed donations by day; the ledger lists them in the same order.
CREATE INDEX donations_org_day_idx ON donations (org_unit_id, donated_on) INCLUDE (amount_fen, state, kind, directed);
CREATE INDEX donations_campaign_idx ON donations (campaign_id, donated_on);
CREATE INDEX donations_enterprise_idx ON donations (donor_enterprise_id) WHERE donor_enterprise_id IS NOT NULL;
CREATE INDEX donations_person_idx ON donations (donor_person_id) WHERE donor_person_id IS NOT NULL;
CREATE INDEX donations_chamber_idx ON donations (donor_chamber_id) WHERE donor_chamber_id IS NOT NULL;
CREATE INDEX donations_party_idx ON donations (donor_party_organization_id)
  WHERE donor_party_organization_id IS NOT NULL;
