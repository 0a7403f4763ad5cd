// The queries of financing: needs within the caller's scope (core/access/financing-scope.ts), each bank's
// answer, the timeline, banks and products, programs, and the figures grouped by bank, chamber, org unit,
// program or month. Amounts are fen (bigint, read as text); rates numeric percent (read as text).
import type {
  BankAnswerState,
  FinancingGrouping,
  NeedListQuery,
  NeedState,
  ProductKind,
  Urgency,
} from '@qinqing/shared';
import { sql, type SQL } from 'drizzle-orm';
import { withinScope } from '../../core/access/access.ts';
import {
  bankScope,
  isBankManager,
  needReadScope,
  programReadScope,
} from '../../core/access/financing-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';

export interface NeedRow extends Record<string, unknown> {
  id: string;
  org_unit_id: string;
  org_unit_name: string;
  enterprise_id: string;
  enterprise_name: string;
  amount_fen: string;
  term_months: number;
  purpose: string;
  collateral: string | null;
  urgency: Urgency;
  preferred_bank_id: string | null;
  preferred_bank_name: string | null;
  preferred_product_id: string | null;
  preferred_product_name: string | null;
  program_id: string | null;
  program_name: string | null;
  appeal_id: string | null;
  consent: boolean;
  consent_changed_at: Date;
  vouched_chamber_id: string | null;
  vouched_chamber_name: string | null;
  vouch_note: string | null;
  vouched_at: Date | null;
  state: NeedState;
  granted_bank_id: string | null;
  granted_bank_name: string | null;
  granted_amount_fen: string | null;
  granted_rate: string | null;
  granted_on: string | null;
  withdraw_reason: string | null;
  created_by: string | null;
  created_at: Date;
  version: number;
  /** The caller's own bank's answer (a bank account manager), else null. */
  own_bank_state: BankAnswerState | null;
  /** The first chamber of the caller (a secretary) the enterprise is a member of, else null. */
  secretary_chamber_id: string | null;
}

const needColumns = (actor: Actor) => sql`n.*, o.name AS org_unit_name, e.name AS enterprise_name,
  pb.name AS preferred_bank_name, pp.name AS preferred_product_name, pg.name AS program_name,
  vc.name AS vouched_chamber_name, gb.name AS granted_bank_name,
  n.amount_fen::text AS amount_fen, n.granted_amount_fen::text AS granted_amount_fen,
  n.granted_rate::text AS granted_rate, n.granted_on::text AS granted_on,
  ${
    isBankManager(actor)
      ? sql`(SELECT nb.state FROM financing_need_banks nb WHERE nb.need_id = n.id AND nb.bank_id = ${actor.orgUnitId})`
      : sql`NULL`
  } AS own_bank_state,
  ${
    actor.roles.includes('chamber_secretary')
      ? sql`(SELECT cm.chamber_id FROM chamber_memberships cm JOIN org_units c ON c.id = cm.chamber_id
          WHERE cm.enterprise_id = n.enterprise_id AND c.path LIKE ${actor.orgPath + '%'} ORDER BY c.path LIMIT 1)`
      : sql`NULL`
  } AS secretary_chamber_id`;

const needJoins = sql`FROM financing_needs n
  JOIN org_units o ON o.id = n.org_unit_id
  JOIN enterprises e ON e.id = n.enterprise_id
  LEFT JOIN org_units pb ON pb.id = n.preferred_bank_id
  LEFT JOIN bank_products pp ON pp.id = n.preferred_product_id
  LEFT JOIN financing_programs pg ON pg.id = n.program_id
  LEFT JOIN org_units vc ON vc.id = n.vouched_chamber_id
  LEFT JOIN org_units gb ON gb.id = n.granted_bank_id`;

