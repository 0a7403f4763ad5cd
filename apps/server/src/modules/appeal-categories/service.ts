// 诉求类别 the appeal categories of each federation: names, order, default deadlines in working days and
// whether they are offered. A federation unit (province, city, district, street) defines categories for its
// subtree; a unit sees, code by code, the definition of its nearest ancestor (or its own), so a district may
// replace an inherited category for its streets or add codes of its own. A definition is changed only at its
// level, by someone holding the permission over that level (a unit outside the caller's subtree: 404).
import type { AppealCategoryView, UpsertAppealCategoryRequest } from '@qinqing/shared';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { invalidField, notFound, versionConflict } from '../../core/errors.ts';
import {
  categoriesAt,
  deleteOverride,
  findUnit,
  insertCategory,
  lockCategory,
  lockOverride,
  updateCategory,
  upsertOverride,
  type EffectiveCategory,
  type UnitRow,
} from './repository.ts';

const FEDERATION_KINDS: readonly string[] = ['province', 'city', 'district', 'street'];

/** The top of the unit's tree (the first id of its path), which owns the categories without an owner. */
async function topNameOf(ctx: AppContext, unit: UnitRow): Promise<string | null> {
  const rootId = unit.path.split('/').find(Boolean);
  return rootId ? ((await findUnit(ctx.database.db, rootId))?.name ?? null) : null;
}

function presentCategory(row: EffectiveCategory, unit: UnitRow, topName: string | null): AppealCategoryView {
  const own = row.owner_org_unit_id === null ? isTop(unit) : row.owner_org_unit_id === unit.id;
  return {
    code: row.code,
    nameZh: row.name_zh,
    nameEn: row.name_en,
    sort: row.sort,
    active: row.active,
    respondDays: row.respond_days,
    resolveDays: row.resolve_days,
    version: row.version,
    ownerOrgUnitId: row.owner_org_unit_id,
    ownerName: row.owner_org_unit_id === null ? topName : row.owner_name,
    own,
    replacesInherited: own && row.replaces_above,
  };
}

/** The top of the tree (a root unit): its definitions are the owner-less rows every unit inherits. */
const isTop = (unit: UnitRow) => unit.parentId === null;
const within = (unit: UnitRow, actor: Actor) => unit.path.startsWith(actor.orgPath);

/**
 * The unit a request names, as the caller may reach it: their own by default; for reading, any unit of
 * their subtree or above it (its categories are inherited by theirs); for defining, their subtree only.
 */
async function unitFor(ctx: AppContext, actor: Actor, id: string | undefined, use: 'read' | 'define') {
  const unit = await findUnit(ctx.database.db, id ?? actor.orgUnitId);
  if (!unit) throw notFound();
  const reachable = within(unit, actor) || (use === 'read' && actor.orgPath.startsWith(unit.path));
  if (!reachable) throw notFound();
  return unit;
}

/** May the caller define categories at this unit: the permission held over a federation level. */
function mayDefine(actor: Actor, unit: UnitRow): boolean {
  return (
    actor.permissions.has('serviceLoop.configure') &&
    within(unit, actor) &&
    FEDERATION_KINDS.includes(unit.kind)
  );
}

export async function listCategoryViews(ctx: AppContext, actor: Actor, orgUnitId?: string) {
  const unit = await unitFor(ctx, actor, orgUnitId, 'read');
  const [rows, topName] = await Promise.all([categoriesAt(ctx.database.db, unit.path), topNameOf(ctx, unit)]);
  return {
    items: rows.map((row) => presentCategory(row, unit, topName)),
    orgUnitId: unit.id,
    orgUnitName: unit.name,
    editable: mayDefine(actor, unit),
  };
}

/** The category in effect at an org unit (its path): what an appeal raised there is timed by. */
export async function categoryAt(ctx: AppContext, path: string, code: string) {
  const [row] = await categoriesAt(ctx.database.db, path, code);
  return row;
}

/**
 * Defines a category at a federation unit's level: the owning definition when the code is new or owned
 * there, else an override that replaces the inherited one in the unit's subtree.
 */
export async function upsertCategory(
  ctx: AppContext,
  actor: Actor,
  code: string,
  body: UpsertAppealCategoryRequest,
  audit: AuditContext,
): Promise<AppealCategoryView> {
  if (body.code !== code)
    throw invalidField('code', 'CODE_MISMATCH', '请求体中的 code 须与地址中的类别代码一致');
  const unit = await unitFor(ctx, actor, body.orgUnitId, 'define');
  if (!FEDERATION_KINDS.includes(unit.kind)) {
    throw invalidField(
      'orgUnitId',
      'NOT_A_FEDERATION',
      '诉求类别只能由工商联（省、市、区县、街道）设置，请选择工商联',
    );
  }
  if (body.respondDays > body.resolveDays) {
    throw invalidField('respondDays', 'RESPOND_AFTER_RESOLVE', '响应时限不能长于办结时限');
  }
  return ctx.database.db.transaction(async (tx) => {
    const owning = await lockCategory(tx, code);
    const ownedHere =
      owning !== undefined &&
      (owning.ownerOrgUnitId === null ? isTop(unit) : owning.ownerOrgUnitId === unit.id);
    const override = owning && !ownedHere ? await lockOverride(tx, unit.id, code) : undefined;
    const before = ownedHere ? owning : override;
    if (before && body.version !== before.version) throw versionConflict();
    const [inherited] = before ? [] : await categoriesAt(tx, unit.path, code);
    const fields = {
      nameZh: body.nameZh,
      nameEn: body.nameEn,
      sort: body.sort ?? before?.sort ?? inherited?.sort ?? 0,
      active: body.active ?? before?.active ?? true,
      respondDays: body.respondDays,
      resolveDays: body.resolveDays,
      updatedAt: ctx.clock.now(),
    };
    if (!owning) await insertCategory(tx, code, isTop(unit) ? null : unit.id, fields);
    else if (ownedHere) await updateCategory(tx, code, fields, owning.version + 1);
    else await upsertOverride(tx, unit.id, code, fields, (override?.version ?? 0) + 1);
    await ctx.audit.record(tx, audit, {
      action: before ? 'appeal_category.updated' : 'appeal_category.created',
      objectType: 'appeal_category',
      objectId: code,
      detail: {
        orgUnit: unit.name,
        ...(before ? changes(before, fields) : fields),
        ...(inherited ? { replaces: inherited.owner_name ?? '上级' } : {}),
      },
    });
    const [row] = await categoriesAt(tx, unit.path, code);
    return presentCategory(row!, unit, await topNameOf(ctx, unit));
  });
}

/** Removes a unit's override, so its subtree inherits the category from above again. */
export async function removeOverride(
  ctx: AppContext,
  actor: Actor,
  code: string,
  orgUnitId: string | undefined,
  audit: AuditContext,
): Promise<void> {
  const unit = await unitFor(ctx, actor, orgUnitId, 'define');
  await ctx.database.db.transaction(async (tx) => {
    const override = await lockOverride(tx, unit.id, code);
    if (!override) throw notFound();
    await deleteOverride(tx, unit.id, code);
    await ctx.audit.record(tx, audit, {
      action: 'appeal_category.override_removed',
      objectType: 'appeal_category',
      objectId: code,
      detail: { orgUnit: unit.name, nameZh: override.nameZh },
    });
  });
}
