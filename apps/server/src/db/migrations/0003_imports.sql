-- Imports (批量导入): what a finished job found, beside its counts: the dry run's preview of the first
-- rows with their verdicts, and the columns of the file that were left out.
ALTER TABLE jobs ADD COLUMN result jsonb NOT NULL DEFAULT '{}';
