// Server-side sessions: the cookie holds a random token, the database its SM3 digest. Idle and absolute
// timeouts are checked on every request; last_seen_at is refreshed at most once a minute.
import { createHash, randomBytes } from 'node:crypto';
import { permissionsOf, type Permission, type Role, type SecuritySettings } from '@qinqing/shared';
import type pg from 'pg';

export const SESSION_COOKIE = 'qinqing_sid';
const TOUCH_INTERVAL_MS = 60_000;

/** The signed-in user behind a request. */
export interface Actor {
  sessionId: string;
  userId: string;
  username: string;
  displayName: string;
  roles: Role[];
  permissions: ReadonlySet<Permission>;
  orgUnitId: string;
  /** Materialised path of the user's org unit: their data scope is everything under it. */
  orgPath: string;
  enterpriseId: string | null;
  mustChangePassword: boolean;
}

export function hashToken(token: string): string {
  return createHash('sm3').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

interface SessionRow {
  session_id: string;
  user_id: string;
  username: string;
  display_name: string;
  roles: Role[];
  org_unit_id: string;
  enterprise_id: string | null;
  must_change_password: boolean;
  disabled: boolean;
  expired: boolean;
  stale: boolean;
  password_expired: boolean;
}

// The time checks are done in SQL against the app's clock ($2): booleans come back, no dates to parse.
const LOAD_SESSION = `
  SELECT s.id AS session_id, u.id AS user_id, u.username, u.display_name, u.roles, u.org_unit_id,
         u.enterprise_id, u.must_change_password, u.disabled,
         (s.expires_at <= $2 OR s.last_seen_at + make_interval(mins => $3) <= $2) AS expired,
         (s.last_seen_at <= $2 - make_interval(secs => $5)) AS stale,
         ($4 > 0 AND u.password_changed_at + make_interval(days => $4) <= $2) AS password_expired
    FROM sessions s JOIN users u ON u.id = s.user_id
   WHERE s.token_hash = $1`;

/**
 * Org-unit paths by id, per pool. A path never changes (units are not moved; a path is made of ids), so
 * it is read once per unit instead of joined into every request's session lookup.
 */
const orgPaths = new WeakMap<pg.Pool, Map<string, string>>();

async function orgPathOf(pool: pg.Pool, orgUnitId: string): Promise<string> {
  let paths = orgPaths.get(pool);
  if (!paths) orgPaths.set(pool, (paths = new Map()));
  const known = paths.get(orgUnitId);
  if (known) return known;
  const { rows } = await pool.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [
    orgUnitId,
  ]);
  const path = rows[0]?.path;
  if (!path) throw new Error(`org unit ${orgUnitId} has no path`);
  paths.set(orgUnitId, path);
  return path;
}

export type SessionLookup = { actor: Actor } | { expired: true } | undefined;

/** One query: the session, its user and the user's org unit path. */
export async function loadSession(
  pool: pg.Pool,
  token: string,
  now: Date,
  policy: Pick<SecuritySettings, 'sessionIdleMinutes' | 'passwordMaxAgeDays'>,
): Promise<SessionLookup> {
  const { rows } = await pool.query<SessionRow>({
    name: 'load-session',
    text: LOAD_SESSION,
    values: [
      hashToken(token),
      now,
      policy.sessionIdleMinutes,
      policy.passwordMaxAgeDays,
      TOUCH_INTERVAL_MS / 1000,
    ],
  });
  const row = rows[0];
  if (!row) return undefined;
  if (row.disabled || row.expired) {
    await pool.query('DELETE FROM sessions WHERE id = $1', [row.session_id]);
    return { expired: true };
  }
  if (row.stale)
    await pool.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [row.session_id, now]);
  return {
    actor: {
      sessionId: row.session_id,
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      roles: row.roles,
      permissions: permissionsOf(row.roles),
      orgUnitId: row.org_unit_id,
      orgPath: await orgPathOf(pool, row.org_unit_id),
      enterpriseId: row.enterprise_id,
      mustChangePassword: row.must_change_password || row.password_expired,
    },
  };
}
