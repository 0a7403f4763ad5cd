// 捐赠 donations: campaigns and programs (created by federation staff), the donations ledger (recorded by
// staff, a chamber secretary for their chamber and members, an enterprise contact for its own enterprise —
// always pending until staff confirm), its transitions on core/transitions (confirm, acknowledge, void),
// the figures and a party organization's participation. Every write audited in its transaction.
import {
  DONATION_CHANNEL_LABELS,
  DONATION_KIND_LABELS,
  DONATION_TRANSITIONS,
  donationActionsFrom,
  fenToYuan,
  yuanToFen,
  type CampaignListQuery,
  type CampaignSummary,
  type CampaignView,
  type CreateCampaignRequest,
  type CreateDonationRequest,
  type DonationAction,
  type DonationItem,
  type DonationListQuery,
  type DonationPage,
  type DonationParticipation,
  type DonationState,
  type DonationStats,
  type DonationStatsQuery,
  type DonationTransitionRequest,
  type DonationView,
  type DonorKind,
  type ErrorDetail,
  type ParticipationQuery,
} from '@qinqing/shared';
import { sql } from 'drizzle-orm';
import { partyOrganizationScope } from '../../core/access/registry-scope.ts';
import { managesDonations } from '../../core/access/donation-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound } from '../../core/errors.ts';
import { listPath, rate } from '../../core/measures/registry.ts';
import {
  runTransition,
  type TransitionEffect,
  type TransitionMachine,
} from '../../core/transitions/transitions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { partyOrganizations } from '../../db/schema/index.ts';
import { splitPeriod } from '../appeal-stats/service.ts';
import { findOrgUnitInScope } from '../org-units/repository.ts';
import { acknowledgementLetter } from './acknowledgement.ts';
import {
  presentCampaign,
  presentCampaignSummary,
  presentDonation,
  presentDonationSummary,
} from './presenter.ts';
import {
  attachmentsOfDonation,
  campaignTotals,
  chamberTotals,
  findCampaign,
  findDonation,
  findDonor,
  findOrganizer,
  groupedTotals,
  insertCampaign,
  insertDonation,
  listCampaigns as listCampaignRows,
  listDonations as listDonationRows,
  participation,
  receiptTaken,
  subtreeTotals,
  unitNamesOf,
  updateDonationRow,
  type DonationRow,
  type SplitPeriod,
} from './repository.ts';

const today = (ctx: AppContext) => shanghaiDay(ctx.clock.now());

function fail(details: ErrorDetail[]): void {
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}

/** The year of `day`, or the period asked: refused when inverted. */
function periodOf(ctx: AppContext, query: { from?: string; to?: string }): { from: string; to: string } {
  const year = (query.to ?? query.from ?? today(ctx)).slice(0, 4);
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  if (from > to) throw invalidField('from', 'PERIOD_REVERSED', '开始日期不能晚于结束日期');
  return { from, to };
}

// Campaigns ----------------------------------------------------------------------------------------------

