// 组织机构 org units: creating and renaming units in the caller's subtree; the tree's shape rules.
import { randomUUID } from 'node:crypto';
import { ALLOWED_PARENT_KINDS, type OrgUnitKind, type OrgUnitView } from '@qinqing/shared';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { violatesUniqueIndex } from '../../db/errors.ts';
import {
  findOrgUnitInScope,
  insertOrgUnitRow,
  siblingNamed,
  updateOrgUnitRow,
  type OrgUnitRow,
} from './repository.ts';

const nameTaken = () =>
  new AppError('CONFLICT', [{ path: 'name', code: 'NAME_TAKEN', message: '同一上级单位下已有同名单位' }]);

/** A simultaneous write of the same name under the same parent got past the sibling check first. */
function rethrowNameTaken(error: unknown): never {
  throw violatesUniqueIndex(error, 'org_units_sibling_name_key') ? nameTaken() : error;
}

export function presentOrgUnit(row: OrgUnitRow): OrgUnitView {
  return {
    id: row.id,
    parentId: row.parentId,
    kind: row.kind,
    name: row.name,
    code: row.code,
    depth: row.depth,
    version: row.version,
  };
}

/** Inserts a unit under `parent` (or a root when parent is null); used by the service and the demo seed. */
export async function insertOrgUnit(
  db: DbOrTx,
  parent: Pick<OrgUnitRow, 'id' | 'path' | 'depth'> | null,
  unit: { kind: OrgUnitKind; name: string; code?: string | null },
): Promise<OrgUnitRow> {
  const id = randomUUID();
  return insertOrgUnitRow(db, {
    id,
    parentId: parent?.id ?? null,
    kind: unit.kind,
    name: unit.name,
    code: unit.code || null,
    path: `${parent?.path ?? '/'}${id}/`,
    depth: parent ? parent.depth + 1 : 0,
  });
}

export async function createOrgUnit(
  ctx: AppContext,
  actor: Actor,
  input: { parentId: string; kind: OrgUnitKind; name: string; code?: string },
  audit: AuditContext,
): Promise<OrgUnitView> {
  return ctx.database.db.transaction(async (tx) => {
    const parent = await findOrgUnitInScope(tx, actor, input.parentId);
    if (!parent) throw invalidField('parentId', 'NOT_FOUND', '上级单位不存在或不在您的管理范围内');
    if (!ALLOWED_PARENT_KINDS[input.kind].includes(parent.kind)) {
      throw invalidField('kind', 'KIND_NOT_ALLOWED_HERE', '该类型的单位不能设在所选上级单位之下');
    }
    if (await siblingNamed(tx, parent.id, input.name)) throw nameTaken();
    const row = await insertOrgUnit(tx, parent, input).catch(rethrowNameTaken);
    await ctx.audit.record(tx, audit, {
      action: 'org_unit.created',
      objectType: 'org_unit',
      objectId: row.id,
      detail: { after: presentOrgUnit(row) },
    });
    return presentOrgUnit(row);
  });
}

export async function updateOrgUnit(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: { version: number; name?: string; code?: string },
  audit: AuditContext,
): Promise<OrgUnitView> {
  return ctx.database.db.transaction(async (tx) => {
    const current = await findOrgUnitInScope(tx, actor, id);
    if (!current) throw notFound();
    if (current.version !== input.version) throw versionConflict();
    if (input.name && input.name !== current.name && current.parentId) {
      if (await siblingNamed(tx, current.parentId, input.name)) throw nameTaken();
    }
    const next = { name: input.name, code: input.code === undefined ? undefined : input.code || null };
    const diff = changes({ name: current.name, code: current.code }, next);
    if (!diff) return presentOrgUnit(current);
    const row = await updateOrgUnitRow(tx, id, input.version, next, ctx.clock.now()).catch(rethrowNameTaken);
    if (!row) throw versionConflict();
    await ctx.audit.record(tx, audit, {
      action: 'org_unit.updated',
      objectType: 'org_unit',
      objectId: id,
      detail: diff,
    });
    return presentOrgUnit(row);
  });
}
