// 会员企业 enterprises: create, change, merge duplicates, reveal a contact's number — with the registry's
// rules (credit code unique and checked, reference codes known, membership status with reason and history).
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  ENTERPRISE_SIZE_LABELS,
  maskMobile,
  type CreateEnterpriseRequest,
  type EnterpriseView,
  type ErrorDetail,
  type UpdateEnterpriseRequest,
} from '@qinqing/shared';
import { withinScope } from '../../core/access/access.ts';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import {
  chamberMemberships,
  enterpriseContacts,
  enterprises,
  enterpriseStatusHistory,
  orgUnits,
  partyOrganizations,
  personPositions,
  users,
} from '../../db/schema/index.ts';
import { isDivision } from '../../reference/divisions.ts';
import { isIndustryClass } from '../../reference/industries.ts';
import { violatesUniqueIndex } from '../../db/errors.ts';
import { searchKeysOf } from '../registry/search-keys.ts';
import { presentEnterprise } from './presenter.ts';
import {
  chambersOf,
  contactsOf,
  findByUscc,
  findEnterprise,
  hasPartyOrganization,
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
  const [contacts, chambers, party] = await Promise.all([
    contactsOf(db, id),
    chambersOf(db, id),
    hasPartyOrganization(db, id),
  ]);
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
    const [chamber] = await tx.select().from(orgUnits).where(eq(orgUnits.id, actor.orgUnitId));
    if (!chamber?.parentId) throw new AppError('FORBIDDEN');
    if (requested && requested !== chamber.parentId) {
      throw invalidField('orgUnitId', 'ORG_UNIT_OUT_OF_SCOPE', '所属单位不在您的管理范围内');
    }
    return chamber.parentId;
  }
  const id = requested ?? actor.orgUnitId;
  const [unit] = await tx
    .select()
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), withinScope(orgUnits.id, actor)));
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
  // Each batch travels as one JSON parameter unpacked by jsonb_to_recordset: building a statement with
  // 500 rows × 22 bound values through the query builder cost more than the database's own work.
  const rows = inputs.map((input) => ({
    org_unit_id: input.orgUnitId,
    name: input.name,
    former_names: input.formerNames ?? [],
    uscc: input.uscc,
    legal_representative: input.legalRepresentative || null,
    registered_capital: input.registeredCapital ?? null,
    founded_on: input.foundedOn ?? null,
    industry_code: input.industryCode ?? null,
    size: input.size ?? null,
    division_code: input.divisionCode ?? null,
    address: input.address || null,
    tags: [...new Set(input.tags ?? [])],
    membership_type: input.membership?.type ?? 'enterprise',
    membership_status: statusOf(input),
    membership_status_reason: input.membership?.statusReason || null,
    membership_status_on: input.membership?.statusOn ?? context.today,
    joined_on: input.membership?.joinedOn ?? (statusOf(input) === 'active' ? context.today : null),
    ...snakeCaseKeys(searchKeysOf(input.name, input.formerNames ?? [])),
  }));
  const inserted = await tx.execute<{ id: string; uscc: string }>(sql`
    INSERT INTO enterprises (org_unit_id, name, former_names, uscc, legal_representative, registered_capital,
      founded_on, industry_code, size, division_code, address, tags, membership_type, membership_status,
      membership_status_reason, membership_status_on, joined_on, search_name, search_bigrams, name_pinyin,
      name_initials, sort_key)
    SELECT org_unit_id, name, former_names, uscc, legal_representative, registered_capital, founded_on,
      industry_code, size, division_code, address, tags, membership_type, membership_status,
      membership_status_reason, membership_status_on, joined_on, search_name, search_bigrams, name_pinyin,
      name_initials, sort_key
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(org_unit_id uuid, name text,
      former_names text[], uscc text, legal_representative text, registered_capital numeric, founded_on date,
      industry_code text, size text, division_code text, address text, tags text[], membership_type text,
      membership_status text, membership_status_reason text, membership_status_on date, joined_on date,
      search_name text, search_bigrams text[], name_pinyin text, name_initials text, sort_key text)
    RETURNING id, uscc`);
  // RETURNING order is not promised; the credit code is unique, so it pairs rows with inputs.
  const idOf = new Map(inserted.rows.map((row) => [row.uscc, row.id]));
  const ids = inputs.map((input) => {
    const id = idOf.get(input.uscc);
    if (!id) throw new Error(`insert returned no row for ${input.uscc}`);
    return id;
  });
  const contacts = inputs.flatMap((input, i) => contactRows(ids[i]!, input.contacts ?? []));
  if (contacts.length > 0) {
    await tx.execute(sql`
      INSERT INTO enterprise_contacts (enterprise_id, name, position, mobile, email, is_primary, sort)
      SELECT enterprise_id, name, position, mobile, email, is_primary, sort
      FROM jsonb_to_recordset(${JSON.stringify(contacts.map(snakeCaseKeys))}::jsonb) AS c(enterprise_id uuid,
        name text, position text, mobile text, email text, is_primary boolean, sort integer)`);
  }
  const history = inputs.map((input, i) => ({
    enterprise_id: ids[i]!,
    to_status: statusOf(input),
    reason: input.membership?.statusReason || null,
    changed_on: input.membership?.statusOn ?? context.today,
  }));
  await tx.execute(sql`
    INSERT INTO enterprise_status_history (enterprise_id, from_status, to_status, reason, changed_on, changed_by)
    SELECT enterprise_id, NULL, to_status, reason, changed_on, ${context.actorId}::uuid
    FROM jsonb_to_recordset(${JSON.stringify(history)}::jsonb) AS h(enterprise_id uuid, to_status text,
      reason text, changed_on date)`);
  return ids;
}

