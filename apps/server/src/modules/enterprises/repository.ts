// Queries over enterprises: filtered, searched and ranked lists within the caller's registry scope.
import { and, asc, count, desc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { unionAll, type SelectedFieldsFlat } from 'drizzle-orm/pg-core';
import type { EnterpriseListQuery } from '@qinqing/shared';
import { enterpriseScope, resolveEnterpriseScope, type ScopeMode } from '../../core/access/registry-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  chamberMemberships,
  enterpriseContacts,
  enterprises,
  enterpriseStatusHistory,
  orgUnits,
  partyOrganizations,
} from '../../db/schema/index.ts';
import { industryChildren } from '../../reference/industries.ts';
import { bigrams, classifyQuery } from '../../core/search/search-keys.ts';

export type EnterpriseRow = typeof enterprises.$inferSelect;
export type ContactRow = typeof enterpriseContacts.$inferSelect;

export type EnterpriseFilter = Omit<EnterpriseListQuery, 'page' | 'pageSize' | 'sort'>;

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

/**
 * A search counts its matches up to this many. Counting and ranking a sixth of a province (科技: 174,000
 * matches) takes seconds; past the cap the total reads "more than", and the page is found by walking the
 * pinyin sort index instead (see manyMatchesPage). Ranking the first 10,000 of them took ~40 ms, the first
 * 2,000 ~15 ms (bench/registry-search.ts); nobody pages through a hundred pages of them.
 */
export const SEARCH_COUNT_CAP = 2_000;

export interface SearchClause {
  where: SQL;
  /** Lower is better: exact name, then prefix / code / initials, then fragment. */
  rank: SQL;
  /**
   * For a search matching more than the cap: the exact and prefix matches, found through the prefix
   * indexes, with their rank (0 exact, 1 prefix); and the other matches, checked row by row with no index
   * condition, so that the planner can walk the pinyin sort index and stop after the page.
   */
  many: { leading: SQL; leadingRank: SQL; rest: SQL };
}

/**
 * The search box: a credit-code prefix, a mobile number (only for those who may see numbers), pinyin or
 * initials (full or fragment), or a Chinese fragment (traditional folded to simplified).
 */
export function searchClause(q: string, canSearchMobile: boolean): SearchClause | undefined {
  const { kind, value } = classifyQuery(q);
  if (value === '') return undefined;
  // A code or a number ranks every match alike: past the cap, all of them are walked in pinyin order.
  const unranked = (where: SQL): SearchClause => ({
    where,
    rank: sql`1::int`,
    many: { leading: sql`false`, leadingRank: sql`1::int`, rest: where },
  });
  if (kind === 'uscc') return unranked(sql`${enterprises.uscc} LIKE ${escapeLike(value) + '%'}`);
  if (kind === 'mobile' && canSearchMobile) {
    return unranked(
      sql`${enterprises.id} IN (SELECT enterprise_id FROM enterprise_contacts WHERE mobile = ${value})`,
    );
  }
  if (kind === 'latin') {
    const prefix = escapeLike(value) + '%';
    const fragment = '%' + escapeLike(value) + '%';
    const exact = sql`(${enterprises.nameInitials} = ${value} OR ${enterprises.namePinyin} = ${value})`;
    const leading = sql`(${enterprises.nameInitials} LIKE ${prefix} OR ${enterprises.namePinyin} LIKE ${prefix})`;
    const where = sql`(${enterprises.nameInitials} LIKE ${fragment} OR ${enterprises.namePinyin} LIKE ${fragment})`;
    return {
      where,
      rank: sql`CASE WHEN ${exact} THEN 0 WHEN ${leading} THEN 1 ELSE 2 END`,
      many: {
        leading,
        leadingRank: sql`CASE WHEN ${exact} THEN 0 ELSE 1 END`,
        rest: sql`${where} AND NOT ${leading}`,
      },
    };
  }
  const grams = bigrams([value]);
  const fragment = '%' + escapeLike(value) + '%';
  // The bigram array narrows through its GIN index; LIKE confirms the characters are adjacent.
  const candidates =
    grams.length > 0 && [...value].length >= 2
      ? sql`${enterprises.searchBigrams} @> ${sql.param(grams)}::text[] AND ${enterprises.searchName} LIKE ${fragment}`
      : sql`${enterprises.searchName} LIKE ${fragment}`;
  const prefix = escapeLike(value) + '%';
  return {
    where: candidates,
    rank: sql`CASE WHEN ${enterprises.searchName} = ${value} THEN 0
                   WHEN ${enterprises.searchName} LIKE ${prefix} THEN 1
                   WHEN position(${value} in split_part(${enterprises.searchName}, ' ', 1)) > 0 THEN 2
                   ELSE 3 END`,
    // Past the cap a match only in a former name is no longer ranked after those in the current name: the
    // walk of the sort index cannot tell them apart without reading every match.
    many: {
      leading: sql`${enterprises.searchName} LIKE ${prefix}`,
      leadingRank: sql`CASE WHEN ${enterprises.searchName} = ${value} THEN 0 ELSE 1 END`,
      rest: sql`${enterprises.searchName} LIKE ${fragment} AND ${enterprises.searchName} NOT LIKE ${prefix}`,
    },
  };
}

