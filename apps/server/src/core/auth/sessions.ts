// Server-side sessions: the cookie holds a random token, the database its SM3 digest. Idle and absolute
// timeouts are checked on every request; last_seen_at is refreshed at most once a minute.
import { createHash, randomBytes } from 'node:crypto';
import { permissionsOf, type Permission, type Role, type SecuritySettings } from '@qinqing/shared';
import type pg from 'pg';
import { passwordAgeCutoff } from './passwords.ts';

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
  /** Set when the caller is an API token (Authorization: Bearer), not a person's session. */
  apiTokenId?: string;
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
  /** The roles joined by commas: a plain text column parses cheaper than a text[] on every request. */
  roles: string;
  org_unit_id: string;
  enterprise_id: string | null;
  must_change_password: boolean;
  /** Disabled user, absolute timeout reached or idle too long: the session ends. */
  ended: boolean;
  stale: boolean;
}

// The time checks are comparisons with instants computed in JS from the app's clock ($2 now, $3 the idle
// cutoff, $4 the touch cutoff, $5 the password-age cutoff or null, $6 the administrators' password-age
// cutoff or null): booleans come back, no dates to parse,
// and the statement stays a plain index lookup for PostgreSQL.
const LOAD_SESSION = `
  SELECT s.id AS session_id, u.id AS user_id, u.username, u.display_name,
         array_to_string(u.roles, ',') AS roles, u.org_unit_id, u.enterprise_id,
         (u.must_change_password OR coalesce(u.password_changed_at <= $5, false)
          OR (u.roles && '{system_admin,security_admin,audit_admin}'::text[]
              AND coalesce(u.password_changed_at <= $6, false))) AS must_change_password,
         (u.disabled OR s.expires_at <= $2 OR s.last_seen_at <= $3) AS ended,
         (s.last_seen_at <= $4) AS stale
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
  policy: Pick<SecuritySettings, 'sessionIdleMinutes' | 'passwordMaxAgeDays' | 'adminPasswordMaxAgeDays'>,
): Promise<SessionLookup> {
  const at = now.getTime();
  const { rows } = await pool.query<SessionRow>({
    name: 'load-session',
    text: LOAD_SESSION,
    values: [
      hashToken(token),
      now.toISOString(),
      new Date(at - policy.sessionIdleMinutes * 60_000).toISOString(),
      new Date(at - TOUCH_INTERVAL_MS).toISOString(),
      passwordAgeCutoff(policy, false, now)?.toISOString() ?? null,
      passwordAgeCutoff(policy, true, now)?.toISOString() ?? null,
    ],
  });
  const row = rows[0];
  if (!row) return undefined;
  if (row.ended) {
    await pool.query('DELETE FROM sessions WHERE id = $1', [row.session_id]);
    return { expired: true };
  }
  if (row.stale)
    await pool.query('UPDATE sessions SET last_seen_at = $2 WHERE id = $1', [row.session_id, now]);
  const roles = (row.roles === '' ? [] : row.roles.split(',')) as Role[];
  return {
    actor: {
      sessionId: row.session_id,
      userId: row.user_id,
      username: row.username,
      displayName: row.display_name,
      roles,
      permissions: permissionsOf(roles),
      orgUnitId: row.org_unit_id,
      orgPath: await orgPathOf(pool, row.org_unit_id),
      enterpriseId: row.enterprise_id,
      mustChangePassword: row.must_change_password,
    },
  };
}
