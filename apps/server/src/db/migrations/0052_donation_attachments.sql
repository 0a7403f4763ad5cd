-- 捐赠凭证 a donation's evidence attachments (issue 15: "evidence attachments"): the bank slip, the
-- foundation's receipt, a photo of the goods handed over. Kept in the database with the donation, as an
-- appeal's attachments are (0007), so that a refused or oversized upload leaves nothing behind and a
-- backup holds them; typed by content, downloaded by whoever may see the donation.
CREATE TABLE donation_attachments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  donation_id uuid NOT NULL REFERENCES donations (id),
  file_name text NOT NULL,
  media_type text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  sha256 text NOT NULL,
  content bytea NOT NULL,
  uploaded_by uuid REFERENCES users (id),
  uploaded_at timestamptz NOT NULL
);
CREATE INDEX donation_attachments_donation_idx ON donation_attachments (donation_id, uploaded_at);
