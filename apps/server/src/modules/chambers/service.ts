// 商会/协会 chambers: found one (an org unit of kind chamber/association under a federation unit and its
// profile, in one transaction), change its profile, and keep its roster — members with their role, and
// the leadership (会长, 副会长, 秘书长, 执委) with terms. Every write audited with before and after.
import {
  ALLOWED_PARENT_KINDS,
  type AddChamberLeaderRequest,
  type AddChamberMemberRequest,
  type ChamberLeaderRole,
  type ChamberLeaderView,
  type ChamberListItem,
  type ChamberListQuery,
  type ChamberMemberListQuery,
  type ChamberMemberView,
  type ChamberType,
  type ChamberView,
  type CreateChamberRequest,
  type EndChamberLeaderRequest,
  type EndChamberMemberRequest,
  type ErrorDetail,
  type FormerChamberMemberView,
  type UpdateChamberLeaderRequest,
  type UpdateChamberMemberRequest,
  type UpdateChamberRequest,
} from '@qinqing/shared';
import { managesRegistryRecords } from '../../core/access/registry-scope.ts';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, forbidden, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { violatesUniqueIndex } from '../../db/errors.ts';
import { findOrgUnitInScope, siblingNamed } from '../org-units/repository.ts';
import { insertOrgUnit } from '../org-units/service.ts';
import { findPerson } from '../people/repository.ts';
import { today } from '../people/service.ts';
import { classifyQuery } from '../../core/search/search-keys.ts';
import { matchName, searchKeysOfCached } from '../../core/search/name-match.ts';
import { presentChamber, presentChamberListItem, presentLeader, presentMember } from './presenter.ts';
import {
  activeMemberCounts,
  chambersInScope,
  deleteLeader,
  deleteMember,
  endLeader,
  endMembership,
  findChamber,
  findLeader,
  findMember,
  findMemberCandidate,
  formerMembersOf,
  insertLeader,
  insertMember,
  insertProfile,
  leadersOf,
  listMembers,
  lockChamber,
  overlappingPresident,
  presidentsOf,
  updateChamberUnit,
  updateLeader,
  updateMember,
  updateProfile,
  type ChamberRow,
} from './repository.ts';

const nameTaken = () =>
  new AppError('CONFLICT', [{ path: 'name', code: 'NAME_TAKEN', message: '同一上级单位下已有同名单位' }]);

/** 协会 are org units of kind association; street, industry and out-of-town chambers of kind chamber. */
function kindOf(type: ChamberType): 'chamber' | 'association' {
  return type === 'association' ? 'association' : 'chamber';
}

function notInFuture(
  details: ErrorDetail[],
  path: string,
  value: string | null | undefined,
  now: string,
  label: string,
) {
  if (value && value > now) details.push({ path, code: 'DATE_IN_FUTURE', message: `${label}不能晚于今天` });
}

function checkTerm(details: ErrorDetail[], start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) {
    details.push({ path: 'termEnd', code: 'TERM_END_BEFORE_START', message: '任期结束日期不能早于开始日期' });
  }
}

function fail(details: ErrorDetail[]): void {
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}

async function loadView(ctx: AppContext, db: DbOrTx, actor: Actor, id: string): Promise<ChamberView> {
  const row = await findChamber(db, actor, id);
  if (!row) throw notFound();
  // One after the other: `db` may be a transaction's single connection.
  const members = await activeMemberCounts(db, [id]);
  return presentChamber(row, members.get(id) ?? 0, await leadersOf(db, id), today(ctx));
}

