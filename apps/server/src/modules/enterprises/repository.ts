// Queries over enterprises: filtered, searched and ranked lists within the caller's registry scope.
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import type { EnterpriseListQuery } from '@qinqing/shared';
import { enterpriseScope, type ScopeMode } from '../../core/access/registry-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  chamberMemberships,
  enterpriseContacts,
  enterprises,
  orgUnits,
  partyOrganizations,
} from '../../db/schema/index.ts';
import { industryChildren } from '../../reference/industries.ts';
import { bigrams, classifyQuery } from '../registry/search-keys.ts';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type ContactRow = typeof enterpriseContacts.$inferSelect;

export type EnterpriseFilter = Omit<EnterpriseListQuery, 'page' | 'pageSize' | 'sort'>;

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
}

/** All class codes under a section letter (A–T): the section filter becomes an IN list. */
function classesOfSection(section: string): string[] {
  const codes: string[] = [];
  const walk = (code: string) => {
    const children = industryChildren(code) ?? [];
    if (children.length === 0) codes.push(code);
    for (const child of children) walk(child.code);
  };
  walk(section);
  return codes.filter((code) => /^\d{4}$/.test(code));
}

export interface SearchClause {
  where: SQL;
  /** Lower is better: exact name, then prefix / code / initials, then fragment. */
  rank: SQL;
}

/**
 * The search box: a credit-code prefix, a mobile number (only for those who may see numbers), pinyin or
 * initials (full or fragment), or a Chinese fragment (traditional folded to simplified).
 */
export function searchClause(q: string, canSearchMobile: boolean): SearchClause | undefined {
  const { kind, value } = classifyQuery(q);
  if (value === '') return undefined;
  if (kind === 'uscc') {
    return { where: sql`${enterprises.uscc} LIKE ${escapeLike(value) + '%'}`, rank: sql`1::int` };
  }
  if (kind === 'mobile') {
    const byMobile = sql`${enterprises.id} IN (SELECT enterprise_id FROM enterprise_contacts WHERE mobile = ${value})`;
    if (canSearchMobile) return { where: byMobile, rank: sql`1::int` };
  }
  if (kind === 'latin') {
    const prefix = escapeLike(value) + '%';
    const fragment = '%' + escapeLike(value) + '%';
    return {
      where: sql`(${enterprises.nameInitials} LIKE ${fragment} OR ${enterprises.namePinyin} LIKE ${fragment})`,
      rank: sql`CASE WHEN ${enterprises.nameInitials} = ${value} OR ${enterprises.namePinyin} = ${value} THEN 0
                     WHEN ${enterprises.nameInitials} LIKE ${prefix} OR ${enterprises.namePinyin} LIKE ${prefix} THEN 1
                     ELSE 2 END`,
    };
  }
  const grams = bigrams([value]);
  const fragment = '%' + escapeLike(value) + '%';
  // The bigram array narrows through its GIN index; LIKE confirms the characters are adjacent.
  const candidates =
    grams.length > 0 && [...value].length >= 2
      ? sql`${enterprises.searchBigrams} @> ${sql.param(grams)}::text[] AND ${enterprises.searchName} LIKE ${fragment}`
      : sql`${enterprises.searchName} LIKE ${fragment}`;
  return {
    where: candidates,
    rank: sql`CASE WHEN ${enterprises.searchName} = ${value} THEN 0
                   WHEN ${enterprises.searchName} LIKE ${escapeLike(value) + '%'} THEN 1
                   WHEN position(${value} in split_part(${enterprises.searchName}, ' ', 1)) > 0 THEN 2
                   ELSE 3 END`,
  };
}

export function filterClause(
  actor: Actor,
  filter: EnterpriseFilter,
  mode: ScopeMode = 'read',
): {
  where: SQL;
  rank: SQL | undefined;
} {
  const conditions: (SQL | undefined)[] = [enterpriseScope(actor, mode), isNull(enterprises.mergedIntoId)];
  let rank: SQL | undefined;
  if (filter.q) {
    const search = searchClause(filter.q, actor.permissions.has('contacts.unmask'));
    if (search) {
      conditions.push(search.where);
      rank = search.rank;
    }
  }
  if (filter.industry) {
    if (/^[A-T]$/.test(filter.industry)) {
      conditions.push(inArray(enterprises.industryCode, classesOfSection(filter.industry)));
    } else if (filter.industry.length === 4) {
      conditions.push(eq(enterprises.industryCode, filter.industry));
    } else {
      conditions.push(sql`${enterprises.industryCode} LIKE ${filter.industry + '%'}`);
    }
  }
  if (filter.size) conditions.push(eq(enterprises.size, filter.size));
  if (filter.division) conditions.push(sql`${enterprises.divisionCode} LIKE ${filter.division + '%'}`);
  if (filter.status) conditions.push(eq(enterprises.membershipStatus, filter.status));
  if (filter.tag) conditions.push(sql`${enterprises.tags} @> ARRAY[${filter.tag}]::text[]`);
  if (filter.orgUnitId) {
    conditions.push(
      sql`${enterprises.orgUnitId} IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = ${filter.orgUnitId}) || '%')`,
    );
  }
  if (filter.chamberId) {
    conditions.push(
      sql`${enterprises.id} IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id = ${filter.chamberId})`,
    );
  }
  if (filter.party) {
    // Column references stay outside the subqueries: Drizzle leaves them unqualified in one-table queries.
    const organized = sql`${enterprises.id} IN (SELECT enterprise_id FROM party_organizations WHERE enterprise_id IS NOT NULL AND form <> 'instructor_only')`;
    const any = sql`${enterprises.id} IN (SELECT enterprise_id FROM party_organizations WHERE enterprise_id IS NOT NULL)`;
    if (filter.party === 'organized') conditions.push(organized);
    if (filter.party === 'instructor_only') conditions.push(sql`(${any} AND NOT ${organized})`);
    if (filter.party === 'none') conditions.push(sql`NOT ${any}`);
  }
  return { where: and(...conditions) as SQL, rank };
}

