-- 活动关联 events linked to what they serve (issue 16): the policies a 政策解读会 (or any event) explains,
-- published policies of the policy library, and the campaign an event belongs to, a 捐赠活动 or 公益项目 of
-- the social responsibility module. The policy's page lists its briefings through event_policies_policy_idx.
-- And a chamber's own group robot for its events' invitations, and the audience rule's industry condition
-- mended (below).

CREATE TABLE event_policies (
  event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
  policy_id uuid NOT NULL REFERENCES policies (id),
  PRIMARY KEY (event_id, policy_id)
);
CREATE INDEX event_policies_policy_idx ON event_policies (policy_id);

ALTER TABLE events ADD COLUMN campaign_id uuid REFERENCES donation_campaigns (id);
CREATE INDEX events_campaign_idx ON events (campaign_id) WHERE campaign_id IS NOT NULL;

-- A chamber's own group robot (企业微信/钉钉, the chamber's WeChat group): the invitations of events open to
-- the chamber's members are posted there besides the federation's robot. The URL carries the robot's key:
-- answers say only that one is set and its host; the audit record keeps its origin.
CREATE TABLE chamber_event_robots (
  chamber_id uuid PRIMARY KEY REFERENCES org_units (id),
  webhook_url text NOT NULL,
  set_by uuid REFERENCES users (id),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The audience rule again, its industry condition mended: the registry's industry codes are digits (6513),
-- so a section letter (C) never matched by prefix. The service now stores the code prefixes a condition
-- stands for (`industryPrefixes`: a letter's divisions, or the code itself) and they are matched here; a
-- condition stored before, without them, is matched by its prefix as before.
CREATE OR REPLACE FUNCTION event_open_to(p_event_id uuid, p_enterprise_id uuid) RETURNS boolean
LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1
    FROM events ev
    JOIN org_units organizer ON organizer.id = ev.org_unit_id
    JOIN enterprises e ON e.id = p_enterprise_id AND e.merged_into_id IS NULL
    JOIN org_units home ON home.id = e.org_unit_id
    WHERE ev.id = p_event_id
      AND CASE ev.audience
        WHEN 'all_members' THEN home.path LIKE organizer.path || '%'
          OR EXISTS (SELECT 1 FROM chamber_memberships m WHERE m.chamber_id = ev.org_unit_id AND m.enterprise_id = e.id)
        WHEN 'chamber' THEN EXISTS (SELECT 1 FROM chamber_memberships m
          WHERE m.chamber_id = ev.audience_chamber_id AND m.enterprise_id = e.id)
        WHEN 'conditions' THEN (home.path LIKE organizer.path || '%'
            OR EXISTS (SELECT 1 FROM chamber_memberships m WHERE m.chamber_id = ev.org_unit_id AND m.enterprise_id = e.id))
          AND (NOT ev.audience_conditions ? 'sizes' OR e.size = ANY (ARRAY(SELECT jsonb_array_elements_text(ev.audience_conditions -> 'sizes'))))
          AND (NOT ev.audience_conditions ? 'industryPrefix' OR e.industry_code LIKE ANY (ARRAY(
            SELECT prefix || '%' FROM jsonb_array_elements_text(coalesce(ev.audience_conditions -> 'industryPrefixes',
              jsonb_build_array(ev.audience_conditions ->> 'industryPrefix'))) AS prefix)))
          AND (NOT ev.audience_conditions ? 'tags' OR e.tags && ARRAY(SELECT jsonb_array_elements_text(ev.audience_conditions -> 'tags')))
        WHEN 'invited' THEN EXISTS (SELECT 1 FROM event_invitees i WHERE i.event_id = ev.id AND i.enterprise_id = e.id)
        ELSE false
      END
  )
$$;