export async function listChambers(
  ctx: AppContext,
  actor: Actor,
  query: ChamberListQuery,
): Promise<{ items: ChamberListItem[]; total: number }> {
  const db = ctx.database.db;
  const rows = await chambersInScope(db, actor, { type: query.type, parentId: query.parentId });
  const search = query.q ? classifyQuery(query.q) : undefined;
  const ranked: { row: ChamberRow; rank: number; sortKey: string }[] = [];
  for (const row of rows) {
    const keys = searchKeysOfCached(row.name);
    let rank = 0;
    if (search && search.value !== '') {
      const match = matchName(search, { names: [row.name], ...keys });
      if (!match) continue;
      rank = match.rank;
    }
    ranked.push({ row, rank, sortKey: keys.sortKey });
  }
  ranked.sort((a, b) => a.rank - b.rank || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  const page = ranked.slice((query.page - 1) * query.pageSize, query.page * query.pageSize);
  const ids = page.map((p) => p.row.id);
  const [presidents, members] = await Promise.all([
    presidentsOf(db, ids, today(ctx)),
    activeMemberCounts(db, ids),
  ]);
  return {
    items: page.map(({ row }) =>
      presentChamberListItem(row, members.get(row.id) ?? 0, presidents.get(row.id) ?? null),
    ),
    total: ranked.length,
  };
}

export function getChamber(ctx: AppContext, actor: Actor, id: string): Promise<ChamberView> {
  return loadView(ctx, ctx.database.db, actor, id);
}

function profileOf(
  row: Pick<ChamberRow, 'name' | 'chamberType' | 'foundedOn' | 'registrationNo' | 'registeredOn' | 'address'>,
) {
  return {
    name: row.name,
    chamberType: row.chamberType,
    foundedOn: row.foundedOn,
    registrationNo: row.registrationNo,
    registeredOn: row.registeredOn,
    address: row.address,
  };
}

export async function createChamber(
  ctx: AppContext,
  actor: Actor,
  input: CreateChamberRequest,
  audit: AuditContext,
): Promise<ChamberView> {
  if (!managesRegistryRecords(actor)) throw forbidden();
  const now = today(ctx);
  const details: ErrorDetail[] = [];
  notInFuture(details, 'foundedOn', input.foundedOn, now, '成立日期');
  notInFuture(details, 'registeredOn', input.registeredOn, now, '登记日期');
  fail(details);
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const parent = await findOrgUnitInScope(tx, actor, input.parentId);
      if (!parent) {
        throw invalidField('parentId', 'NOT_FOUND', '上级工商联不存在或不在您的管理范围内');
      }
      const kind = kindOf(input.chamberType);
      if (!ALLOWED_PARENT_KINDS[kind].includes(parent.kind)) {
        throw invalidField(
          'parentId',
          'PARENT_NOT_FEDERATION',
          '商会、协会须设在工商联（省、市、区县或街道）之下',
        );
      }
      if (await siblingNamed(tx, parent.id, input.name)) throw nameTaken();
      const unit = await insertOrgUnit(tx, parent, { kind, name: input.name, code: input.code });
      const profile = {
        chamberType: input.chamberType,
        foundedOn: input.foundedOn ?? null,
        registrationNo: input.registrationNo || null,
        registeredOn: input.registeredOn ?? null,
        address: input.address || null,
      };
      await insertProfile(tx, unit.id, { ...profile, updatedAt: ctx.clock.now() });
      await ctx.audit.record(tx, audit, {
        action: 'chamber.created',
        objectType: 'chamber',
        objectId: unit.id,
        detail: { after: { name: unit.name, kind, parentId: parent.id, code: unit.code, ...profile } },
      });
      return loadView(ctx, tx, actor, unit.id);
    });
  } catch (error) {
    if (violatesUniqueIndex(error, 'org_units_sibling_name_key')) throw nameTaken();
    throw error;
  }
}

export async function updateChamber(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateChamberRequest,
  audit: AuditContext,
): Promise<ChamberView> {
  if (!managesRegistryRecords(actor)) throw forbidden();
  const now = today(ctx);
  const details: ErrorDetail[] = [];
  notInFuture(details, 'foundedOn', input.foundedOn, now, '成立日期');
  notInFuture(details, 'registeredOn', input.registeredOn, now, '登记日期');
  fail(details);
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const current = await findChamber(tx, actor, id, 'write');
      if (!current) throw notFound();
      if ((current.profileVersion ?? 0) !== input.version) throw versionConflict();
      const chamberType = input.chamberType ?? current.chamberType;
      if (!chamberType) {
        throw invalidField('chamberType', 'CHAMBER_TYPE_REQUIRED', '请先填写商会类型');
      }
      if (input.name && input.name !== current.name && current.parentId) {
        if (await siblingNamed(tx, current.parentId, input.name)) throw nameTaken();
      }
      const next = {
        name: input.name,
        chamberType: input.chamberType,
        foundedOn: input.foundedOn,
        registrationNo: input.registrationNo === undefined ? undefined : input.registrationNo || null,
        registeredOn: input.registeredOn,
        address: input.address === undefined ? undefined : input.address || null,
      };
      const diff = changes(profileOf(current), next);
      if (!diff) return loadView(ctx, tx, actor, id);

      const kind = kindOf(chamberType);
      if (next.name !== undefined || kind !== current.kind) {
        await updateChamberUnit(tx, id, { name: next.name, kind }, ctx.clock.now());
      }
      const profile = {
        chamberType,
        foundedOn: next.foundedOn,
        registrationNo: next.registrationNo,
        registeredOn: next.registeredOn,
        address: next.address,
        updatedAt: ctx.clock.now(),
      };
      if (current.profileVersion === null) {
        // A chamber founded before profiles were kept gets its profile on the first change.
        await insertProfile(tx, id, profile);
      } else if (!(await updateProfile(tx, id, input.version, profile))) {
        throw versionConflict();
      }
      await ctx.audit.record(tx, audit, {
        action: 'chamber.updated',
        objectType: 'chamber',
        objectId: id,
        detail: diff,
      });
      return loadView(ctx, tx, actor, id);
    });
  } catch (error) {
    if (violatesUniqueIndex(error, 'org_units_sibling_name_key')) throw nameTaken();
    if (violatesUniqueIndex(error, 'chamber_profiles_pkey')) throw versionConflict();
    throw error;
  }
}

