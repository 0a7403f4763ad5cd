// 会员企业 enterprises: create, change, merge duplicates, reveal a contact's number — with the registry's
// rules (credit code unique and checked, reference codes known, membership status with reason and history).
import {
  ENTERPRISE_SIZE_LABELS,
  maskMobile,
  type CreateEnterpriseRequest,
  type EnterpriseView,
  type ErrorDetail,
  type UpdateEnterpriseRequest,
} from '@qinqing/shared';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import { isDivision } from '../../reference/divisions.ts';
import { isIndustryClass } from '../../reference/industries.ts';
import { violatesUniqueIndex } from '../../db/errors.ts';
import { insertMember, moveMembershipsToEnterprise } from '../chambers/repository.ts';
import { findOrgUnit, findOrgUnitInScope } from '../org-units/repository.ts';
import { movePartyOrganizationsToEnterprise } from '../party-organizations/repository.ts';
import { movePositionsToEnterprise } from '../people/repository.ts';
import { searchKeysOf } from '../../core/search/search-keys.ts';
import { moveAccountsToEnterprise } from '../users/repository.ts';
import { presentEnterprise } from './presenter.ts';
import {
  chambersOf,
  contactsOf,
  findByUscc,
  findContact,
  findEnterprise,
  hasPartyOrganization,
  insertContacts,
  insertEnterpriseRows,
  insertStatusChanges,
  moveContactsToEnterprise,
  replaceContacts,
  statusHistoryOf,
  updateEnterpriseRow,
  type ContactRow,
  type EnterpriseRow,
} from './repository.ts';

const FEDERATION_KINDS = ['province', 'city', 'district', 'street'];

function today(ctx: AppContext): string {
  return ctx.clock.now().toISOString().slice(0, 10);
}

type EnterpriseFields = Omit<CreateEnterpriseRequest, 'uscc' | 'name' | 'orgUnitId'> & {
  uscc?: string;
  name?: string;
};

/** Checks what zod cannot: reference codes exist, dates are not in the future, one primary contact. */
export function checkEnterpriseFields(input: EnterpriseFields, now: string): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  if (input.industryCode && !isIndustryClass(input.industryCode)) {
    details.push({
      path: 'industryCode',
      code: 'INDUSTRY_UNKNOWN',
      message: `行业代码 ${input.industryCode} 不是 GB/T 4754-2017 中的小类`,
    });
  }
  if (input.divisionCode && !isDivision(input.divisionCode)) {
    details.push({
      path: 'divisionCode',
      code: 'DIVISION_UNKNOWN',
      message: `行政区划代码 ${input.divisionCode} 不存在`,
    });
  }
  if (input.foundedOn && input.foundedOn > now) {
    details.push({ path: 'foundedOn', code: 'DATE_IN_FUTURE', message: '成立日期不能晚于今天' });
  }
  if (input.membership?.joinedOn && input.membership.joinedOn > now) {
    details.push({ path: 'membership.joinedOn', code: 'DATE_IN_FUTURE', message: '入会日期不能晚于今天' });
  }
  const status = input.membership?.status;
  if ((status === 'suspended' || status === 'withdrawn') && !input.membership?.statusReason) {
    details.push({
      path: 'membership.statusReason',
      code: 'STATUS_REASON_REQUIRED',
      message: '暂停或退会须填写原因',
    });
  }
  if ((input.contacts ?? []).filter((c) => c.isPrimary).length > 1) {
    details.push({ path: 'contacts', code: 'ONE_PRIMARY_CONTACT', message: '只能有一位主要联系人' });
  }
  return details;
}

/** Contacts as the audit log keeps them: numbers masked, the log is read by the audit administrator. */
export function auditedContacts(
  contacts: { name: string; position?: string | null; mobile?: string | null }[],
) {
  return contacts.map((c) => ({
    name: c.name,
    position: c.position ?? null,
    mobile: c.mobile ? maskMobile(c.mobile) : null,
  }));
}

