// 接口令牌 API tokens: issued by the security administrator for outside systems, within what a token may be
// given (TOKEN_PERMISSIONS) and the administrator's subtree; shown once, stored hashed, revoked at once.
import { randomUUID } from 'node:crypto';
import {
  TOKEN_PERMISSIONS,
  type ApiTokenUse,
  type ApiTokenView,
  type CreateApiTokenRequest,
  type Permission,
} from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import { hashApiSecret, newApiSecret } from '../../core/auth/api-tokens.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { invalidField, notFound } from '../../core/errors.ts';
import {
  federationUnitWithin,
  insertServiceAccount,
  insertToken,
  listTokens,
  lockToken,
  markRevoked,
  recentUses,
  type TokenRecord,
} from './repository.ts';

/** The longest a token may live: an outside system's credentials are renewed at least this often. */
const MAX_LIFETIME_DAYS = 730;
const FEDERATION_KINDS = new Set(['province', 'city', 'district', 'street']);

export async function createApiToken(
  ctx: AppContext,
  actor: Actor,
  body: CreateApiTokenRequest,
  audit: AuditContext,
): Promise<{ id: string; secret: string }> {
  const refused = body.permissions.findIndex(
    (permission) => !TOKEN_PERMISSIONS.includes(permission as Permission),
  );
  if (refused >= 0) {
    throw invalidField(
      `permissions.${refused}`,
      'PERMISSION_NOT_GRANTABLE',
      `权限 ${body.permissions[refused]} 不能授予接口令牌：只能从业务权限与12345热线接收中选择（管理员权限不能授予令牌）`,
    );
  }
  const now = ctx.clock.now();
  const expiresAt = new Date(body.expiresAt);
  if (expiresAt <= now) throw invalidField('expiresAt', 'EXPIRES_IN_PAST', '到期时间应晚于当前时间');
  if (expiresAt.getTime() - now.getTime() > MAX_LIFETIME_DAYS * 86_400_000) {
    throw invalidField(
      'expiresAt',
      'EXPIRES_TOO_LATE',
      `令牌有效期最长 ${MAX_LIFETIME_DAYS} 天，请提前续发新令牌`,
    );
  }
  const secret = newApiSecret();
  const id = randomUUID();
  await ctx.database.db.transaction(async (tx) => {
    const unit = await federationUnitWithin(tx, actor, body.orgUnitId);
    if (!unit) {
      throw invalidField('orgUnitId', 'ORG_UNIT_NOT_FOUND', '组织机构不存在或不在您的管辖范围内');
    }
    if (!FEDERATION_KINDS.has(unit.kind)) {
      throw invalidField(
        'orgUnitId',
        'ORG_UNIT_NOT_FEDERATION',
        '令牌的范围应为一级工商联（省、市、区县或街道），不能是商会或职能部门',
      );
    }
    const accountId = await insertServiceAccount(tx, {
      tokenId: id,
      name: body.name,
      orgUnitId: unit.id,
      at: now,
    });
    await insertToken(tx, {
      id,
      name: body.name,
      secretHash: hashApiSecret(secret),
      hint: secret.slice(0, 8),
      permissions: body.permissions,
      orgUnitId: unit.id,
      accountId,
      expiresAt,
      createdBy: actor.userId,
      at: now,
    });
    await ctx.audit.record(tx, audit, {
      action: 'api_token.created',
      objectType: 'api_token',
      objectId: id,
      detail: {
        name: body.name,
        permissions: body.permissions,
        orgUnitId: unit.id,
        expiresAt: expiresAt.toISOString(),
      },
    });
  });
  return { id, secret };
}

export async function revokeApiToken(
  ctx: AppContext,
  actor: Actor,
  id: string,
  audit: AuditContext,
): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const token = await lockToken(tx, actor, id);
    if (!token) throw notFound();
    // Revoking twice changes nothing and is not recorded twice.
    if (token.revokedAt) return;
    await markRevoked(tx, id, actor.userId, ctx.clock.now());
    await ctx.audit.record(tx, audit, {
      action: 'api_token.revoked',
      objectType: 'api_token',
      objectId: id,
      detail: { name: token.name },
    });
  });
}

function present(record: TokenRecord, now: Date): ApiTokenView {
  return {
    id: record.id,
    name: record.name,
    hint: record.hint,
    permissions: record.permissions,
    orgUnitId: record.orgUnitId,
    orgUnitName: record.orgUnitName,
    expiresAt: record.expiresAt.toISOString(),
    createdAt: record.createdAt.toISOString(),
    createdByName: record.createdByName,
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    revokedAt: record.revokedAt?.toISOString() ?? null,
    state: record.revokedAt ? 'revoked' : record.expiresAt <= now ? 'expired' : 'active',
  };
}

export async function listApiTokens(ctx: AppContext, actor: Actor): Promise<ApiTokenView[]> {
  await ctx.apiTokens.uses.flush();
  const now = ctx.clock.now();
  return (await listTokens(ctx.database.db, actor)).map((record) => present(record, now));
}

export async function listApiTokenUses(
  ctx: AppContext,
  actor: Actor,
  tokenId: string | undefined,
  limit: number,
): Promise<ApiTokenUse[]> {
  await ctx.apiTokens.uses.flush();
  const uses = await recentUses(ctx.database.db, actor, tokenId, limit);
  return uses.map((use) => ({ ...use, at: use.at.toISOString() }));
}
