// Queries over the audit log (read-only: nothing in the app updates or deletes audit records), and the
// look-ups that name what the records point at — per page, in one query, never one per record.
import { and, asc, count, desc, eq, gt, gte, inArray, lte, max, or, sql, type SQL } from 'drizzle-orm';
import { AUDIT_ACTION_CODES, AUDIT_ACTIONS, type AuditAction, type AuditFilterQuery } from '@qinqing/shared';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { auditEvents } from '../../db/schema/index.ts';

export type AuditFilter = AuditFilterQuery;

/** The kinds of record a business key can name, each looked up in its own table. */
export type KeyedType =
  | 'user'
  | 'session'
  | 'org_unit'
  | 'enterprise'
  | 'enterprise_contact'
  | 'person'
  | 'party_organization'
  | 'job'
  | 'appeal'
  | 'appeal_category'
  | 'channel'
  | 'suggestion'
  | 'visit'
  | 'visit_plan'
  | 'report';

/**
 * The ids of records whose business key contains `pattern` (an ILIKE pattern), per object type, as SQL
 * over `audit_events.object_id`. A chamber is an org unit; an enterprise contact is found by its
 * enterprise too; a session by the account that signed in with it.
 */
function objectMatches(pattern: string): SQL {
  const byType = (types: string[], ids: SQL) =>
    sql`(${auditEvents.objectType} IN (${sql.join(
      types.map((type) => sql`${type}`),
      sql`, `,
    )}) AND ${auditEvents.objectId} IN (${ids}))`;
  return sql`(${sql.join(
    [
      byType(
        ['user'],
        sql`SELECT id::text FROM users WHERE username ILIKE ${pattern} OR display_name ILIKE ${pattern}`,
      ),
      byType(
        ['session'],
        sql`SELECT s.object_id FROM audit_events s
            WHERE s.object_type = 'session' AND s.action = 'auth.login' AND s.actor_name ILIKE ${pattern}`,
      ),
      byType(['org_unit', 'chamber'], sql`SELECT id::text FROM org_units WHERE name ILIKE ${pattern}`),
      byType(
        ['enterprise'],
        sql`SELECT id::text FROM enterprises WHERE name ILIKE ${pattern} OR uscc ILIKE ${pattern}`,
      ),
      byType(
        ['enterprise_contact'],
        sql`SELECT c.id::text FROM enterprise_contacts c JOIN enterprises e ON e.id = c.enterprise_id
            WHERE c.name ILIKE ${pattern} OR e.name ILIKE ${pattern} OR e.uscc ILIKE ${pattern}`,
      ),
      byType(['person'], sql`SELECT id::text FROM people WHERE name ILIKE ${pattern}`),
      byType(
        ['party_organization'],
        sql`SELECT id::text FROM party_organizations WHERE name ILIKE ${pattern}`,
      ),
      byType(
        ['appeal'],
        sql`SELECT id::text FROM appeals WHERE number ILIKE ${pattern} OR title ILIKE ${pattern}`,
      ),
      byType(
        ['appeal_category'],
        sql`SELECT code FROM appeal_categories WHERE name_zh ILIKE ${pattern} OR name_en ILIKE ${pattern}`,
      ),
      byType(['channel'], sql`SELECT id::text FROM channels WHERE name ILIKE ${pattern}`),
      byType(
        ['suggestion'],
        sql`SELECT id::text FROM suggestions WHERE number ILIKE ${pattern} OR title ILIKE ${pattern}`,
      ),
      byType(
        ['visit'],
        sql`SELECT v.id::text FROM visits v JOIN enterprises e ON e.id = v.enterprise_id
            WHERE e.name ILIKE ${pattern} OR e.uscc ILIKE ${pattern}`,
      ),
      byType(['visit_plan'], sql`SELECT id::text FROM visit_plans WHERE name ILIKE ${pattern}`),
      byType(
        ['report'],
        sql`SELECT r.id::text FROM reports r JOIN org_units u ON u.id = r.org_unit_id
            WHERE u.name ILIKE ${pattern} OR r.period ILIKE ${pattern}`,
      ),
      byType(['job'], sql`SELECT id::text FROM jobs WHERE params->>'fileName' ILIKE ${pattern}`),
      // Records that are gone, or whose key is only in the record: the number or name it wrote down.
      sql`${auditEvents.detail}->>'number' ILIKE ${pattern}`,
      // A short id, as the log shows for records that no longer exist.
      sql`${auditEvents.objectId} ILIKE ${pattern.replace(/^%/, '')}`,
    ],
    sql` OR `,
  )})`;
}

