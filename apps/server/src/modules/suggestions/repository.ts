// Queries over 建言 suggestions within the caller's org-unit subtree, the appeals they link, their yearly
// numbers, and the counts by the day submitted.
import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { SuggestionListQuery } from '@qinqing/shared';
import { withinScope } from '../../core/access/access.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { escapeLike } from '../../core/sql.ts';
import type { DbOrTx } from '../../db/connection.ts';
import {
  appeals,
  orgUnits,
  suggestionAppeals,
  suggestionNumbers,
  suggestions,
  users,
} from '../../db/schema/index.ts';

export type SuggestionRow = typeof suggestions.$inferSelect & {
  orgUnitName: string;
  orgUnitPath: string;
  appealCount: number;
};

const appealCount = sql<number>`(SELECT count(*)::int FROM suggestion_appeals sa WHERE sa.suggestion_id = ${suggestions.id})`;

function selectSuggestions(db: DbOrTx) {
  return db
    .select({
      suggestion: suggestions,
      orgUnitName: orgUnits.name,
      orgUnitPath: orgUnits.path,
      appealCount,
    })
    .from(suggestions)
    .innerJoin(orgUnits, eq(orgUnits.id, suggestions.orgUnitId));
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectSuggestions>['execute']>>[number];
const toRow = (row: Selected): SuggestionRow => ({
  ...row.suggestion,
  orgUnitName: row.orgUnitName,
  orgUnitPath: row.orgUnitPath,
  appealCount: row.appealCount,
});

export async function listSuggestions(
  db: DbOrTx,
  actor: Actor,
  query: SuggestionListQuery,
): Promise<{ rows: SuggestionRow[]; total: number }> {
  const conditions: (SQL | undefined)[] = [withinScope(suggestions.orgUnitId, actor)];
  if (query.status) conditions.push(eq(suggestions.status, query.status));
  if (query.kind) conditions.push(eq(suggestions.kind, query.kind));
  if (query.from) conditions.push(sql`${suggestions.submittedOn} >= ${query.from}::date`);
  if (query.to) conditions.push(sql`${suggestions.submittedOn} <= ${query.to}::date`);
  if (query.q) {
    const fragment = `%${escapeLike(query.q)}%`;
    conditions.push(
      or(
        sql`${suggestions.number} ILIKE ${fragment}`,
        sql`${suggestions.title} ILIKE ${fragment}`,
        sql`${suggestions.policyTitle} ILIKE ${fragment}`,
        sql`${suggestions.targetBody} ILIKE ${fragment}`,
      ),
    );
  }
  const where = and(...conditions);
  const [rows, totals] = await Promise.all([
    selectSuggestions(db)
      .where(where)
      // Drafts (work still to do) first, then the latest submitted.
      .orderBy(
        sql`${suggestions.submittedOn} DESC NULLS FIRST`,
        desc(suggestions.createdAt),
        asc(suggestions.id),
      )
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ total: count() }).from(suggestions).where(where),
  ]);
  return { rows: rows.map(toRow), total: totals[0]?.total ?? 0 };
}

export async function findSuggestion(
  db: DbOrTx,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<SuggestionRow | undefined> {
  const query = selectSuggestions(db).where(
    and(eq(suggestions.id, id), withinScope(suggestions.orgUnitId, actor)),
  );
  const [row] = options.forUpdate ? await query.for('update', { of: suggestions }) : await query;
  return row ? toRow(row) : undefined;
}

export async function authorName(db: DbOrTx, userId: string | null): Promise<string | null> {
  if (!userId) return null;
  const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, userId));
  return row?.name ?? null;
}

export type LinkedAppealRow = { id: string; number: string; title: string; state: string };