/** A need within the caller's read scope (locked FOR UPDATE for a transition), or undefined. */
export async function findNeed(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<NeedRow | undefined> {
  const { rows } = await db.execute<NeedRow>(sql`SELECT ${needColumns(actor)} ${needJoins}
    WHERE n.id = ${id} AND ${needReadScope(actor)} ${options.forUpdate ? sql`FOR UPDATE OF n` : sql``}`);
  return rows[0];
}

export async function listNeeds(
  db: DbOrTx,
  actor: Actor,
  query: NeedListQuery,
): Promise<{ rows: NeedRow[]; total: number }> {
  const filters: SQL[] = [needReadScope(actor)];
  if (query.state) filters.push(sql`n.state = ${query.state}`);
  if (query.enterpriseId) filters.push(sql`n.enterprise_id = ${query.enterpriseId}`);
  if (query.bankId) {
    filters.push(
      sql`EXISTS (SELECT 1 FROM financing_need_banks fb WHERE fb.need_id = n.id AND fb.bank_id = ${query.bankId})`,
    );
  }
  if (query.q)
    filters.push(
      sql`(e.name LIKE ${'%' + escapeLike(query.q) + '%'} OR n.purpose LIKE ${'%' + escapeLike(query.q) + '%'})`,
    );
  const where = sql.join(filters, sql` AND `);
  // A bank's inbox is ordered by when the need reached it, on the (bank_id, sent_at) index.
  const bank = isBankManager(actor);
  const order = bank
    ? sql`(SELECT nb.sent_at FROM financing_need_banks nb WHERE nb.need_id = n.id AND nb.bank_id = ${actor.orgUnitId}) DESC, n.id`
    : sql`n.created_at DESC, n.id`;
  const offset = (query.page - 1) * query.pageSize;
  const [page, count] = [
    await db.execute<NeedRow>(sql`SELECT ${needColumns(actor)} ${needJoins} WHERE ${where}
      ORDER BY ${order} LIMIT ${query.pageSize} OFFSET ${offset}`),
    await db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM financing_needs n
      JOIN enterprises e ON e.id = n.enterprise_id WHERE ${where}`),
  ];
  return { rows: page.rows, total: count.rows[0]!.n };
}

/** A bank's inbox: the needs sent to it while consent stands, newest first, from its own rows. */
export async function bankInbox(
  db: DbOrTx,
  actor: Actor,
  page: { page: number; pageSize: number },
): Promise<{ rows: NeedRow[]; total: number }> {
  const offset = (page.page - 1) * page.pageSize;
  // From the bank's own rows alone (their consent kept in step with the need's), on the partial index.
  const rows = await db.execute<NeedRow>(sql`SELECT ${needColumns(actor)} FROM (
      SELECT nb.need_id, nb.sent_at FROM financing_need_banks nb
       WHERE nb.bank_id = ${actor.orgUnitId} AND nb.consent ORDER BY nb.sent_at DESC, nb.need_id
       LIMIT ${page.pageSize} OFFSET ${offset}) inbox
    JOIN financing_needs n ON n.id = inbox.need_id
    JOIN org_units o ON o.id = n.org_unit_id
    JOIN enterprises e ON e.id = n.enterprise_id
    LEFT JOIN org_units pb ON pb.id = n.preferred_bank_id
    LEFT JOIN bank_products pp ON pp.id = n.preferred_product_id
    LEFT JOIN financing_programs pg ON pg.id = n.program_id
    LEFT JOIN org_units vc ON vc.id = n.vouched_chamber_id
    LEFT JOIN org_units gb ON gb.id = n.granted_bank_id
    WHERE n.consent
    ORDER BY inbox.sent_at DESC, inbox.need_id`);
  // The total is kept by writes (0059): a count of a busy bank's rows visited the heap row by row.
  const count = await db.execute<{ n: number }>(sql`SELECT coalesce(
      (SELECT needs FROM financing_bank_inbox_counts WHERE bank_id = ${actor.orgUnitId}), 0) AS n`);
  return { rows: rows.rows, total: count.rows[0]!.n };
}

export interface BankAnswerRow extends Record<string, unknown> {
  bank_id: string;
  bank_name: string;
  state: BankAnswerState;
  sent_at: Date;
  sent_by: string | null;
  answered_at: Date | null;
  documents_note: string | null;
  approved_amount_fen: string | null;
  approved_rate: string | null;
  approved_term_months: number | null;
  decline_reason: string | null;
  granted_amount_fen: string | null;
  granted_on: string | null;
}

/** A need's bank answers: every one, or a bank's own only. */
export async function bankAnswersOf(
  db: DbOrTx,
  needId: string,
  onlyBankId?: string,
): Promise<BankAnswerRow[]> {
  const { rows } = await db.execute<BankAnswerRow>(sql`SELECT nb.bank_id, b.name AS bank_name, nb.state,
      nb.sent_at, nb.sent_by, nb.answered_at, nb.documents_note, nb.approved_amount_fen::text AS approved_amount_fen,
      nb.approved_rate::text AS approved_rate, nb.approved_term_months, nb.decline_reason,
      nb.granted_amount_fen::text AS granted_amount_fen, nb.granted_on::text AS granted_on
    FROM financing_need_banks nb JOIN org_units b ON b.id = nb.bank_id
    WHERE nb.need_id = ${needId} ${onlyBankId ? sql`AND nb.bank_id = ${onlyBankId}` : sql``}
    ORDER BY nb.sent_at, b.name`);
  return rows;
}

export interface EventRow extends Record<string, unknown> {
  occurred_at: Date;
  actor_name: string;
  action: string;
  bank_name: string | null;
  note: string | null;
}

/** The timeline: every entry, or for a bank those of no bank and its own. */
export async function eventsOf(db: DbOrTx, needId: string, onlyBankId?: string): Promise<EventRow[]> {
  const { rows } = await db.execute<EventRow>(sql`SELECT ev.occurred_at, ev.actor_name, ev.action,
      b.name AS bank_name, ev.note
    FROM financing_need_events ev LEFT JOIN org_units b ON b.id = ev.bank_id
    WHERE ev.need_id = ${needId}
      ${onlyBankId ? sql`AND (ev.bank_id IS NULL OR ev.bank_id = ${onlyBankId})` : sql``}
    ORDER BY ev.occurred_at, ev.id`);
  return rows;
}

export async function insertEvent(
  db: DbOrTx,
  event: {
    needId: string;
    bankId: string | null;
    at: Date;
    actorId: string | null;
    actorName: string;
    action: string;
    note?: string | null;
  },
): Promise<void> {
  await db.execute(sql`INSERT INTO financing_need_events (need_id, bank_id, occurred_at, actor_id, actor_name, action, note)
    VALUES (${event.needId}, ${event.bankId}, ${event.at}, ${event.actorId}, ${event.actorName}, ${event.action}, ${event.note ?? null})`);
}

export interface BankRow extends Record<string, unknown> {
  id: string;
  name: string;
  parent_id: string;
  parent_name: string;
  products: number;
}

/** The banks the caller may see and send to; `ids`: only those. */
export async function listBanks(db: DbOrTx, actor: Actor, ids?: readonly string[]): Promise<BankRow[]> {
  const { rows } = await db.execute<BankRow>(sql`SELECT b.id, b.name, b.parent_id, p.name AS parent_name,
      (SELECT count(*)::int FROM bank_products bp WHERE bp.bank_id = b.id AND bp.active) AS products
    FROM org_units b JOIN org_units p ON p.id = b.parent_id
    WHERE b.kind = 'bank' AND ${bankScope(actor)}
      ${
        ids
          ? sql`AND b.id IN (${sql.join(
              ids.map((id) => sql`${id}::uuid`),
              sql`, `,
            )})`
          : sql``
      }
    ORDER BY b.name`);
  return rows;
}

export interface ProductRow extends Record<string, unknown> {
  id: string;
  bank_id: string;
  name: string;
  kind: ProductKind;
  rate_min: string;
  rate_max: string;
  term_min_months: number;
  term_max_months: number;
  amount_min_fen: string;
  amount_max_fen: string;
  eligibility: string | null;
  active: boolean;
}

export async function productsOf(db: DbOrTx, bankId: string, productId?: string): Promise<ProductRow[]> {
  const { rows } =
    await db.execute<ProductRow>(sql`SELECT id, bank_id, name, kind, rate_min::text AS rate_min,
      rate_max::text AS rate_max, term_min_months, term_max_months, amount_min_fen::text AS amount_min_fen,
      amount_max_fen::text AS amount_max_fen, eligibility, active
    FROM bank_products WHERE bank_id = ${bankId} ${productId ? sql`AND id = ${productId}` : sql``}
    ORDER BY active DESC, name`);
  return rows;
}

/** Bank accounts to notify: the account managers of a bank. */
export async function bankManagersOf(db: DbOrTx, bankId: string): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`SELECT id FROM users
    WHERE org_unit_id = ${bankId} AND 'bank_manager' = ANY (roles) AND NOT disabled`);
  return rows.map((row) => row.id);
}

/** Enterprise contacts' accounts of an enterprise. */
export async function contactsOf(db: DbOrTx, enterpriseId: string): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`SELECT id FROM users
    WHERE enterprise_id = ${enterpriseId} AND 'enterprise_contact' = ANY (roles) AND NOT disabled`);
  return rows.map((row) => row.id);
}

export interface ProgramRow extends Record<string, unknown> {
  id: string;
  name: string;
  conditions: string | null;
  org_unit_id: string;
  org_unit_name: string;
  starts_on: string;
  ends_on: string | null;
  entries: number;
}

export async function listPrograms(db: DbOrTx, actor: Actor, id?: string): Promise<ProgramRow[]> {
  const { rows } = await db.execute<ProgramRow>(sql`SELECT p.id, p.name, p.conditions, p.org_unit_id,
      o.name AS org_unit_name, p.starts_on::text AS starts_on, p.ends_on::text AS ends_on,
      (SELECT count(*)::int FROM financing_program_entries pe WHERE pe.program_id = p.id) AS entries
    FROM financing_programs p JOIN org_units o ON o.id = p.org_unit_id
    WHERE ${programReadScope(actor)} ${id ? sql`AND p.id = ${id}` : sql``}
    ORDER BY p.starts_on DESC, p.name`);
  return rows;
}

export interface ProgramEntryRow extends Record<string, unknown> {
  enterprise_id: string;
  enterprise_name: string;
  outcome: 'recommended' | 'listed' | 'not_listed' | 'granted';
  amount_fen: string | null;
  note: string | null;
}

/** A program's entries the caller may read (the enterprises of their scope). */
export async function programEntries(
  db: DbOrTx,
  actor: Actor,
  programId: string,
): Promise<ProgramEntryRow[]> {
  const { rows } = await db.execute<ProgramEntryRow>(sql`SELECT pe.enterprise_id, e.name AS enterprise_name,
      pe.outcome, pe.amount_fen::text AS amount_fen, pe.note
    FROM financing_program_entries pe JOIN enterprises e ON e.id = pe.enterprise_id
    WHERE pe.program_id = ${programId}
      AND (${withinScope(sql`e.org_unit_id`, actor)} OR e.id = ${actor.enterpriseId ?? null}::uuid)
    ORDER BY e.name`);
  return rows;
}

// Figures -----------------------------------------------------------------------------------------------

export interface FigureRow extends Record<string, unknown> {
  key: string | null;
  label: string | null;
  needs: number;
  amount_asked: string;
  vouched: number;
  sent: number;
  approved: number;
  approved_amount: string;
  declined: number;
  granted: number;
  granted_amount: string;
  median_days: number | null;
  average_rate: string | null;
}

const day = (column: SQL) => sql`(${column} AT TIME ZONE 'Asia/Shanghai')::date`;
const month = (column: SQL) => sql`to_char(${column}, 'YYYY-MM')`;

/**
 * The figures of the needs of enterprises in a subtree (`unitPath`) for a period, in total (`grouping`
 * undefined) or by group. Needs, amount asked, vouched and sent count the needs stated in the period;
 * approvals and declines the banks' answers dated in it; loans the needs granted in it (their median days
 * from need to loan and average rate). By bank: the needs sent to it in the period, its own answers and loans.
 */
export async function financingFigures(
  db: DbOrTx,
  unitPath: string,
  period: { from: string; to: string },
  grouping?: FinancingGrouping,
): Promise<FigureRow[]> {
  const inPeriod = (column: SQL) => sql`${column} BETWEEN ${period.from}::date AND ${period.to}::date`;
  // A timestamp column in the period's Beijing days, as a range its index and statistics can serve.
  const during = (
    column: SQL,
  ) => sql`${column} >= (${period.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
    AND ${column} < ((${period.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  // One row per fact (a need stated, an approval, a decline, a loan) with its group's key.
  const key = {
    need: sql`NULL::text`,
    answer: sql`NULL::text`,
    loan: sql`NULL::text`,
  };
  let needFrom = sql`scope n`;
  let needWhere = during(sql`n.created_at`);
  let labels = sql`SELECT NULL::text AS key, NULL::text AS label`;
  switch (grouping) {
    case 'bank':
      needFrom = sql`scope n JOIN financing_need_banks nb ON nb.need_id = n.id`;
      needWhere = during(sql`nb.sent_at`);
      key.need = sql`nb.bank_id::text`;
      key.answer = sql`nb.bank_id::text`;
      key.loan = sql`n.granted_bank_id::text`;
      labels = sql`SELECT id::text AS key, name AS label FROM org_units WHERE kind = 'bank'`;
      break;
    case 'chamber':
      needFrom = sql`scope n JOIN chamber_memberships cm ON cm.enterprise_id = n.enterprise_id`;
      key.need = sql`cm.chamber_id::text`;
      key.answer = sql`(SELECT min(cm2.chamber_id::text) FROM chamber_memberships cm2 WHERE cm2.enterprise_id = n.enterprise_id)`;
      key.loan = key.answer;
      labels = sql`SELECT id::text AS key, name AS label FROM org_units WHERE kind IN ('chamber', 'association')`;
      break;
    case 'orgUnit':
      key.need = key.answer = key.loan = sql`n.org_unit_id::text`;
      labels = sql`SELECT id::text AS key, name AS label FROM org_units`;
      break;
    case 'program':
      key.need = key.answer = key.loan = sql`n.program_id::text`;
      labels = sql`SELECT id::text AS key, name AS label FROM financing_programs`;
      break;
    case 'month':
      key.need = month(day(sql`n.created_at`));
      key.answer = month(day(sql`coalesce(nb.approved_at, nb.declined_at)`));
      key.loan = month(sql`n.granted_on`);
      labels = sql`SELECT NULL::text AS key, NULL::text AS label`;
      break;
    case undefined:
      break;
  }
  const { rows } = await db.execute<FigureRow>(sql`
    WITH scope AS MATERIALIZED (
      SELECT n.id, n.org_unit_id, n.enterprise_id, n.program_id, n.amount_fen, n.created_at, n.vouched_at,
             n.first_sent_at, n.granted_bank_id, n.granted_amount_fen, n.granted_rate, n.granted_on
        FROM financing_needs n
       WHERE n.org_unit_id = ANY (ARRAY(SELECT id FROM org_units WHERE path LIKE ${unitPath + '%'}))
    ),
    facts AS MATERIALIZED (
      SELECT 'need' AS kind, ${key.need} AS key, n.amount_fen AS amount, n.vouched_at IS NOT NULL AS vouched,
             n.first_sent_at IS NOT NULL AS sent, NULL::numeric AS rate, NULL::int AS days
        FROM ${needFrom} WHERE ${needWhere}
      UNION ALL
      SELECT CASE WHEN nb.approved_at IS NOT NULL THEN 'approved' ELSE 'declined' END, ${key.answer},
             nb.approved_amount_fen, false, false, NULL, NULL
        FROM scope n JOIN financing_need_banks nb ON nb.need_id = n.id
       WHERE (nb.approved_at IS NOT NULL AND ${during(sql`nb.approved_at`)})
          OR (nb.approved_at IS NULL AND nb.declined_at IS NOT NULL AND ${during(sql`nb.declined_at`)})
      UNION ALL
      SELECT 'loan', ${key.loan}, n.granted_amount_fen, false, false, n.granted_rate,
             n.granted_on - ${day(sql`n.created_at`)}
        FROM scope n WHERE n.granted_on IS NOT NULL AND ${inPeriod(sql`n.granted_on`)}
    ),
    -- Counted by hashing; the median (an ordered aggregate) over the loans alone.
    counted AS (
      SELECT f.key,
        count(*) FILTER (WHERE f.kind = 'need')::int AS needs,
        coalesce(sum(f.amount) FILTER (WHERE f.kind = 'need'), 0)::text AS amount_asked,
        count(*) FILTER (WHERE f.kind = 'need' AND f.vouched)::int AS vouched,
        count(*) FILTER (WHERE f.kind = 'need' AND f.sent)::int AS sent,
        count(*) FILTER (WHERE f.kind = 'approved')::int AS approved,
        coalesce(sum(f.amount) FILTER (WHERE f.kind = 'approved'), 0)::text AS approved_amount,
        count(*) FILTER (WHERE f.kind = 'declined')::int AS declined,
        count(*) FILTER (WHERE f.kind = 'loan')::int AS granted,
        coalesce(sum(f.amount) FILTER (WHERE f.kind = 'loan'), 0)::text AS granted_amount,
        round(avg(f.rate) FILTER (WHERE f.kind = 'loan'), 2)::text AS average_rate
      FROM facts f GROUP BY f.key
    ),
    medians AS (
      SELECT f.key, (percentile_cont(0.5) WITHIN GROUP (ORDER BY f.days))::float8 AS median_days
        FROM facts f WHERE f.kind = 'loan' GROUP BY f.key
    ),
    labels AS (${labels})
    SELECT c.*, m.median_days, (SELECT min(l.label) FROM labels l WHERE l.key = c.key) AS label
    FROM counted c LEFT JOIN medians m ON m.key IS NOT DISTINCT FROM c.key
    ORDER BY c.key NULLS LAST`);
  return rows;
}

const NO_BANK = '00000000-0000-0000-0000-000000000000';

/**
 * financingFigures in total or by bank, whole months from the rollups the triggers keep (migration 0054) and
 * the days around them from the records, summed; the median days to loan read exactly from the loans' days
 * (a histogram in the rollups, one loan a row from the records) as percentile_cont(0.5) reads them.
 */
export async function rolledFigures(
  db: DbOrTx,
  unitPath: string,
  period: { months: { from: string; to: string } | null; days: { from: string; to: string }[] },
  grouping?: 'bank',
): Promise<FigureRow[]> {
  const units = sql`ARRAY(SELECT id FROM org_units WHERE path LIKE ${unitPath + '%'})`;
  const rolled = period.months
    ? sql`r.org_unit_id = ANY (${units}) AND r.month BETWEEN ${period.months.from}::date AND ${period.months.to}::date`
    : sql`false`;
  const anyDay = (column: SQL) =>
    period.days.length === 0
      ? sql`false`
      : sql`(${sql.join(
          period.days.map(
            (range) => sql`(${column} >= (${range.from}::date::timestamp AT TIME ZONE 'Asia/Shanghai')
              AND ${column} < ((${range.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'))`,
          ),
          sql` OR `,
        )})`;
  const anyDate = (column: SQL) =>
    period.days.length === 0
      ? sql`false`
      : sql`(${sql.join(
          period.days.map((range) => sql`${column} BETWEEN ${range.from}::date AND ${range.to}::date`),
          sql` OR `,
        )})`;
  const byBank = grouping === 'bank';
  // In total every fact has the one key NO_BANK (answered as no key).
  const key = (column: SQL) => (byBank ? column : sql`${NO_BANK}::uuid`);
  // The needs: by bank those sent to it (its rows, by the day sent); in total those stated (by that day).
  const needParts = byBank
    ? sql`SELECT r.bank_id, r.needs, r.amount_asked, r.vouched, r.sent, 0, 0, 0, 0, 0, 0, 0
        FROM financing_bank_rollups r WHERE ${rolled}
      UNION ALL
      SELECT nb.bank_id, 1, n.amount_fen, (n.vouched_at IS NOT NULL)::int, (n.first_sent_at IS NOT NULL)::int,
             0, 0, 0, 0, 0, 0, 0
        FROM financing_needs n JOIN financing_need_banks nb ON nb.need_id = n.id
       WHERE n.org_unit_id = ANY (${units}) AND ${anyDay(sql`nb.sent_at`)}`
    : sql`SELECT ${NO_BANK}::uuid, r.needs, r.amount_asked, r.vouched, r.sent, 0, 0, 0, 0, 0, 0, 0
        FROM financing_need_rollups r WHERE ${rolled}
      UNION ALL
      SELECT ${NO_BANK}::uuid, 1, n.amount_fen, (n.vouched_at IS NOT NULL)::int, (n.first_sent_at IS NOT NULL)::int,
             0, 0, 0, 0, 0, 0, 0
        FROM financing_needs n WHERE n.org_unit_id = ANY (${units}) AND ${anyDay(sql`n.created_at`)}`;
  const { rows } = await db.execute<FigureRow>(sql`
    WITH parts (bank_id, needs, amount_asked, vouched, sent, approved, approved_amount, declined, granted,
           granted_amount, rate_sum, rated) AS (
      ${needParts}
      UNION ALL
      SELECT ${key(sql`r.bank_id`)}, 0, 0, 0, 0, r.approved, r.approved_amount, r.declined, r.granted,
             r.granted_amount, r.rate_sum, r.rated
        FROM financing_bank_rollups r WHERE ${rolled}
      UNION ALL
      SELECT ${key(sql`nb.bank_id`)}, 0, 0, 0, 0, (nb.approved_at IS NOT NULL)::int,
             CASE WHEN nb.approved_at IS NOT NULL THEN coalesce(nb.approved_amount_fen, 0) ELSE 0 END,
             (nb.approved_at IS NULL)::int, 0, 0, 0, 0
        FROM financing_needs n JOIN financing_need_banks nb ON nb.need_id = n.id
       WHERE n.org_unit_id = ANY (${units})
         AND ((nb.approved_at IS NOT NULL AND ${anyDay(sql`nb.approved_at`)})
           OR (nb.approved_at IS NULL AND nb.declined_at IS NOT NULL AND ${anyDay(sql`nb.declined_at`)}))
      UNION ALL
      SELECT ${key(sql`coalesce(n.granted_bank_id, ${NO_BANK}::uuid)`)}, 0, 0, 0, 0, 0, 0, 0, 1,
             coalesce(n.granted_amount_fen, 0), coalesce(n.granted_rate, 0), (n.granted_rate IS NOT NULL)::int
        FROM financing_needs n
       WHERE n.org_unit_id = ANY (${units}) AND n.granted_on IS NOT NULL AND ${anyDate(sql`n.granted_on`)}
    ),
    counted AS (
      SELECT bank_id, sum(needs)::int AS needs, sum(amount_asked)::text AS amount_asked, sum(vouched)::int AS vouched,
        sum(sent)::int AS sent, sum(approved)::int AS approved, sum(approved_amount)::text AS approved_amount,
        sum(declined)::int AS declined, sum(granted)::int AS granted, sum(granted_amount)::text AS granted_amount,
        CASE WHEN sum(rated) > 0 THEN round(sum(rate_sum) / sum(rated), 2)::text END AS average_rate
      FROM parts GROUP BY bank_id
      HAVING sum(needs) > 0 OR sum(approved) > 0 OR sum(declined) > 0 OR sum(granted) > 0
    ),
    loan_days AS (
      SELECT bank_id, days, sum(loans) AS loans FROM (
        SELECT ${key(sql`r.bank_id`)} AS bank_id, r.days, r.loans FROM financing_bank_loan_days r WHERE ${rolled}
        UNION ALL
        SELECT ${key(sql`coalesce(n.granted_bank_id, ${NO_BANK}::uuid)`)}, n.granted_on - ${day(sql`n.created_at`)}, 1
          FROM financing_needs n
         WHERE n.org_unit_id = ANY (${units}) AND n.granted_on IS NOT NULL AND ${anyDate(sql`n.granted_on`)}
      ) AS d GROUP BY bank_id, days HAVING sum(loans) > 0
    ),
    -- percentile_cont(0.5) over the loans in order: the mean of the values at places floor((n-1)/2) and
    -- ceil((n-1)/2), counted from 0; a place is held by the first day whose running count passes it.
    running AS (
      SELECT bank_id, days, sum(loans) OVER (PARTITION BY bank_id ORDER BY days) AS upto,
        sum(loans) OVER (PARTITION BY bank_id) AS total
      FROM loan_days
    ),
    medians AS (
      SELECT bank_id, ((min(days) FILTER (WHERE upto > floor((total - 1) / 2.0))
        + min(days) FILTER (WHERE upto > ceil((total - 1) / 2.0))) / 2.0)::float8 AS median_days
      FROM running GROUP BY bank_id
    )
    SELECT nullif(c.bank_id, ${NO_BANK}::uuid)::text AS key,
      (SELECT name FROM org_units b WHERE b.id = c.bank_id AND b.kind = 'bank') AS label,
      c.needs, c.amount_asked, c.vouched, c.sent, c.approved, c.approved_amount, c.declined, c.granted,
      c.granted_amount, m.median_days, c.average_rate
    FROM counted c LEFT JOIN medians m ON m.bank_id = c.bank_id
    ORDER BY nullif(c.bank_id, ${NO_BANK}::uuid)::text NULLS LAST`);
  return rows;
}
