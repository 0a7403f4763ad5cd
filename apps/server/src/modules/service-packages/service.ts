// 服务包 service packages (issue 13, item 6): a named bundle of policies and services a federation unit
// writes, publishes and hands to chosen enterprises — one, a list, or every enterprise of a registry filter,
// in one statement — or hands over on a visit; who holds each package, the figures, and an enterprise's
// own packages. Who may do what is core/access/package-scope.ts; every write audited in its transaction.
import {
  PACKAGE_ACTIONS,
  PACKAGE_TRANSITIONS,
  type CreatePackageRequest,
  type ErrorDetail,
  type HandOutRequest,
  type HandOutResult,
  type HandOutTarget,
  type HolderView,
  type MyPackage,
  type PackageAction,
  type PackageItemInput,
  type PackageItemView,
  type PackageListQuery,
  type PackageStatGrouping,
  type PackageStats,
  type PackageState,
  type PackageSummary,
  type PackageTransitionRequest,
  type PackageView,
  type UpdatePackageRequest,
} from '@qinqing/shared';
import { sql, type SQL } from 'drizzle-orm';
import {
  handOutAudienceScope,
  holderReadScope,
  packageEditScope,
  packageOwnerScope,
  packageReadScope,
} from '../../core/access/package-scope.ts';
import { policyReadScope } from '../../core/access/policy-scope.ts';
import { isFederationReader } from '../../core/access/registry-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { escapeLike } from '../../core/sql.ts';
import { runTransition, type TransitionMachine } from '../../core/transitions/transitions.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import { enterprises } from '../../db/schema/index.ts';
import { filterClause } from '../enterprises/repository.ts';
import {
  countRecipients,
  deleteHolder,
  enterpriseIdsWithin,
  findPackage,
  heldBy,
  holdingCounts,
  insertHolders,
  insertPackage,
  itemsOf,
  listHolders,
  listPackages as listPackageRows,
  replaceItems,
  updatePackageRow,
  usablePolicyIds,
  type ItemRow,
  type ItemWrite,
  type PackageRow,
} from './repository.ts';

const today = (ctx: AppContext) => shanghaiDay(ctx.clock.now());

function presentSummary(row: PackageRow): PackageSummary {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    state: row.state as PackageState,
    orgUnit: { id: row.org_unit_id, name: row.org_unit_name },
    itemCount: row.item_count,
    holderCount: row.holder_count,
    publishedAt: row.published_at,
    version: row.version,
  };
}

const presentItem = (item: ItemRow): PackageItemView => ({
  position: item.position,
  policy: item.policy_id
    ? { id: item.policy_id, title: item.policy_title ?? '', state: item.policy_state ?? '' }
    : null,
  service: item.service,
});

async function presentView(db: DbOrTx, actor: Actor, row: PackageRow): Promise<PackageView> {
  const { rows } = await db.execute<{ editable: boolean }>(
    sql`SELECT ${packageEditScope(actor)} AS editable FROM service_packages sp WHERE sp.id = ${row.id}`,
  );
  const editable = rows[0]?.editable === true;
  const state = row.state as PackageState;
  return {
    ...presentSummary(row),
    items: (await itemsOf(db, [row.id])).map(presentItem),
    actions: editable ? PACKAGE_ACTIONS.filter((action) => PACKAGE_TRANSITIONS[action].includes(state)) : [],
    canEdit: editable && state !== 'closed',
    canHandOut: state === 'published' && actor.permissions.has('packages.handOut'),
  };
}

// Writing ---------------------------------------------------------------------------------------------------

/** The items as stored, each policy checked: one the caller reads in the library, out of draft. */
async function checkItems(
  db: DbOrTx,
  actor: Actor,
  items: readonly PackageItemInput[],
): Promise<ItemWrite[]> {
  const policyIds = items.flatMap((item) => ('policyId' in item ? [item.policyId] : []));
  const usable = await usablePolicyIds(db, policyReadScope(actor), policyIds);
  const details: ErrorDetail[] = [];
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (!('policyId' in item)) return;
    if (!usable.has(item.policyId))
      details.push({
        path: `items.${i}.policyId`,
        code: 'POLICY_NOT_FOUND',
        message: '政策不存在、不在您的查看范围内或尚未发布',
      });
    else if (seen.has(item.policyId))
      details.push({
        path: `items.${i}.policyId`,
        code: 'DUPLICATE_ITEM',
        message: '同一项政策只能列入一次',
      });
    seen.add(item.policyId);
  });
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
  return items.map((item) =>
    'policyId' in item
      ? { policyId: item.policyId, service: null }
      : { policyId: null, service: item.service },
  );
}