export function linkedAppeals(db: DbOrTx, suggestionId: string): Promise<LinkedAppealRow[]> {
  return db
    .select({ id: appeals.id, number: appeals.number, title: appeals.title, state: appeals.state })
    .from(suggestionAppeals)
    .innerJoin(appeals, eq(appeals.id, suggestionAppeals.appealId))
    .where(eq(suggestionAppeals.suggestionId, suggestionId))
    .orderBy(asc(appeals.number));
}

/**
 * Of the given appeals, the ids the actor may read that also belong to the suggestion's unit (its
 * subtree): whoever reads the suggestion can then read every appeal it links.
 */
export async function readableAppealIds(
  db: DbOrTx,
  actor: Actor,
  unitPath: string,
  ids: readonly string[],
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: appeals.id })
    .from(appeals)
    .where(
      and(
        inArray(appeals.id, [...ids]),
        withinScope(appeals.orgUnitId, actor),
        withinScope(appeals.orgUnitId, { orgPath: unitPath }),
      ),
    );
  return new Set(rows.map((row) => row.id));
}

export async function replaceLinks(db: DbOrTx, suggestionId: string, appealIds: readonly string[]) {
  await db.delete(suggestionAppeals).where(eq(suggestionAppeals.suggestionId, suggestionId));
  if (appealIds.length > 0)
    await db.insert(suggestionAppeals).values(appealIds.map((appealId) => ({ suggestionId, appealId })));
}

/** The next number of the year, JY2026-0001: one row per year, incremented under its row lock. */
export async function nextNumber(db: DbOrTx, year: number): Promise<string> {
  const [row] = await db
    .insert(suggestionNumbers)
    .values({ year, last: 1 })
    .onConflictDoUpdate({ target: suggestionNumbers.year, set: { last: sql`${suggestionNumbers.last} + 1` } })
    .returning({ last: suggestionNumbers.last });
  return `JY${year}-${String(row!.last).padStart(4, '0')}`;
}

export interface SuggestionCounts {
  submitted: number;
  adopted: number;
  partlyAdopted: number;
  notAdopted: number;
  pending: number;
}

/** Suggestions submitted in [from, to] within scope, by where they stand now. */
export async function countSuggestions(
  db: DbOrTx,
  actor: Pick<Actor, 'orgPath'>,
  period: { from: string; to: string },
): Promise<SuggestionCounts> {
  const counted = (status: string) =>
    sql<number>`count(*) FILTER (WHERE ${suggestions.status} = ${status})::int`;
  const [row] = await db
    .select({
      submitted: sql<number>`count(*)::int`,
      adopted: counted('adopted'),
      partlyAdopted: counted('partly_adopted'),
      notAdopted: counted('not_adopted'),
      pending: counted('submitted'),
    })
    .from(suggestions)
    .where(
      and(
        withinScope(suggestions.orgUnitId, actor),
        sql`${suggestions.submittedOn} BETWEEN ${period.from}::date AND ${period.to}::date`,
      ),
    );
  return row ?? { submitted: 0, adopted: 0, partlyAdopted: 0, notAdopted: 0, pending: 0 };
}

export async function insertSuggestion(
  db: DbOrTx,
  values: Omit<typeof suggestions.$inferInsert, 'id'>,
): Promise<string> {
  const [row] = await db.insert(suggestions).values(values).returning({ id: suggestions.id });
  return row!.id;
}

/**
 * Changes a suggestion (its version goes up); with `expectedVersion`, only if the version is still that:
 * false when someone else changed it first.
 */
export async function updateSuggestionRow(
  db: DbOrTx,
  id: string,
  patch: Partial<typeof suggestions.$inferInsert>,
  now: Date,
  expectedVersion?: number,
): Promise<boolean> {
  const updated = await db
    .update(suggestions)
    .set({ ...patch, version: sql`${suggestions.version} + 1`, updatedAt: now })
    .where(
      and(
        eq(suggestions.id, id),
        expectedVersion === undefined ? undefined : eq(suggestions.version, expectedVersion),
      ),
    )
    .returning({ id: suggestions.id });
  return updated.length > 0;
}