async function loadView(ctx: AppContext, db: DbOrTx, actor: Actor, id: string): Promise<EnterpriseView> {
  const row = await findEnterprise(db, actor, id);
  if (!row) throw notFound();
  // One after the other: the writes answer with this view from inside their transaction, on one connection.
  const contacts = await contactsOf(db, id);
  const chambers = await chambersOf(db, id);
  const party = await hasPartyOrganization(db, id);
  return presentEnterprise(row, { contacts, chambers, hasPartyOrganization: party, unmasked: false });
}

export async function getEnterprise(ctx: AppContext, actor: Actor, id: string): Promise<EnterpriseView> {
  return loadView(ctx, ctx.database.db, actor, id);
}

/** Where a new enterprise belongs: the org unit asked for (a federation unit in scope), else the caller's. */
export async function resolveOrgUnit(
  tx: DbOrTx,
  actor: Actor,
  requested: string | undefined,
): Promise<string> {
  const isFederationUser = actor.roles.includes('federation_staff');
  if (!isFederationUser) {
    // A chamber secretary registers members under the federation their chamber hangs from.
    const chamber = await findOrgUnit(tx, actor.orgUnitId);
    if (!chamber?.parentId) throw new AppError('FORBIDDEN');
    if (requested && requested !== chamber.parentId) {
      throw invalidField('orgUnitId', 'ORG_UNIT_OUT_OF_SCOPE', '所属单位不在您的管理范围内');
    }
    return chamber.parentId;
  }
  const id = requested ?? actor.orgUnitId;
  const unit = await findOrgUnitInScope(tx, actor, id);
  if (!unit) throw invalidField('orgUnitId', 'ORG_UNIT_OUT_OF_SCOPE', '所属单位不存在或不在您的管理范围内');
  if (!FEDERATION_KINDS.includes(unit.kind)) {
    throw invalidField(
      'orgUnitId',
      'ORG_UNIT_NOT_FEDERATION',
      '会员企业须归属于工商联（省、市、区县或街道）',
    );
  }
  return unit.id;
}

function duplicateUscc(existing: Pick<EnterpriseRow, 'id'>): AppError {
  return new AppError(
    'CONFLICT',
    [{ path: 'uscc', code: 'DUPLICATE_USCC', message: '该统一社会信用代码已登记' }],
    { existingId: existing.id },
  );
}

/** Two requests raced to register one credit code: the index refused the second; answer as the check would. */
async function asDuplicateUscc(ctx: AppContext, error: unknown, uscc: string | undefined): Promise<unknown> {
  if (!uscc || !violatesUniqueIndex(error, 'enterprises_uscc_key')) return error;
  const existing = await findByUscc(ctx.database.db, uscc);
  return existing ? duplicateUscc(existing) : error;
}

export interface NewEnterprise extends CreateEnterpriseRequest {
  orgUnitId: string;
}

/** Inserts an enterprise with its contacts and first status; used by create. */
export async function insertEnterprise(
  tx: Tx,
  input: NewEnterprise,
  context: { actorId: string; today: string },
): Promise<string> {
  const [id] = await insertEnterprises(tx, [input], context);
  if (!id) throw new Error('insert returned no row');
  return id;
}

/**
 * Inserts enterprises with their contacts and first status, three statements for the whole batch; used by
 * create (one) and by import (hundreds at a time). Returns the new ids in the order of `inputs`.
 */
