// 我的企业 own enterprise: an enterprise contact's own enterprise, read from the account itself — nothing in
// the request names an enterprise, so no contact can ask for another's. The record comes through the
// registry's own read (its scope and masking), the accounts from the users tied to the enterprise.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { OwnEnterpriseView } from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { users } from '../../db/schema/index.ts';
import { getEnterprise } from '../enterprises/service.ts';

export async function readOwnEnterprise(ctx: AppContext, actor: Actor): Promise<OwnEnterpriseView> {
  if (!actor.enterpriseId) throw notFound();
  const enterprise = await getEnterprise(ctx, actor, actor.enterpriseId);
  const accounts = await ctx.database.db
    .select({ id: users.id, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.enterpriseId, actor.enterpriseId), sql`NOT ${users.disabled}`))
    .orderBy(asc(users.displayName), asc(users.id));
  return {
    id: enterprise.id,
    name: enterprise.name,
    uscc: enterprise.uscc,
    legalRepresentative: enterprise.legalRepresentative,
    industryName: enterprise.industryName,
    size: enterprise.size,
    address: enterprise.address,
    divisionName: enterprise.divisionName,
    orgUnitName: enterprise.orgUnitName,
    membershipStatus: enterprise.membership.status,
    chambers: enterprise.chambers,
    contacts: enterprise.contacts,
    accounts: accounts.map((account) => ({ ...account, you: account.id === actor.userId })),
  };
}
