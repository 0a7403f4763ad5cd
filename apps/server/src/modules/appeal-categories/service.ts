// 诉求类别 the configurable appeal categories: their names, order, default deadlines in working days and
// whether they are offered; changed by those who configure the service loop, versioned and audited.
import type { AppealCategoryView, UpsertAppealCategoryRequest } from '@qinqing/shared';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../../core/context.ts';
import { invalidField, versionConflict } from '../../core/errors.ts';
import {
  insertCategory,
  listCategories,
  lockCategory,
  updateCategory,
  type CategoryRow,
} from './repository.ts';

function presentCategory(row: CategoryRow): AppealCategoryView {
  return {
    code: row.code,
    nameZh: row.nameZh,
    nameEn: row.nameEn,
    sort: row.sort,
    active: row.active,
    respondDays: row.respondDays,
    resolveDays: row.resolveDays,
    version: row.version,
  };
}

export async function listCategoryViews(ctx: AppContext): Promise<AppealCategoryView[]> {
  return (await listCategories(ctx.database.db)).map(presentCategory);
}

/** Adds a category or changes one (names, order, default deadlines, whether it is offered). */
export async function upsertCategory(
  ctx: AppContext,
  code: string,
  body: UpsertAppealCategoryRequest,
  audit: AuditContext,
): Promise<AppealCategoryView> {
  if (body.code !== code)
    throw invalidField('code', 'CODE_MISMATCH', '请求体中的 code 须与地址中的类别代码一致');
  if (body.respondDays > body.resolveDays) {
    throw invalidField('respondDays', 'RESPOND_AFTER_RESOLVE', '响应时限不能长于办结时限');
  }
  return ctx.database.db.transaction(async (tx) => {
    const before = await lockCategory(tx, code);
    const fields = {
      nameZh: body.nameZh,
      nameEn: body.nameEn,
      sort: body.sort ?? before?.sort ?? 0,
      active: body.active ?? before?.active ?? true,
      respondDays: body.respondDays,
      resolveDays: body.resolveDays,
      updatedAt: ctx.clock.now(),
    };
    let row: CategoryRow;
    if (before) {
      if (body.version === undefined || body.version !== before.version) throw versionConflict();
      row = await updateCategory(tx, code, fields, before.version + 1);
    } else {
      row = await insertCategory(tx, code, fields);
    }
    await ctx.audit.record(tx, audit, {
      action: before ? 'appeal_category.updated' : 'appeal_category.created',
      objectType: 'appeal_category',
      objectId: code,
      detail: before ? changes(before, fields) : fields,
    });
    return presentCategory(row);
  });
}
