// Queries of 邀请 invitations and 账号申请 access requests. Which enterprises a caller may invite is
// enterpriseScope's 'write' rule (staff: their subtree; a chamber secretary: their chamber's members).
import { and, desc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import type { InvitationState } from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import { enterpriseScope } from '../../core/access/registry-scope.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { accessRequests, enterprises, invitations, users } from '../../db/schema/index.ts';

/** The enterprise when the caller may invite its contacts; otherwise not found. */
export async function invitableEnterprise(
  db: DbOrTx,
  actor: Actor,
  id: string,
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(and(eq(enterprises.id, id), isNull(enterprises.mergedIntoId), enterpriseScope(actor, 'write')));
  return row;
}

/** Where the invitation stands at `now`: the one place the state is derived. */
export function invitationStateSql(now: Date): SQL<InvitationState> {
  return sql<InvitationState>`CASE WHEN ${invitations.usedAt} IS NOT NULL THEN 'used' WHEN ${invitations.expiresAt} <= ${now} THEN 'expired' ELSE 'live' END`;
}

export interface NewInvitation {
  enterpriseId: string;
  codeHash: string;
  email: string | null;
}

export async function insertInvitations(
  db: DbOrTx,
  rows: readonly NewInvitation[],
  common: { batchId: string | null; createdBy: string; now: Date; expiresAt: Date },
): Promise<{ id: string; enterpriseId: string }[]> {
  if (rows.length === 0) return [];
  return db
    .insert(invitations)
    .values(
      rows.map((row) => ({
        kind: 'invitation' as const,
        enterpriseId: row.enterpriseId,
        codeHash: row.codeHash,
        email: row.email,
        batchId: common.batchId,
        createdBy: common.createdBy,
        createdAt: common.now,
        expiresAt: common.expiresAt,
      })),
    )
    .returning({ id: invitations.id, enterpriseId: invitations.enterpriseId });
}

/** Of these enterprises, those holding an invitation nobody used that has not expired. */
export async function enterprisesWithLiveInvitation(
  db: DbOrTx,
  ids: readonly string[],
  now: Date,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { rows } = await db.execute<{ enterprise_id: string }>(
    sql`SELECT DISTINCT enterprise_id FROM invitations
         WHERE kind = 'invitation' AND used_at IS NULL AND expires_at > ${now}
           AND enterprise_id = ANY (${sql.param(ids)}::uuid[])`,
  );
  return new Set(rows.map((row) => row.enterprise_id));
}

/** Name, credit code and the address to mail to (the primary contact's first, then any contact's). */
export async function enterpriseLetterFacts(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, { name: string; uscc: string; email: string | null }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<{ id: string; name: string; uscc: string; email: string | null }>(
    sql`SELECT e.id, e.name, e.uscc,
               (SELECT c.email FROM enterprise_contacts c
                 WHERE c.enterprise_id = e.id AND c.email IS NOT NULL AND c.email <> ''
                 ORDER BY c.is_primary DESC, c.sort LIMIT 1) AS email
          FROM enterprises e WHERE e.id = ANY (${sql.param(ids)}::uuid[])`,
  );
  return new Map(rows.map((row) => [row.id, { name: row.name, uscc: row.uscc, email: row.email }]));
}

export async function markEmailed(db: DbOrTx, ids: readonly string[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`UPDATE invitations SET emailed_at = ${at} WHERE id = ANY (${sql.param(ids)}::uuid[])`);
}

export async function listInvitations(
  db: DbOrTx,
  actor: Actor,
  query: { enterpriseId?: string; batchId?: string; state?: InvitationState; page: number; pageSize: number },
  now: Date,
) {
  const state = invitationStateSql(now);
  const where = and(
    eq(invitations.kind, 'invitation'),
    enterpriseScope(actor, 'write'),
    query.enterpriseId ? eq(invitations.enterpriseId, query.enterpriseId) : undefined,
    query.batchId ? eq(invitations.batchId, query.batchId) : undefined,
    query.state ? sql`${state} = ${query.state}` : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select({
        id: invitations.id,
        enterpriseId: invitations.enterpriseId,
        enterpriseName: enterprises.name,
        state,
        batchId: invitations.batchId,
        emailedAt: invitations.emailedAt,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        usedAt: invitations.usedAt,
        accountId: users.id,
        accountName: users.displayName,
      })
      .from(invitations)
      .innerJoin(enterprises, eq(enterprises.id, invitations.enterpriseId))
      .leftJoin(users, eq(users.id, invitations.userId))
      .where(where)
      .orderBy(desc(invitations.createdAt), desc(invitations.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(invitations)
      .innerJoin(enterprises, eq(enterprises.id, invitations.enterpriseId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

/** The code's invitation or reset link, locked for its one use. */
export async function lockByCode(db: DbOrTx, codeHash: string) {
  const [row] = await db
    .select({
      id: invitations.id,
      kind: invitations.kind,
      enterpriseId: invitations.enterpriseId,
      userId: invitations.userId,
      expiresAt: invitations.expiresAt,
      usedAt: invitations.usedAt,
      enterpriseName: enterprises.name,
      orgUnitId: enterprises.orgUnitId,
      mergedIntoId: enterprises.mergedIntoId,
    })
    .from(invitations)
    .innerJoin(enterprises, eq(enterprises.id, invitations.enterpriseId))
    .where(eq(invitations.codeHash, codeHash))
    .for('update', { of: invitations });
  return row;
}

export async function markUsed(db: DbOrTx, id: string, userId: string, at: Date): Promise<void> {
  await db.update(invitations).set({ usedAt: at, userId }).where(eq(invitations.id, id));
}

export async function mobileTaken(db: DbOrTx, mobile: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${mobile})`);
  return row !== undefined;
}

/** An enterprise contact's account whose enterprise the caller may invite into: who may reset it. */
export async function contactAccountInScope(db: DbOrTx, actor: Actor, userId: string) {
  const [row] = await db
    .select({ id: users.id, username: users.username, enterpriseId: users.enterpriseId, roles: users.roles })
    .from(users)
    .innerJoin(enterprises, eq(enterprises.id, users.enterpriseId))
    .where(
      and(
        eq(users.id, userId),
        sql`${users.roles} = ARRAY['enterprise_contact']::text[]`,
        enterpriseScope(actor, 'write'),
      ),
    );
  return row;
}

export async function insertResetLink(
  db: DbOrTx,
  values: {
    enterpriseId: string;
    userId: string;
    codeHash: string;
    createdBy: string | null;
    now: Date;
    expiresAt: Date;
  },
): Promise<void> {
  // A new link ends the account's earlier ones: only the last one handed out works.
  await db.execute(
    sql`UPDATE invitations SET expires_at = ${values.now} WHERE kind = 'password_reset' AND user_id = ${values.userId} AND used_at IS NULL AND expires_at > ${values.now}`,
  );
  await db.insert(invitations).values({
    kind: 'password_reset',
    enterpriseId: values.enterpriseId,
    userId: values.userId,
    codeHash: values.codeHash,
    createdBy: values.createdBy,
    createdAt: values.now,
    expiresAt: values.expiresAt,
  });
}

export type AccessRequestRow = typeof accessRequests.$inferSelect;

export async function insertAccessRequest(
  db: DbOrTx,
  values: { enterpriseId: string; name: string; mobile: string; now: Date },
): Promise<string> {
  const [row] = await db
    .insert(accessRequests)
    .values({ ...values, createdAt: values.now, state: 'pending', version: 1 })
    .returning({ id: accessRequests.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** An open request of the same person for the same enterprise: asking twice makes one request. */
export async function pendingRequestOf(db: DbOrTx, enterpriseId: string, mobile: string) {
  const [row] = await db
    .select({ id: accessRequests.id })
    .from(accessRequests)
    .where(
      and(
        eq(accessRequests.enterpriseId, enterpriseId),
        eq(accessRequests.mobile, mobile),
        eq(accessRequests.state, 'pending'),
      ),
    );
  return row;
}

const accessRequestColumns = {
  id: accessRequests.id,
  enterpriseId: accessRequests.enterpriseId,
  enterpriseName: enterprises.name,
  uscc: enterprises.uscc,
  orgUnitId: enterprises.orgUnitId,
  name: accessRequests.name,
  mobile: accessRequests.mobile,
  state: accessRequests.state,
  version: accessRequests.version,
  createdAt: accessRequests.createdAt,
  decidedAt: accessRequests.decidedAt,
};
export type AccessRequestSubject = Awaited<ReturnType<typeof lockAccessRequest>> & {};

export async function listAccessRequests(
  db: DbOrTx,
  actor: Actor,
  query: { state?: AccessRequestRow['state']; page: number; pageSize: number },
) {
  const where = and(
    enterpriseScope(actor, 'write'),
    query.state ? eq(accessRequests.state, query.state) : undefined,
  );
  const [rows, [total]] = await Promise.all([
    db
      .select(accessRequestColumns)
      .from(accessRequests)
      .innerJoin(enterprises, eq(enterprises.id, accessRequests.enterpriseId))
      .where(where)
      .orderBy(desc(accessRequests.createdAt), desc(accessRequests.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(accessRequests)
      .innerJoin(enterprises, eq(enterprises.id, accessRequests.enterpriseId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

export async function lockAccessRequest(db: DbOrTx, actor: Actor, id: string) {
  const [row] = await db
    .select(accessRequestColumns)
    .from(accessRequests)
    .innerJoin(enterprises, eq(enterprises.id, accessRequests.enterpriseId))
    .where(and(eq(accessRequests.id, id), enterpriseScope(actor, 'write')))
    .for('update', { of: accessRequests });
  return row;
}

export async function saveAccessRequestDecision(
  db: DbOrTx,
  id: string,
  version: number,
  values: { state: AccessRequestRow['state']; userId: string | null; decidedBy: string; decidedAt: Date },
): Promise<boolean> {
  const rows = await db
    .update(accessRequests)
    .set({ ...values, version: version + 1 })
    .where(and(eq(accessRequests.id, id), eq(accessRequests.version, version)))
    .returning({ id: accessRequests.id });
  return rows.length === 1;
}