export async function createCampaign(
  ctx: AppContext,
  actor: Actor,
  input: CreateCampaignRequest,
  audit: AuditContext,
): Promise<CampaignView> {
  if (input.endsOn && input.endsOn < input.startsOn)
    throw invalidField('endsOn', 'ENDS_BEFORE_START', '结束日期不能早于开始日期');
  return ctx.database.db.transaction(async (tx) => {
    const organizer = await findOrganizer(tx, actor, input.organizerId ?? actor.orgUnitId);
    if (!organizer) {
      throw invalidField('organizerId', 'ORGANIZER_NOT_FOUND', '组织单位应为本级或下级工商联、商会');
    }
    const now = ctx.clock.now();
    const targetFen = input.target ? yuanToFen(input.target) : null;
    const values = {
      orgUnitId: organizer.id,
      name: input.name,
      kind: input.kind ?? 'campaign',
      description: input.description || null,
      startsOn: input.startsOn,
      endsOn: input.endsOn ?? null,
      targetFen,
      beneficiaryHouseholds: input.beneficiaryHouseholds ?? null,
      beneficiaryPersons: input.beneficiaryPersons ?? null,
      beneficiaryStudents: input.beneficiaryStudents ?? null,
    };
    const id = await insertCampaign(tx, {
      ...values,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.audit.record(tx, audit, {
      action: 'campaign.created',
      objectType: 'donation_campaign',
      objectId: id,
      detail: {
        after: {
          ...values,
          orgUnitName: organizer.name,
          targetFen: undefined,
          target: targetFen === null ? null : fenToYuan(targetFen),
        },
      },
    });
    return loadCampaign(tx, actor, id);
  });
}

async function loadCampaign(db: DbOrTx, actor: Actor, id: string): Promise<CampaignView> {
  const row = await findCampaign(db, actor, id);
  if (!row) throw notFound();
  return presentCampaign(row, await campaignTotals(db, actor, id));
}

export function getCampaign(ctx: AppContext, actor: Actor, id: string): Promise<CampaignView> {
  return loadCampaign(ctx.database.db, actor, id);
}

export async function listCampaigns(
  ctx: AppContext,
  actor: Actor,
  query: CampaignListQuery,
): Promise<{ items: CampaignSummary[]; total: number }> {
  const { rows, total } = await listCampaignRows(ctx.database.db, actor, query);
  return { items: rows.map(presentCampaignSummary), total };
}

// Donations ----------------------------------------------------------------------------------------------

const DONOR_FIELDS = [
  ['donorEnterpriseId', 'enterprise'],
  ['donorPersonId', 'person'],
  ['donorChamberId', 'chamber'],
  ['donorPartyOrganizationId', 'party_organization'],
] as const satisfies readonly (readonly [keyof CreateDonationRequest, DonorKind])[];

/** The one donor named: exactly one of the four fields. */
function donorAsked(input: CreateDonationRequest): { field: string; kind: DonorKind; id: string } {
  const named = DONOR_FIELDS.filter(([field]) => input[field]);
  if (named.length !== 1) {
    throw invalidField(
      'donorEnterpriseId',
      named.length === 0 ? 'DONOR_REQUIRED' : 'ONE_DONOR',
      named.length === 0
        ? '请指定捐赠方：企业、个人、商会或党组织'
        : '捐赠方只能是一个：企业、个人、商会或党组织之一',
    );
  }
  const [field, kind] = named[0]!;
  return { field, kind, id: input[field] as string };
}

/** The valuation in fen and the items as stored, by kind; every missing or contradicting field named. */
function valuationOf(input: CreateDonationRequest): { amountFen: bigint; items: DonationItem[] } {
  const details: ErrorDetail[] = [];
  const items = (input.items ?? []).map((item) => ({
    ...item,
    ...(item.value ? { value: fenToYuan(yuanToFen(item.value)) } : {}),
  }));
  let amountFen = input.amount ? yuanToFen(input.amount) : null;
  if (input.kind === 'goods') {
    if (items.length === 0)
      details.push({ path: 'items', code: 'ITEMS_REQUIRED', message: '捐物须填写物资明细（名称、数量）' });
    const valued = items.every((item) => item.value);
    const itemsFen = items.reduce((sum, item) => sum + (item.value ? yuanToFen(item.value) : 0n), 0n);
    if (amountFen === null && items.length > 0) {
      if (valued) amountFen = itemsFen;
      else
        details.push({
          path: 'amount',
          code: 'VALUATION_REQUIRED',
          message: '捐物须填写折价金额（总额或每项物资的折价）',
        });
    } else if (amountFen !== null && items.length > 0 && valued && itemsFen !== amountFen) {
      details.push({
        path: 'amount',
        code: 'AMOUNT_MISMATCH',
        message: `折价总额应等于各项物资折价之和（${fenToYuan(itemsFen)} 元）`,
      });
    }
  } else {
    if (items.length > 0)
      details.push({ path: 'items', code: 'ITEMS_NOT_GOODS', message: '只有捐物才填写物资明细' });
    if (amountFen === null) {
      details.push({
        path: 'amount',
        code: 'AMOUNT_REQUIRED',
        message: input.kind === 'cash' ? '请填写捐款金额' : '请填写折价金额',
      });
    }
  }
  if (input.kind === 'rent_reduction') {
    if (!input.rentTenants)
      details.push({
        path: 'rentTenants',
        code: 'RENT_TENANTS_REQUIRED',
        message: '减免租金须填写减免租户数',
      });
    if (!input.rentMonths)
      details.push({ path: 'rentMonths', code: 'RENT_MONTHS_REQUIRED', message: '减免租金须填写减免月数' });
  } else if (input.rentTenants || input.rentMonths) {
    details.push({
      path: input.rentTenants ? 'rentTenants' : 'rentMonths',
      code: 'RENT_NOT_REDUCTION',
      message: '只有减免租金才填写租户数和月数',
    });
  }
  fail(details);
  return { amountFen: amountFen!, items };
}

export async function createDonation(
  ctx: AppContext,
  actor: Actor,
  input: CreateDonationRequest,
  audit: AuditContext,
): Promise<DonationView> {
  const donorRef = donorAsked(input);
  const { amountFen, items } = valuationOf(input);
  const details: ErrorDetail[] = [];
  if (input.donatedOn > today(ctx))
    details.push({ path: 'donatedOn', code: 'DATE_IN_FUTURE', message: '捐赠日期不能晚于今天' });
  if (input.directed && !input.directedTo)
    details.push({
      path: 'directedTo',
      code: 'DIRECTED_TO_REQUIRED',
      message: '定向捐赠须填写定向地区或对象',
    });
  if (input.partyMemberCount && donorRef.kind !== 'party_organization') {
    details.push({
      path: 'partyMemberCount',
      code: 'NOT_A_PARTY_ORGANIZATION',
      message: '只有党组织的捐赠才填写捐款党员人数',
    });
  }
  fail(details);
  return ctx.database.db.transaction(async (tx) => {
    const donor = await findDonor(tx, actor, donorRef.kind, donorRef.id);
    if (!donor) throw invalidField(donorRef.field, 'DONOR_NOT_FOUND', '捐赠方不存在或不在您的管理范围内');
    const campaignId = input.campaignId ?? null;
    if (campaignId && !(await findCampaign(tx, actor, campaignId)))
      throw invalidField('campaignId', 'CAMPAIGN_NOT_FOUND', '捐赠活动不存在或不在您的管理范围内');
    const receiptNumber = input.receiptNumber || null;
    if (receiptNumber) {
      // One transaction at a time per campaign's receipts: the unique index settles a race, this names it.
      await tx.execute(
        sql`SELECT pg_advisory_xact_lock(hashtext(${`donation-receipt:${campaignId ?? ''}`}))`,
      );
      if (await receiptTaken(tx, campaignId, receiptNumber)) {
        throw new AppError('CONFLICT', [
          {
            path: 'receiptNumber',
            code: 'RECEIPT_NUMBER_TAKEN',
            message: `捐赠票据号 ${receiptNumber} 在${campaignId ? '该捐赠活动' : '未归入活动的捐赠'}中已登记`,
          },
        ]);
      }
    }
    const now = ctx.clock.now();
    const values = {
      orgUnitId: donor.orgUnitId,
      campaignId,
      donorEnterpriseId: donor.kind === 'enterprise' ? donor.id : null,
      donorPersonId: donor.kind === 'person' ? donor.id : null,
      donorChamberId: donor.kind === 'chamber' ? donor.id : null,
      donorPartyOrganizationId: donor.kind === 'party_organization' ? donor.id : null,
      donorName: donor.name,
      kind: input.kind,
      amountFen,
      items,
      rentTenants: input.rentTenants ?? null,
      rentMonths: input.rentMonths ?? null,
      channel: input.channel,
      channelName: input.channelName || null,
      recipient: input.recipient || null,
      directed: input.directed ?? false,
      directedTo: input.directed ? input.directedTo || null : null,
      donatedOn: input.donatedOn,
      receiptNumber,
      partyMemberCount: input.partyMemberCount ?? null,
      note: input.note || null,
    };
    const id = await insertDonation(tx, {
      ...values,
      state: 'pledged',
      recordedBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await ctx.audit.record(tx, audit, {
      action: 'donation.recorded',
      objectType: 'donation',
      objectId: id,
      detail: {
        after: {
          ...values,
          amountFen: undefined,
          amount: fenToYuan(amountFen),
          donorKind: donor.kind,
          state: 'pledged',
        },
      },
    });
    return loadDonation(tx, actor, id);
  });
}

/** The actions the caller may take on a donation in its state: confirming and voiding are staff's. */
function actionsFor(actor: Actor, state: DonationState): DonationAction[] {
  return managesDonations(actor) && actor.permissions.has('donations.manage')
    ? donationActionsFrom(state)
    : [];
}

/** Evidence is added by whoever may record donations and sees this one, until it is voided. */
export function mayAttachEvidence(actor: Actor, state: DonationState): boolean {
  return actor.permissions.has('donations.record') && state !== 'voided';
}

async function loadDonation(db: DbOrTx, actor: Actor, id: string): Promise<DonationView> {
  const row = await findDonation(db, actor, id);
  if (!row) throw notFound();
  return presentDonation(
    row,
    actionsFor(actor, row.state),
    await attachmentsOfDonation(db, id),
    mayAttachEvidence(actor, row.state),
  );
}

export function getDonation(ctx: AppContext, actor: Actor, id: string): Promise<DonationView> {
  return loadDonation(ctx.database.db, actor, id);
}

export async function listDonations(
  ctx: AppContext,
  actor: Actor,
  query: DonationListQuery,
): Promise<Omit<DonationPage, 'page' | 'pageSize'>> {
  let unitPath: string | null = null;
  if (query.orgUnitId) {
    const unit = await findOrgUnitInScope(ctx.database.db, actor, query.orgUnitId);
    if (!unit) throw notFound();
    unitPath = unit.path;
  }
  const { rows, total, confirmed } = await listDonationRows(ctx.database.db, actor, query, unitPath);
  return {
    items: rows.map(presentDonationSummary),
    total,
    confirmed: { count: confirmed.count, amount: fenToYuan(confirmed.fen) },
  };
}

type DonationChange = Parameters<typeof updateDonationRow>[2];

const donationMachine: TransitionMachine<
  DonationRow,
  { state: DonationState },
  boolean,
  DonationTransitionRequest,
  TransitionEffect & { change: DonationChange }
> = {
  objectType: 'donation',
  lock: (tx, actor, id) => findDonation(tx, actor, id, { forUpdate: true }),
  stateOf: (row) => ({ state: row.state }),
  // Confirming, acknowledging and voiding are federation staff's, in their subtree.
  capacityOf: (actor) => managesDonations(actor) && actor.permissions.has('donations.manage'),
  decide: (current, action, manages) =>
    !manages ? 'forbidden' : DONATION_TRANSITIONS[action].includes(current.state) ? 'allowed' : 'not_now',
  async apply({ subject, request, actor, now }) {
    const from = subject.state;
    let change: DonationChange;
    switch (request.action) {
      case 'confirm':
        change = { state: 'received', confirmedBy: actor.userId, confirmedAt: now };
        break;
      case 'acknowledge':
        change = { state: 'acknowledged', acknowledgedAt: now };
        break;
      case 'void':
        if (!request.reason) throw invalidField('reason', 'REASON_REQUIRED', '作废须说明原因');
        change = { state: 'voided', voidReason: request.reason, voidedAt: now };
        break;
    }
    return {
      change,
      audit: {
        detail: {
          donorName: subject.donorName,
          amount: fenToYuan(subject.amountFen),
          from,
          to: change.state,
          ...(request.reason ? { reason: request.reason } : {}),
        },
      },
    };
  },
  save: ({ tx, id, subject, now }, outcome) =>
    updateDonationRow(tx, id, outcome.change, now, subject.version),
};

export async function transitionDonation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: DonationTransitionRequest,
  audit: AuditContext,
): Promise<DonationView> {
  await runTransition(ctx, donationMachine, { actor, id, request: input, audit });
  return getDonation(ctx, actor, id);
}

/** The letter of a confirmed donation the caller can read (pledged or voided: 409), its download audited. */
export async function acknowledgementDocx(
  ctx: AppContext,
  actor: Actor,
  id: string,
  audit: AuditContext,
): Promise<{ buffer: Buffer; row: DonationRow }> {
  const row = await findDonation(ctx.database.db, actor, id);
  if (!row) throw notFound();
  if (row.state !== 'received' && row.state !== 'acknowledged') {
    throw new AppError('INVALID_TRANSITION', undefined, { state: row.state, action: 'acknowledgement' });
  }
  const { rows } = await ctx.database.db.execute<{ name: string }>(
    sql`SELECT u.name FROM org_units u JOIN org_units d ON d.path LIKE u.path || '%'
        WHERE d.id = ${row.orgUnitId} AND u.kind IN ('province', 'city', 'district', 'street')
        ORDER BY length(u.path) DESC LIMIT 1`,
  );
  const buffer = await acknowledgementLetter(row, {
    issuerName: rows[0]?.name ?? row.orgUnitName,
    issuedOn: row.acknowledgedAt ? shanghaiDay(row.acknowledgedAt) : today(ctx),
  });
  await ctx.database.db.transaction((tx) =>
    ctx.audit.record(tx, audit, {
      action: 'donation.acknowledgement_downloaded',
      objectType: 'donation',
      objectId: id,
      detail: { donorName: row.donorName, amount: fenToYuan(row.amountFen) },
    }),
  );
  return { buffer, row };
}

// Figures ------------------------------------------------------------------------------------------------

const GROUP_LABELS: Partial<Record<string, Record<string, string>>> = {
  kind: DONATION_KIND_LABELS,
  channel: DONATION_CHANNEL_LABELS,
};

/**
 * The whole months from the rollups (by chamber 0050's, the other groupings 0057's) and the days around them
 * from the records; with a campaign filter, its donations from the records.
 */
function splitFor(period: { from: string; to: string }, campaignId: string | undefined): SplitPeriod {
  const split = splitPeriod(period.from, period.to, campaignId ? 'records' : 'rollups');
  return { months: split.months, days: split.days };
}

/** Donations of the period in the caller's subtree (or a unit inside it), grouped; confirmed ones only. */
export async function donationStats(
  ctx: AppContext,
  actor: Actor,
  query: DonationStatsQuery,
): Promise<DonationStats> {
  const period = periodOf(ctx, query);
  const unit = await findOrgUnitInScope(ctx.database.db, actor, query.orgUnitId ?? actor.orgUnitId);
  if (!unit) throw notFound();
  const db = ctx.database.db;
  const [groups, totals] = await Promise.all([
    query.groupBy === 'chamber'
      ? chamberTotals(db, unit, splitFor(period, query.campaignId), query.campaignId)
      : groupedTotals(db, unit, splitFor(period, query.campaignId), query.groupBy, query.campaignId),
    query.campaignId ? null : subtreeTotals(db, { orgPath: unit.path }, period),
  ]);
  const names =
    query.groupBy === 'orgUnit'
      ? await unitNamesOf(
          db,
          groups.map((g) => g.key),
        )
      : new Map();
  const orgUnitId = unit.id === actor.orgUnitId ? undefined : unit.id;
  const base = {
    orgUnitId,
    from: period.from,
    to: period.to,
    state: 'confirmed',
    campaignId: query.campaignId,
  };
  const linkOf = (key: string): string => {
    switch (query.groupBy) {
      case 'campaign':
        return listPath('/donations', { ...base, campaignId: key || query.campaignId });
      case 'kind':
        return listPath('/donations', { ...base, kind: key });
      case 'channel':
        return listPath('/donations', { ...base, channel: key });
      case 'month': {
        const [y, m] = key.split('-').map(Number) as [number, number];
        const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
        const first = `${key}-01`;
        return listPath('/donations', {
          ...base,
          from: first < period.from ? period.from : first,
          to: last > period.to ? period.to : last,
        });
      }
      case 'orgUnit':
        return listPath('/donations', { ...base, orgUnitId: key });
      case 'chamber':
        return listPath(`/chambers/${key}`, { tab: 'donations' });
    }
  };
  const total = totals ?? {
    count: groups.reduce((n, g) => n + g.count, 0),
    fen: String(groups.reduce((n, g) => n + BigInt(g.fen), 0n)),
    directedFen: String(groups.reduce((n, g) => n + BigInt(g.directed_fen), 0n)),
  };
  return {
    groupBy: query.groupBy,
    orgUnit: { id: unit.id, name: unit.name },
    from: period.from,
    to: period.to,
    total: { count: total.count, amount: fenToYuan(total.fen), directed: fenToYuan(total.directedFen) },
    items: groups.map((g) => ({
      key: g.key,
      label:
        query.groupBy === 'orgUnit'
          ? g.key === unit.id
            ? `${unit.name}（本级）`
            : (names.get(g.key) ?? g.key)
          : (GROUP_LABELS[query.groupBy]?.[g.key] ?? g.label),
      count: g.count,
      amount: fenToYuan(g.fen),
      directed: fenToYuan(g.directed_fen),
      link: linkOf(g.key),
    })),
  };
}

export async function donationParticipation(
  ctx: AppContext,
  actor: Actor,
  id: string,
  query: ParticipationQuery,
): Promise<DonationParticipation> {
  const period = periodOf(ctx, query);
  const [organization] = await ctx.database.db
    .select({
      id: partyOrganizations.id,
      name: partyOrganizations.name,
      chamberId: partyOrganizations.chamberId,
    })
    .from(partyOrganizations)
    .where(sql`${partyOrganizations.id} = ${id} AND ${partyOrganizationScope(actor, 'read')}`);
  if (!organization) throw notFound();
  const row = await participation(ctx.database.db, organization, period);
  return {
    partyOrganization: { id: organization.id, name: organization.name },
    ...period,
    organizations: row.organizations,
    organizationsGave: row.organizations_gave,
    organizationShare: rate(row.organizations_gave, row.organizations),
    partyMembers: row.party_members,
    partyMembersGave: row.party_members_gave,
    partyMemberShare: rate(row.party_members_gave, row.party_members),
    amount: fenToYuan(row.fen),
  };
}