const snakeCase = new Map<string, string>();
function snakeCaseKeys(record: object): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    let column = snakeCase.get(key);
    if (column === undefined) {
      column = key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`);
      snakeCase.set(key, column);
    }
    result[column] = value;
  }
  return result;
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

async function insertContacts(
  tx: Tx,
  enterpriseId: string,
  contacts: NonNullable<CreateEnterpriseRequest['contacts']>,
  kept: Map<string, ContactRow> = new Map(),
): Promise<void> {
  if (contacts.length === 0) return;
  await tx.insert(enterpriseContacts).values(contactRows(enterpriseId, contacts, kept));
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
        await tx
          .insert(chamberMemberships)
          .values({ chamberId: actor.orgUnitId, enterpriseId: id, joinedOn: today(ctx) });
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
      const updated = await tx
        .update(enterprises)
        .set({ ...next, ...keys, version: sql`${enterprises.version} + 1`, updatedAt: ctx.clock.now() })
        .where(and(eq(enterprises.id, id), eq(enterprises.version, input.version)))
        .returning({ id: enterprises.id });
      if (updated.length === 0) throw versionConflict();
      if (input.contacts) {
        await tx.delete(enterpriseContacts).where(eq(enterpriseContacts.enterpriseId, id));
        await insertContacts(tx, id, input.contacts, new Map(existingContacts.map((c) => [c.id, c])));
      }
      if (statusChanged) {
        await tx.insert(enterpriseStatusHistory).values({
          enterpriseId: id,
          fromStatus: current.membershipStatus,
          toStatus: membership!.status!,
          reason: membership?.statusReason || null,
          changedOn: membership?.statusOn ?? today(ctx),
          changedBy: actor.userId,
        });
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
    await tx
      .update(enterprises)
      .set({
        formerNames,
        tags,
        ...searchKeysOf(keep.name, formerNames),
        version: sql`${enterprises.version} + 1`,
        updatedAt: ctx.clock.now(),
      })
      .where(eq(enterprises.id, keepId));
    await tx
      .update(enterprises)
      .set({ mergedIntoId: keepId, version: sql`${enterprises.version} + 1`, updatedAt: ctx.clock.now() })
      .where(eq(enterprises.id, duplicate.id));

    const keptContacts = await contactsOf(tx, keepId);
    const knownMobiles = new Set(keptContacts.map((c) => c.mobile).filter(Boolean));
    const moved = (await contactsOf(tx, duplicate.id)).filter(
      (c) => !c.mobile || !knownMobiles.has(c.mobile),
    );
    if (moved.length > 0) {
      await tx
        .update(enterpriseContacts)
        .set({ enterpriseId: keepId, isPrimary: false })
        .where(
          inArray(
            enterpriseContacts.id,
            moved.map((c) => c.id),
          ),
        );
    }
    await tx.execute(sql`
      INSERT INTO chamber_memberships (chamber_id, enterprise_id, role, joined_on)
      SELECT chamber_id, ${keepId}, role, joined_on FROM chamber_memberships WHERE enterprise_id = ${duplicate.id}
      ON CONFLICT DO NOTHING`);
    await tx.delete(chamberMemberships).where(eq(chamberMemberships.enterpriseId, duplicate.id));
    await tx
      .update(partyOrganizations)
      .set({ enterpriseId: keepId })
      .where(eq(partyOrganizations.enterpriseId, duplicate.id));
    await tx.execute(sql`
      INSERT INTO person_positions (person_id, enterprise_id, position)
      SELECT person_id, ${keepId}, position FROM person_positions WHERE enterprise_id = ${duplicate.id}
      ON CONFLICT DO NOTHING`);
    await tx.delete(personPositions).where(eq(personPositions.enterpriseId, duplicate.id));
    await tx.update(users).set({ enterpriseId: keepId }).where(eq(users.enterpriseId, duplicate.id));

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
  const [contact] = await ctx.database.db
    .select()
    .from(enterpriseContacts)
    .where(and(eq(enterpriseContacts.id, contactId), eq(enterpriseContacts.enterpriseId, enterpriseId)));
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
  const rows = await ctx.database.db
    .select()
    .from(enterpriseStatusHistory)
    .where(eq(enterpriseStatusHistory.enterpriseId, id))
    .orderBy(enterpriseStatusHistory.createdAt);
  return rows.map((row) => ({
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    reason: row.reason,
    changedOn: row.changedOn,
    changedAt: row.createdAt.toISOString(),
  }));
}