export async function insertEnterprises(
  tx: Tx,
  inputs: readonly NewEnterprise[],
  context: { actorId: string; today: string },
): Promise<string[]> {
  if (inputs.length === 0) return [];
  const statusOf = (input: NewEnterprise) => input.membership?.status ?? 'active';
  const idOf = await insertEnterpriseRows(
    tx,
    inputs.map((input) => ({
      orgUnitId: input.orgUnitId,
      name: input.name,
      formerNames: input.formerNames ?? [],
      uscc: input.uscc,
      legalRepresentative: input.legalRepresentative || null,
      registeredCapital: input.registeredCapital ?? null,
      foundedOn: input.foundedOn ?? null,
      industryCode: input.industryCode ?? null,
      size: input.size ?? null,
      divisionCode: input.divisionCode ?? null,
      address: input.address || null,
      tags: [...new Set(input.tags ?? [])],
      membershipType: input.membership?.type ?? 'enterprise',
      membershipStatus: statusOf(input),
      membershipStatusReason: input.membership?.statusReason || null,
      membershipStatusOn: input.membership?.statusOn ?? context.today,
      joinedOn: input.membership?.joinedOn ?? (statusOf(input) === 'active' ? context.today : null),
      ...searchKeysOf(input.name, input.formerNames ?? []),
    })),
  );
  const ids = inputs.map((input) => {
    const id = idOf.get(input.uscc);
    if (!id) throw new Error(`insert returned no row for ${input.uscc}`);
    return id;
  });
  await insertContacts(
    tx,
    inputs.flatMap((input, i) => contactRows(ids[i]!, input.contacts ?? [])),
  );
  await insertStatusChanges(
    tx,
    inputs.map((input, i) => ({
      enterpriseId: ids[i]!,
      fromStatus: null,
      toStatus: statusOf(input),
      reason: input.membership?.statusReason || null,
      changedOn: input.membership?.statusOn ?? context.today,
    })),
    context.actorId,
  );
  return ids;
}

function contactRows(
  enterpriseId: string,
  contacts: NonNullable<CreateEnterpriseRequest['contacts']>,
  kept: Map<string, ContactRow> = new Map(),
) {
  return contacts.map((contact, index) => ({
    enterpriseId,
    name: contact.name,
    position: contact.position || null,
    // An existing contact sent without a number keeps the stored one (the editor saw it masked).
    mobile: contact.mobile ?? (contact.id ? (kept.get(contact.id)?.mobile ?? null) : null),
    email: contact.email || null,
    isPrimary: contact.isPrimary ?? index === 0,
    sort: index,
  }));
}

export async function createEnterprise(
  ctx: AppContext,
  actor: Actor,
  input: CreateEnterpriseRequest,
  audit: AuditContext,
): Promise<EnterpriseView> {
  const problems = checkEnterpriseFields(input, today(ctx));
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const orgUnitId = await resolveOrgUnit(tx, actor, input.orgUnitId);
      const existing = await findByUscc(tx, input.uscc);
      if (existing) throw duplicateUscc(existing);
      const id = await insertEnterprise(
        tx,
        { ...input, orgUnitId },
        { actorId: actor.userId, today: today(ctx) },
      );
      if (!actor.roles.includes('federation_staff') && actor.roles.includes('chamber_secretary')) {
        await insertMember(tx, { chamberId: actor.orgUnitId, enterpriseId: id, joinedOn: today(ctx) });
      }
      await ctx.audit.record(tx, audit, {
        action: 'enterprise.created',
        objectType: 'enterprise',
        objectId: id,
        detail: {
          after: {
            name: input.name,
            uscc: input.uscc,
            orgUnitId,
            size: input.size ? ENTERPRISE_SIZE_LABELS[input.size] : null,
            industryCode: input.industryCode ?? null,
            contacts: auditedContacts(input.contacts ?? []),
          },
        },
      });
      return loadView(ctx, tx, actor, id);
    });
  } catch (error) {
    throw await asDuplicateUscc(ctx, error, input.uscc);
  }
}

