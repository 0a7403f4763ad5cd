// 用户管理 accounts: the system administrator creates and maintains accounts; the security administrator
// grants roles (三员分立: no account holds two of the three administrator roles).
import {
  ADMIN_ROLES,
  violatesSeparationOfDuties,
  type OrgUnitKind,
  type Role,
  type UserView,
} from '@qinqing/shared';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import { checkPasswordPolicy, hashPassword } from '../../core/auth/passwords.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { violatesUniqueIndex } from '../../db/errors.ts';
import { deleteSessionsOf } from '../auth/repository.ts';
import { orgUnitOfEnterprise } from '../enterprises/repository.ts';
import { findOrgUnitInScope } from '../org-units/repository.ts';
import { presentUser } from './presenter.ts';
import { findUserInScope, insertUser, updateUserRow, usernameTaken, type UserRow } from './repository.ts';

const FEDERATION_KINDS: readonly OrgUnitKind[] = ['province', 'city', 'district', 'street'];

/** Where each business role may sit: a liaison in a department, a secretary in a chamber, and so on. */
const ROLE_PLACEMENT: Partial<Record<Role, readonly OrgUnitKind[]>> = {
  federation_staff: FEDERATION_KINDS,
  federation_leader: FEDERATION_KINDS,
  chamber_secretary: ['chamber', 'association'],
  department_liaison: ['department'],
  department_head: ['department'],
  // 融资 financing: a bank's account manager sits in the bank's unit.
  bank_manager: ['bank'],
};

const usernameConflict = () =>
  new AppError('CONFLICT', [{ path: 'username', code: 'USERNAME_TAKEN', message: '用户名已被使用' }]);

/**
 * 三员分立: the system administrator manages accounts, but may not take over the security or audit
 * administrator's account by resetting its password or lock it out by disabling it. Recovering such an
 * account is done on the server with `npm run admin:reset-password`.
 */
function guardOtherAdministrators(target: UserRow): void {
  if (target.roles.includes('security_admin') || target.roles.includes('audit_admin')) {
    throw new AppError('FORBIDDEN', [
      {
        path: 'id',
        code: 'ADMIN_ACCOUNT_PROTECTED',
        message: '三员分立：系统管理员不能重置或停用安全管理员、审计管理员的账号',
      },
    ]);
  }
}

async function requireUser(db: DbOrTx, actor: Actor, id: string): Promise<UserRow> {
  const row = await findUserInScope(db, actor, id);
  if (!row) throw notFound();
  return row;
}

async function requireOrgUnit(db: DbOrTx, actor: Actor, id: string) {
  const unit = await findOrgUnitInScope(db, actor, id);
  if (!unit) throw invalidField('orgUnitId', 'NOT_FOUND', '所属单位不存在或不在您的管理范围内');
  return unit;
}

async function requireEnterprise(db: DbOrTx, actor: Actor, id: string): Promise<void> {
  const orgUnitId = await orgUnitOfEnterprise(db, id);
  if (!orgUnitId || !(await findOrgUnitInScope(db, actor, orgUnitId))) {
    throw invalidField('enterpriseId', 'NOT_FOUND', '企业不存在或不在您的管理范围内');
  }
}

function checkPlacement(roles: readonly Role[], kind: OrgUnitKind, enterpriseId: string | null): void {
  for (const role of roles) {
    const allowed = ROLE_PLACEMENT[role];
    if (allowed && !allowed.includes(kind)) {
      throw invalidField(
        'roles',
        'ROLE_NOT_ALLOWED_FOR_ORG_UNIT',
        `该账号所属单位的类型不能授予此角色：${role}`,
      );
    }
    if (role === 'enterprise_contact' && !enterpriseId) {
      throw invalidField('roles', 'ENTERPRISE_REQUIRED', '企业联系人角色须先为账号指定所属企业');
    }
  }
}

async function loadView(ctx: AppContext, db: DbOrTx, actor: Actor, id: string): Promise<UserView> {
  return presentUser(await requireUser(db, actor, id), ctx.clock.now());
}

