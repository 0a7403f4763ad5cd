// The demo of 邀请 invitations (issue 10 item 1): the member enterprise's contact came in by an invitation
// (used), another member holds one still open — its code is the README's QQDEM7CA4XXXXKEY, to try the
// accept page at /invite/QQDEM7CA4XXXXKEY — one more expired unused, and a person waits for the secretary
// to approve their access request.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.ts';
import { accessRequests, invitations } from '../db/schema/index.ts';
import { hashCode, newCode } from '../modules/invitations/codes.ts';

const DAY_MS = 86_400_000;
export const DEMO_INVITATION_CODE = 'QQDEM7CA4XXXXKEY';

export async function seedInvitationsDemo(tx: Tx, now: Date): Promise<void> {
  const { rows } = await tx.execute<{
    member: string;
    member_enterprise: string;
    staff: string;
    secretary: string;
  }>(
    sql`SELECT (SELECT id FROM users WHERE username = 'member') AS member,
               (SELECT enterprise_id FROM users WHERE username = 'member') AS member_enterprise,
               (SELECT id FROM users WHERE username = 'staff') AS staff,
               (SELECT id FROM users WHERE username = 'secretary') AS secretary`,
  );
  const who = rows[0];
  if (!who?.member_enterprise) return;
  // Members of the secretary's chamber other than the member's own enterprise: invited, and asking.
  const { rows: others } = await tx.execute<{ id: string }>(
    sql`SELECT m.enterprise_id AS id FROM chamber_memberships m
          JOIN enterprises e ON e.id = m.enterprise_id
          JOIN users s ON s.username = 'secretary' AND s.org_unit_id = m.chamber_id
         WHERE e.id <> ${who.member_enterprise} AND e.merged_into_id IS NULL
         ORDER BY e.sort_key LIMIT 3`,
  );
  const at = (days: number) => new Date(now.getTime() + days * DAY_MS);
  const values: (typeof invitations.$inferInsert)[] = [
    {
      kind: 'invitation',
      enterpriseId: who.member_enterprise,
      codeHash: hashCode(newCode()),
      userId: who.member,
      createdBy: who.staff,
      createdAt: at(-40),
      expiresAt: at(-10),
      usedAt: at(-39),
    },
  ];
  if (others[0]) {
    values.push({
      kind: 'invitation',
      enterpriseId: others[0].id,
      codeHash: hashCode(DEMO_INVITATION_CODE),
      createdBy: who.secretary,
      createdAt: at(-2),
      expiresAt: at(28),
    });
  }
  if (others[1]) {
    values.push({
      kind: 'invitation',
      enterpriseId: others[1].id,
      codeHash: hashCode(newCode()),
      createdBy: who.secretary,
      createdAt: at(-45),
      expiresAt: at(-15),
    });
  }
  await tx.insert(invitations).values(values);
  if (others[2]) {
    await tx.insert(accessRequests).values({
      enterpriseId: others[2].id,
      name: '孙雅',
      mobile: '13512345678',
      state: 'pending',
      version: 1,
      createdAt: at(-1),
    });
  }
}