export function filterClause(
  actor: Actor,
  filter: EnterpriseFilter,
  mode: ScopeMode = 'read',
  /** The scope as resolveEnterpriseScope found it; enterpriseScope otherwise. */
  scope?: SQL,
): {
  where: SQL;
  rank: SQL | undefined;
  /** The filters and the scope without the search. */
  filters: SQL;
  search: SearchClause | undefined;
} {
  const conditions: (SQL | undefined)[] = [
    scope ?? enterpriseScope(actor, mode),
    isNull(enterprises.mergedIntoId),
  ];
  const search = filter.q ? searchClause(filter.q, actor.permissions.has('contacts.unmask')) : undefined;
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
  if (filter.joinedFrom) conditions.push(sql`${enterprises.joinedOn} >= ${filter.joinedFrom}::date`);
  if (filter.joinedTo) conditions.push(sql`${enterprises.joinedOn} <= ${filter.joinedTo}::date`);
  if (filter.leftFrom || filter.leftTo) conditions.push(eq(enterprises.membershipStatus, 'withdrawn'));
  if (filter.leftFrom) conditions.push(sql`${enterprises.membershipStatusOn} >= ${filter.leftFrom}::date`);
  if (filter.leftTo) conditions.push(sql`${enterprises.membershipStatusOn} <= ${filter.leftTo}::date`);
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
  const filters = and(...conditions) as SQL;
  return {
    where: search ? (and(filters, search.where) as SQL) : filters,
    rank: search?.rank,
    filters,
    search,
  };
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

export interface EnterpriseListPage {
  rows: Awaited<ReturnType<typeof selectList>>;
  total: number;
  /** False when a search matched more than the cap: the total is the cap. */
  totalExact: boolean;
}

export async function listEnterprises(
  db: DbOrTx,
  actor: Actor,
  query: EnterpriseListQuery,
  options: { countCap?: number } = {},
): Promise<EnterpriseListPage> {
  const { where, filters, search } = filterClause(
    actor,
    query,
    'read',
    await resolveEnterpriseScope(db, actor),
  );
  const offset = (query.page - 1) * query.pageSize;
  if (search) {
    const found = await findMatches(db, listColumns, filters, search, {
      limit: query.pageSize,
      offset,
      cap: options.countCap ?? SEARCH_COUNT_CAP,
    });
    return { rows: found.rows, total: found.matched, totalExact: found.exact };
  }
  const order =
    query.sort === 'recent'
      ? [desc(enterprises.createdAt), asc(enterprises.id)]
      : [asc(enterprises.sortKey), asc(enterprises.id)];
  const [rows, totals] = await Promise.all([
    selectList(db, where, order, query.pageSize, offset),
    db.select({ total: count() }).from(enterprises).where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0, totalExact: true };
}

/**
 * The search box's enterprises: those in scope (not merged away) matching `q`, ranked like the registry
 * list — exactly up to the cap, past it (科技) by walking the pinyin sort index.
 */
export async function searchEnterprises(
  db: DbOrTx,
  actor: Actor,
  q: string,
  canSearchMobile: boolean,
  limit: number,
) {
  const search = searchClause(q, canSearchMobile);
  if (!search) return [];
  const { rows } = await findMatches(
    db,
    {
      id: enterprises.id,
      name: enterprises.name,
      formerNames: enterprises.formerNames,
      uscc: enterprises.uscc,
      namePinyin: enterprises.namePinyin,
      nameInitials: enterprises.nameInitials,
      sortKey: enterprises.sortKey,
      orgUnitName: orgUnits.name,
    },
    and(await resolveEnterpriseScope(db, actor), isNull(enterprises.mergedIntoId)) as SQL,
    search,
    { limit, offset: 0, cap: SEARCH_COUNT_CAP },
  );
  return rows;
}

interface MatchWindow {
  limit: number;
  offset: number;
  /** Matches are counted up to this many. */
  cap: number;
}

/**
 * A page of a search's matches in rank order, then pinyin, and how many matched (up to the cap): the
 * columns asked for, of the enterprise and its org unit. One statement ranks up to cap + 1 matches and
 * counts them alongside the page; only past the cap is the page looked up again, by manyMatchesPage.
 */
export async function findMatches<T extends SelectedFieldsFlat>(
  db: DbOrTx,
  columns: T,
  filters: SQL,
  search: SearchClause,
  window: MatchWindow,
) {
  const candidates = db
    .select({
      id: enterprises.id,
      rank: sql<number>`${search.rank}`.as('rank'),
      sortKey: enterprises.sortKey,
    })
    .from(enterprises)
    .where(and(filters, search.where))
    .limit(window.cap + 1)
    .as('candidates');
  const ranked = db
    .select({
      id: candidates.id,
      rank: candidates.rank,
      sortKey: candidates.sortKey,
      matched: sql<number>`count(*) OVER ()`.mapWith(Number).as('matched'),
    })
    .from(candidates)
    .orderBy(candidates.rank, candidates.sortKey, candidates.id)
    .limit(window.limit)
    .offset(window.offset)
    .as('ranked');
  const page = await db
    .select({ row: columns, matched: ranked.matched })
    .from(ranked)
    .innerJoin(enterprises, eq(enterprises.id, ranked.id))
    .innerJoin(orgUnits, eq(orgUnits.id, enterprises.orgUnitId))
    .orderBy(ranked.rank, ranked.sortKey, ranked.id);
  // A page past the last match says nothing of how many there are.
  const matched =
    page[0]?.matched ??
    (window.offset === 0 ? 0 : await countUpTo(db, and(filters, search.where) as SQL, window.cap));
  if (matched <= window.cap) {
    return {
      rows: page.map((p) => p.row),
      matched: Math.min(matched, window.cap),
      exact: matched <= window.cap,
    };
  }
  return {
    rows: await manyMatchesPage(db, columns, filters, search.many, window),
    matched: window.cap,
    exact: false,
  };
}

async function countUpTo(db: DbOrTx, where: SQL, cap: number): Promise<number> {
  const matches = db
    .select({ one: sql`1`.as('one') })
    .from(enterprises)
    .where(where)
    .limit(cap + 1)
    .as('matches');
  const [row] = await db.select({ n: count() }).from(matches);
  return row?.n ?? 0;
}

/**
 * The page of a search matching more than the cap: the exact and prefix matches through the prefix
 * indexes, ranked, and the other matches in pinyin order by walking the sort index — each branch stops
 * after offset + limit rows.
 */
async function manyMatchesPage<T extends SelectedFieldsFlat>(
  db: DbOrTx,
  columns: T,
  filters: SQL,
  many: SearchClause['many'],
  window: MatchWindow,
) {
  const depth = window.offset + window.limit;
  const leading = db
    .select({
      id: enterprises.id,
      rank: sql<number>`${many.leadingRank}`.as('rank'),
      sortKey: enterprises.sortKey,
    })
    .from(enterprises)
    .where(and(filters, many.leading))
    .orderBy(many.leadingRank, asc(enterprises.sortKey), asc(enterprises.id))
    .limit(depth);
  const rest = db
    .select({ id: enterprises.id, rank: sql<number>`2`.as('rank'), sortKey: enterprises.sortKey })
    .from(enterprises)
    .where(and(filters, many.rest))
    .orderBy(asc(enterprises.sortKey), asc(enterprises.id))
    .limit(depth);
  const ranked = unionAll(leading, rest)
    .orderBy(sql`rank`, sql`sort_key`, sql`id`)
    .limit(window.limit)
    .offset(window.offset)
    .as('ranked');
  const page = await db
    .select({ row: columns })
    .from(ranked)
    .innerJoin(enterprises, eq(enterprises.id, ranked.id))
    .innerJoin(orgUnits, eq(orgUnits.id, enterprises.orgUnitId))
    .orderBy(ranked.rank, ranked.sortKey, ranked.id);
  return page.map((p) => p.row);
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

export async function countEnterprises(db: DbOrTx, actor: Actor, filter: EnterpriseFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(enterprises).where(filterClause(actor, filter).where);
  return row?.n ?? 0;
}

/**
 * For the rest of the transaction, index order over sorting: the scope's org-unit subquery is estimated at
 * a handful of rows, so PostgreSQL would rather sort the whole scope for every keyset batch of
 * streamEnterprises than walk the (sort_key, id) index — 1.4 s a batch at a million members instead of
 * 0.08 s. An export only ever wants the index order.
 */
export async function preferIndexOrder(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`SET LOCAL enable_sort = off`);
}

export interface PrimaryContact {
  name: string;
  position: string | null;
  mobile: string | null;
}

/** The primary (else first) contact of each enterprise, in one query for all of them. */
export async function primaryContacts(db: DbOrTx, ids: string[]): Promise<Map<string, PrimaryContact>> {
  const rows = await db
    .selectDistinctOn([enterpriseContacts.enterpriseId], {
      enterpriseId: enterpriseContacts.enterpriseId,
      name: enterpriseContacts.name,
      position: enterpriseContacts.position,
      mobile: enterpriseContacts.mobile,
    })
    .from(enterpriseContacts)
    .where(inArray(enterpriseContacts.enterpriseId, ids))
    .orderBy(
      enterpriseContacts.enterpriseId,
      sql`${enterpriseContacts.isPrimary} DESC`,
      enterpriseContacts.sort,
    );
  return new Map(rows.map((row) => [row.enterpriseId, row]));
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

/** Which of these enterprises stand on their own (not merged away) within the caller's scope in `mode`. */
export async function standingEnterpriseIds(
  db: DbOrTx,
  actor: Actor,
  ids: string[],
  mode: ScopeMode,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(inArray(enterprises.id, ids), isNull(enterprises.mergedIntoId), enterpriseScope(actor, mode)));
  return new Set(rows.map((row) => row.id));
}

/** The org unit an enterprise is registered with, whoever asks (undefined: no such enterprise). */
export async function orgUnitOfEnterprise(db: DbOrTx, id: string): Promise<string | undefined> {
  const [row] = await db
    .select({ orgUnitId: enterprises.orgUnitId })
    .from(enterprises)
    .where(eq(enterprises.id, id));
  return row?.orgUnitId;
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

export function statusHistoryOf(db: DbOrTx, enterpriseId: string) {
  return db
    .select()
    .from(enterpriseStatusHistory)
    .where(eq(enterpriseStatusHistory.enterpriseId, enterpriseId))
    .orderBy(enterpriseStatusHistory.createdAt);
}

export async function findContact(
  db: DbOrTx,
  enterpriseId: string,
  contactId: string,
): Promise<ContactRow | undefined> {
  const [row] = await db
    .select()
    .from(enterpriseContacts)
    .where(and(eq(enterpriseContacts.id, contactId), eq(enterpriseContacts.enterpriseId, enterpriseId)));
  return row;
}

// Writes, made by the services (create, change, merge, import) inside their transactions. Batches travel
// as one JSON parameter unpacked by jsonb_to_recordset: building a statement with 500 rows × 22 bound
// values through the query builder cost more than the database's own work.

/** Every column a new enterprise is inserted with (null where there is nothing). */
export type NewEnterpriseRow = Pick<
  EnterpriseRow,
  | 'orgUnitId'
  | 'name'
  | 'formerNames'
  | 'uscc'
  | 'legalRepresentative'
  | 'registeredCapital'
  | 'foundedOn'
  | 'industryCode'
  | 'size'
  | 'divisionCode'
  | 'address'
  | 'tags'
  | 'membershipType'
  | 'membershipStatus'
  | 'membershipStatusReason'
  | 'membershipStatusOn'
  | 'joinedOn'
  | 'searchName'
  | 'searchBigrams'
  | 'namePinyin'
  | 'nameInitials'
  | 'sortKey'
>;
export type NewContactRow = Omit<typeof enterpriseContacts.$inferInsert, 'id'>;
export interface StatusChange {
  enterpriseId: string;
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  changedOn: string;
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

/** Inserts enterprises; their ids by credit code (RETURNING order is not promised; the code is unique). */
export async function insertEnterpriseRows(
  db: DbOrTx,
  rows: readonly NewEnterpriseRow[],
): Promise<Map<string, string>> {
  const inserted = await db.execute<{ id: string; uscc: string }>(sql`
    INSERT INTO enterprises (org_unit_id, name, former_names, uscc, legal_representative, registered_capital,
      founded_on, industry_code, size, division_code, address, tags, membership_type, membership_status,
      membership_status_reason, membership_status_on, joined_on, search_name, search_bigrams, name_pinyin,
      name_initials, sort_key)
    SELECT org_unit_id, name, former_names, uscc, legal_representative, registered_capital, founded_on,
      industry_code, size, division_code, address, tags, membership_type, membership_status,
      membership_status_reason, membership_status_on, joined_on, search_name, search_bigrams, name_pinyin,
      name_initials, sort_key
    FROM jsonb_to_recordset(${JSON.stringify(rows.map(snakeCaseKeys))}::jsonb) AS r(org_unit_id uuid, name text,
      former_names text[], uscc text, legal_representative text, registered_capital numeric, founded_on date,
      industry_code text, size text, division_code text, address text, tags text[], membership_type text,
      membership_status text, membership_status_reason text, membership_status_on date, joined_on date,
      search_name text, search_bigrams text[], name_pinyin text, name_initials text, sort_key text)
    RETURNING id, uscc`);
  return new Map(inserted.rows.map((row) => [row.uscc, row.id]));
}

export async function insertContacts(db: DbOrTx, contacts: readonly NewContactRow[]): Promise<void> {
  if (contacts.length === 0) return;
  await db.execute(sql`
    INSERT INTO enterprise_contacts (enterprise_id, name, position, mobile, email, is_primary, sort)
    SELECT enterprise_id, name, position, mobile, email, is_primary, sort
    FROM jsonb_to_recordset(${JSON.stringify(contacts.map(snakeCaseKeys))}::jsonb) AS c(enterprise_id uuid,
      name text, position text, mobile text, email text, is_primary boolean, sort integer)`);
}

/** An enterprise's contacts become these (the editor sends the whole list). */
export async function replaceContacts(
  db: DbOrTx,
  enterpriseId: string,
  contacts: readonly NewContactRow[],
): Promise<void> {
  await db.delete(enterpriseContacts).where(eq(enterpriseContacts.enterpriseId, enterpriseId));
  await insertContacts(db, contacts);
}

/** Records membership status changes (a new enterprise's first status has no `fromStatus`). */
export async function insertStatusChanges(
  db: DbOrTx,
  changes: readonly StatusChange[],
  changedBy: string,
): Promise<void> {
  if (changes.length === 0) return;
  await db.execute(sql`
    INSERT INTO enterprise_status_history (enterprise_id, from_status, to_status, reason, changed_on, changed_by)
    SELECT enterprise_id, from_status, to_status, reason, changed_on, ${changedBy}::uuid
    FROM jsonb_to_recordset(${JSON.stringify(changes.map(snakeCaseKeys))}::jsonb) AS h(enterprise_id uuid,
      from_status text, to_status text, reason text, changed_on date)`);
}

/**
 * Changes an enterprise (its version goes up); with `expectedVersion`, only if the version is still that:
 * false when someone else changed it first.
 */
export async function updateEnterpriseRow(
  db: DbOrTx,
  id: string,
  patch: Partial<EnterpriseRow>,
  now: Date,
  expectedVersion?: number,
): Promise<boolean> {
  const updated = await db
    .update(enterprises)
    .set({ ...patch, version: sql`${enterprises.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(enterprises.id, id),
        expectedVersion === undefined ? undefined : eq(enterprises.version, expectedVersion),
      ),
    )
    .returning({ id: enterprises.id });
  return updated.length > 0;
}

/** A merge: these contacts of the duplicate become the kept enterprise's, none of them its primary one. */
export async function moveContactsToEnterprise(
  db: DbOrTx,
  contactIds: string[],
  toId: string,
): Promise<void> {
  if (contactIds.length === 0) return;
  await db
    .update(enterpriseContacts)
    .set({ enterpriseId: toId, isPrimary: false })
    .where(inArray(enterpriseContacts.id, contactIds));
}

export async function updateContact(
  db: DbOrTx,
  contactId: string,
  change: { position: string | null; mobile: string | null },
): Promise<void> {
  await db.update(enterpriseContacts).set(change).where(eq(enterpriseContacts.id, contactId));
}