export async function updateEnterprise(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateEnterpriseRequest,
  audit: AuditContext,
): Promise<EnterpriseView> {
  const problems = checkEnterpriseFields(input, today(ctx));
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', problems);
  try {
    return await ctx.database.db.transaction(async (tx) => {
      const current = await findEnterprise(tx, actor, id, 'write');
      if (!current || current.mergedIntoId) throw notFound();
      if (current.version !== input.version) throw versionConflict();
      if (input.uscc && input.uscc !== current.uscc) {
        const existing = await findByUscc(tx, input.uscc);
        if (existing) throw duplicateUscc(existing);
      }
      let orgUnitId: string | undefined;
      if (input.orgUnitId && input.orgUnitId !== current.orgUnitId) {
        if (!actor.roles.includes('federation_staff')) {
          throw invalidField(
            'orgUnitId',
            'ORG_UNIT_OUT_OF_SCOPE',
            '只有工商联机关干部可以调整会员企业的所属单位',
          );
        }
        orgUnitId = await resolveOrgUnit(tx, actor, input.orgUnitId);
      }
      const existingContacts = await contactsOf(tx, id);
      if (input.contacts) {
        const known = new Set(existingContacts.map((c) => c.id));
        const unknown = input.contacts.findIndex((c) => c.id && !known.has(c.id));
        if (unknown >= 0) throw invalidField(`contacts.${unknown}.id`, 'NOT_FOUND', '联系人不存在');
      }
      const membership = input.membership;
      const statusChanged =
        membership?.status !== undefined && membership.status !== current.membershipStatus;
      const next: Partial<EnterpriseRow> = {
        name: input.name,
        formerNames: input.formerNames,
        uscc: input.uscc,
        legalRepresentative:
          input.legalRepresentative === undefined ? undefined : input.legalRepresentative || null,
        registeredCapital: input.registeredCapital,
        foundedOn: input.foundedOn,
        industryCode: input.industryCode,
        size: input.size,
        divisionCode: input.divisionCode,
        address: input.address === undefined ? undefined : input.address || null,
        tags: input.tags ? [...new Set(input.tags)] : undefined,
        orgUnitId,
        membershipType: membership?.type,
        membershipStatus: membership?.status,
        membershipStatusReason: statusChanged ? membership?.statusReason || null : undefined,
        membershipStatusOn: statusChanged ? (membership?.statusOn ?? today(ctx)) : undefined,
        joinedOn: membership?.joinedOn,
      };
      const diff = changes(current as Record<string, unknown>, next as Record<string, unknown>);
      const contactsBefore = auditedContacts(existingContacts);
      const contactsAfter = input.contacts
        ? auditedContacts(
            input.contacts.map((c) => ({
              ...c,
              mobile: c.mobile ?? existingContacts.find((e) => e.id === c.id)?.mobile ?? null,
            })),
          )
        : undefined;
      const contactsChanged =
        contactsAfter !== undefined && JSON.stringify(contactsAfter) !== JSON.stringify(contactsBefore);
      if (!diff && !contactsChanged) return loadView(ctx, tx, actor, id);

      const nameChanged = next.name !== undefined || next.formerNames !== undefined;
      const keys = nameChanged
        ? searchKeysOf(next.name ?? current.name, next.formerNames ?? current.formerNames)
        : {};
      if (!(await updateEnterpriseRow(tx, id, { ...next, ...keys }, ctx.clock.now(), input.version))) {
        throw versionConflict();
      }
      if (input.contacts) {
        const kept = new Map(existingContacts.map((c) => [c.id, c]));
        await replaceContacts(tx, id, contactRows(id, input.contacts, kept));
      }
      if (statusChanged) {
        await insertStatusChanges(
          tx,
          [
            {
              enterpriseId: id,
              fromStatus: current.membershipStatus,
              toStatus: membership!.status!,
              reason: membership?.statusReason || null,
              changedOn: membership?.statusOn ?? today(ctx),
            },
          ],
          actor.userId,
        );
      }
      await ctx.audit.record(tx, audit, {
        action: 'enterprise.updated',
        objectType: 'enterprise',
        objectId: id,
        detail: {
          before: { ...diff?.before, ...(contactsChanged ? { contacts: contactsBefore } : {}) },
          after: { ...diff?.after, ...(contactsChanged ? { contacts: contactsAfter } : {}) },
        },
      });
      return loadView(ctx, tx, actor, id);
    });
  } catch (error) {
    throw await asDuplicateUscc(ctx, error, input.uscc);
  }
}

// What other domains hang on an enterprise, each moved by its own repository in the merge's transaction.
const MOVED_WITH_A_MERGE = [
  moveMembershipsToEnterprise,
  movePartyOrganizationsToEnterprise,
  movePositionsToEnterprise,
  moveAccountsToEnterprise,
] as const;

