-- The API tokens' use log counts uses: one row per token, second, method, route and status, with how many
-- uses it stands for. Every use is still logged (none is dropped, each second kept), but an outside system
-- calling a thousand times a second writes a row a second instead of a thousand: a token's request then costs
-- the database no more than a session's (bench/session-throughput.ts). Rows from before count one use each.
ALTER TABLE api_token_uses ADD COLUMN uses integer NOT NULL DEFAULT 1 CHECK (uses > 0);
