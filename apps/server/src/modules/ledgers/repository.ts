// Queries of the 台账 ledgers: the rows of each ledger for an org unit's subtree and a period, counted and
// streamed in keyset batches from the caller's snapshot. Rows are those of the chosen unit's subtree and,
// through the access scope functions, of the caller's.
import { and, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../core/auth/sessions.ts';
import { withinScope } from '../../core/access/access.ts';
import { appealScope } from '../../core/access/appeal-scope.ts';
import { enterpriseScope } from '../../core/access/registry-scope.ts';
import { visitScope } from '../../core/access/visit-scope.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { appeals, enterprises, visits } from '../../db/schema/index.ts';
import { answeredLateSql, appealOverdueSql } from '../appeals/overdue.ts';

// Types, not interfaces: rows read with db.execute must be index-compatible records.
export type LedgerUnit = {
  id: string;
  name: string;
  path: string;
  /** A chamber's (or association's) member ledger lists its members rather than its subtree's. */
  kind: string;
};

/** Whether a unit is a chamber or association: its members are those of its memberships. */
export const isChamber = (unit: LedgerUnit) => unit.kind === 'chamber' || unit.kind === 'association';

/** What a ledger covers: the unit's subtree, the period (inclusive days), and who asks. */
export interface LedgerScope {
  actor: Actor;
  unit: LedgerUnit;
  from: string;
  to: string;
  /** When the ledger is drawn up: what is overdue is overdue at this moment. */
  at: Date;
}

const BATCH = 2000;

export async function findOrgUnit(db: DbOrTx, id: string): Promise<LedgerUnit | undefined> {
  const { rows } = await db.execute<LedgerUnit>(
    sql`SELECT id, name, path, kind FROM org_units WHERE id = ${id}`,
  );
  return rows[0];
}

/**
 * Streams a keyset-paged query: `page(after)` gives the rows after the last one seen (`undefined` for
 * the first page), ordered by the key `keyOf` reads.
 */
async function* keyset<Row, Key>(
  page: (after: Key | undefined) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
): AsyncGenerator<Row> {
  let after: Key | undefined;
  for (;;) {
    const rows = await page(after);
    if (rows.length === 0) return;
    yield* rows;
    if (rows.length < BATCH) return;
    after = keyOf(rows[rows.length - 1]!);
  }
}

async function countOf(db: DbOrTx, from: SQL, where: SQL): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM ${from} WHERE ${where}`,
  );
  return rows[0]?.n ?? 0;
}

// ---- 会员企业台账 members ----

export type MemberLedgerRow = {
  id: string;
  sort_key: string;
  name: string;
  uscc: string;
  org_unit_name: string;
  industry_code: string | null;
  size: string | null;
  membership_type: string;
  legal_representative: string | null;
  contact_name: string | null;
  contact_mobile: string | null;
  joined_on: string | null;
  membership_status: string;
  membership_status_on: string | null;
};

/**
 * Members on the register during the period: applying, active and suspended members who joined by its
 * end (or whose joining day is unknown), and those who withdrew on or after its first day. Merged
 * duplicates are left out. Those registered in the unit's subtree; for a chamber, its member enterprises
 * (those still on its member list, wherever they are registered).
 */
function memberWhere(scope: LedgerScope): SQL {
  return and(
    isChamber(scope.unit)
      ? sql`${enterprises.id} IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id = ${scope.unit.id})`
      : withinScope(enterprises.orgUnitId, { orgPath: scope.unit.path }),
    enterpriseScope(scope.actor),
    sql`${enterprises.mergedIntoId} IS NULL`,
    sql`(${enterprises.joinedOn} IS NULL OR ${enterprises.joinedOn} <= ${scope.to})`,
    sql`(${enterprises.membershipStatus} IN ('applying', 'active', 'suspended')
      OR (${enterprises.membershipStatus} = 'withdrawn' AND ${enterprises.membershipStatusOn} >= ${scope.from}))`,
  ) as SQL;
}

export function countMembers(db: DbOrTx, scope: LedgerScope): Promise<number> {
  return countOf(db, sql`enterprises`, memberWhere(scope));
}

/** In pinyin order of the name (the registry's sort key), with each member's primary (else first) contact. */
export function streamMembers(db: DbOrTx, scope: LedgerScope): AsyncGenerator<MemberLedgerRow> {
  const where = memberWhere(scope);
  return keyset(
    async (after: { sortKey: string; id: string } | undefined) => {
      const { rows } = await db.execute<MemberLedgerRow>(sql`
        SELECT enterprises.id, enterprises.sort_key, enterprises.name, enterprises.uscc,
               ou.name AS org_unit_name, enterprises.industry_code, enterprises.size,
               enterprises.membership_type, enterprises.legal_representative,
               c.name AS contact_name, c.mobile AS contact_mobile,
               enterprises.joined_on::text AS joined_on, enterprises.membership_status,
               enterprises.membership_status_on::text AS membership_status_on
          FROM enterprises
          JOIN org_units ou ON ou.id = enterprises.org_unit_id
          LEFT JOIN LATERAL (
            SELECT name, mobile FROM enterprise_contacts
             WHERE enterprise_id = enterprises.id
             ORDER BY is_primary DESC, sort LIMIT 1) c ON true
         WHERE ${where}
           ${after ? sql`AND (enterprises.sort_key, enterprises.id) > (${after.sortKey}, ${after.id})` : sql``}
         ORDER BY enterprises.sort_key, enterprises.id
         LIMIT ${BATCH}`);
      return rows;
    },
    (row) => ({ sortKey: row.sort_key, id: row.id }),
  );
}

// ---- 走访台账 visits ----

export type VisitLedgerRow = {
  id: string;
  visited_on: string;
  enterprise_id: string;
  enterprise_name: string;
  org_unit_name: string;
  kind: string;
  visitor_names: string[];
  leader_names: string[];
  department_names: string[];
  brought: string[];
  plan_name: string | null;
  notes: string | null;
};

/** Visits made (done) in the period. */
function visitWhere(scope: LedgerScope): SQL {
  return and(
    withinScope(visits.orgUnitId, { orgPath: scope.unit.path }),
    visitScope(scope.actor),
    sql`${visits.status} = 'done'`,
    sql`${visits.visitedOn} BETWEEN ${scope.from} AND ${scope.to}`,
  ) as SQL;
}

export function countVisits(db: DbOrTx, scope: LedgerScope): Promise<number> {
  return countOf(db, sql`visits`, visitWhere(scope));
}

/** By the day visited; who went and the departments that joined in the order they were recorded. */
export function streamVisits(db: DbOrTx, scope: LedgerScope): AsyncGenerator<VisitLedgerRow> {
  const where = visitWhere(scope);
  return keyset(
    async (after: { visitedOn: string; id: string } | undefined) => {
      const { rows } = await db.execute<VisitLedgerRow>(sql`
        SELECT visits.id, visits.visited_on::text AS visited_on, visits.enterprise_id, e.name AS enterprise_name,
               ou.name AS org_unit_name, visits.kind, visits.leader_names, visits.brought, visits.notes,
               p.name AS plan_name,
               ARRAY(SELECT u.display_name FROM unnest(visits.visitor_ids) WITH ORDINALITY AS v (id, n)
                       JOIN users u ON u.id = v.id ORDER BY v.n) AS visitor_names,
               ARRAY(SELECT d.name FROM unnest(visits.department_ids) WITH ORDINALITY AS x (id, n)
                       JOIN org_units d ON d.id = x.id ORDER BY x.n) AS department_names
          FROM visits
          JOIN enterprises e ON e.id = visits.enterprise_id
          JOIN org_units ou ON ou.id = visits.org_unit_id
          LEFT JOIN visit_plans p ON p.id = visits.plan_id
         WHERE ${where}
           ${after ? sql`AND (visits.visited_on, visits.id) > (${after.visitedOn}::date, ${after.id}::uuid)` : sql``}
         ORDER BY visits.visited_on, visits.id
         LIMIT ${BATCH}`);
      return rows;
    },
    (row) => ({ visitedOn: row.visited_on, id: row.id }),
  );
}

// ---- 诉求办理台账 appeals ----

export type AppealLedgerRow = {
  id: string;
  number: string;
  received_on: string;
  enterprise_id: string;
  enterprise_name: string;
  category_name: string | null;
  title: string;
  source: string;
  urgency: string;
  state: string;
  departments: string | null;
  /** Deadlines as days, responses to the minute, in Asia/Shanghai. */
  respond_due_on: string | null;
  resolve_due_on: string | null;
  responded_at: string | null;
  answered_at: string | null;
  outcome: string | null;
  satisfaction: string | null;
  /** Closed by the system without a rating (未评价办结). */
  closed_unrated: boolean;
  overdue: boolean;
};

/** Appeals received in the period, whatever became of them. */
function appealWhere(scope: LedgerScope): SQL {
  return and(
    withinScope(appeals.orgUnitId, { orgPath: scope.unit.path }),
    appealScope(scope.actor),
    sql`${appeals.receivedOn} BETWEEN ${scope.from} AND ${scope.to}`,
  ) as SQL;
}

export function countAppeals(db: DbOrTx, scope: LedgerScope): Promise<number> {
  return countOf(db, sql`appeals`, appealWhere(scope));
}

/**
 * By the day received, then number. The departments are every department it was forwarded to, in the
 * order first forwarded. 是否超期: overdue (of either kind) when the ledger is drawn up, as every view
 * decides it (appeals/overdue.ts), or answered after its resolution deadline.
 */
export function streamAppeals(db: DbOrTx, scope: LedgerScope): AsyncGenerator<AppealLedgerRow> {
  const where = appealWhere(scope);
  return keyset(
    async (after: { receivedOn: string; number: string } | undefined) => {
      const { rows } = await db.execute<AppealLedgerRow>(sql`
        SELECT appeals.id, appeals.number, appeals.received_on::text AS received_on,
               appeals.enterprise_id, e.name AS enterprise_name, cat.name_zh AS category_name, appeals.title, appeals.source,
               appeals.urgency, appeals.state,
               (SELECT string_agg(name, '、' ORDER BY first_at)
                  FROM (SELECT d.name, min(f.forwarded_at) AS first_at
                          FROM appeal_forwards f JOIN org_units d ON d.id = f.department_id
                         WHERE f.appeal_id = appeals.id
                         GROUP BY d.id, d.name) AS forwarded) AS departments,
               to_char(appeals.respond_due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS respond_due_on,
               to_char(appeals.resolve_due_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS resolve_due_on,
               to_char(appeals.responded_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS responded_at,
               to_char(appeals.answered_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS answered_at,
               appeals.outcome, appeals.satisfaction, appeals.closed_unrated,
               (${answeredLateSql('appeals')} OR ${appealOverdueSql('appeals', scope.at)}) AS overdue
          FROM appeals
          JOIN enterprises e ON e.id = appeals.enterprise_id
          LEFT JOIN appeal_categories cat ON cat.code = appeals.category_code
         WHERE ${where}
           ${after ? sql`AND (appeals.received_on, appeals.number) > (${after.receivedOn}::date, ${after.number})` : sql``}
         ORDER BY appeals.received_on, appeals.number
         LIMIT ${BATCH}`);
      return rows;
    },
    (row) => ({ receivedOn: row.received_on, number: row.number }),
  );
}