// 会员 members ------------------------------------------------------------------------------------------

export async function listChamberMembers(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  query: ChamberMemberListQuery,
): Promise<{ items: ChamberMemberView[]; total: number }> {
  const chamber = await findChamber(ctx.database.db, actor, chamberId);
  if (!chamber) throw notFound();
  const { rows, total } = await listMembers(ctx.database.db, actor, chamberId, query);
  return { items: rows.map(presentMember), total };
}

export async function addChamberMember(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  input: AddChamberMemberRequest,
  audit: AuditContext,
): Promise<ChamberMemberView> {
  const details: ErrorDetail[] = [];
  notInFuture(details, 'joinedOn', input.joinedOn, today(ctx), '入会日期');
  fail(details);
  return ctx.database.db.transaction(async (tx) => {
    const chamber = await findChamber(tx, actor, chamberId, 'roster');
    if (!chamber) throw notFound();
    // An enterprise the caller can see, or (a secretary) one registered under the chamber's federation.
    const enterprise = await findMemberCandidate(tx, actor, parentPathOf(chamber.path), input);
    if (!enterprise || enterprise.mergedIntoId) {
      throw input.uscc === undefined
        ? invalidField('enterpriseId', 'NOT_FOUND', '企业不存在或不在您的管理范围内')
        : invalidField(
            'uscc',
            'NOT_FOUND',
            '本商会所属工商联名册中没有这个统一社会信用代码，请核对或请工商联先登记该企业',
          );
    }
    const added = await insertMember(tx, {
      chamberId,
      enterpriseId: enterprise.id,
      role: input.role ?? 'member',
      joinedOn: input.joinedOn ?? today(ctx),
    });
    if (!added) {
      throw new AppError('CONFLICT', [
        { path: 'enterpriseId', code: 'ALREADY_MEMBER', message: '该企业已是本商会会员' },
      ]);
    }
    const member = (await findMember(tx, chamberId, enterprise.id))!;
    await ctx.audit.record(tx, audit, {
      action: 'chamber.member_added',
      objectType: 'chamber',
      objectId: chamberId,
      detail: {
        chamberName: chamber.name,
        after: {
          enterpriseId: enterprise.id,
          enterpriseName: enterprise.name,
          role: member.role,
          joinedOn: member.joinedOn,
        },
      },
    });
    return presentMember(member);
  });
}

/** A chamber in the caller's roster scope and one of its members, or 404. */
async function rosterMember(tx: DbOrTx, actor: Actor, chamberId: string, enterpriseId: string) {
  const chamber = await findChamber(tx, actor, chamberId, 'roster');
  if (!chamber) throw notFound();
  const current = await findMember(tx, chamberId, enterpriseId);
  if (!current) throw notFound();
  return { chamber, current };
}

/** A chamber in the caller's roster scope and one of its leaders, or 404. */
async function rosterLeader(tx: DbOrTx, actor: Actor, chamberId: string, leaderId: string) {
  const chamber = await findChamber(tx, actor, chamberId, 'roster');
  if (!chamber) throw notFound();
  const current = await findLeader(tx, chamberId, leaderId);
  if (!current) throw notFound();
  return { chamber, current };
}

