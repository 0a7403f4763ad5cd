-- 待办 a liaison's inbox, newest forward first: one department's forwards walked in this order, the page
-- read from its first entries (a busy department of a 10-million-appeal province holds 23,000 forwards,
-- sorted on every page before; measured by bench/service-loop.ts). State filters are checked on the way;
-- a single state still uses appeal_forwards_inbox_idx.
CREATE INDEX appeal_forwards_department_recent_idx ON appeal_forwards (department_id, forwarded_at DESC, id DESC);
