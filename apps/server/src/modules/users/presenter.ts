// How an account is shown to administrators: never the password hash.
import type { UserView } from '@qinqing/shared';
import type { UserRow } from './repository.ts';

export function presentUser(row: UserRow, now: Date): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    enterpriseId: row.enterpriseId,
    email: row.email,
    roles: row.roles,
    disabled: row.disabled,
    mustChangePassword: row.mustChangePassword,
    lockedUntil: row.lockedUntil && row.lockedUntil > now ? row.lockedUntil.toISOString() : null,
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    version: row.version,
  };
}