const listColumns = {
  id: enterprises.id,
  name: enterprises.name,
  uscc: enterprises.uscc,
  industryCode: enterprises.industryCode,
  size: enterprises.size,
  divisionCode: enterprises.divisionCode,
  tags: enterprises.tags,
  orgUnitId: enterprises.orgUnitId,
  orgUnitName: orgUnits.name,
  version: enterprises.version,
  membershipStatus: enterprises.membershipStatus,
  legalRepresentative: enterprises.legalRepresentative,
};

export async function listEnterprises(
  db: DbOrTx,
  actor: Actor,
  query: EnterpriseListQuery,
): Promise<{ rows: Awaited<ReturnType<typeof selectList>>; total: number }> {
  const { where, rank } = filterClause(actor, query);
  const order = rank
    ? [rank, asc(enterprises.sortKey), asc(enterprises.id)]
    : query.sort === 'recent'
      ? [desc(enterprises.createdAt), asc(enterprises.id)]
      : [asc(enterprises.sortKey), asc(enterprises.id)];
  const [rows, totals] = await Promise.all([
    selectList(db, where, order, query.pageSize, (query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(enterprises).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

function selectList(db: DbOrTx, where: SQL, order: SQL[], limit: number, offset: number) {
  return db
    .select(listColumns)
    .from(enterprises)
    .innerJoin(orgUnits, eq(orgUnits.id, enterprises.orgUnitId))
    .where(where)
    .orderBy(...order)
    .limit(limit)
    .offset(offset);
}

/** Every row matching a filter, in pinyin order, in keyset batches: an export of a million keeps memory flat. */
export async function* streamEnterprises(
  db: DbOrTx,
  actor: Actor,
  filter: EnterpriseFilter,
  batchSize = 2000,
): AsyncGenerator<EnterpriseRow & { orgUnitName: string }> {
  const { where } = filterClause(actor, filter);
  let after: { sortKey: string; id: string } | undefined;
  for (;;) {
    const page = await db
      .select({ enterprise: enterprises, orgUnitName: orgUnits.name })
      .from(enterprises)
      .innerJoin(orgUnits, eq(orgUnits.id, enterprises.orgUnitId))
      .where(
        after
          ? and(where, sql`(${enterprises.sortKey}, ${enterprises.id}) > (${after.sortKey}, ${after.id})`)
          : where,
      )
      .orderBy(asc(enterprises.sortKey), asc(enterprises.id))
      .limit(batchSize);
    if (page.length === 0) return;
    for (const row of page) yield { ...row.enterprise, orgUnitName: row.orgUnitName };
    const last = page[page.length - 1]!.enterprise;
    after = { sortKey: last.sortKey, id: last.id };
  }
}

export async function findEnterprise(
  db: DbOrTx,
  actor: Actor,
  id: string,
  mode: ScopeMode = 'read',
): Promise<(EnterpriseRow & { orgUnitName: string }) | undefined> {
  const [row] = await db
    .select({ enterprise: enterprises, orgUnitName: orgUnits.name })
    .from(enterprises)
    .innerJoin(orgUnits, eq(orgUnits.id, enterprises.orgUnitId))
    .where(and(eq(enterprises.id, id), enterpriseScope(actor, mode)));
  return row ? { ...row.enterprise, orgUnitName: row.orgUnitName } : undefined;
}

/** Platform-wide: a credit code is unique across every org unit. */
export async function findByUscc(db: DbOrTx, uscc: string): Promise<EnterpriseRow | undefined> {
  const [row] = await db.select().from(enterprises).where(eq(enterprises.uscc, uscc));
  return row;
}

export function contactsOf(db: DbOrTx, enterpriseId: string): Promise<ContactRow[]> {
  return db
    .select()
    .from(enterpriseContacts)
    .where(eq(enterpriseContacts.enterpriseId, enterpriseId))
    .orderBy(asc(enterpriseContacts.sort));
}

export function chambersOf(db: DbOrTx, enterpriseId: string) {
  return db
    .select({ id: orgUnits.id, name: orgUnits.name, role: chamberMemberships.role })
    .from(chamberMemberships)
    .innerJoin(orgUnits, eq(orgUnits.id, chamberMemberships.chamberId))
    .where(eq(chamberMemberships.enterpriseId, enterpriseId))
    .orderBy(asc(orgUnits.name));
}

export async function hasPartyOrganization(db: DbOrTx, enterpriseId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: partyOrganizations.id })
    .from(partyOrganizations)
    .where(eq(partyOrganizations.enterpriseId, enterpriseId))
    .limit(1);
  return row !== undefined;
}
