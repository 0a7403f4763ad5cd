// Queries over the configurable 诉求类别 appeal categories: the codes (appeal_categories, each with the
// definition of the level that owns it), the overrides at lower levels (appeal_category_overrides), and the
// categories in effect at an org unit (the SQL function appeal_categories_at: the deepest definition on the
// way down to the unit), with their locked reads, inserts and versioned updates.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { OrgUnitKind } from '@qinqing/shared';
import type { DbOrTx } from '../../db/connection.ts';
import { appealCategories, appealCategoryOverrides, orgUnits } from '../../db/schema/index.ts';

/** Whether each code exists at some level (channels name their per-category deadlines by code). */
export async function existingCategories(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: appealCategories.code })
    .from(appealCategories)
    .where(inArray(appealCategories.code, codes));
  return new Set(rows.map((row) => row.code));
}

export interface EffectiveCategory extends Record<string, unknown> {
  code: string;
  name_zh: string;
  name_en: string;
  sort: number;
  active: boolean;
  respond_days: number;
  resolve_days: number;
  version: number;
  owner_org_unit_id: string | null;
  owner_path: string;
  owner_name: string | null;
  replaces_above: boolean;
}

/** The categories in effect at the org unit of `path`, in their order; `code` narrows to one. */
export async function categoriesAt(db: DbOrTx, path: string, code?: string): Promise<EffectiveCategory[]> {
  const result = await db.execute<EffectiveCategory>(sql`
    SELECT c.code, c.name_zh, c.name_en, c.sort, c.active, c.respond_days, c.resolve_days, c.version,
           c.owner_org_unit_id, c.owner_path, o.name AS owner_name, c.replaces_above
      FROM appeal_categories_at(${path}) c
      LEFT JOIN org_units o ON o.id = c.owner_org_unit_id
     WHERE ${code === undefined ? sql`true` : sql`c.code = ${code}`}
     ORDER BY c.sort, c.code`);
  return result.rows;
}

export interface UnitRow {
  id: string;
  name: string;
  path: string;
  kind: OrgUnitKind;
  parentId: string | null;
}

export async function findUnit(db: DbOrTx, id: string): Promise<UnitRow | undefined> {
  const [row] = await db
    .select({
      id: orgUnits.id,
      name: orgUnits.name,
      path: orgUnits.path,
      kind: orgUnits.kind,
      parentId: orgUnits.parentId,
    })
    .from(orgUnits)
    .where(eq(orgUnits.id, id));
  return row;
}

export type CategoryRow = typeof appealCategories.$inferSelect;
export type OverrideRow = typeof appealCategoryOverrides.$inferSelect;

/** A code's owning definition held until the transaction ends (undefined: no such code yet). */
export async function lockCategory(db: DbOrTx, code: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(appealCategories).where(eq(appealCategories.code, code)).for('update');
  return row;
}

export async function lockOverride(
  db: DbOrTx,
  orgUnitId: string,
  code: string,
): Promise<OverrideRow | undefined> {
  const [row] = await db
    .select()
    .from(appealCategoryOverrides)
    .where(and(eq(appealCategoryOverrides.orgUnitId, orgUnitId), eq(appealCategoryOverrides.code, code)))
    .for('update');
  return row;
}

export interface CategoryFields {
  nameZh: string;
  nameEn: string;
  sort: number;
  active: boolean;
  respondDays: number;
  resolveDays: number;
  updatedAt: Date;
}

export async function insertCategory(
  db: DbOrTx,
  code: string,
  ownerOrgUnitId: string | null,
  fields: CategoryFields,
): Promise<void> {
  await db.insert(appealCategories).values({ code, ownerOrgUnitId, ...fields });
}

export async function updateCategory(db: DbOrTx, code: string, fields: CategoryFields, version: number) {
  await db
    .update(appealCategories)
    .set({ ...fields, version })
    .where(eq(appealCategories.code, code));
}

export async function upsertOverride(
  db: DbOrTx,
  orgUnitId: string,
  code: string,
  fields: CategoryFields,
  version: number,
): Promise<void> {
  await db
    .insert(appealCategoryOverrides)
    .values({ orgUnitId, code, ...fields, version })
    .onConflictDoUpdate({
      target: [appealCategoryOverrides.orgUnitId, appealCategoryOverrides.code],
      set: { ...fields, version },
    });
}

export async function deleteOverride(db: DbOrTx, orgUnitId: string, code: string): Promise<void> {
  await db
    .delete(appealCategoryOverrides)
    .where(and(eq(appealCategoryOverrides.orgUnitId, orgUnitId), eq(appealCategoryOverrides.code, code)));
}
