// 代表人士 people: register and change a person with their positions and federation roles, reveal their
// mobile number — federation staff in their subtree, every write audited with before and after.
import {
  maskMobile,
  type CreatePersonRequest,
  type ErrorDetail,
  type OrgUnitKind,
  type PersonListItem,
  type PersonListQuery,
  type PersonView,
  type UpdatePersonRequest,
} from '@qinqing/shared';
import { pathInScope } from '../../core/access/access.ts';
import { managesRegistryRecords } from '../../core/access/registry-scope.ts';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, forbidden, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import { standingEnterpriseIds } from '../enterprises/repository.ts';
import { findOrgUnitInScope } from '../org-units/repository.ts';
import { searchKeysOf } from '../../core/search/search-keys.ts';
import { presentPerson, presentPersonListItem } from './presenter.ts';
import {
  chamberRolesOf,
  deleteFederationRoles,
  deleteVisiblePositions,
  federationRolesOf,
  findPerson,
  insertFederationRoles,
  insertPerson,
  insertPositions,
  listPeople,
  positionsOf,
  updatePersonRow,
  type PersonRow,
} from './repository.ts';

const FEDERATION_KINDS: readonly OrgUnitKind[] = ['province', 'city', 'district', 'street'];

export function today(ctx: AppContext): string {
  return ctx.clock.now().toISOString().slice(0, 10);
}

type PersonFields = Omit<CreatePersonRequest, 'name'> & { name?: string };

/** What zod cannot check alone: a birth year not in the future, terms in order, no position twice. */
function checkPersonFields(input: PersonFields, now: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (input.birthYear && input.birthYear > Number(now.slice(0, 4))) {
    details.push({ path: 'birthYear', code: 'DATE_IN_FUTURE', message: '出生年份不能晚于今年' });
  }
  const seen = new Set<string>();
  (input.positions ?? []).forEach((p, i) => {
    const key = `${p.enterpriseId}\u0000${p.position}`;
    if (seen.has(key)) {
      details.push({
        path: `positions.${i}.position`,
        code: 'DUPLICATE_POSITION',
        message: '同一企业的同一职务重复填写',
      });
    }
    seen.add(key);
  });
  (input.federationRoles ?? []).forEach((r, i) => {
    if (r.termStart && r.termEnd && r.termEnd < r.termStart) {
      details.push({
        path: `federationRoles.${i}.termEnd`,
        code: 'TERM_END_BEFORE_START',
        message: '任期结束日期不能早于开始日期',
      });
    }
  });
  return details;
}

/** A federation unit (province … street) in the caller's subtree, or undefined. */
async function federationUnitInScope(db: DbOrTx, actor: Actor, id: string) {
  const unit = await findOrgUnitInScope(db, actor, id);
  return unit && FEDERATION_KINDS.includes(unit.kind) ? unit : undefined;
}

/** Enterprises and federation units named in positions and roles exist and lie in the caller's scope. */
async function checkReferences(
  tx: Tx,
  actor: Actor,
  input: Pick<PersonFields, 'positions' | 'federationRoles'>,
  personOrgUnitId: string,
): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  const enterpriseIds = [...new Set((input.positions ?? []).map((p) => p.enterpriseId))];
  if (enterpriseIds.length > 0) {
    const known = await standingEnterpriseIds(tx, actor, enterpriseIds, 'write');
    (input.positions ?? []).forEach((p, i) => {
      if (!known.has(p.enterpriseId)) {
        details.push({
          path: `positions.${i}.enterpriseId`,
          code: 'NOT_FOUND',
          message: '企业不存在或不在您的管理范围内',
        });
      }
    });
  }
  for (const [i, role] of (input.federationRoles ?? []).entries()) {
    if (!(await federationUnitInScope(tx, actor, role.orgUnitId ?? personOrgUnitId))) {
      details.push({
        path: `federationRoles.${i}.orgUnitId`,
        code: 'NOT_FOUND',
        message: '工商联组织不存在或不在您的管理范围内',
      });
    }
  }
  return details;
}

async function loadView(ctx: AppContext, db: DbOrTx, actor: Actor, id: string): Promise<PersonView> {
  const row = await findPerson(db, actor, id);
  if (!row) throw notFound();
  // One after the other: the writes answer with this view from inside their transaction, on one connection.
  const positions = await positionsOf(db, actor, [id]);
  const roles = await federationRolesOf(db, [id]);
  const chamberRoles = await chamberRolesOf(db, actor, id);
  return presentPerson(row, { positions, roles, chamberRoles, today: today(ctx) });
}

