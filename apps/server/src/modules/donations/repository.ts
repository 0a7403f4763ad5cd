// Queries over 捐赠 campaigns and donations within the caller's scope (core/access/donation-scope.ts): the
// donor looked up among those the caller may record for, the list with its confirmed sum, a campaign's
// totals, the figures by campaign, kind, channel, chamber, org unit and month, a party organization's
// participation, and the measures' totals of a subtree. Sums are bigint fen, returned as strings.
import { and, asc, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import {
  DONATION_COUNTED_STATES,
  type CampaignListQuery,
  type DonationGrouping,
  type DonationListQuery,
  type DonorKind,
} from '@qinqing/shared';
import { withinScope } from '../../core/access/access.ts';
import { campaignReadScope, donationReadScope, donorRecordScope } from '../../core/access/donation-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { countedPeriod } from '../appeal-stats/service.ts';
import { donationAttachments, donationCampaigns, donations, orgUnits, users } from '../../db/schema/index.ts';

const COUNTED = sql.raw(`(${DONATION_COUNTED_STATES.map((s) => `'${s}'`).join(', ')})`);
/** The confirmed donations (received or acknowledged): what every figure counts. */
export const countedState = (column: SQL | typeof donations.state = donations.state) =>
  sql`${column} IN ${COUNTED}`;

// Donors -------------------------------------------------------------------------------------------------

export interface DonorRow {
  kind: DonorKind;
  id: string;
  name: string;
  orgUnitId: string;
}

/** The donor, if the actor may record a donation for it; its org unit is where the donation counts. */
export async function findDonor(
  db: DbOrTx,
  actor: Actor,
  kind: DonorKind,
  id: string,
): Promise<DonorRow | undefined> {
  const query = {
    enterprise: sql`SELECT e.id, e.name, e.org_unit_id FROM enterprises e
      WHERE e.id = ${id} AND e.merged_into_id IS NULL AND ${donorRecordScope.enterprise(actor)}`,
    person: sql`SELECT p.id, p.name, p.org_unit_id FROM people p WHERE p.id = ${id} AND ${donorRecordScope.person(actor)}`,
    chamber: sql`SELECT c.id, c.name, c.id AS org_unit_id FROM org_units c
      WHERE c.id = ${id} AND c.kind IN ('chamber', 'association') AND ${donorRecordScope.chamber(actor)}`,
    party_organization: sql`SELECT po.id, po.name, po.org_unit_id FROM party_organizations po
      WHERE po.id = ${id} AND ${donorRecordScope.partyOrganization(actor)}`,
  }[kind];
  const { rows } = await db.execute<{ id: string; name: string; org_unit_id: string }>(query);
  const row = rows[0];
  return row ? { kind, id: row.id, name: row.name, orgUnitId: row.org_unit_id } : undefined;
}

// Campaigns ----------------------------------------------------------------------------------------------

export type CampaignRow = typeof donationCampaigns.$inferSelect & {
  organizerName: string;
  confirmedCount: number;
  confirmedFen: string;
};

/** The confirmed donations of a campaign that the actor can see. */
const campaignConfirmed = (actor: Actor) => sql`(SELECT json_build_object('count', count(*)::int,
    'fen', coalesce(sum(${donations.amountFen}), 0)::text)
  FROM ${donations} WHERE ${donations.campaignId} = ${donationCampaigns.id}
    AND ${countedState()} AND ${donationReadScope(actor)})`;

function selectCampaigns(db: DbOrTx, actor: Actor) {
  return db
    .select({
      campaign: donationCampaigns,
      organizerName: orgUnits.name,
      confirmed: sql<{ count: number; fen: string }>`${campaignConfirmed(actor)}`,
    })
    .from(donationCampaigns)
    .innerJoin(orgUnits, eq(orgUnits.id, donationCampaigns.orgUnitId));
}

type SelectedCampaign = Awaited<ReturnType<ReturnType<typeof selectCampaigns>['execute']>>[number];
const toCampaignRow = (row: SelectedCampaign): CampaignRow => ({
  ...row.campaign,
  organizerName: row.organizerName,
  confirmedCount: row.confirmed.count,
  confirmedFen: row.confirmed.fen,
});

export async function listCampaigns(
  db: DbOrTx,
  actor: Actor,
  query: CampaignListQuery,
): Promise<{ rows: CampaignRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [campaignReadScope(actor)];
  if (query.kind) conditions.push(eq(donationCampaigns.kind, query.kind));
  if (query.q) conditions.push(sql`${donationCampaigns.name} ILIKE ${`%${escapeLike(query.q)}%`}`);
  const where = and(...conditions);
  const rows = await selectCampaigns(db, actor)
    .where(where)
    .orderBy(desc(donationCampaigns.startsOn), asc(donationCampaigns.name), asc(donationCampaigns.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [count] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(donationCampaigns)
    .where(where);
  return { rows: rows.map(toCampaignRow), total: count?.total ?? 0 };
}

export async function findCampaign(db: DbOrTx, actor: Actor, id: string): Promise<CampaignRow | undefined> {
  const [row] = await selectCampaigns(db, actor).where(
    and(eq(donationCampaigns.id, id), campaignReadScope(actor)),
  );
  return row ? toCampaignRow(row) : undefined;
}

export async function insertCampaign(
  db: DbOrTx,
  values: Omit<typeof donationCampaigns.$inferInsert, 'id'>,
): Promise<string> {
  const [row] = await db.insert(donationCampaigns).values(values).returning({ id: donationCampaigns.id });
  return row!.id;
}

/** The organiser, if a federation unit or chamber of the actor's subtree. */
export async function findOrganizer(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(
      and(
        eq(orgUnits.id, id),
        sql`${orgUnits.path} LIKE ${actor.orgPath + '%'}`,
        sql`${orgUnits.kind} IN ('province', 'city', 'district', 'street', 'chamber', 'association')`,
      ),
    );
  return row;
}

export interface TotalsRow {
  count: number;
  fen: string;
}

export interface CampaignTotalsRow {
  all: TotalsRow;
  confirmed: TotalsRow;
  directed: TotalsRow;
  donors: number;
  byKind: (TotalsRow & { kind: string })[];
  byYear: (TotalsRow & { year: number })[];
}

/** A campaign's totals over the donations the actor can see. */
export async function campaignTotals(
  db: DbOrTx,
  actor: Actor,
  campaignId: string,
): Promise<CampaignTotalsRow> {
  const { rows } = await db.execute<{
    all_count: number;
    all_fen: string;
    confirmed_count: number;
    confirmed_fen: string;
    directed_count: number;
    directed_fen: string;
    donors: number;
    by_kind: (TotalsRow & { kind: string })[] | null;
    by_year: (TotalsRow & { year: number })[] | null;
  }>(sql`
    WITH visible AS (
      SELECT * FROM ${donations}
      WHERE ${donations.campaignId} = ${campaignId} AND ${donations.state} <> 'voided' AND ${donationReadScope(actor)}
    ), counted AS (SELECT * FROM visible WHERE ${countedState(sql`state`)})
    SELECT
      (SELECT count(*)::int FROM visible) AS all_count,
      (SELECT coalesce(sum(amount_fen), 0)::text FROM visible) AS all_fen,
      (SELECT count(*)::int FROM counted) AS confirmed_count,
      (SELECT coalesce(sum(amount_fen), 0)::text FROM counted) AS confirmed_fen,
      (SELECT count(*)::int FROM counted WHERE directed) AS directed_count,
      (SELECT coalesce(sum(amount_fen), 0)::text FROM counted WHERE directed) AS directed_fen,
      (SELECT count(DISTINCT coalesce(donor_enterprise_id, donor_person_id, donor_chamber_id,
         donor_party_organization_id))::int FROM counted) AS donors,
      (SELECT json_agg(json_build_object('kind', kind, 'count', n, 'fen', fen::text) ORDER BY kind)
         FROM (SELECT kind, count(*)::int AS n, sum(amount_fen) AS fen FROM counted GROUP BY kind) k) AS by_kind,
      (SELECT json_agg(json_build_object('year', y, 'count', n, 'fen', fen::text) ORDER BY y)
         FROM (SELECT extract(year FROM donated_on)::int AS y, count(*)::int AS n, sum(amount_fen) AS fen
               FROM counted GROUP BY 1) y) AS by_year`);
  const row = rows[0]!;
  return {
    all: { count: row.all_count, fen: row.all_fen },
    confirmed: { count: row.confirmed_count, fen: row.confirmed_fen },
    directed: { count: row.directed_count, fen: row.directed_fen },
    donors: row.donors,
    byKind: row.by_kind ?? [],
    byYear: row.by_year ?? [],
  };
}

// Donations ----------------------------------------------------------------------------------------------

export type DonationRow = typeof donations.$inferSelect & {
  orgUnitName: string;
  campaignName: string | null;
  recordedByName: string | null;
  confirmedByName: string | null;
};

function selectDonations(db: DbOrTx) {
  return db
    .select({
      donation: donations,
      orgUnitName: orgUnits.name,
      campaignName: sql<
        string | null
      >`(SELECT name FROM donation_campaigns c WHERE c.id = ${donations.campaignId})`,
      recordedByName: sql<
        string | null
      >`(SELECT display_name FROM users u WHERE u.id = ${donations.recordedBy})`,
      confirmedByName: sql<
        string | null
      >`(SELECT display_name FROM users u WHERE u.id = ${donations.confirmedBy})`,
    })
    .from(donations)
    .innerJoin(orgUnits, eq(orgUnits.id, donations.orgUnitId));
}

type SelectedDonation = Awaited<ReturnType<ReturnType<typeof selectDonations>['execute']>>[number];
const toDonationRow = (row: SelectedDonation): DonationRow => ({
  ...row.donation,
  orgUnitName: row.orgUnitName,
  campaignName: row.campaignName,
  recordedByName: row.recordedByName,
  confirmedByName: row.confirmedByName,
});

function listConditions(actor: Actor, query: DonationListQuery, unitPath: string | null): SQL {
  const conditions: (SQL | undefined)[] = [donationReadScope(actor)];
  if (unitPath) conditions.push(withinScope(donations.orgUnitId, { orgPath: unitPath }));
  if (query.campaignId) conditions.push(eq(donations.campaignId, query.campaignId));
  if (query.donorId) {
    conditions.push(
      or(
        eq(donations.donorEnterpriseId, query.donorId),
        eq(donations.donorPersonId, query.donorId),
        eq(donations.donorChamberId, query.donorId),
        eq(donations.donorPartyOrganizationId, query.donorId),
      ),
    );
  }
  if (query.kind) conditions.push(eq(donations.kind, query.kind));
  if (query.channel) conditions.push(eq(donations.channel, query.channel));
  if (query.directed) conditions.push(eq(donations.directed, query.directed === 'true'));
  if (query.state === 'confirmed') conditions.push(countedState());
  else if (query.state) conditions.push(eq(donations.state, query.state));
  if (query.from) conditions.push(sql`${donations.donatedOn} >= ${query.from}::date`);
  if (query.to) conditions.push(sql`${donations.donatedOn} <= ${query.to}::date`);
  if (query.q) {
    const fragment = `%${escapeLike(query.q)}%`;
    conditions.push(
      or(
        sql`${donations.donorName} ILIKE ${fragment}`,
        sql`${donations.receiptNumber} ILIKE ${fragment}`,
        sql`${donations.recipient} ILIKE ${fragment}`,
        sql`${donations.directedTo} ILIKE ${fragment}`,
      ),
    );
  }
  return and(...conditions)!;
}

export async function listDonations(
  db: DbOrTx,
  actor: Actor,
  query: DonationListQuery,
  unitPath: string | null,
): Promise<{ rows: DonationRow[]; total: number; confirmed: TotalsRow }> {
  const where = listConditions(actor, query, unitPath);
  const rows = await selectDonations(db)
    .where(where)
    .orderBy(desc(donations.donatedOn), desc(donations.createdAt), asc(donations.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [sums] = await db
    .select({
      total: sql<number>`count(*)::int`,
      count: sql<number>`(count(*) FILTER (WHERE ${countedState()}))::int`,
      fen: sql<string>`(coalesce(sum(${donations.amountFen}) FILTER (WHERE ${countedState()}), 0))::text`,
    })
    .from(donations)
    .where(where);
  return {
    rows: rows.map(toDonationRow),
    total: sums?.total ?? 0,
    confirmed: { count: sums?.count ?? 0, fen: sums?.fen ?? '0' },
  };
}

export async function findDonation(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<DonationRow | undefined> {
  const query = selectDonations(db).where(and(eq(donations.id, id), donationReadScope(actor)));
  const [row] = options.forUpdate ? await query.for('update', { of: donations }) : await query;
  return row ? toDonationRow(row) : undefined;
}

export async function insertDonation(
  db: DbOrTx,
  values: Omit<typeof donations.$inferInsert, 'id'>,
): Promise<string> {
  const [row] = await db.insert(donations).values(values).returning({ id: donations.id });
  return row!.id;
}

// Evidence -----------------------------------------------------------------------------------------------

/** A donation's evidence files without their content, oldest first (the caller has found the donation). */
export async function attachmentsOfDonation(db: DbOrTx, donationId: string) {
  return db
    .select({
      id: donationAttachments.id,
      fileName: donationAttachments.fileName,
      mediaType: donationAttachments.mediaType,
      sizeBytes: donationAttachments.sizeBytes,
      uploadedAt: donationAttachments.uploadedAt,
      uploadedByName: users.displayName,
    })
    .from(donationAttachments)
    .leftJoin(users, eq(users.id, donationAttachments.uploadedBy))
    .where(eq(donationAttachments.donationId, donationId))
    .orderBy(asc(donationAttachments.uploadedAt), asc(donationAttachments.id));
}
export type DonationAttachmentRow = Awaited<ReturnType<typeof attachmentsOfDonation>>[number];

export async function insertDonationAttachment(
  db: DbOrTx,
  values: Omit<typeof donationAttachments.$inferInsert, 'id'>,
): Promise<string> {
  const [row] = await db.insert(donationAttachments).values(values).returning({ id: donationAttachments.id });
  return row!.id;
}

export async function donationAttachmentContent(db: DbOrTx, donationId: string, attachmentId: string) {
  const [row] = await db
    .select()
    .from(donationAttachments)
    .where(and(eq(donationAttachments.id, attachmentId), eq(donationAttachments.donationId, donationId)));
  return row;
}

/** Whether the receipt number is taken in the campaign (or among donations without one) by a live donation. */
export async function receiptTaken(
  db: DbOrTx,
  campaignId: string | null,
  receiptNumber: string,
): Promise<boolean> {
  const { rows } = await db.execute(sql`SELECT 1 FROM donations
    WHERE coalesce(campaign_id, '00000000-0000-0000-0000-000000000000'::uuid)
        = coalesce(${campaignId}::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
      AND receipt_number = ${receiptNumber} AND state <> 'voided' LIMIT 1`);
  return rows.length > 0;
}

export async function updateDonationRow(
  db: DbOrTx,
  id: string,
  patch: Partial<typeof donations.$inferInsert>,
  now: Date,
  expectedVersion: number,
): Promise<boolean> {
  const updated = await db
    .update(donations)
    .set({ ...patch, version: sql`${donations.version} + 1`, updatedAt: now })
    .where(and(eq(donations.id, id), eq(donations.version, expectedVersion)))
    .returning({ id: donations.id });
  return updated.length > 0;
}

// Figures ------------------------------------------------------------------------------------------------

export interface SubtreeTotals {
  count: number;
  fen: string;
  cashFen: string;
  inKindFen: string;
  directedFen: string;
  donors: number;
}

type SubtreeTotalsRow = {
  count: number;
  fen: string;
  cash_fen: string;
  in_kind_fen: string;
  directed_fen: string;
  donors: number;
};

/** Where the total line is read from: the counts kept by writes, or the records (the yardstick). */
export type TotalsSource = 'kept' | 'records';

/** The unit a subtree's path ends with ('/<root>/…/<unit>/'). */
const unitOfPath = (path: string): string => path.split('/').filter(Boolean).at(-1)!;

/**
 * The confirmed donations by donors of a subtree, made in the period: the measures' source, and the total
 * line of /api/donations/stats (so the dashboard, the reports, the ledger and the stats agree). A calendar
 * month, quarter or year is read from the counts kept by writes (migration 0057: donation_subtree_totals by
 * month, donation_subtree_donors by month, quarter and year, each keyed by the subtree's own unit); any other
 * period (a half-year, partial months) still reads the records, because the distinct donors of such a
 * period cannot be added up from kept counts.
 */
export async function subtreeTotals(
  db: DbOrTx,
  scope: { orgPath: string },
  period: { from: string; to: string },
  source: TotalsSource = 'kept',
): Promise<SubtreeTotals> {
  const counted = source === 'kept' ? countedPeriod(period.from, period.to) : null;
  const query = counted
    ? sql`SELECT coalesce(sum(t.donations), 0)::int AS count, coalesce(sum(t.amount_fen), 0)::text AS fen,
        coalesce(sum(t.amount_fen) FILTER (WHERE t.kind = 'cash'), 0)::text AS cash_fen,
        coalesce(sum(t.amount_fen) FILTER (WHERE t.kind <> 'cash'), 0)::text AS in_kind_fen,
        coalesce(sum(t.directed_fen), 0)::text AS directed_fen,
        (SELECT coalesce(sum(c.donors), 0)::int FROM donation_subtree_donors c
          WHERE c.org_unit_id = ${unitOfPath(scope.orgPath)} AND c.period = ${counted.period}
            AND c.starts_on = ${period.from}::date) AS donors
      FROM donation_subtree_totals t
      WHERE t.org_unit_id = ${unitOfPath(scope.orgPath)}
        AND t.month BETWEEN ${period.from}::date AND ${period.to}::date`
    : sql`SELECT count(*)::int AS count, coalesce(sum(amount_fen), 0)::text AS fen,
        coalesce(sum(amount_fen) FILTER (WHERE kind = 'cash'), 0)::text AS cash_fen,
        coalesce(sum(amount_fen) FILTER (WHERE kind <> 'cash'), 0)::text AS in_kind_fen,
        coalesce(sum(amount_fen) FILTER (WHERE directed), 0)::text AS directed_fen,
        count(DISTINCT coalesce(donor_enterprise_id, donor_person_id, donor_chamber_id,
          donor_party_organization_id))::int AS donors
      FROM donations
      WHERE ${withinScope(sql`org_unit_id`, scope)}
        AND donated_on BETWEEN ${period.from}::date AND ${period.to}::date AND ${countedState(sql`state`)}`;
  const { rows } = await db.execute<SubtreeTotalsRow>(query);
  const row = rows[0]!;
  return {
    count: row.count,
    fen: row.fen,
    cashFen: row.cash_fen,
    inKindFen: row.in_kind_fen,
    directedFen: row.directed_fen,
    donors: row.donors,
  };
}

export type GroupRow = {
  key: string;
  label: string;
  count: number;
  fen: string;
  directed_fen: string;
};

/** A period as the whole months read from the rollups and the days around them read from the records. */
export interface SplitPeriod {
  months: { from: string; to: string } | null;
  days: { from: string; to: string }[];
}

/** The nil uuid: a donation without a campaign in donation_subtree_campaigns. */
const NO_CAMPAIGN = '00000000-0000-0000-0000-000000000000';

/**
 * Confirmed donations of a subtree and period grouped one way (by chamber: chamberTotals). Whole months are
 * read from the subtree's sums kept by writes (migration 0057): by kind, channel and month from
 * donation_subtree_totals, by campaign from donation_subtree_campaigns, by org unit from the sums of the
 * unit's children's subtrees and, for the unit's own donations (本级), its sums less theirs. The days around
 * the whole months, and a campaign's donations (the campaign filter), are read from the records.
 */
export async function groupedTotals(
  db: DbOrTx,
  unit: { id: string; path: string; name: string },
  period: SplitPeriod,
  groupBy: Exclude<DonationGrouping, 'chamber'>,
  campaignId: string | undefined,
): Promise<GroupRow[]> {
  const parts: SQL[] = [];
  if (period.months) {
    const months = sql`t.month BETWEEN ${period.months.from}::date AND ${period.months.to}::date`;
    const own = sql`t.org_unit_id = ${unit.id} AND ${months}`;
    const sums = sql`t.donations, t.amount_fen, t.directed_fen`;
    switch (groupBy) {
      case 'campaign':
        parts.push(sql`SELECT nullif(t.campaign_id, ${NO_CAMPAIGN}::uuid)::text, ${sums}
          FROM donation_subtree_campaigns t WHERE ${own}`);
        break;
      case 'kind':
      case 'channel':
        parts.push(
          sql`SELECT ${sql.raw(`t.${groupBy}`)}, ${sums} FROM donation_subtree_totals t WHERE ${own}`,
        );
        break;
      case 'month':
        parts.push(
          sql`SELECT to_char(t.month, 'YYYY-MM'), ${sums} FROM donation_subtree_totals t WHERE ${own}`,
        );
        break;
      case 'orgUnit': {
        const children = sql`t.org_unit_id IN (SELECT id FROM org_units WHERE parent_id = ${unit.id}) AND ${months}`;
        parts.push(
          sql`SELECT t.org_unit_id::text, ${sums} FROM donation_subtree_totals t WHERE ${children}`,
          sql`SELECT ${unit.id}::text, ${sums} FROM donation_subtree_totals t WHERE ${own}`,
          sql`SELECT ${unit.id}::text, -t.donations, -t.amount_fen, -t.directed_fen
            FROM donation_subtree_totals t WHERE ${children}`,
        );
        break;
      }
    }
  }
  if (period.days.length > 0) {
    const days = sql.join(
      period.days.map((range) => sql`d.donated_on BETWEEN ${range.from}::date AND ${range.to}::date`),
      sql` OR `,
    );
    const key = {
      campaign: sql`d.campaign_id::text`,
      kind: sql`d.kind`,
      channel: sql`d.channel`,
      month: sql`to_char(d.donated_on, 'YYYY-MM')`,
      // The child unit of `unit` the donor's unit lies under (or the unit itself: 本级).
      orgUnit: sql`coalesce(nullif(split_part(substr(u.path, ${unit.path.length + 1}), '/', 1), ''), ${unit.id}::text)`,
    }[groupBy];
    parts.push(sql`SELECT ${key}, 1, d.amount_fen, CASE WHEN d.directed THEN d.amount_fen ELSE 0 END
      FROM donations d JOIN org_units u ON u.id = d.org_unit_id
      WHERE ${withinScope(sql`d.org_unit_id`, { orgPath: unit.path })} AND (${days})
        AND ${countedState(sql`d.state`)} ${campaignId ? sql`AND d.campaign_id = ${campaignId}` : sql``}`);
  }
  if (parts.length === 0) return [];
  const sums = sql`sum(p.count)::int AS count, sum(p.fen)::text AS fen, sum(p.directed_fen)::text AS directed_fen`;
  const from = sql`parts p`;
  const having = sql`HAVING sum(p.count) > 0`;
  let select: SQL;
  switch (groupBy) {
    case 'campaign':
      select = sql`SELECT coalesce(p.k, '') AS key, coalesce(c.name, '未归入活动') AS label, ${sums}
        FROM ${from} LEFT JOIN donation_campaigns c ON c.id = p.k::uuid
        GROUP BY p.k, c.name ${having} ORDER BY sum(p.fen) DESC, label`;
      break;
    case 'kind':
    case 'channel':
      select = sql`SELECT p.k AS key, p.k AS label, ${sums} FROM ${from} GROUP BY p.k ${having}
        ORDER BY sum(p.fen) DESC, key`;
      break;
    case 'month':
      select = sql`SELECT p.k AS key, p.k AS label, ${sums} FROM ${from} GROUP BY p.k ${having} ORDER BY 1`;
      break;
    case 'orgUnit':
      select = sql`SELECT p.k AS key, '' AS label, ${sums} FROM ${from} GROUP BY p.k ${having}
        ORDER BY sum(p.fen) DESC, 1`;
      break;
  }
  const { rows } = await db.execute<GroupRow>(sql`
    WITH parts (k, count, fen, directed_fen) AS (${sql.join(parts, sql` UNION ALL `)}) ${select}`);
  return rows;
}

/**
 * Confirmed donations of a subtree by chamber: a donation counts under each chamber its donor belongs to now
 * (a member enterprise's chambers, the chamber itself, a party organization's chamber or its enterprise's
 * chambers), so the groups may add up to more than the total; chambers of the subtree only. Whole months
 * are read from donation_chamber_rollups (migration 0050, kept by triggers on donations, memberships and
 * party organizations), the days around them and any campaign's donations from the records.
 */
export async function chamberTotals(
  db: DbOrTx,
  unit: { path: string },
  period: SplitPeriod,
  campaignId: string | undefined,
): Promise<GroupRow[]> {
  const units = sql`ARRAY(SELECT id FROM org_units WHERE path LIKE ${unit.path + '%'})`;
  const parts: SQL[] = [];
  // The records' definition (the one the rollups keep): each (chamber, donation) once.
  let records = sql``;
  if (period.months) {
    parts.push(sql`SELECT r.chamber_id, r.donations AS count, r.amount_fen AS fen, r.directed_fen
      FROM donation_chamber_rollups r
      WHERE r.org_unit_id = ANY (${units})
        AND r.month BETWEEN ${period.months.from}::date AND ${period.months.to}::date`);
  }
  if (period.days.length > 0) {
    const days = sql.join(
      period.days.map((range) => sql`d.donated_on BETWEEN ${range.from}::date AND ${range.to}::date`),
      sql` OR `,
    );
    records = sql`counted AS (
        SELECT d.id, d.donor_enterprise_id, d.donor_chamber_id, d.donor_party_organization_id, d.amount_fen,
          d.directed
        FROM donations d
        WHERE d.org_unit_id = ANY (${units}) AND (${days}) AND ${countedState(sql`d.state`)}
          ${campaignId ? sql`AND d.campaign_id = ${campaignId}` : sql``}
      ), by_chamber AS (
        SELECT m.chamber_id, d.id FROM counted d JOIN chamber_memberships m ON m.enterprise_id = d.donor_enterprise_id
        UNION
        SELECT d.donor_chamber_id, d.id FROM counted d WHERE d.donor_chamber_id IS NOT NULL
        UNION
        SELECT coalesce(po.chamber_id, m.chamber_id), d.id FROM counted d
          JOIN party_organizations po ON po.id = d.donor_party_organization_id
          LEFT JOIN chamber_memberships m ON m.enterprise_id = po.enterprise_id
      ),`;
    parts.push(sql`SELECT b.chamber_id, 1, d.amount_fen, CASE WHEN d.directed THEN d.amount_fen ELSE 0 END
      FROM by_chamber b JOIN counted d ON d.id = b.id WHERE b.chamber_id IS NOT NULL`);
  }
  if (parts.length === 0) return [];
  const { rows } = await db.execute<GroupRow>(sql`
    WITH ${records} parts (chamber_id, count, fen, directed_fen) AS (${sql.join(parts, sql` UNION ALL `)})
    SELECT p.chamber_id::text AS key, ch.name AS label, sum(p.count)::int AS count, sum(p.fen)::text AS fen,
      sum(p.directed_fen)::text AS directed_fen
    FROM parts p JOIN org_units ch ON ch.id = p.chamber_id
    WHERE ch.path LIKE ${unit.path + '%'}
    GROUP BY p.chamber_id, ch.name HAVING sum(p.count) > 0
    ORDER BY sum(p.fen) DESC, ch.name`);
  return rows;
}

/** Names of org units by id. */
export async function unitNamesOf(db: DbOrTx, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{ id: string; name: string }>(
    sql`SELECT id, name FROM org_units WHERE id = ANY (${sql.param([...ids])}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}

export type ParticipationRow = {
  organizations: number;
  organizations_gave: number;
  party_members: number;
  party_members_gave: number;
  fen: string;
};

/**
 * A party organization's participation: the organizations it covers (itself; for a chamber's, every party
 * organization of the chamber and of its member enterprises), how many gave in the period, their party
 * members, how many of them gave (each organization's reported givers, at most its members) and how much.
 */
export async function participation(
  db: DbOrTx,
  partyOrganization: { id: string; chamberId: string | null },
  period: { from: string; to: string },
): Promise<ParticipationRow> {
  const covered = partyOrganization.chamberId
    ? sql`SELECT id, member_count FROM party_organizations
        WHERE chamber_id = ${partyOrganization.chamberId}
           OR enterprise_id IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id = ${partyOrganization.chamberId})`
    : sql`SELECT id, member_count FROM party_organizations WHERE id = ${partyOrganization.id}`;
  const { rows } = await db.execute<ParticipationRow>(sql`
    WITH covered AS (${covered}),
    gave AS (
      SELECT d.donor_party_organization_id AS id, sum(d.amount_fen) AS fen,
        coalesce(sum(d.party_member_count), 0) AS givers
      FROM donations d JOIN covered c ON c.id = d.donor_party_organization_id
      WHERE d.donated_on BETWEEN ${period.from}::date AND ${period.to}::date AND ${countedState(sql`d.state`)}
      GROUP BY 1
    )
    SELECT (SELECT count(*)::int FROM covered) AS organizations,
      (SELECT count(*)::int FROM gave) AS organizations_gave,
      (SELECT coalesce(sum(member_count), 0)::int FROM covered) AS party_members,
      (SELECT coalesce(sum(least(g.givers, c.member_count)), 0)::int FROM gave g JOIN covered c ON c.id = g.id)
        AS party_members_gave,
      (SELECT coalesce(sum(fen), 0)::text FROM gave) AS fen`);
  return rows[0]!;
}

// The year-end ledger ---------------------------------------------------------------------------------

export type DonationLedgerRow = {
  id: string;
  donated_on: string;
  donor_name: string;
  donor_kind: DonorKind;
  org_unit_name: string;
  campaign_name: string | null;
  kind: string;
  items: { name: string; quantity: number; unit?: string; value?: string }[];
  rent_tenants: number | null;
  rent_months: number | null;
  amount_fen: string;
  channel: string;
  channel_name: string | null;
  recipient: string | null;
  directed: boolean;
  directed_to: string | null;
  receipt_number: string | null;
  state: string;
};

const LEDGER_BATCH = 2000;

const ledgerWhere = (scope: { orgPath: string }, period: { from: string; to: string }) =>
  sql`${withinScope(sql`d.org_unit_id`, scope)} AND d.donated_on BETWEEN ${period.from}::date AND ${period.to}::date
    AND ${countedState(sql`d.state`)}`;

export async function countLedgerDonations(
  db: DbOrTx,
  scope: { orgPath: string },
  period: { from: string; to: string },
): Promise<number> {
  const { rows } = await db.execute<{ n: number }>(
    sql`SELECT count(*)::int AS n FROM donations d WHERE ${ledgerWhere(scope, period)}`,
  );
  return rows[0]?.n ?? 0;
}

/** The confirmed donations of the period, by day then id, in keyset batches. */
export async function* streamLedgerDonations(
  db: DbOrTx,
  scope: { orgPath: string },
  period: { from: string; to: string },
): AsyncGenerator<DonationLedgerRow> {
  let after: { day: string; id: string } | undefined;
  for (;;) {
    const { rows } = await db.execute<DonationLedgerRow>(sql`
      SELECT d.id, d.donated_on::text AS donated_on, d.donor_name,
        CASE WHEN d.donor_enterprise_id IS NOT NULL THEN 'enterprise' WHEN d.donor_person_id IS NOT NULL THEN 'person'
             WHEN d.donor_chamber_id IS NOT NULL THEN 'chamber' ELSE 'party_organization' END AS donor_kind,
        u.name AS org_unit_name, c.name AS campaign_name, d.kind, d.items, d.rent_tenants, d.rent_months,
        d.amount_fen::text AS amount_fen, d.channel, d.channel_name, d.recipient, d.directed, d.directed_to,
        d.receipt_number, d.state
      FROM donations d JOIN org_units u ON u.id = d.org_unit_id
        LEFT JOIN donation_campaigns c ON c.id = d.campaign_id
      WHERE ${ledgerWhere(scope, period)}
        ${after ? sql`AND (d.donated_on, d.id) > (${after.day}::date, ${after.id}::uuid)` : sql``}
      ORDER BY d.donated_on, d.id
      LIMIT ${LEDGER_BATCH}`);
    yield* rows;
    if (rows.length < LEDGER_BATCH) return;
    const last = rows[rows.length - 1]!;
    after = { day: last.donated_on, id: last.id };
  }
}