export async function updateChamberMember(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  enterpriseId: string,
  input: UpdateChamberMemberRequest,
  audit: AuditContext,
): Promise<ChamberMemberView> {
  const details: ErrorDetail[] = [];
  notInFuture(details, 'joinedOn', input.joinedOn, today(ctx), '入会日期');
  fail(details);
  return ctx.database.db.transaction(async (tx) => {
    const { chamber, current } = await rosterMember(tx, actor, chamberId, enterpriseId);
    const diff = changes({ role: current.role, joinedOn: current.joinedOn }, input);
    if (!diff) return presentMember(current);
    await updateMember(tx, chamberId, enterpriseId, { role: input.role, joinedOn: input.joinedOn });
    await ctx.audit.record(tx, audit, {
      action: 'chamber.member_updated',
      objectType: 'chamber',
      objectId: chamberId,
      detail: { chamberName: chamber.name, enterpriseId, enterpriseName: current.enterpriseName, ...diff },
    });
    return presentMember((await findMember(tx, chamberId, enterpriseId))!);
  });
}

export async function removeChamberMember(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  enterpriseId: string,
  audit: AuditContext,
): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const { chamber, current } = await rosterMember(tx, actor, chamberId, enterpriseId);
    await deleteMember(tx, chamberId, enterpriseId);
    await ctx.audit.record(tx, audit, {
      action: 'chamber.member_removed',
      objectType: 'chamber',
      objectId: chamberId,
      detail: {
        chamberName: chamber.name,
        before: {
          enterpriseId,
          enterpriseName: current.enterpriseName,
          role: current.role,
          joinedOn: current.joinedOn,
        },
      },
    });
  });
}

/** The chamber's federation: its parent's path (`/root/…/parent/`), from its own. */
function parentPathOf(path: string): string | null {
  const parent = path.replace(/[^/]+\/$/, '');
  return parent.length > 1 ? parent : null;
}

/**
 * 退会: a membership ends on a day, for a reason. The live row becomes the chamber's history, so every
 * count and scope that reads live members stops counting it, and the page still shows who left and why.
 */
export async function endChamberMember(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  enterpriseId: string,
  input: EndChamberMemberRequest,
  audit: AuditContext,
): Promise<void> {
  const details: ErrorDetail[] = [];
  notInFuture(details, 'leftOn', input.leftOn, today(ctx), '退会日期');
  fail(details);
  await ctx.database.db.transaction(async (tx) => {
    const { chamber, current } = await rosterMember(tx, actor, chamberId, enterpriseId);
    if (current.joinedOn && input.leftOn < current.joinedOn) {
      throw invalidField('leftOn', 'LEFT_BEFORE_JOINED', `退会日期不能早于入会日期（${current.joinedOn}）`);
    }
    await endMembership(
      tx,
      { chamberId, enterpriseId, role: current.role, joinedOn: current.joinedOn },
      { leftOn: input.leftOn, reason: input.reason, endedBy: actor.userId, endedAt: ctx.clock.now() },
    );
    await ctx.audit.record(tx, audit, {
      action: 'chamber.member_ended',
      objectType: 'chamber',
      objectId: chamberId,
      detail: {
        chamberName: chamber.name,
        enterpriseId,
        enterpriseName: current.enterpriseName,
        before: { role: current.role, joinedOn: current.joinedOn },
        after: { leftOn: input.leftOn, reason: input.reason },
      },
    });
  });
}

export async function listFormerChamberMembers(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
): Promise<FormerChamberMemberView[]> {
  const chamber = await findChamber(ctx.database.db, actor, chamberId);
  if (!chamber) throw notFound();
  const rows = await formerMembersOf(ctx.database.db, chamberId);
  return rows.map((row) => ({ ...row, role: row.role as FormerChamberMemberView['role'] }));
}

// 领导班子 leaders --------------------------------------------------------------------------------------

export async function listChamberLeaders(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
): Promise<ChamberLeaderView[]> {
  const chamber = await findChamber(ctx.database.db, actor, chamberId);
  if (!chamber) throw notFound();
  const now = today(ctx);
  return (await leadersOf(ctx.database.db, chamberId)).map((row) => presentLeader(row, now));
}

const presidentOverlap = () =>
  new AppError('CONFLICT', [
    { path: 'termStart', code: 'PRESIDENT_TERM_OVERLAP', message: '该任期内本商会已有会长' },
  ]);