const auditItems = (items: readonly ItemWrite[]) =>
  items.map((item) => (item.policyId ? { policyId: item.policyId } : { service: item.service }));

export async function createPackage(
  ctx: AppContext,
  actor: Actor,
  input: CreatePackageRequest,
  audit: AuditContext,
): Promise<PackageView> {
  const { db } = ctx.database;
  const ownerId = input.orgUnitId ?? actor.orgUnitId;
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`SELECT u.id, u.name FROM org_units u WHERE u.id = ${ownerId} AND ${packageOwnerScope(actor)}`,
  );
  const owner = rows[0];
  if (!owner) throw invalidField('orgUnitId', 'OWNER_NOT_FOUND', '所属单位应为本级或下级工商联');
  const items = await checkItems(db, actor, input.items);
  return db.transaction(async (tx) => {
    const values = {
      orgUnitId: owner.id,
      name: input.name,
      description: input.description || null,
      createdBy: actor.userId,
      now: ctx.clock.now(),
    };
    const id = await insertPackage(tx, values);
    await replaceItems(tx, id, items);
    await ctx.audit.record(tx, audit, {
      action: 'service_package.created',
      objectType: 'service_package',
      objectId: id,
      detail: {
        name: values.name,
        description: values.description,
        orgUnitName: owner.name,
        items: auditItems(items),
      },
    });
    return presentView(tx, actor, (await findPackage(tx, sql`true`, holderReadScope(actor), id))!);
  });
}

export async function updatePackage(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: UpdatePackageRequest,
  audit: AuditContext,
): Promise<PackageView> {
  return ctx.database.db.transaction(async (tx) => {
    const holders = holderReadScope(actor);
    const current = await findPackage(tx, packageEditScope(actor), holders, id, { lock: true });
    if (!current) {
      // Readable but not the caller's to change (a package from the unit above): 403, else 404.
      if (await findPackage(tx, packageReadScope(actor), holders, id)) throw new AppError('FORBIDDEN');
      throw notFound();
    }
    if (current.version !== patch.version) throw versionConflict();
    if (current.state === 'closed')
      throw new AppError('INVALID_TRANSITION', undefined, { state: current.state, action: 'update' });
    const before = (await itemsOf(tx, [id])).map((item) => ({
      policyId: item.policy_id,
      service: item.service,
    }));
    const items = patch.items ? await checkItems(tx, actor, patch.items) : undefined;
    const values = {
      name: patch.name ?? current.name,
      description: patch.description === undefined ? current.description : patch.description || null,
    };
    if (!(await updatePackageRow(tx, id, patch.version, values, ctx.clock.now()))) throw versionConflict();
    if (items) await replaceItems(tx, id, items);
    await ctx.audit.record(tx, audit, {
      action: 'service_package.updated',
      objectType: 'service_package',
      objectId: id,
      detail: {
        before: { name: current.name, description: current.description, items: auditItems(before) },
        after: { ...values, items: auditItems(items ?? before) },
      },
    });
    return presentView(tx, actor, (await findPackage(tx, sql`true`, holders, id))!);
  });
}

// Reading ---------------------------------------------------------------------------------------------------

export async function getPackage(ctx: AppContext, actor: Actor, id: string): Promise<PackageView> {
  const { db } = ctx.database;
  const row = await findPackage(db, packageReadScope(actor), holderReadScope(actor), id);
  if (!row) throw notFound();
  return presentView(db, actor, row);
}

export async function listPackages(ctx: AppContext, actor: Actor, query: PackageListQuery) {
  const conditions: SQL[] = [packageReadScope(actor)];
  if (query.state) conditions.push(sql`sp.state = ${query.state}`);
  if (query.q) conditions.push(sql`sp.name LIKE ${`%${escapeLike(query.q)}%`}`);
  const { rows, total } = await listPackageRows(
    ctx.database.db,
    sql.join(conditions, sql` AND `),
    holderReadScope(actor),
    { limit: query.pageSize, offset: (query.page - 1) * query.pageSize },
  );
  return { items: rows.map(presentSummary), total, page: query.page, pageSize: query.pageSize };
}

