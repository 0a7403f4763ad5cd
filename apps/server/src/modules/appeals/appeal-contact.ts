// 诉求联系人 the contact an enterprise named for an appeal: who may see the full mobile, and the audited
// reveal. Federation staff and leaders who may reveal an enterprise's contacts (contacts.unmask) may, on
// appeals of their subtree; a department's liaison may only while their department holds an open forward
// (pending or accepted) of the appeal's current round, so that reaching the enterprise needs no detour
// through the federation and ends with the forward.
import type { AppealContactUnmasked } from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../../core/context.ts';
import { forbidden, notFound } from '../../core/errors.ts';
import { standingOn } from './appeal-standing.ts';
import { findAppeal, forwardsOf, type AppealRecord, type ForwardRecord } from './repository.ts';

export function mayUnmaskContact(
  actor: Actor,
  appeal: AppealRecord,
  forwards: readonly ForwardRecord[],
): boolean {
  if (appeal.contactName === null) return false;
  if (actor.permissions.has('contacts.unmask') && appeal.orgPath.startsWith(actor.orgPath)) return true;
  return standingOn(actor, appeal, forwards).departmentForward !== undefined;
}

/** The full mobile of the appeal's contact, to a caller allowed to see it; every reveal is audited. */
export async function unmaskAppealContact(
  ctx: AppContext,
  actor: Actor,
  appealId: string,
  audit: AuditContext,
): Promise<AppealContactUnmasked> {
  const db = ctx.database.db;
  const appeal = await findAppeal(db, actor, appealId);
  if (!appeal) throw notFound();
  if (appeal.contactName === null) throw notFound();
  if (!mayUnmaskContact(actor, appeal, await forwardsOf(db, appealId))) throw forbidden();
  await db.transaction((tx) =>
    ctx.audit.record(tx, audit, {
      action: 'appeal.contact_unmasked',
      objectType: 'appeal',
      objectId: appeal.id,
      detail: {
        number: appeal.number,
        enterpriseId: appeal.enterpriseId,
        contactId: appeal.contactId,
        contactName: appeal.contactName,
      },
    }),
  );
  return { contactId: appeal.contactId, mobile: appeal.contactMobile };
}