export async function createUser(
  ctx: AppContext,
  actor: Actor,
  input: {
    username: string;
    displayName: string;
    orgUnitId: string;
    enterpriseId?: string;
    email?: string;
    initialPassword: string;
  },
  audit: AuditContext,
): Promise<UserView> {
  const policy = await ctx.security.get();
  const problems = checkPasswordPolicy(input.initialPassword, policy, {
    username: input.username,
    path: 'initialPassword',
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  const passwordHash = await hashPassword(input.initialPassword);
  return ctx.database.db.transaction(async (tx) => {
    await requireOrgUnit(tx, actor, input.orgUnitId);
    if (input.enterpriseId) await requireEnterprise(tx, actor, input.enterpriseId);
    if (await usernameTaken(tx, input.username)) throw usernameConflict();
    const id = await insertUser(tx, {
      username: input.username,
      displayName: input.displayName,
      orgUnitId: input.orgUnitId,
      enterpriseId: input.enterpriseId ?? null,
      email: input.email ?? null,
      passwordHash,
      mustChangePassword: true,
      passwordChangedAt: ctx.clock.now(),
    }).catch((error: unknown) => {
      // A simultaneous creation of the same name got past the check above first.
      throw violatesUniqueIndex(error, 'users_username_key') ? usernameConflict() : error;
    });
    if (!id) throw new Error('insert returned no row');
    const view = await loadView(ctx, tx, actor, id);
    await ctx.audit.record(tx, audit, {
      action: 'user.created',
      objectType: 'user',
      objectId: id,
      detail: {
        after: { username: view.username, displayName: view.displayName, orgUnitId: view.orgUnitId },
      },
    });
    return view;
  });
}

export async function updateUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: {
    version: number;
    displayName?: string;
    orgUnitId?: string;
    enterpriseId?: string | null;
    email?: string | null;
    disabled?: boolean;
  },
  audit: AuditContext,
): Promise<UserView> {
  return ctx.database.db.transaction(async (tx) => {
    const current = await requireUser(tx, actor, id);
    if (current.version !== input.version) throw versionConflict();
    if (input.disabled === true && id === actor.userId) {
      throw invalidField('disabled', 'CANNOT_DISABLE_SELF', '不能停用自己的账号');
    }
    if (input.disabled === true) guardOtherAdministrators(current);
    const unit = input.orgUnitId ? await requireOrgUnit(tx, actor, input.orgUnitId) : undefined;
    if (input.enterpriseId) await requireEnterprise(tx, actor, input.enterpriseId);
    if (unit || input.enterpriseId !== undefined) {
      const kind = unit?.kind ?? (await requireOrgUnit(tx, actor, current.orgUnitId)).kind;
      const enterpriseId = input.enterpriseId === undefined ? current.enterpriseId : input.enterpriseId;
      checkPlacement(current.roles, kind, enterpriseId);
    }
    const next = {
      displayName: input.displayName,
      orgUnitId: input.orgUnitId,
      enterpriseId: input.enterpriseId,
      email: input.email,
      disabled: input.disabled,
    };
    const diff = changes(
      {
        displayName: current.displayName,
        orgUnitId: current.orgUnitId,
        enterpriseId: current.enterpriseId,
        email: current.email,
        disabled: current.disabled,
      },
      next,
    );
    if (!diff) return presentUser(current, ctx.clock.now());
    if (!(await updateUserRow(tx, id, next, ctx.clock.now(), input.version))) throw versionConflict();
    if (input.disabled === true) await deleteSessionsOf(tx, id);
    await ctx.audit.record(tx, audit, {
      action: 'user.updated',
      objectType: 'user',
      objectId: id,
      detail: diff,
    });
    return loadView(ctx, tx, actor, id);
  });
}

/** Sets a new initial password: the user must change it at next login; the lock is lifted; sessions end. */
export async function resetPassword(
  ctx: AppContext,
  actor: Actor,
  id: string,
  newPassword: string,
  audit: AuditContext,
): Promise<UserView> {
  const target = await requireUser(ctx.database.db, actor, id);
  guardOtherAdministrators(target);
  const problems = checkPasswordPolicy(newPassword, await ctx.security.get(), { username: target.username });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  const passwordHash = await hashPassword(newPassword);
  return ctx.database.db.transaction(async (tx) => {
    await updateUserRow(
      tx,
      id,
      {
        passwordHash,
        mustChangePassword: true,
        passwordChangedAt: ctx.clock.now(),
        failedLoginCount: 0,
        lockedUntil: null,
      },
      ctx.clock.now(),
    );
    await deleteSessionsOf(tx, id);
    await ctx.audit.record(tx, audit, { action: 'user.password_reset', objectType: 'user', objectId: id });
    return loadView(ctx, tx, actor, id);
  });
}

export async function unlockUser(
  ctx: AppContext,
  actor: Actor,
  id: string,
  audit: AuditContext,
): Promise<UserView> {
  return ctx.database.db.transaction(async (tx) => {
    const current = await requireUser(tx, actor, id);
    await updateUserRow(tx, id, { failedLoginCount: 0, lockedUntil: null }, ctx.clock.now());
    await ctx.audit.record(tx, audit, {
      action: 'user.unlocked',
      objectType: 'user',
      objectId: id,
      detail: { before: { lockedUntil: current.lockedUntil?.toISOString() ?? null } },
    });
    return loadView(ctx, tx, actor, id);
  });
}

export async function grantRoles(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; roles: Role[] },
  audit: AuditContext,
): Promise<UserView> {
  const roles = [...new Set(input.roles)].sort();
  if (id === actor.userId) {
    throw new AppError('FORBIDDEN', [
      { path: 'roles', code: 'CANNOT_GRANT_SELF', message: '不能修改自己的角色' },
    ]);
  }
  if (violatesSeparationOfDuties(roles)) throw new AppError('ROLE_CONFLICT');
  return ctx.database.db.transaction(async (tx) => {
    const current = await requireUser(tx, actor, id);
    if (current.version !== input.version) throw versionConflict();
    const unit = await requireOrgUnit(tx, actor, current.orgUnitId);
    checkPlacement(roles, unit.kind, current.enterpriseId);
    const diff = changes({ roles: [...current.roles].sort() }, { roles });
    if (!diff) return presentUser(current, ctx.clock.now());
    await updateUserRow(tx, id, { roles }, ctx.clock.now());
    const adminChanged =
      roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r)) !==
      current.roles.some((r) => (ADMIN_ROLES as readonly string[]).includes(r));
    await ctx.audit.record(tx, audit, {
      action: 'user.roles_granted',
      objectType: 'user',
      objectId: id,
      detail: { ...diff, adminRoleChanged: adminChanged },
    });
    return loadView(ctx, tx, actor, id);
  });
}
