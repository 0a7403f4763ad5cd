-- 报告 official reports (每周一汇报、每月一总结、每季一考核, and the quarterly 专报 on members' difficulties):
-- one row per generated revision, with its parameters, the figures read from the records, a hash of the
-- records behind them, the staff's commentary and the rendered .docx.

CREATE TABLE reports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  type text NOT NULL CHECK (type IN ('weekly', 'monthly', 'quarterly', 'special-difficulties')),
  -- The federation unit reported on: the figures cover its subtree, and row scope follows it.
  org_unit_id uuid NOT NULL REFERENCES org_units (id),
  -- '2026-W47' (ISO week), '2026-11', '2026-Q3'; and the days it spans.
  period text NOT NULL,
  period_from date NOT NULL,
  period_to date NOT NULL,
  -- Regenerating the same type, unit and period adds revision n + 1; older revisions stay.
  revision integer NOT NULL CHECK (revision >= 1),
  trigger text NOT NULL CHECK (trigger IN ('manual', 'scheduled')),
  parameters jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'ready', 'failed')),
  error text,
  -- What the figures were computed from and when: a run left 'running' by a crashed process is retried.
  started_at timestamptz,
  figures jsonb,
  -- SHA-256 over the sorted ids and versions of the records counted.
  data_hash text,
  -- Staff's sections (工作亮点, 存在问题, 下步打算 …) by key; the figures are never edited.
  commentary jsonb NOT NULL DEFAULT '{}',
  document bytea,
  generated_at timestamptz,
  -- Who asked for it; null for the scheduler's.
  generated_by uuid REFERENCES users (id),
  commentary_updated_at timestamptz,
  commentary_updated_by uuid REFERENCES users (id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (type, org_unit_id, period, revision),
  CHECK (period_to >= period_from),
  CHECK (status <> 'ready' OR (figures IS NOT NULL AND data_hash IS NOT NULL AND document IS NOT NULL))
);
-- The scheduler generates each period's report once, however many instances run it or how often.
CREATE UNIQUE INDEX reports_scheduled_key ON reports (type, org_unit_id, period) WHERE trigger = 'scheduled';
-- The register: a unit's reports, newest first.
CREATE INDEX reports_register_idx ON reports (org_unit_id, created_at DESC, id);
CREATE INDEX reports_unfinished_idx ON reports (created_at) WHERE status IN ('queued', 'running');