// Transitions -----------------------------------------------------------------------------------------------

interface PackageSubject {
  row: PackageRow;
  editable: boolean;
  version: number;
}

const packageMachine: TransitionMachine<
  PackageSubject,
  { state: PackageState },
  boolean,
  PackageTransitionRequest,
  { audit: { detail: Record<string, unknown> } }
> = {
  objectType: 'service_package',
  async lock(tx, actor, id) {
    const row = await findPackage(tx, packageReadScope(actor), sql`false`, id, { lock: true });
    if (!row) return undefined;
    const { rows } = await tx.execute<{ editable: boolean }>(
      sql`SELECT ${packageEditScope(actor)} AS editable FROM service_packages sp WHERE sp.id = ${id}`,
    );
    return { row, editable: rows[0]?.editable === true, version: row.version };
  },
  stateOf: (subject) => ({ state: subject.row.state as PackageState }),
  capacityOf: (_actor, subject) => subject.editable,
  decide(state, action, editable) {
    if (!editable) return 'forbidden';
    return PACKAGE_TRANSITIONS[action as PackageAction].includes(state.state) ? 'allowed' : 'not_now';
  },
  async apply({ tx, subject, request }) {
    if (request.action === 'publish' && subject.row.item_count === 0)
      throw invalidField('items', 'EMPTY_PACKAGE', '服务包至少包含一项政策或服务才能发布');
    if (request.action === 'publish') {
      // A policy withdrawn or expired since it was listed is not handed out as if it stood.
      const { rows } = await tx.execute<{ title: string }>(
        sql`SELECT p.title FROM service_package_items i JOIN policies p ON p.id = i.policy_id
             WHERE i.package_id = ${subject.row.id} AND p.state <> 'published' ORDER BY i.position`,
      );
      if (rows.length > 0)
        throw invalidField(
          'items',
          'POLICY_NOT_PUBLISHED',
          `以下政策已不在发布状态，请先移出服务包：${rows.map((row) => row.title).join('、')}`,
        );
    }
    return { audit: { detail: { name: subject.row.name, from: subject.row.state } } };
  },
  async save({ tx, id, subject, request, now }) {
    const { rowCount } = await tx.execute(
      request.action === 'publish'
        ? sql`UPDATE service_packages SET state = 'published', published_at = ${now}, version = version + 1,
                updated_at = ${now} WHERE id = ${id} AND version = ${subject.version}`
        : sql`UPDATE service_packages SET state = 'closed', closed_at = ${now}, version = version + 1,
                updated_at = ${now} WHERE id = ${id} AND version = ${subject.version}`,
    );
    return (rowCount ?? 0) > 0;
  },
};

export async function transitionPackage(
  ctx: AppContext,
  actor: Actor,
  id: string,
  request: PackageTransitionRequest,
  audit: AuditContext,
): Promise<PackageView> {
  await runTransition(ctx, packageMachine, { actor, id, request, audit });
  return getPackage(ctx, actor, id);
}

// Handing out -----------------------------------------------------------------------------------------------

/**
 * A published package the caller reads. `lock`: held in share mode to the transaction's end, so hand-outs
 * run side by side and closing the package (FOR UPDATE) waits for them.
 */
async function packageToHandOut(tx: DbOrTx, actor: Actor, id: string, lock: boolean): Promise<PackageRow> {
  const row = await findPackage(tx, packageReadScope(actor), sql`false`, id);
  if (!row) throw notFound();
  if (lock) {
    const { rows } = await tx.execute<{ state: string }>(
      sql`SELECT state FROM service_packages WHERE id = ${id} FOR SHARE`,
    );
    row.state = rows[0]!.state;
  }
  if (row.state !== 'published')
    throw new AppError('INVALID_TRANSITION', undefined, { state: row.state, action: 'hand_out' });
  return row;
}

/**
 * The enterprises a hand-out names, within what the caller may hand out to: a list (every id must be
 * one of them, else 400 naming it) or a registry filter (the enterprise list's own).
 */
