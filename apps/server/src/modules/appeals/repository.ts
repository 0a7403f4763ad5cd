// Queries over 诉求 appeals within the caller's scope: one appeal with what its page shows, the filtered
// list, the liaison's inbox, and the writes the service makes inside its transactions.
import { and, asc, desc, eq, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import type { AppealListQuery, InboxQuery } from '@qinqing/shared';
import { appealScope, forwardScopeResolved, homeFederationName } from '../../core/access/appeal-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import {
  appealAttachments,
  appealCategories,
  appealEvents,
  appealForwards,
  appeals,
  enterpriseContacts,
  enterprises,
  orgUnits,
  users,
} from '../../db/schema/index.ts';
import { runStatement, statement } from '../../db/statements.ts';
import { appealOverdueSql, forwardOverdueSql, resolutionOverdueSql, responseOverdueSql } from './overdue.ts';

export type AppealRow = typeof appeals.$inferSelect;
export type ForwardRow = typeof appealForwards.$inferSelect;

export interface AppealRecord extends AppealRow {
  orgPath: string;
  enterpriseName: string;
  categoryName: string;
  chamberName: string | null;
  raisedByName: string | null;
  mergedIntoNumber: string | null;
}

const detailColumns = {
  appeal: appeals,
  orgPath: sql<string>`(SELECT path FROM org_units o WHERE o.id = appeals.org_unit_id)`,
  enterpriseName: sql<string>`(SELECT name FROM enterprises e WHERE e.id = appeals.enterprise_id)`,
  categoryName: sql<string>`(SELECT name_zh FROM appeal_categories c WHERE c.code = appeals.category_code)`,
  chamberName: sql<string | null>`(SELECT name FROM org_units o WHERE o.id = appeals.chamber_id)`,
  raisedByName: sql<string | null>`(SELECT display_name FROM users u WHERE u.id = appeals.raised_by)`,
  mergedIntoNumber: sql<string | null>`(SELECT number FROM appeals m WHERE m.id = appeals.merged_into_id)`,
};

/** One appeal the caller may see (`lock`: held for update until the transaction ends), or undefined. */
export async function findAppeal(
  db: DbOrTx,
  actor: Actor,
  id: string,
  /** `system`: the scheduler's own moves, which act on any appeal (no caller's scope applies). */
  options: { lock?: boolean; system?: boolean } = {},
): Promise<AppealRecord | undefined> {
  const query = db
    .select(detailColumns)
    .from(appeals)
    .where(options.system ? eq(appeals.id, id) : and(eq(appeals.id, id), appealScope(actor)));
  const [row] = options.lock ? await query.for('update', { of: appeals }) : await query;
  if (!row) return undefined;
  const { appeal, ...names } = row;
  return { ...appeal, ...names };
}

export interface ForwardRecord extends ForwardRow {
  departmentName: string;
  departmentPath: string;
}

export async function forwardsOf(db: DbOrTx, appealId: string): Promise<ForwardRecord[]> {
  const rows = await db
    .select({ forward: appealForwards, departmentName: orgUnits.name, departmentPath: orgUnits.path })
    .from(appealForwards)
    .innerJoin(orgUnits, eq(orgUnits.id, appealForwards.departmentId))
    .where(eq(appealForwards.appealId, appealId))
    .orderBy(asc(appealForwards.forwardedAt), asc(orgUnits.name));
  return rows.map((row) => ({
    ...row.forward,
    departmentName: row.departmentName,
    departmentPath: row.departmentPath,
  }));
}

export interface EventRecord {
  id: number;
  occurredAt: Date;
  actorName: string | null;
  action: string;
  fromState: string | null;
  toState: string | null;
  note: string | null;
  departmentName: string | null;
  detail: Record<string, unknown> | null;
}

export async function eventsOf(db: DbOrTx, appealId: string): Promise<EventRecord[]> {
  return db
    .select({
      id: appealEvents.id,
      occurredAt: appealEvents.occurredAt,
      actorName: appealEvents.actorName,
      action: appealEvents.action,
      fromState: appealEvents.fromState,
      toState: appealEvents.toState,
      note: appealEvents.note,
      departmentName: orgUnits.name,
      detail: appealEvents.detail,
    })
    .from(appealEvents)
    .leftJoin(appealForwards, eq(appealForwards.id, appealEvents.forwardId))
    .leftJoin(orgUnits, eq(orgUnits.id, appealForwards.departmentId))
    .where(eq(appealEvents.appealId, appealId))
    .orderBy(asc(appealEvents.id));
}

