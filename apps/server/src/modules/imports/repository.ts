// Queries of the member import: the enterprises a batch's credit codes already name (locked while the batch
// is written), with whether the importer may change them, and their contacts.
import { asc, sql } from 'drizzle-orm';
import { enterpriseScope } from '../../core/access/registry-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { enterpriseContacts, enterprises } from '../../db/schema/index.ts';
import type { ContactRow, EnterpriseRow } from '../enterprises/repository.ts';

export interface ExistingEnterprise {
  row: EnterpriseRow;
  /** Within the importer's write scope (registry-scope decides). */
  writable: boolean;
  contacts: ContactRow[];
}

/**
 * Every enterprise (platform-wide: a credit code is unique everywhere) with one of `usccs`, by code.
 * `lock` holds the rows until the transaction ends, so an edit cannot slip in between compare and write.
 */
export async function existingByUscc(
  db: DbOrTx,
  actor: Actor,
  usccs: readonly string[],
  lock: boolean,
): Promise<Map<string, ExistingEnterprise>> {
  if (usccs.length === 0) return new Map();
  const query = db
    .select({ row: enterprises, writable: sql<boolean>`${enterpriseScope(actor, 'write')}` })
    .from(enterprises)
    // One array parameter rather than 500: the query builder's cost grows with every bound value.
    .where(sql`${enterprises.uscc} = ANY(${sql.param([...usccs])}::text[])`);
  const rows = lock ? await query.for('update', { of: enterprises }) : await query;
  const found = new Map(
    rows.map(({ row, writable }) => [row.uscc, { row, writable, contacts: [] as ContactRow[] }]),
  );
  if (rows.length > 0) {
    const byId = new Map([...found.values()].map((existing) => [existing.row.id, existing]));
    const contacts = await db
      .select()
      .from(enterpriseContacts)
      .where(sql`${enterpriseContacts.enterpriseId} = ANY(${sql.param([...byId.keys()])}::uuid[])`)
      .orderBy(asc(enterpriseContacts.enterpriseId), asc(enterpriseContacts.sort));
    for (const contact of contacts) byId.get(contact.enterpriseId)?.contacts.push(contact);
  }
  return found;
}
