// 我的企业 own enterprise: what an enterprise contact sees of their own enterprise on the phone side — the
// record in brief, its contacts (mobiles masked as everywhere) and the accounts that sign in for it.
import { z } from 'zod';
import { ENTERPRISE_SIZES, MEMBERSHIP_STATUSES, contactView } from './registry.ts';

export const ownEnterpriseAccount = z.object({
  id: z.string().uuid(),
  displayName: z.string(),
  /** The caller's own account. */
  you: z.boolean(),
});

export const ownEnterpriseView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  uscc: z.string(),
  legalRepresentative: z.string().nullable(),
  industryName: z.string().nullable(),
  size: z.enum(ENTERPRISE_SIZES).nullable(),
  address: z.string().nullable(),
  divisionName: z.string().nullable(),
  /** The federation the enterprise belongs to. */
  orgUnitName: z.string(),
  membershipStatus: z.enum(MEMBERSHIP_STATUSES),
  chambers: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  contacts: z.array(contactView),
  accounts: z.array(ownEnterpriseAccount),
});
export type OwnEnterpriseView = z.infer<typeof ownEnterpriseView>;
export const ownEnterpriseEnvelope = z.object({ enterprise: ownEnterpriseView });