export async function attachmentsOf(db: DbOrTx, appealId: string) {
  return db
    .select({
      id: appealAttachments.id,
      fileName: appealAttachments.fileName,
      mediaType: appealAttachments.mediaType,
      sizeBytes: appealAttachments.sizeBytes,
      uploadedAt: appealAttachments.uploadedAt,
      uploadedByName: users.displayName,
    })
    .from(appealAttachments)
    .leftJoin(users, eq(users.id, appealAttachments.uploadedBy))
    .where(eq(appealAttachments.appealId, appealId))
    .orderBy(asc(appealAttachments.uploadedAt));
}

export async function attachmentContent(db: DbOrTx, appealId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(appealAttachments)
    .where(and(eq(appealAttachments.id, attachmentId), eq(appealAttachments.appealId, appealId)));
  return row;
}

function listConditions(actor: Actor, query: AppealListQuery, now: Date): SQL {
  const conditions: SQL[] = [appealScope(actor)];
  if (query.state?.length) conditions.push(inArray(appeals.state, query.state));
  if (query.category?.length) conditions.push(inArray(appeals.categoryCode, query.category));
  if (query.urgency) conditions.push(eq(appeals.urgency, query.urgency));
  if (query.source) conditions.push(eq(appeals.source, query.source));
  if (query.enterpriseId) conditions.push(eq(appeals.enterpriseId, query.enterpriseId));
  if (query.chamberId) conditions.push(eq(appeals.chamberId, query.chamberId));
  if (query.visitId) conditions.push(eq(appeals.visitId, query.visitId));
  if (query.satisfaction?.length) conditions.push(inArray(appeals.satisfaction, query.satisfaction));
  if (query.outcome) conditions.push(eq(appeals.outcome, query.outcome));
  if (query.overdue === 'true') conditions.push(appealOverdueSql('appeals', now));
  if (query.overdue === 'false') conditions.push(sql`NOT ${appealOverdueSql('appeals', now)}`);
  if (query.orgUnitId) {
    conditions.push(
      sql`${appeals.orgUnitId} = ANY (ARRAY(SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = ${query.orgUnitId}) || '%'))`,
    );
  }
  if (query.departmentId) {
    conditions.push(
      sql`${appeals.id} IN (SELECT appeal_id FROM appeal_forwards WHERE department_id = ${query.departmentId})`,
    );
  }
  if (query.from) conditions.push(sql`${appeals.receivedOn} >= ${query.from}`);
  if (query.to) conditions.push(sql`${appeals.receivedOn} <= ${query.to}`);
  if (query.q) {
    const fragment = `%${escapeLike(query.q)}%`;
    conditions.push(
      sql`(${appeals.title} ILIKE ${fragment} OR ${appeals.number} ILIKE ${fragment} OR ${appeals.enterpriseId} IN (SELECT id FROM enterprises WHERE name ILIKE ${fragment}))`,
    );
  }
  return and(...conditions) as SQL;
}

export interface AppealListRow extends AppealRow {
  enterpriseName: string;
  categoryName: string;
}

/** `now`: the moment overdue is decided at (overdue.ts). */
export async function listAppeals(
  db: DbOrTx,
  actor: Actor,
  query: AppealListQuery,
  now: Date,
): Promise<{ rows: AppealListRow[]; total: number }> {
  const where = listConditions(actor, query, now);
  const order =
    query.sort === 'received_asc'
      ? [asc(appeals.receivedAt), asc(appeals.id)]
      : query.sort === 'due_asc'
        ? [sql`${appeals.resolveDueAt} ASC NULLS LAST`, asc(appeals.id)]
        : [desc(appeals.receivedAt), desc(appeals.id)];
  const [rows, totals] = await Promise.all([
    db
      .select({ appeal: appeals, enterpriseName: enterprises.name, categoryName: appealCategories.nameZh })
      .from(appeals)
      .innerJoin(enterprises, eq(enterprises.id, appeals.enterpriseId))
      .innerJoin(appealCategories, eq(appealCategories.code, appeals.categoryCode))
      .where(where)
      .orderBy(...order)
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(appeals)
      .where(where),
  ]);
  return {
    rows: rows.map((row) => ({
      ...row.appeal,
      enterpriseName: row.enterpriseName,
      categoryName: row.categoryName,
    })),
    total: totals[0]?.total ?? 0,
  };
}

