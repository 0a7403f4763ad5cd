// Queries over the configurable 诉求类别 appeal categories: the list, which codes exist, and a category's
// locked read, insert and versioned update.
import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { appealCategories } from '../../db/schema/index.ts';

export async function listCategories(db: DbOrTx) {
  return db.select().from(appealCategories).orderBy(asc(appealCategories.sort), asc(appealCategories.code));
}

export async function existingCategories(db: DbOrTx, codes: string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await db
    .select({ code: appealCategories.code })
    .from(appealCategories)
    .where(inArray(appealCategories.code, codes));
  return new Set(rows.map((row) => row.code));
}

export type CategoryRow = typeof appealCategories.$inferSelect;

/** A category held until the transaction ends (undefined: no such code yet). */
export async function lockCategory(db: DbOrTx, code: string): Promise<CategoryRow | undefined> {
  const [row] = await db.select().from(appealCategories).where(eq(appealCategories.code, code)).for('update');
  return row;
}

type CategoryFields = Omit<typeof appealCategories.$inferInsert, 'code' | 'version'>;

export async function insertCategory(db: DbOrTx, code: string, fields: CategoryFields): Promise<CategoryRow> {
  const [row] = await db
    .insert(appealCategories)
    .values({ code, ...fields })
    .returning();
  return row!;
}

export async function updateCategory(
  db: DbOrTx,
  code: string,
  fields: CategoryFields,
  version: number,
): Promise<CategoryRow> {
  const [row] = await db
    .update(appealCategories)
    .set({ ...fields, version })
    .where(eq(appealCategories.code, code))
    .returning();
  return row!;
}
