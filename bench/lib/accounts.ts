// Accounts and sessions made directly in a benchmark database: hashing a password and signing in over
// HTTP is not what the benchmarks measure.
import type pg from 'pg';
import type { Role } from '@qinqing/shared';
import { hashPassword } from '../../apps/server/src/core/auth/passwords.ts';
import { hashToken, newToken, SESSION_COOKIE } from '../../apps/server/src/core/auth/sessions.ts';

export interface BenchAccount {
  userId: string;
  /** The session cookie header value, valid for 12 hours. */
  cookie: string;
}

/** Creates the account (or moves an existing one of that name to the unit and roles) with a new session. */
export async function benchAccount(
  pool: pg.Pool,
  spec: { username: string; orgUnitId: string; roles: Role[] },
): Promise<BenchAccount> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO users (username, display_name, org_unit_id, roles, password_hash, must_change_password)
     VALUES ($1, $1, $2, $3, $4, false)
     ON CONFLICT (lower(username)) DO UPDATE SET org_unit_id = EXCLUDED.org_unit_id, roles = EXCLUDED.roles
     RETURNING id`,
    [spec.username, spec.orgUnitId, spec.roles, await hashPassword(newToken())],
  );
  const userId = rows[0]!.id;
  const token = newToken();
  await pool.query(
    `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at)
     VALUES ($1, $2, now(), now(), now() + interval '12 hours')`,
    [hashToken(token), userId],
  );
  return { userId, cookie: `${SESSION_COOKIE}=${token}` };
}
