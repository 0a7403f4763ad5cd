// 党组织 party organizations of enterprises and chambers: record and change them (federation staff, owners
// in their subtree, audited with before and after), and compute the two coverage ratios (两个覆盖).
import {
  type CoverageResult,
  type CreatePartyOrganizationRequest,
  type PartyOrganizationForm,
  type PartyOrganizationListQuery,
  type PartyOrganizationView,
  type UpdatePartyOrganizationRequest,
} from '@qinqing/shared';
import { managesRegistryRecords } from '../../core/access/registry-scope.ts';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { forbidden, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { today } from '../people/service.ts';
import { searchKeysOfCached } from '../../core/search/name-match.ts';
import {
  coverageByChamber,
  coverageByOrgUnit,
  coverageTotal,
  findOwnerChamber,
  findOwnerEnterprise,
  findPartyOrganization,
  insertPartyOrganization,
  listPartyOrganizations,
  updatePartyOrganizationRow,
  type CoverageCounts,
  type PartyOrganizationRow,
} from './repository.ts';

function present(row: PartyOrganizationRow): PartyOrganizationView {
  return {
    id: row.id,
    name: row.name,
    form: row.form as PartyOrganizationForm,
    ownerKind: row.enterpriseId ? 'enterprise' : 'chamber',
    enterpriseId: row.enterpriseId,
    chamberId: row.chamberId,
    ownerName: row.ownerName,
    secretaryName: row.secretaryName,
    memberCount: row.memberCount,
    foundedOn: row.foundedOn,
    orgUnitId: row.orgUnitId,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function loadView(db: DbOrTx, actor: Actor, id: string): Promise<PartyOrganizationView> {
  const row = await findPartyOrganization(db, actor, id);
  if (!row) throw notFound();
  return present(row);
}

export async function listPartyOrganizationViews(
  ctx: AppContext,
  actor: Actor,
  query: PartyOrganizationListQuery,
): Promise<{ items: PartyOrganizationView[]; total: number }> {
  const { rows, total } = await listPartyOrganizations(ctx.database.db, actor, query);
  return { items: rows.map(present), total };
}

export function getPartyOrganization(
  ctx: AppContext,
  actor: Actor,
  id: string,
): Promise<PartyOrganizationView> {
  return loadView(ctx.database.db, actor, id);
}

function checkFoundedOn(foundedOn: string | null | undefined, now: string): void {
  if (foundedOn && foundedOn > now) {
    throw invalidField('foundedOn', 'DATE_IN_FUTURE', '成立日期不能晚于今天');
  }
}

export async function createPartyOrganization(
  ctx: AppContext,
  actor: Actor,
  input: CreatePartyOrganizationRequest,
  audit: AuditContext,
): Promise<PartyOrganizationView> {
  if (!managesRegistryRecords(actor)) throw forbidden();
  checkFoundedOn(input.foundedOn, today(ctx));
  return ctx.database.db.transaction(async (tx) => {
    let owner: { enterpriseId: string | null; chamberId: string | null; orgUnitId: string; name: string };
    if (input.enterpriseId) {
      const enterprise = await findOwnerEnterprise(tx, actor, input.enterpriseId);
      if (!enterprise) throw invalidField('enterpriseId', 'NOT_FOUND', '企业不存在或不在您的管理范围内');
      owner = {
        enterpriseId: enterprise.id,
        chamberId: null,
        orgUnitId: enterprise.orgUnitId,
        name: enterprise.name,
      };
    } else {
      const chamber = await findOwnerChamber(tx, actor, input.chamberId!);
      if (!chamber) throw invalidField('chamberId', 'NOT_FOUND', '商会不存在或不在您的管理范围内');
      owner = { enterpriseId: null, chamberId: chamber.id, orgUnitId: chamber.id, name: chamber.name };
    }
    const fields = {
      name: input.name,
      form: input.form,
      secretaryName: input.secretaryName || null,
      memberCount: input.memberCount ?? 0,
      foundedOn: input.foundedOn ?? null,
    };
    const id = await insertPartyOrganization(tx, {
      orgUnitId: owner.orgUnitId,
      enterpriseId: owner.enterpriseId,
      chamberId: owner.chamberId,
      ...fields,
    });
    await ctx.audit.record(tx, audit, {
      action: 'party_organization.created',
      objectType: 'party_organization',
      objectId: id,
      detail: {
        owner: { enterpriseId: owner.enterpriseId, chamberId: owner.chamberId, name: owner.name },
        after: fields,
      },
    });
    return loadView(tx, actor, id);
  });
}

export async function updatePartyOrganization(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdatePartyOrganizationRequest,
  audit: AuditContext,
): Promise<PartyOrganizationView> {
  if (!managesRegistryRecords(actor)) throw forbidden();
  checkFoundedOn(input.foundedOn, today(ctx));
  return ctx.database.db.transaction(async (tx) => {
    const current = await findPartyOrganization(tx, actor, id, 'write');
    if (!current) throw notFound();
    if (current.version !== input.version) throw versionConflict();
    const next = {
      name: input.name,
      form: input.form,
      secretaryName: input.secretaryName === undefined ? undefined : input.secretaryName || null,
      memberCount: input.memberCount,
      foundedOn: input.foundedOn,
    };
    const diff = changes(current as Record<string, unknown>, next);
    if (!diff) return present(current);
    if (!(await updatePartyOrganizationRow(tx, id, input.version, next, ctx.clock.now()))) {
      throw versionConflict();
    }
    await ctx.audit.record(tx, audit, {
      action: 'party_organization.updated',
      objectType: 'party_organization',
      objectId: id,
      detail: { ownerName: current.ownerName, ...diff },
    });
    return loadView(tx, actor, id);
  });
}

type CoverageGroup = { id: string; name: string; depth?: number } & CoverageCounts;

/** A share to four decimals; no enterprises, no ratio. */
function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function withRatios<T extends CoverageCounts>(counts: T) {
  return {
    ...counts,
    organizationCoverage: ratio(counts.organized, counts.enterprises),
    workCoverage: ratio(counts.covered, counts.enterprises),
  };
}

/**
 * 两个覆盖: organization coverage = member enterprises with a party organization of their own (any form
 * but a party-building instructor only) / member enterprises; work coverage = those with any party
 * organization record, an instructor included / member enterprises. Member enterprises: active, not
 * merged, in the caller's scope. The total counts every such enterprise once, whatever the grouping.
 */
export async function coverage(
  ctx: AppContext,
  actor: Actor,
  groupBy: 'chamber' | 'orgUnit',
): Promise<CoverageResult> {
  const db = ctx.database.db;
  const [groups, total]: [CoverageGroup[], CoverageCounts] = await Promise.all([
    groupBy === 'chamber' ? coverageByChamber(db, actor) : coverageByOrgUnit(db, actor),
    coverageTotal(db, actor),
  ]);
  // Chambers in pinyin order; org units level by level (federation above street), pinyin within a level.
  const rows = groups
    .map((row) => ({ row, depth: row.depth ?? 0, sortKey: searchKeysOfCached(row.name).sortKey }))
    .sort((a, b) => a.depth - b.depth || (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0))
    .map(({ row }) => ({
      id: row.id,
      name: row.name,
      enterprises: row.enterprises,
      organized: row.organized,
      covered: row.covered,
    }));
  return { groupBy, rows: rows.map(withRatios), total: withRatios(total) };
}