function actionsOf(filter: AuditFilter): AuditAction[] | undefined {
  const inGroup = filter.group
    ? AUDIT_ACTION_CODES.filter((code) => AUDIT_ACTIONS[code].group === filter.group)
    : undefined;
  if (!filter.action?.length) return inGroup;
  return inGroup ? filter.action.filter((code) => inGroup.includes(code)) : filter.action;
}

function where(filter: AuditFilter): SQL | undefined {
  const actions = actionsOf(filter);
  const actor = filter.actor ? `%${escapeLike(filter.actor)}%` : undefined;
  return and(
    actor
      ? or(
          sql`${auditEvents.actorName} ILIKE ${actor}`,
          sql`${auditEvents.actorId} IN (SELECT id FROM users WHERE display_name ILIKE ${actor})`,
        )
      : undefined,
    actions ? (actions.length > 0 ? inArray(auditEvents.action, actions) : sql`false`) : undefined,
    filter.object ? objectMatches(`%${escapeLike(filter.object)}%`) : undefined,
    filter.objectType ? eq(auditEvents.objectType, filter.objectType) : undefined,
    filter.objectId ? eq(auditEvents.objectId, filter.objectId) : undefined,
    filter.result ? eq(auditEvents.result, filter.result) : undefined,
    filter.from ? gte(auditEvents.occurredAt, new Date(filter.from).toISOString()) : undefined,
    filter.to ? lte(auditEvents.occurredAt, new Date(filter.to).toISOString()) : undefined,
  );
}

export type AuditRow = typeof auditEvents.$inferSelect;

export async function listAuditEvents(
  db: DbOrTx,
  filter: AuditFilter,
  page: { page: number; pageSize: number },
): Promise<{ rows: AuditRow[]; total: number }> {
  const condition = where(filter);
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditEvents)
      .where(condition)
      .orderBy(desc(auditEvents.seq))
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
    db.select({ total: count() }).from(auditEvents).where(condition),
  ]);
  return { rows, total: totals[0]?.total ?? 0 };
}

/**
 * The seq of the last record written so far. An export covers the records up to it, so that what is
 * appended while it runs (the export's own audit record first of all) is neither counted nor written.
 */
export async function lastAuditSeq(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ last: max(auditEvents.seq) }).from(auditEvents);
  return row?.last ?? 0;
}

export async function countAuditEvents(db: DbOrTx, filter: AuditFilter, upToSeq: number): Promise<number> {
  const [row] = await db
    .select({ total: count() })
    .from(auditEvents)
    .where(and(where(filter), lte(auditEvents.seq, upToSeq)));
  return row?.total ?? 0;
}

/** Matching records up to `upToSeq` in seq order, in batches, so an export of millions keeps memory flat. */
export async function* streamAuditEventBatches(
  db: DbOrTx,
  filter: AuditFilter,
  upToSeq: number,
  batchSize = 2000,
): AsyncGenerator<AuditRow[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(and(where(filter), gt(auditEvents.seq, after), lte(auditEvents.seq, upToSeq)))
      .orderBy(asc(auditEvents.seq))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]?.seq ?? after;
  }
}

