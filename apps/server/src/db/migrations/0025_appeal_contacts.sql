-- 诉求联系人 the contact an enterprise named for an appeal, so that a department's liaison can reach the
-- enterprise without a detour through the federation. contact_id links the enterprise's contact while it
-- exists; an enterprise's contacts are replaced whole when its record is edited (new ids), and may be
-- deleted, so the name, position and mobile are kept as they were when the appeal was raised: the appeal
-- still says whom to call after the contact row is gone.
ALTER TABLE appeals
  ADD COLUMN contact_id uuid REFERENCES enterprise_contacts (id) ON DELETE SET NULL,
  ADD COLUMN contact_name text,
  ADD COLUMN contact_position text,
  ADD COLUMN contact_mobile text;
CREATE INDEX appeals_contact_idx ON appeals (contact_id) WHERE contact_id IS NOT NULL;
