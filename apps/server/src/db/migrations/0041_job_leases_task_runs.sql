-- Two or more app nodes on one database (issue 12, item 8).
-- 后台任务 jobs are held by a node through a lease it renews while it keeps the job (queued in its memory or
-- running); when the node dies the lease runs out and another node takes the job: a resumable kind runs
-- again (its handler skips what the first run committed), any other is failed as interrupted. The actor
-- and audit context the job runs as are kept with it, so another node can run it as its creator.
ALTER TABLE jobs
  ADD COLUMN lease_owner text,
  ADD COLUMN lease_until timestamptz,
  ADD COLUMN attempts integer NOT NULL DEFAULT 0,
  ADD COLUMN actor jsonb,
  ADD COLUMN audit jsonb;
CREATE INDEX jobs_unfinished_idx ON jobs (created_at) WHERE status IN ('queued', 'running');

-- 定时任务 each run of a scheduled task: the slot (task, due time) it took, which node ran it, how it ended.
-- The lease in scheduled_tasks lets one node at a time run a task; a slot taken again (the lease of a
-- crashed run ran out) counts its attempts here.
CREATE TABLE scheduled_task_runs (
  name text NOT NULL,
  due_at timestamptz NOT NULL,
  owner text NOT NULL,
  attempts integer NOT NULL DEFAULT 1,
  started_at timestamptz NOT NULL,
  finished_at timestamptz,
  error text,
  PRIMARY KEY (name, due_at)
);
