// Queries over 快捷通道 direct channels to departments and 诉求类别 appeal categories.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { withinScope } from '../../core/access/access.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { channelDeadlines, channels, orgUnits, users } from '../../db/schema/index.ts';

export type ChannelRow = typeof channels.$inferSelect;

/**
 * The depth of the federation (district, city or province) an appeal at `appealOrgPath` belongs to: channels
 * run at it or below are its own; those run above it serve it only when opened to subordinates.
 */
const homeDepth = (appealOrgPath: string) =>
  sql`(SELECT max(h.depth) FROM org_units h
    WHERE ${appealOrgPath} LIKE h.path || '%' AND h.kind IN ('province', 'city', 'district'))`;

/**
 * The channel an appeal goes through to a department: an active channel to it run by a federation unit
 * over the appeal's org unit (the nearest one) — its own federation's, or one above opened to subordinates
 * (a forward across levels) — with the deadlines that apply to the category.
 */
export async function resolveChannel(
  db: DbOrTx,
  departmentId: string,
  appealOrgPath: string,
  category: string,
) {
  const [row] = await db
    .select({
      id: channels.id,
      departmentName: sql<string>`(SELECT name FROM org_units d WHERE d.id = ${channels.departmentId})`,
      respondDays: sql<number | null>`coalesce(${channelDeadlines.respondDays}, ${channels.respondDays})`,
      resolveDays: sql<number | null>`coalesce(${channelDeadlines.resolveDays}, ${channels.resolveDays})`,
      webhookUrl: channels.webhookUrl,
      acrossLevels: sql<boolean>`${orgUnits.depth} < coalesce(${homeDepth(appealOrgPath)}, 0)`,
    })
    .from(channels)
    .innerJoin(orgUnits, eq(orgUnits.id, channels.orgUnitId))
    .leftJoin(
      channelDeadlines,
      and(eq(channelDeadlines.channelId, channels.id), eq(channelDeadlines.categoryCode, category)),
    )
    .where(
      and(
        eq(channels.departmentId, departmentId),
        eq(channels.active, true),
        sql`${appealOrgPath} LIKE ${orgUnits.path} || '%'`,
        sql`(${channels.openToSubordinates} OR ${orgUnits.depth} >= coalesce(${homeDepth(appealOrgPath)}, 0))`,
      ),
    )
    .orderBy(sql`${orgUnits.depth} DESC`)
    .limit(1);
  return row;
}

/**
 * Channels run by units in the caller's subtree, and those above it opened to subordinates (a district
 * forwards through its city's 金融办 channel once the city opened it).
 */
function visibleChannels(actor: Actor) {
  return sql`(${withinScope(channels.orgUnitId, actor)} OR (${channels.openToSubordinates} AND ${actor.orgPath} LIKE (SELECT path FROM org_units o WHERE o.id = ${channels.orgUnitId}) || '%'))`;
}

export async function listChannels(db: DbOrTx, actor: Actor, id?: string) {
  const rows = await db
    .select({
      channel: channels,
      departmentName: orgUnits.name,
      headName: users.displayName,
      orgUnitName: sql<string>`(SELECT name FROM org_units o WHERE o.id = ${channels.orgUnitId})`,
      fromAbove: sql<boolean>`NOT ${withinScope(channels.orgUnitId, actor)}`,
    })
    .from(channels)
    .innerJoin(orgUnits, eq(orgUnits.id, channels.departmentId))
    .leftJoin(users, eq(users.id, channels.headUserId))
    .where(id ? and(eq(channels.id, id), visibleChannels(actor)) : visibleChannels(actor))
    .orderBy(asc(orgUnits.name));
  const ids = rows.map((row) => row.channel.id);
  const departmentIds = rows.map((row) => row.channel.departmentId);
  // One after the other: a channel's change reads it back inside its transaction, on one connection.
  const deadlines = ids.length
    ? await db.select().from(channelDeadlines).where(inArray(channelDeadlines.channelId, ids))
    : [];
  const liaisons = departmentIds.length
    ? await db
        .select({ id: users.id, displayName: users.displayName, orgUnitId: users.orgUnitId })
        .from(users)
        .where(
          and(
            inArray(users.orgUnitId, departmentIds),
            sql`'department_liaison' = ANY (${users.roles})`,
            sql`NOT ${users.disabled}`,
          ),
        )
        .orderBy(asc(users.displayName))
    : [];
  return rows.map((row) => ({
    ...row,
    deadlines: deadlines.filter((d) => d.channelId === row.channel.id),
    liaisons: liaisons.filter((l) => l.orgUnitId === row.channel.departmentId),
  }));
}

/** A channel's robot URL: only for sending and for telling whether a change changes it, never answered. */
export async function channelWebhookUrl(db: DbOrTx, id: string): Promise<string | null> {
  const [row] = await db.select({ url: channels.webhookUrl }).from(channels).where(eq(channels.id, id));
  return row?.url ?? null;
}

export async function findDepartment(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ id: orgUnits.id, name: orgUnits.name, path: orgUnits.path })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), eq(orgUnits.kind, 'department'), withinScope(orgUnits.id, actor)));
  return row;
}

/** Whether an org unit of kind department has this id, wherever it sits. */
export async function departmentExists(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db
    .select({ id: orgUnits.id })
    .from(orgUnits)
    .where(and(eq(orgUnits.id, id), eq(orgUnits.kind, 'department')));
  return row !== undefined;
}

export async function findUserInScope(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, id), withinScope(users.orgUnitId, actor), sql`NOT ${users.disabled}`));
  return row;
}

export async function replaceDeadlines(
  tx: DbOrTx,
  channelId: string,
  deadlines: { category: string; respondDays: number; resolveDays: number }[],
) {
  await tx.delete(channelDeadlines).where(eq(channelDeadlines.channelId, channelId));
  if (deadlines.length > 0) {
    await tx.insert(channelDeadlines).values(
      deadlines.map((d) => ({
        channelId,
        categoryCode: d.category,
        respondDays: d.respondDays,
        resolveDays: d.resolveDays,
      })),
    );
  }
}

export async function insertChannel(
  db: DbOrTx,
  values: Omit<typeof channels.$inferInsert, 'id'>,
): Promise<string> {
  const [row] = await db.insert(channels).values(values).returning({ id: channels.id });
  return row!.id;
}

/** Changes a channel if its version is still `version`; false when someone else changed it first. */
export async function updateChannelRow(
  db: DbOrTx,
  id: string,
  version: number,
  patch: Partial<typeof channels.$inferInsert>,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(channels)
    .set({ ...patch, version: version + 1, updatedAt: now })
    .where(and(eq(channels.id, id), eq(channels.version, version)))
    .returning({ id: channels.id });
  return updated.length > 0;
}