async function targetOf(db: DbOrTx, actor: Actor, target: HandOutTarget): Promise<SQL> {
  const audience = handOutAudienceScope(actor);
  if (target.enterpriseIds && target.filter)
    throw invalidField('filter', 'ONE_TARGET', '请指定企业名单或筛选条件，二者只能选其一');
  if (target.enterpriseIds) {
    const ids = [...new Set(target.enterpriseIds)];
    const within = await enterpriseIdsWithin(db, audience, ids);
    const details: ErrorDetail[] = target.enterpriseIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !within.has(id))
      .slice(0, 20)
      .map(({ i }) => ({
        path: `enterpriseIds.${i}`,
        code: 'ENTERPRISE_NOT_FOUND',
        message: '企业不存在或不在您可发放的范围内（商会秘书长：仅本商会会员）',
      }));
    if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
    return sql`${enterprises.id} = ANY (${sql.param(ids)}::uuid[]) AND ${audience}`;
  }
  if (target.filter) {
    const { where } = filterClause(actor, target.filter, 'write');
    return sql`${where} AND ${audience}`;
  }
  throw invalidField('enterpriseIds', 'NO_TARGET', '请选择要发放的企业或筛选条件');
}

/** How many enterprises a hand-out would reach, and how many of them already hold the package. */
export async function countHandOut(
  ctx: AppContext,
  actor: Actor,
  id: string,
  target: HandOutTarget,
): Promise<HandOutResult> {
  const { db } = ctx.database;
  await packageToHandOut(db, actor, id, false);
  const counts = await countRecipients(db, id, await targetOf(db, actor, target));
  return { added: counts.total - counts.held, alreadyHeld: counts.held };
}

export async function handOut(
  ctx: AppContext,
  actor: Actor,
  id: string,
  request: HandOutRequest,
  audit: AuditContext,
): Promise<HandOutResult> {
  const handedOn = request.handedOn ?? today(ctx);
  if (handedOn > today(ctx)) throw invalidField('handedOn', 'IN_FUTURE', '发放日期不能晚于今天');
  return ctx.database.db.transaction(async (tx) => {
    const row = await packageToHandOut(tx, actor, id, true);
    const target = await targetOf(tx, actor, request);
    return recordHandOut(ctx, tx, actor, audit, {
      row,
      target,
      handedOn,
      visitId: null,
      note: request.note || null,
      how: request.filter ? { filter: request.filter } : { listed: request.enterpriseIds?.length ?? 0 },
    });
  });
}

async function recordHandOut(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  input: {
    row: PackageRow;
    target: SQL;
    handedOn: string;
    visitId: string | null;
    note: string | null;
    how: Record<string, unknown>;
  },
): Promise<HandOutResult> {
  const result = await insertHolders(tx, {
    packageId: input.row.id,
    target: input.target,
    handedOn: input.handedOn,
    handedBy: actor.userId,
    visitId: input.visitId,
    note: input.note,
    now: ctx.clock.now(),
  });
  await ctx.audit.record(tx, audit, {
    action: 'service_package.handed_out',
    objectType: 'service_package',
    objectId: input.row.id,
    detail: {
      name: input.row.name,
      handedOn: input.handedOn,
      visitId: input.visitId,
      ...input.how,
      added: result.added,
      alreadyHeld: result.targeted - result.added,
      // The first enterprises added (all of them up to fifty): the holders list names every one.
      enterpriseIds: result.sample,
    },
  });
  return { added: result.added, alreadyHeld: result.targeted - result.added };
}

/**
 * A visit records handing packages over: each published package the caller reads and may hand out goes to
 * the visited enterprise, dated the visit's day, linked to it. Called by the visits module in the visit's
 * transaction; the enterprise is one the caller may record visits to.
 */
export async function handOverOnVisit(
  ctx: AppContext,
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  visit: { id: string; enterpriseId: string; visitedOn: string; packageIds: readonly string[] },
): Promise<void> {
  const details: ErrorDetail[] = [];
  const rows: PackageRow[] = [];
  for (const [i, packageId] of visit.packageIds.entries()) {
    const row = await findPackage(tx, packageReadScope(actor), sql`false`, packageId);
    if (!row || row.state !== 'published' || !actor.permissions.has('packages.handOut'))
      details.push({
        path: `servicePackageIds.${i}`,
        code: 'PACKAGE_NOT_AVAILABLE',
        message: '服务包不存在、未发布或您无权发放',
      });
    else rows.push(row);
  }
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
  const audience = handOutAudienceScope(actor);
  if (
    rows.length > 0 &&
    !(await enterpriseIdsWithin(tx, audience, [visit.enterpriseId])).has(visit.enterpriseId)
  )
    throw invalidField('servicePackageIds', 'ENTERPRISE_NOT_FOUND', '该企业不在您可发放服务包的范围内');
  for (const row of rows) {
    await recordHandOut(ctx, tx, actor, audit, {
      row,
      target: sql`${enterprises.id} = ${visit.enterpriseId} AND ${audience}`,
      handedOn: visit.visitedOn,
      visitId: visit.id,
      note: null,
      how: { onVisit: true },
    });
  }
}

