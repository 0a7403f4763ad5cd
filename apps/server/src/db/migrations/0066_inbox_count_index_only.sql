-- 待办 a liaison's inbox counts its department's forwards that the department still sees (core/access
-- seenByItsDepartment: not a forward across levels once returned or withdrawn, migration 0031). across_levels
-- lay in no index, so the total read every forward's row: a busy department of the 10-million-appeal
-- province (23,000 forwards) 100–150 ms a page, where the page itself reads 20 entries (bench/service-loop.ts;
-- 10 ms before 0031). With the column carried by the inbox index the total is counted from it alone.
DROP INDEX appeal_forwards_inbox_idx;
CREATE INDEX appeal_forwards_inbox_idx ON appeal_forwards (department_id, state, forwarded_at DESC)
  INCLUDE (across_levels);