export async function listPeopleView(
  ctx: AppContext,
  actor: Actor,
  query: PersonListQuery,
): Promise<{ items: PersonListItem[]; total: number }> {
  const db = ctx.database.db;
  const now = today(ctx);
  const { rows, total } = await listPeople(db, actor, query, now);
  const ids = rows.map((r) => r.id);
  const [positions, roles] = await Promise.all([positionsOf(db, actor, ids), federationRolesOf(db, ids)]);
  return { items: rows.map((row) => presentPersonListItem(row, { positions, roles, today: now })), total };
}

export function getPerson(ctx: AppContext, actor: Actor, id: string): Promise<PersonView> {
  return loadView(ctx, ctx.database.db, actor, id);
}

/** The person's fields as the audit log keeps them: the number masked (the audit administrator reads it). */
function audited(fields: Partial<PersonRow>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...fields };
  if (typeof fields.mobile === 'string') copy.mobile = maskMobile(fields.mobile);
  return copy;
}

type PositionInput = NonNullable<CreatePersonRequest['positions']>[number];
type RoleInput = NonNullable<CreatePersonRequest['federationRoles']>[number];

function roleValues(personId: string, personOrgUnitId: string, roles: RoleInput[]) {
  return roles.map((r) => ({
    personId,
    orgUnitId: r.orgUnitId ?? personOrgUnitId,
    role: r.role,
    termStart: r.termStart ?? null,
    termEnd: r.termEnd ?? null,
  }));
}

function positionValues(personId: string, positions: PositionInput[]) {
  return positions.map((p) => ({ personId, ...positionEntry(p) }));
}

/** A position and a role as compared and audited. */
const positionEntry = (p: { enterpriseId: string; position: string }) => ({
  enterpriseId: p.enterpriseId,
  position: p.position,
});
const roleEntry = (r: {
  orgUnitId: string;
  role: string;
  termStart: string | null;
  termEnd: string | null;
}) => ({
  orgUnitId: r.orgUnitId,
  role: r.role,
  termStart: r.termStart,
  termEnd: r.termEnd,
});

/** Two lists hold the same entries, in any order. */
function sameEntries(a: readonly object[], b: readonly object[]): boolean {
  const key = (list: readonly object[]) =>
    list
      .map((entry) => JSON.stringify(entry))
      .sort()
      .join('\n');
  return key(a) === key(b);
}

export async function createPerson(
  ctx: AppContext,
  actor: Actor,
  input: CreatePersonRequest,
  audit: AuditContext,
): Promise<PersonView> {
  if (!managesRegistryRecords(actor)) throw forbidden();
  const problems = checkPersonFields(input, today(ctx));
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  return ctx.database.db.transaction(async (tx) => {
    const orgUnitId = input.orgUnitId ?? actor.orgUnitId;
    if (!(await federationUnitInScope(tx, actor, orgUnitId))) {
      throw invalidField('orgUnitId', 'ORG_UNIT_OUT_OF_SCOPE', '所属工商联不存在或不在您的管理范围内');
    }
    const referenceProblems = await checkReferences(tx, actor, input, orgUnitId);
    if (referenceProblems.length > 0) throw new AppError('VALIDATION_FAILED', referenceProblems);
    const fields = {
      orgUnitId,
      name: input.name,
      gender: input.gender ?? null,
      birthYear: input.birthYear ?? null,
      politicalAffiliation: input.politicalAffiliation ?? 'none',
      npcLevel: input.npcLevel ?? null,
      cppccLevel: input.cppccLevel ?? null,
      mobile: input.mobile ?? null,
      email: input.email || null,
    };
    const id = await insertPerson(tx, { ...fields, ...searchKeysOf(input.name) });
    const positions = input.positions ?? [];
    const roles = input.federationRoles ?? [];
    await insertPositions(tx, positionValues(id, positions));
    await insertFederationRoles(tx, roleValues(id, orgUnitId, roles));
    await ctx.audit.record(tx, audit, {
      action: 'person.created',
      objectType: 'person',
      objectId: id,
      detail: {
        after: {
          ...audited(fields),
          positions: positions.map(positionEntry),
          federationRoles: roleValues(id, orgUnitId, roles).map(roleEntry),
        },
      },
    });
    return loadView(ctx, tx, actor, id);
  });
}