/** A holding recorded by mistake: removed by someone who may hand the package out to that enterprise. */
export async function removeHolder(
  ctx: AppContext,
  actor: Actor,
  id: string,
  enterpriseId: string,
  audit: AuditContext,
): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const row = await findPackage(tx, packageReadScope(actor), sql`false`, id);
    if (!row) throw notFound();
    const mayHandOut = await enterpriseIdsWithin(tx, handOutAudienceScope(actor), [enterpriseId]);
    if (!mayHandOut.has(enterpriseId)) throw notFound();
    const removed = await deleteHolder(tx, id, enterpriseId, sql`true`);
    if (!removed) throw notFound();
    await ctx.audit.record(tx, audit, {
      action: 'service_package.holder_removed',
      objectType: 'service_package',
      objectId: id,
      detail: {
        name: row.name,
        enterprise: { id: enterpriseId, name: removed.enterprise_name },
        handedOn: removed.handed_on,
      },
    });
  });
}

// Holders and figures ---------------------------------------------------------------------------------------

export async function packageHolders(
  ctx: AppContext,
  actor: Actor,
  id: string,
  page: { page: number; pageSize: number },
): Promise<{ items: HolderView[]; total: number; page: number; pageSize: number }> {
  const { db } = ctx.database;
  if (!(await findPackage(db, packageReadScope(actor), sql`false`, id))) throw notFound();
  const { rows, total } = await listHolders(db, id, holderReadScope(actor), {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  return {
    items: rows.map((row) => ({
      enterprise: { id: row.enterprise_id, name: row.enterprise_name, uscc: row.uscc },
      orgUnit: { id: row.org_unit_id, name: row.org_unit_name },
      handedOn: row.handed_on,
      handedBy: row.handed_by ? { id: row.handed_by, name: row.handed_by_name ?? '' } : null,
      visitId: row.visit_id,
      note: row.note,
    })),
    total,
    page: page.page,
    pageSize: page.pageSize,
  };
}

/** All of a package's holders the caller sees (for the ledger), capped: a district has ~10,000 members. */
export async function allHolders(ctx: AppContext, actor: Actor, id: string) {
  const { db } = ctx.database;
  const row = await findPackage(db, packageReadScope(actor), holderReadScope(actor), id);
  if (!row) throw notFound();
  const { rows } = await listHolders(db, id, holderReadScope(actor), { limit: 50_000, offset: 0 });
  return { row, rows };
}

/**
 * The root of the caller's figures: staff and leaders their own unit; a chamber secretary the federation
 * their chamber hangs under, narrowed to their members by the holder scope.
 */
function figuresRoot(actor: Actor): string {
  return isFederationReader(actor) ? actor.orgPath : actor.orgPath.replace(/[^/]+\/$/, '');
}

export async function packageStats(
  ctx: AppContext,
  actor: Actor,
  query: { groupBy: PackageStatGrouping; from?: string; to?: string },
): Promise<PackageStats> {
  const period = { from: query.from ?? '1900-01-01', to: query.to ?? today(ctx) };
  if (period.to < period.from) throw invalidField('to', 'PERIOD_REVERSED', '结束日期不能早于开始日期');
  const counts = await holdingCounts(
    ctx.database.db,
    { path: figuresRoot(actor) },
    period,
    query.groupBy,
    holderReadScope(actor),
  );
  return { groupBy: query.groupBy, ...counts };
}

/** The packages the contact's enterprise holds, with their items (never another enterprise's). */
export async function myPackages(ctx: AppContext, actor: Actor): Promise<MyPackage[]> {
  if (!actor.enterpriseId) return [];
  const { db } = ctx.database;
  const rows = await heldBy(db, actor.enterpriseId);
  const items = await itemsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    description: row.description,
    orgUnitName: row.org_unit_name,
    handedOn: row.handed_on,
    // Only published policies are shown to an enterprise: a withdrawn one is no longer offered.
    items: items
      .filter((item) => item.package_id === row.id && (!item.policy_id || item.policy_state === 'published'))
      .map(presentItem),
  }));
}