/**
 * The current round's forwards of several appeals, with their department names and deadlines (for list
 * rows and whether each is overdue).
 */
export async function currentForwardsOf(db: DbOrTx, appealIds: string[]) {
  if (appealIds.length === 0) return [];
  return db
    .select({
      appealId: appealForwards.appealId,
      departmentId: appealForwards.departmentId,
      departmentName: orgUnits.name,
      state: appealForwards.state,
      respondedAt: appealForwards.respondedAt,
      respondDueAt: appealForwards.respondDueAt,
      resolveDueAt: appealForwards.resolveDueAt,
    })
    .from(appealForwards)
    .innerJoin(appeals, eq(appeals.id, appealForwards.appealId))
    .innerJoin(orgUnits, eq(orgUnits.id, appealForwards.departmentId))
    .where(and(inArray(appealForwards.appealId, appealIds), sql`appeal_forwards.round = appeals.round`))
    .orderBy(asc(orgUnits.name));
}

/** `now`: the moment overdue is decided at (overdue.ts). */
export async function listInbox(db: DbOrTx, actor: Actor, query: InboxQuery, now: Date) {
  const conditions: SQL[] = [await forwardScopeResolved(db, actor)];
  if (query.state?.length) conditions.push(inArray(appealForwards.state, query.state));
  if (query.overdue === 'true') conditions.push(forwardOverdueSql('appeal_forwards', now));
  if (query.overdue === 'false') conditions.push(sql`NOT ${forwardOverdueSql('appeal_forwards', now)}`);
  if (query.q) {
    const fragment = `%${escapeLike(query.q)}%`;
    conditions.push(sql`(${appeals.title} ILIKE ${fragment} OR ${appeals.number} ILIKE ${fragment})`);
  }
  const where = and(...conditions) as SQL;
  // The total needs the appeals only to match the search text: a department's forwards are otherwise
  // counted from the inbox index alone.
  const counted = db.select({ total: sql<number>`count(*)::int` }).from(appealForwards);
  const [rows, totals] = await Promise.all([
    db
      .select({
        forwardId: appealForwards.id,
        appealId: appeals.id,
        number: appeals.number,
        title: appeals.title,
        enterpriseName: enterprises.name,
        category: appeals.categoryCode,
        categoryName: appealCategories.nameZh,
        urgency: appeals.urgency,
        departmentName: orgUnits.name,
        // Across levels (migration 0031): the federation that forwarded it, named for the city's liaison.
        fromUnitName: sql<
          string | null
        >`CASE WHEN ${appealForwards.acrossLevels} THEN ${homeFederationName(appeals.orgUnitId)} END`,
        state: appealForwards.state,
        forwardedAt: appealForwards.forwardedAt,
        respondDueAt: appealForwards.respondDueAt,
        resolveDueAt: appealForwards.resolveDueAt,
        responseOverdue: sql<boolean>`${responseOverdueSql('appeal_forwards', now)}`,
        resolveOverdue: sql<boolean>`${resolutionOverdueSql('appeal_forwards', now)}`,
      })
      .from(appealForwards)
      .innerJoin(appeals, eq(appeals.id, appealForwards.appealId))
      .innerJoin(enterprises, eq(enterprises.id, appeals.enterpriseId))
      .innerJoin(appealCategories, eq(appealCategories.code, appeals.categoryCode))
      .innerJoin(orgUnits, eq(orgUnits.id, appealForwards.departmentId))
      .where(where)
      .orderBy(desc(appealForwards.forwardedAt), desc(appealForwards.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    query.q
      ? counted.innerJoin(appeals, eq(appeals.id, appealForwards.appealId)).where(where)
      : counted.where(where),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/** Updates an appeal if its version is still `version`; false when someone else changed it first. */
export async function updateAppeal(
  tx: DbOrTx,
  id: string,
  version: number,
  patch: Partial<AppealRow>,
  now: Date,
): Promise<boolean> {
  const updated = await tx
    .update(appeals)
    .set({ ...patch, version: version + 1, updatedAt: now })
    .where(and(eq(appeals.id, id), eq(appeals.version, version)))
    .returning({ id: appeals.id });
  return updated.length === 1;
}

export async function updateForward(tx: DbOrTx, id: string, patch: Partial<ForwardRow>, now: Date) {
  await tx
    .update(appealForwards)
    .set({ ...patch, version: sql`${appealForwards.version} + 1`, updatedAt: now })
    .where(eq(appealForwards.id, id));
}

// Every step of every appeal writes one (a named statement: parsed and planned once per connection).
const INSERT_EVENT = statement<{ id: number }>(
  'appeal_insert_event',
  `INSERT INTO appeal_events (appeal_id, forward_id, occurred_at, actor_id, actor_name, action, from_state,
     to_state, note, detail)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb)
   RETURNING id`,
);

export async function insertEvent(tx: Tx, event: typeof appealEvents.$inferInsert): Promise<number> {
  const [row] = await runStatement(tx, INSERT_EVENT, [
    event.appealId,
    event.forwardId ?? null,
    event.occurredAt,
    event.actorId ?? null,
    event.actorName ?? null,
    event.action,
    event.fromState ?? null,
    event.toState ?? null,
    event.note ?? null,
    event.detail === undefined || event.detail === null ? null : JSON.stringify(event.detail),
  ]);
  return row!.id;
}

export interface RaisingTarget {
  id: string;
  name: string;
  orgUnitId: string;
  orgPath: string;
  mergedIntoId: string | null;
  /** The category asked for; null when there is no such code. */
  category: { code: string; name: string; active: boolean } | null;
}

export interface RaiseInput {
  enterpriseId: string;
  categoryCode: string;
  /** Only an enterprise whose org unit's path starts so is found (the caller's subtree, or '/'). */
  withinPath: string;
  chamberId: string | null;
  visitId: string | null;
  title: string;
  description: string;
  source: string;
  urgency: string;
  raisedBy: string;
  raisedByName: string;
  at: Date;
  /** The Shanghai day of `at` (its year numbers the appeal). */
  day: string;
  idempotencyKey: string | null;
  eventDetail: Record<string, unknown>;
  /** The contact named for it, as it reads now (kept on the appeal). */
  contact: AppealContact | null;
  /** Raised by staff who triage there: their subtree's path (an enterprise within it starts accepted). */
  acceptingPath: string | null;
}

/** The appeal's columns as AppealRow names them (its date as text, as Drizzle reads it). */
const APPEAL_COLUMNS = Object.entries(getTableColumns(appeals))
  .map(
    ([key, column]) => `appeal.${column.name}${column.getSQLType() === 'date' ? '::text' : ''} AS "${key}"`,
  )
  .join(', ');

// Raising an appeal is the busiest write: the enterprise and category checked, the appeal numbered and
// inserted with its first timeline event, in one named statement (one round trip, planned once per
// connection; bench/service-loop.ts). Nothing is inserted when a check fails or the caller's
// Idempotency-Key was used already; the enterprise's and category's row still comes back to tell which.
// Raised by staff who triage for the enterprise's federation ($21, their subtree's path), it starts
// accepted: state 'valid' with validated_at, and a mark_valid event by the same person after the raise.
const RAISE = statement<
  {
    target_id: string | null;
    target_name: string | null;
    target_org_unit_id: string | null;
    target_org_path: string | null;
    target_merged_into_id: string | null;
    category_code: string | null;
    category_name: string | null;
    category_active: boolean | null;
    eventId: number | null;
    acceptedEventId: number | null;
  } & Partial<AppealRow>
>(
  'appeal_raise',
  `WITH target AS (
     SELECT e.id, e.name, e.org_unit_id, o.path, e.merged_into_id,
            c.code AS category_code, c.name_zh AS category_name, c.active AS category_active
       FROM enterprises e
       JOIN org_units o ON o.id = e.org_unit_id
       LEFT JOIN LATERAL appeal_categories_at(o.path) c ON c.code = $2
      WHERE e.id = $1 AND starts_with(o.path, $3)
   ), appeal AS (
     INSERT INTO appeals (number, enterprise_id, org_unit_id, chamber_id, visit_id, category_code, title,
       description, source, urgency, state, raised_by, received_at, received_on, idempotency_key,
       contact_id, contact_name, contact_position, contact_mobile, created_at, updated_at, validated_at)
     SELECT (SELECT 'SQ' || $4 || lpad(n, greatest(6, length(n)), '0')
               FROM (SELECT nextval('appeal_number_seq')::text AS n) AS serial),
            t.id, t.org_unit_id, $5, $6, t.category_code, $7, $8, $9, $10,
            CASE WHEN starts_with(t.path, $21) THEN 'valid' ELSE 'submitted' END, $11, $12, $13, $14,
            $17, $18, $19, $20, $12, $12, CASE WHEN starts_with(t.path, $21) THEN $12::timestamptz END
       FROM target t
      WHERE t.merged_into_id IS NULL AND t.category_active
     ON CONFLICT (raised_by, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
     RETURNING *
   ), event AS (
     INSERT INTO appeal_events (appeal_id, occurred_at, actor_id, actor_name, action, from_state, to_state, detail)
     SELECT appeal.id, $12, $11, $15, step.action, step.from_state, step.to_state, step.detail
       FROM appeal
       CROSS JOIN LATERAL (VALUES (1, 'raise', NULL, 'submitted', $16::jsonb),
                                  (2, 'mark_valid', 'submitted', 'valid', NULL::jsonb))
            AS step (ord, action, from_state, to_state, detail)
      WHERE step.ord = 1 OR appeal.state = 'valid'
      ORDER BY step.ord
     RETURNING id
   )
   SELECT t.id AS target_id, t.name AS target_name, t.org_unit_id AS target_org_unit_id,
          t.path AS target_org_path, t.merged_into_id AS target_merged_into_id,
          t.category_code, t.category_name, t.category_active,
          ${APPEAL_COLUMNS}, (SELECT min(id) FROM event) AS "eventId",
          (SELECT max(id) FROM event) AS "acceptedEventId"
     FROM (SELECT 1) AS one
     LEFT JOIN target t ON true
     LEFT JOIN appeal ON true`,
);

/**
 * Raises an appeal with its first timeline event. `target` is the enterprise and category as found
 * (undefined: no such enterprise within the path); `appeal` and `eventId` only when it was inserted.
 */
export async function raiseWithEvent(
  tx: Tx,
  input: RaiseInput,
): Promise<{ target?: RaisingTarget; appeal?: AppealRow; eventId?: number; acceptedEventId?: number }> {
  const [row] = await runStatement(tx, RAISE, [
    input.enterpriseId,
    input.categoryCode,
    input.withinPath,
    input.day.slice(0, 4),
    input.chamberId,
    input.visitId,
    input.title,
    input.description,
    input.source,
    input.urgency,
    input.raisedBy,
    input.at,
    input.day,
    input.idempotencyKey,
    input.raisedByName,
    JSON.stringify(input.eventDetail),
    input.contact?.id ?? null,
    input.contact?.name ?? null,
    input.contact?.position ?? null,
    input.contact?.mobile ?? null,
    input.acceptingPath,
  ]);
  if (!row?.target_id) return {};
  const {
    target_id,
    target_name,
    target_org_unit_id,
    target_org_path,
    target_merged_into_id,
    category_code,
    category_name,
    category_active,
    eventId,
    acceptedEventId,
    ...appeal
  } = row;
  const target: RaisingTarget = {
    id: target_id,
    name: target_name!,
    orgUnitId: target_org_unit_id!,
    orgPath: target_org_path!,
    mergedIntoId: target_merged_into_id,
    category:
      category_code === null ? null : { code: category_code, name: category_name!, active: category_active! },
  };
  if (eventId === null) return { target };
  return {
    target,
    appeal: appeal as AppealRow,
    eventId,
    ...(acceptedEventId !== null && acceptedEventId !== eventId ? { acceptedEventId } : {}),
  };
}

export interface AppealContact {
  id: string;
  name: string;
  position: string | null;
  mobile: string | null;
}

/**
 * The contact an appeal names: the one asked for if it is the enterprise's (undefined if not); none asked
 * for, the contact called `ownName` (an enterprise contact raising for their own enterprise), else the
 * primary contact, else the first listed (null: the enterprise has none).
 */
export async function appealContactFor(
  db: DbOrTx,
  enterpriseId: string,
  contactId: string | undefined,
  ownName: string | undefined,
): Promise<AppealContact | null | undefined> {
  const columns = {
    id: enterpriseContacts.id,
    name: enterpriseContacts.name,
    position: enterpriseContacts.position,
    mobile: enterpriseContacts.mobile,
  };
  if (contactId) {
    const [row] = await db
      .select(columns)
      .from(enterpriseContacts)
      .where(and(eq(enterpriseContacts.id, contactId), eq(enterpriseContacts.enterpriseId, enterpriseId)));
    return row;
  }
  const [row] = await db
    .select(columns)
    .from(enterpriseContacts)
    .where(eq(enterpriseContacts.enterpriseId, enterpriseId))
    .orderBy(
      sql`(${enterpriseContacts.name} = ${ownName ?? ''}::text) DESC`,
      desc(enterpriseContacts.isPrimary),
      asc(enterpriseContacts.sort),
    )
    .limit(1);
  return row ?? null;
}

/** The appeal this account raised earlier with this Idempotency-Key, if any. */
export async function findByIdempotencyKey(
  db: DbOrTx,
  raisedBy: string,
  key: string,
): Promise<AppealRow | undefined> {
  const [row] = await db
    .select()
    .from(appeals)
    .where(and(eq(appeals.raisedBy, raisedBy), eq(appeals.idempotencyKey, key)));
  return row;
}

export async function insertForward(
  db: DbOrTx,
  values: typeof appealForwards.$inferInsert,
): Promise<ForwardRow> {
  const [row] = await db.insert(appealForwards).values(values).returning();
  return row!;
}

/** The enterprise's rating of the answer, on the forwards that answered it. */
export async function rateForwards(
  db: DbOrTx,
  forwardIds: string[],
  satisfaction: string,
  now: Date,
): Promise<void> {
  if (forwardIds.length === 0) return;
  await db
    .update(appealForwards)
    .set({ satisfaction, updatedAt: now })
    .where(inArray(appealForwards.id, forwardIds));
}

/** Whether the enterprise lies within `scope` (an enterpriseScope condition). */
export async function enterpriseWithin(db: DbOrTx, scope: SQL, id: string): Promise<boolean> {
  const rows = await db
    .select({ id: enterprises.id })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), scope));
  return rows.length > 0;
}

/**
 * The category's deadlines in effect at the appeal's org unit (its path: the nearest federation level that
 * defines the code), else — an override removed since it was raised — the code's owning definition.
 */
export async function findCategory(db: DbOrTx, code: string, orgPath: string) {
  const { rows } = await db.execute<{ respondDays: number; resolveDays: number }>(
    sql`SELECT respond_days AS "respondDays", resolve_days AS "resolveDays"
          FROM appeal_categories_at(${orgPath}) WHERE code = ${code}`,
  );
  if (rows[0]) return rows[0];
  const [row] = await db.select().from(appealCategories).where(eq(appealCategories.code, code));
  return row;
}

/**
 * Accounts of a role at an org unit or above it (leaders hear of escalations, staff of appeals raised
 * without them).
 */
export async function accountsOver(
  db: DbOrTx,
  role: 'federation_leader' | 'federation_staff',
  orgPath: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(orgUnits, eq(orgUnits.id, users.orgUnitId))
    .where(
      and(
        sql`${role} = ANY (${users.roles})`,
        sql`NOT ${users.disabled}`,
        sql`${orgPath} LIKE ${orgUnits.path} || '%'`,
      ),
    );
  return rows.map((row) => row.id);
}

/** Whether the account (the appeal's raiser, say) is a federation staff account. */
export async function isStaffAccount(db: DbOrTx, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), sql`'federation_staff' = ANY (${users.roles})`));
  return rows.length > 0;
}

/** The enabled accounts of an enterprise's contacts. */
export async function contactAccountsOf(db: DbOrTx, enterpriseId: string): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.enterpriseId, enterpriseId), sql`NOT ${users.disabled}`));
  return rows.map((row) => row.id);
}

/** A department's liaison accounts (its unit and below). */
export function liaisonsOf(db: DbOrTx, departmentId: string): Promise<string[]> {
  return departmentAccounts(db, departmentId, 'department_liaison');
}

/** A department's head accounts (部门负责人, its unit and below): escalations reach them. */
export function headsOf(db: DbOrTx, departmentId: string): Promise<string[]> {
  return departmentAccounts(db, departmentId, 'department_head');
}

async function departmentAccounts(
  db: DbOrTx,
  departmentId: string,
  role: 'department_liaison' | 'department_head',
): Promise<string[]> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        sql`${role} = ANY (${users.roles})`,
        sql`NOT ${users.disabled}`,
        sql`${users.orgUnitId} IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = ${departmentId}) || '%')`,
      ),
    );
  return rows.map((row) => row.id);
}

export type AttachmentRecord = Awaited<ReturnType<typeof attachmentsOf>>[number];