/**
 * Merges a duplicate into `keepId`: the duplicate's names become former names, its tags, contacts,
 * chamber memberships, party organizations, positions and accounts move over; the duplicate stays, marked
 * merged, with its history, and leaves every list.
 */
export async function mergeEnterprises(
  ctx: AppContext,
  actor: Actor,
  keepId: string,
  input: { duplicateId: string; version: number },
  audit: AuditContext,
): Promise<EnterpriseView> {
  if (keepId === input.duplicateId) {
    throw invalidField('duplicateId', 'SAME_ENTERPRISE', '不能与自身合并');
  }
  return ctx.database.db.transaction(async (tx) => {
    const keep = await findEnterprise(tx, actor, keepId, 'write');
    const duplicate = await findEnterprise(tx, actor, input.duplicateId, 'write');
    if (!keep || keep.mergedIntoId) throw notFound();
    if (!duplicate || duplicate.mergedIntoId)
      throw invalidField('duplicateId', 'NOT_FOUND', '要合并的重复企业不存在');
    if (keep.version !== input.version) throw versionConflict();

    const formerNames = [...new Set([...keep.formerNames, duplicate.name, ...duplicate.formerNames])].filter(
      (name) => name !== keep.name,
    );
    const tags = [...new Set([...keep.tags, ...duplicate.tags])];
    await updateEnterpriseRow(
      tx,
      keepId,
      { formerNames, tags, ...searchKeysOf(keep.name, formerNames) },
      ctx.clock.now(),
    );
    await updateEnterpriseRow(tx, duplicate.id, { mergedIntoId: keepId }, ctx.clock.now());

    const keptContacts = await contactsOf(tx, keepId);
    const knownMobiles = new Set(keptContacts.map((c) => c.mobile).filter(Boolean));
    const moved = (await contactsOf(tx, duplicate.id)).filter(
      (c) => !c.mobile || !knownMobiles.has(c.mobile),
    );
    await moveContactsToEnterprise(
      tx,
      moved.map((c) => c.id),
      keepId,
    );
    for (const move of MOVED_WITH_A_MERGE) await move(tx, duplicate.id, keepId);

    const detail = {
      kept: { id: keepId, name: keep.name, uscc: keep.uscc },
      merged: { id: duplicate.id, name: duplicate.name, uscc: duplicate.uscc },
      movedContacts: moved.length,
    };
    await ctx.audit.record(tx, audit, {
      action: 'enterprise.merged',
      objectType: 'enterprise',
      objectId: keepId,
      detail,
    });
    await ctx.audit.record(tx, audit, {
      action: 'enterprise.merged_away',
      objectType: 'enterprise',
      objectId: duplicate.id,
      detail,
    });
    return loadView(ctx, tx, actor, keepId);
  });
}

/** Reveals one contact's full mobile number to a user allowed to see it; every reveal is audited. */
export async function unmaskContact(
  ctx: AppContext,
  actor: Actor,
  enterpriseId: string,
  contactId: string,
  audit: AuditContext,
): Promise<{ contactId: string; mobile: string | null }> {
  const enterprise = await findEnterprise(ctx.database.db, actor, enterpriseId);
  if (!enterprise) throw notFound();
  const contact = await findContact(ctx.database.db, enterpriseId, contactId);
  if (!contact) throw notFound();
  await ctx.database.db.transaction((tx) =>
    ctx.audit.record(tx, audit, {
      action: 'contact.unmasked',
      objectType: 'enterprise_contact',
      objectId: contactId,
      detail: { enterpriseId, enterpriseName: enterprise.name, contactName: contact.name },
    }),
  );
  return { contactId, mobile: contact.mobile };
}

export async function statusHistory(ctx: AppContext, actor: Actor, id: string) {
  const enterprise = await findEnterprise(ctx.database.db, actor, id);
  if (!enterprise) throw notFound();
  const rows = await statusHistoryOf(ctx.database.db, id);
  return rows.map((row) => ({
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    reason: row.reason,
    changedOn: row.changedOn,
    changedAt: row.createdAt.toISOString(),
  }));
}