export async function updatePerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdatePersonRequest,
  audit: AuditContext,
): Promise<PersonView> {
  if (!managesRegistryRecords(actor)) throw forbidden();
  const problems = checkPersonFields(input, today(ctx));
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  return ctx.database.db.transaction(async (tx) => {
    const current = await findPerson(tx, actor, id, 'write');
    if (!current) throw notFound();
    if (current.version !== input.version) throw versionConflict();
    if (input.orgUnitId && input.orgUnitId !== current.orgUnitId) {
      if (!(await federationUnitInScope(tx, actor, input.orgUnitId))) {
        throw invalidField('orgUnitId', 'ORG_UNIT_OUT_OF_SCOPE', '所属工商联不存在或不在您的管理范围内');
      }
    }
    const orgUnitId = input.orgUnitId ?? current.orgUnitId;
    const referenceProblems = await checkReferences(tx, actor, input, orgUnitId);
    if (referenceProblems.length > 0) throw new AppError('VALIDATION_FAILED', referenceProblems);

    const next: Partial<PersonRow> = {
      orgUnitId: input.orgUnitId,
      name: input.name,
      gender: input.gender,
      birthYear: input.birthYear,
      politicalAffiliation: input.politicalAffiliation,
      npcLevel: input.npcLevel,
      cppccLevel: input.cppccLevel,
      mobile: input.mobile,
      email: input.email === undefined ? undefined : input.email || null,
    };
    const diff = changes(current as Record<string, unknown>, next as Record<string, unknown>);

    // Positions in enterprises the editor cannot see, and roles in federations above them, stay as they are.
    const visiblePositions = await positionsOf(tx, actor, [id]);
    const roles = await federationRolesOf(tx, [id]);
    const editableRoles = roles.filter((r) => pathInScope(r.orgUnitPath, actor));
    const positionsBefore = visiblePositions.map(positionEntry);
    const positionsAfter = input.positions?.map(positionEntry);
    const positionsChanged = positionsAfter !== undefined && !sameEntries(positionsBefore, positionsAfter);
    const rolesBefore = editableRoles.map(roleEntry);
    const rolesAfter =
      input.federationRoles && roleValues(id, orgUnitId, input.federationRoles).map(roleEntry);
    const rolesChanged = rolesAfter !== undefined && !sameEntries(rolesBefore, rolesAfter);
    if (!diff && !positionsChanged && !rolesChanged) return loadView(ctx, tx, actor, id);

    const keys = next.name !== undefined ? searchKeysOf(next.name) : {};
    if (!(await updatePersonRow(tx, id, input.version, { ...next, ...keys }, ctx.clock.now()))) {
      throw versionConflict();
    }
    if (positionsChanged && input.positions) {
      await deleteVisiblePositions(tx, actor, id);
      await insertPositions(tx, positionValues(id, input.positions));
    }
    if (rolesChanged && input.federationRoles) {
      await deleteFederationRoles(
        tx,
        editableRoles.map((r) => r.id),
      );
      await insertFederationRoles(tx, roleValues(id, orgUnitId, input.federationRoles));
    }
    await ctx.audit.record(tx, audit, {
      action: 'person.updated',
      objectType: 'person',
      objectId: id,
      detail: {
        before: {
          ...audited(diff?.before ?? {}),
          ...(positionsChanged ? { positions: positionsBefore } : {}),
          ...(rolesChanged ? { federationRoles: rolesBefore } : {}),
        },
        after: {
          ...audited(diff?.after ?? {}),
          ...(positionsChanged ? { positions: positionsAfter } : {}),
          ...(rolesChanged ? { federationRoles: rolesAfter } : {}),
        },
      },
    });
    return loadView(ctx, tx, actor, id);
  });
}

/** Reveals a person's full mobile number to a user allowed to see it; every reveal is audited. */
export async function unmaskPerson(
  ctx: AppContext,
  actor: Actor,
  id: string,
  audit: AuditContext,
): Promise<{ personId: string; mobile: string | null }> {
  const person = await findPerson(ctx.database.db, actor, id);
  if (!person) throw notFound();
  await ctx.database.db.transaction((tx) =>
    ctx.audit.record(tx, audit, {
      action: 'person.contact_unmasked',
      objectType: 'person',
      objectId: id,
      detail: { personName: person.name },
    }),
  );
  return { personId: id, mobile: person.mobile };
}