export async function addChamberLeader(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  input: AddChamberLeaderRequest,
  audit: AuditContext,
): Promise<ChamberLeaderView> {
  const details: ErrorDetail[] = [];
  checkTerm(details, input.termStart, input.termEnd);
  fail(details);
  return ctx.database.db.transaction(async (tx) => {
    const chamber = await findChamber(tx, actor, chamberId, 'roster');
    if (!chamber) throw notFound();
    const person = await findPerson(tx, actor, input.personId, 'read');
    if (!person) throw invalidField('personId', 'NOT_FOUND', '人员不存在或不在您的管理范围内');
    const term = { start: input.termStart ?? null, end: input.termEnd ?? null };
    if (input.role === 'president') {
      // One 会长 at a time: the chamber is locked so that two simultaneous appointments cannot both pass.
      await lockChamber(tx, chamberId);
      if (await overlappingPresident(tx, chamberId, term)) throw presidentOverlap();
    }
    const leaderId = await insertLeader(tx, {
      chamberId,
      personId: person.id,
      role: input.role,
      termStart: term.start,
      termEnd: term.end,
    });
    await ctx.audit.record(tx, audit, {
      action: 'chamber.leader_added',
      objectType: 'chamber',
      objectId: chamberId,
      detail: {
        chamberName: chamber.name,
        after: {
          personId: person.id,
          personName: person.name,
          role: input.role,
          termStart: term.start,
          termEnd: term.end,
        },
      },
    });
    return presentLeader((await findLeader(tx, chamberId, leaderId))!, today(ctx));
  });
}

export async function updateChamberLeader(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  leaderId: string,
  input: UpdateChamberLeaderRequest,
  audit: AuditContext,
): Promise<ChamberLeaderView> {
  return ctx.database.db.transaction(async (tx) => {
    const { chamber, current } = await rosterLeader(tx, actor, chamberId, leaderId);
    const role = (input.role ?? current.role) as ChamberLeaderRole;
    const term = {
      start: input.termStart === undefined ? current.termStart : input.termStart,
      end: input.termEnd === undefined ? current.termEnd : input.termEnd,
    };
    const details: ErrorDetail[] = [];
    checkTerm(details, term.start, term.end);
    fail(details);
    const diff = changes(
      { role: current.role, termStart: current.termStart, termEnd: current.termEnd },
      { role: input.role, termStart: input.termStart, termEnd: input.termEnd },
    );
    if (!diff) return presentLeader(current, today(ctx));
    if (role === 'president') {
      await lockChamber(tx, chamberId);
      if (await overlappingPresident(tx, chamberId, term, leaderId)) throw presidentOverlap();
    }
    await updateLeader(tx, leaderId, { role, termStart: term.start, termEnd: term.end });
    await ctx.audit.record(tx, audit, {
      action: 'chamber.leader_updated',
      objectType: 'chamber',
      objectId: chamberId,
      detail: { chamberName: chamber.name, leaderId, personName: current.personName, ...diff },
    });
    return presentLeader((await findLeader(tx, chamberId, leaderId))!, today(ctx));
  });
}

export async function removeChamberLeader(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  leaderId: string,
  audit: AuditContext,
): Promise<void> {
  await ctx.database.db.transaction(async (tx) => {
    const { chamber, current } = await rosterLeader(tx, actor, chamberId, leaderId);
    await deleteLeader(tx, leaderId);
    await ctx.audit.record(tx, audit, {
      action: 'chamber.leader_removed',
      objectType: 'chamber',
      objectId: chamberId,
      detail: {
        chamberName: chamber.name,
        before: {
          personId: current.personId,
          personName: current.personName,
          role: current.role,
          termStart: current.termStart,
          termEnd: current.termEnd,
        },
      },
    });
  });
}

/**
 * 卸任: a leader's term ends on a day, for a reason (换届, 辞职…); the appointment stays as the chamber's
 * history and the leader is no longer current from the day after.
 */
export async function endChamberLeader(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  leaderId: string,
  input: EndChamberLeaderRequest,
  audit: AuditContext,
): Promise<ChamberLeaderView> {
  return ctx.database.db.transaction(async (tx) => {
    const { chamber, current } = await rosterLeader(tx, actor, chamberId, leaderId);
    const details: ErrorDetail[] = [];
    checkTerm(details, current.termStart, input.termEnd);
    if (current.endReason !== null) {
      details.push({ path: 'termEnd', code: 'TERM_ALREADY_ENDED', message: '该任职已卸任，不能重复卸任' });
    }
    fail(details);
    await endLeader(tx, leaderId, input.termEnd, input.reason);
    await ctx.audit.record(tx, audit, {
      action: 'chamber.leader_ended',
      objectType: 'chamber',
      objectId: chamberId,
      detail: {
        chamberName: chamber.name,
        leaderId,
        personName: current.personName,
        role: current.role,
        before: { termEnd: current.termEnd },
        after: { termEnd: input.termEnd, endReason: input.reason },
      },
    });
    return presentLeader((await findLeader(tx, chamberId, leaderId))!, today(ctx));
  });
}
