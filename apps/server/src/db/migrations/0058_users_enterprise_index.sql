-- An enterprise's contacts found by their enterprise: a policy push (issue 13) looks up the contacts of 500
-- enterprises at a time, and the closing-window reminder joins a policy's recipients to their contacts. Without
-- an index each lookup was a scan of every account comparing it with the 500 ids: 0.5 s a chunk, a minute for a
-- push to 100,000 enterprises, and both cores taken from the requests meanwhile (bench/policy-push.ts).
CREATE INDEX users_enterprise_idx ON users (enterprise_id) WHERE enterprise_id IS NOT NULL;