/** What a record is called: its business key, and for reports what the title is made of. */
export interface KeyedRecord {
  type: KeyedType;
  id: string;
  /** username, enterprise name, appeal number… */
  key: string;
  /** display name, credit code, appeal title… */
  extra: string | null;
  /** For reports: type, period and unit name; for visits, the date. */
  more: string | null;
  revision: number | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tables that key each type: a uuid id, the key, and what goes with it. */
const KEY_QUERIES: Record<Exclude<KeyedType, 'session' | 'appeal_category'>, (ids: SQL) => SQL> = {
  user: (ids) =>
    sql`SELECT 'user', id::text, username, display_name, NULL, NULL::int FROM users WHERE id = ANY(${ids})`,
  org_unit: (ids) =>
    sql`SELECT 'org_unit', id::text, name, NULL, NULL, NULL::int FROM org_units WHERE id = ANY(${ids})`,
  enterprise: (ids) =>
    sql`SELECT 'enterprise', id::text, name, uscc, NULL, NULL::int FROM enterprises WHERE id = ANY(${ids})`,
  enterprise_contact: (ids) =>
    sql`SELECT 'enterprise_contact', c.id::text, c.name, e.name, NULL, NULL::int
        FROM enterprise_contacts c JOIN enterprises e ON e.id = c.enterprise_id WHERE c.id = ANY(${ids})`,
  person: (ids) =>
    sql`SELECT 'person', id::text, name, NULL, NULL, NULL::int FROM people WHERE id = ANY(${ids})`,
  party_organization: (ids) =>
    sql`SELECT 'party_organization', id::text, name, NULL, NULL, NULL::int
        FROM party_organizations WHERE id = ANY(${ids})`,
  job: (ids) =>
    sql`SELECT 'job', id::text, COALESCE(params->>'fileName', kind), NULL, NULL, NULL::int
        FROM jobs WHERE id = ANY(${ids})`,
  appeal: (ids) =>
    sql`SELECT 'appeal', id::text, number, title, NULL, NULL::int FROM appeals WHERE id = ANY(${ids})`,
  channel: (ids) =>
    sql`SELECT 'channel', id::text, name, NULL, NULL, NULL::int FROM channels WHERE id = ANY(${ids})`,
  suggestion: (ids) =>
    sql`SELECT 'suggestion', id::text, number, title, NULL, NULL::int FROM suggestions WHERE id = ANY(${ids})`,
  visit: (ids) =>
    sql`SELECT 'visit', v.id::text, e.name, e.uscc, COALESCE(v.visited_on, v.planned_on)::text, NULL::int
        FROM visits v JOIN enterprises e ON e.id = v.enterprise_id WHERE v.id = ANY(${ids})`,
  visit_plan: (ids) =>
    sql`SELECT 'visit_plan', id::text, name, NULL, NULL, NULL::int FROM visit_plans WHERE id = ANY(${ids})`,
  report: (ids) =>
    sql`SELECT 'report', r.id::text, u.name, r.type, r.period, r.revision
        FROM reports r JOIN org_units u ON u.id = r.org_unit_id WHERE r.id = ANY(${ids})`,
};

/**
 * The records named by `wanted` (type → ids), in one query: a UNION ALL of one indexed look-up per type
 * present. Sessions are named by the account that signed in with them (their rows are deleted at sign-out);
 * appeal categories are keyed by their code.
 */
export async function findKeyedRecords(
  db: DbOrTx,
  wanted: ReadonlyMap<KeyedType, ReadonlySet<string>>,
): Promise<KeyedRecord[]> {
  const parts: SQL[] = [];
  for (const [type, idSet] of wanted) {
    if (type === 'appeal_category') {
      const codes = [...idSet];
      if (codes.length > 0) {
        parts.push(
          sql`SELECT 'appeal_category', code, name_zh, name_en, NULL, NULL::int
              FROM appeal_categories WHERE code = ANY(${sql.param(codes)}::text[])`,
        );
      }
      continue;
    }
    const ids = [...idSet].filter((id) => UUID.test(id));
    if (ids.length === 0) continue;
    if (type === 'session') {
      parts.push(
        sql`SELECT DISTINCT ON (object_id) 'session', object_id, actor_name, NULL, NULL, NULL::int
            FROM audit_events
            WHERE object_type = 'session' AND action = 'auth.login' AND object_id = ANY(${sql.param(ids)}::text[])`,
      );
      continue;
    }
    parts.push(KEY_QUERIES[type](sql`${sql.param(ids)}::uuid[]`));
  }
  if (parts.length === 0) return [];
  const { rows } = await db.execute<KeyedRecord & Record<string, unknown>>(
    sql`SELECT * FROM (${sql.join(
      parts.map((part) => sql`(${part})`),
      sql` UNION ALL `,
    )}) AS keyed (type, id, key, extra, more, revision)`,
  );
  return rows;
}
