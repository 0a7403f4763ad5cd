// 12345热线 the hotline's inbound appeal: raised through the one raise-appeal use case with source
// hotline_12345, the enterprise found by credit code or exact name in the token's subtree, the case number
// (工单号) kept and unique — sent again, it answers the appeal raised the first time.
import { createHash } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { AppealView, HotlineAppealRequest } from '@qinqing/shared';
import { enterpriseScope } from '../../core/access/registry-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { enterprises } from '../../db/schema/index.ts';
import { raiseAppeal } from '../appeals/raise-appeal.ts';
import { getAppeal } from '../appeals/read-appeals.ts';

const enterpriseNotFound = (path: 'uscc' | 'enterpriseName') =>
  new AppError('NOT_FOUND', [
    {
      path,
      code: 'ENTERPRISE_NOT_FOUND',
      message:
        path === 'uscc'
          ? '按统一社会信用代码未找到该企业（或不在令牌的管辖范围内）'
          : '按企业全称未找到该企业（或不在令牌的管辖范围内），请改用统一社会信用代码',
    },
  ]);

async function findEnterprise(db: DbOrTx, actor: Actor, body: HotlineAppealRequest): Promise<string> {
  const by =
    body.uscc !== undefined ? eq(enterprises.uscc, body.uscc) : eq(enterprises.name, body.enterpriseName!);
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(by, isNull(enterprises.mergedIntoId), enterpriseScope(actor)))
    .limit(2);
  const path = body.uscc !== undefined ? 'uscc' : 'enterpriseName';
  if (rows.length === 0) throw enterpriseNotFound(path);
  if (rows.length > 1) {
    throw new AppError('CONFLICT', [
      {
        path,
        code: 'ENTERPRISE_AMBIGUOUS',
        message: '该名称对应多家企业，请改用统一社会信用代码（uscc）',
      },
    ]);
  }
  return rows[0]!.id;
}

async function appealOfCase(db: DbOrTx, caseNumber: string): Promise<string | undefined> {
  const { rows } = await db.execute<{ appeal_id: string }>(
    sql`SELECT appeal_id FROM hotline_cases WHERE case_number = ${caseNumber}`,
  );
  return rows[0]?.appeal_id;
}

export async function receiveHotlineAppeal(
  ctx: AppContext,
  actor: Actor,
  body: HotlineAppealRequest,
  audit: AuditContext,
): Promise<{ appeal: AppealView; created: boolean }> {
  const db = ctx.database.db;
  const known = await appealOfCase(db, body.caseNumber);
  if (known) return { appeal: await getAppeal(ctx, actor, known), created: false };
  const enterpriseId = await findEnterprise(db, actor, body);
  // The case number is the retry key too: the same token sending it at once gets one appeal.
  const key = `hotline-12345:${createHash('sha256').update(body.caseNumber).digest('hex').slice(0, 40)}`;
  const { appeal, replayed } = await raiseAppeal(
    ctx,
    actor,
    {
      enterpriseId,
      category: body.category,
      title: body.title,
      description: body.description,
      source: 'hotline_12345',
      urgency: 'normal',
    },
    key,
    audit,
  );
  await db.execute(
    sql`INSERT INTO hotline_cases (case_number, appeal_id, token_id, received_at)
        VALUES (${body.caseNumber}, ${appeal.id}, ${actor.apiTokenId ?? null}, ${ctx.clock.now()})
        ON CONFLICT DO NOTHING`,
  );
  return { appeal, created: !replayed };
}
