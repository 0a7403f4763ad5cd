// 账号申请 access requests: a person asks for an account with their enterprise's credit code, name and mobile;
// staff over the enterprise or its chamber's secretary approve (the account is made, with a one-time link to
// set its password) or reject, through core/transitions. A credit code not on the roster is answered like any
// other and nothing is kept: nobody learns whether an enterprise is registered, and nothing waits that could
// be approved into a wrong enterprise.
import { maskMobile, type AccessRequestState, type AccessRequestView } from '@qinqing/shared';
import { eq, isNull, and } from 'drizzle-orm';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import { hashPassword } from '../../core/auth/passwords.ts';
import { newToken, type Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import {
  runTransition,
  type TransitionEffect,
  type TransitionMachine,
  type Verdict,
} from '../../core/transitions/transitions.ts';
import { enterprises } from '../../db/schema/index.ts';
import { createContactAccount } from './accounts.ts';
import { issueSetPasswordLink } from './invitations.ts';
import {
  insertAccessRequest,
  listAccessRequests,
  lockAccessRequest,
  pendingRequestOf,
  saveAccessRequestDecision,
} from './repository.ts';

type Subject = NonNullable<Awaited<ReturnType<typeof lockAccessRequest>>>;
type Action = 'approve' | 'reject';
interface Outcome extends TransitionEffect {
  state: AccessRequestState;
  userId: string | null;
  setPasswordLink: string | null;
}

/** Only a waiting request is decided; whoever reaches it (scope decides that in lock) may decide it. */
export function decideAccessRequest(state: { state: AccessRequestState }, _action: Action): Verdict {
  return state.state === 'pending' ? 'allowed' : 'not_now';
}

const machine: TransitionMachine<
  Subject,
  { state: AccessRequestState },
  null,
  { action: Action; version: number },
  Outcome
> = {
  objectType: 'access_request',
  lock: (tx, actor, id) => lockAccessRequest(tx, actor, id),
  stateOf: (subject) => ({ state: subject.state }),
  capacityOf: () => null,
  decide: (state, action) => decideAccessRequest(state, action),
  async apply({ ctx, tx, subject, request, actor, now }) {
    if (request.action === 'reject') {
      return {
        state: 'rejected',
        userId: null,
        setPasswordLink: null,
        audit: { detail: { enterpriseName: subject.enterpriseName, name: subject.name } },
      };
    }
    // An unusable password until the person sets their own through the link.
    const userId = await createContactAccount(tx, {
      enterpriseId: subject.enterpriseId,
      orgUnitId: subject.orgUnitId,
      name: subject.name,
      mobile: subject.mobile,
      passwordHash: await hashPassword(newToken()),
      now,
    });
    const link = await issueSetPasswordLink(
      ctx,
      tx,
      { userId, enterpriseId: subject.enterpriseId },
      actor.userId,
    );
    return {
      state: 'approved',
      userId,
      setPasswordLink: link.link,
      audit: {
        detail: {
          enterpriseName: subject.enterpriseName,
          name: subject.name,
          userId,
          mobile: maskMobile(subject.mobile),
        },
      },
    };
  },
  save: ({ tx, id, subject, actor, now }, outcome) =>
    saveAccessRequestDecision(tx, id, subject.version, {
      state: outcome.state,
      userId: outcome.userId,
      decidedBy: actor.userId,
      decidedAt: now,
    }),
};

function present(row: Subject): AccessRequestView {
  return {
    id: row.id,
    enterpriseId: row.enterpriseId,
    enterpriseName: row.enterpriseName,
    uscc: row.uscc,
    name: row.name,
    mobile: maskMobile(row.mobile),
    state: row.state,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    decidedAt: row.decidedAt?.toISOString() ?? null,
  };
}

export async function requestAccess(
  ctx: AppContext,
  input: { uscc: string; name: string; mobile: string },
  audit: AuditContext,
): Promise<void> {
  const { db } = ctx.database;
  const [enterprise] = await db
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(and(eq(enterprises.uscc, input.uscc), isNull(enterprises.mergedIntoId)));
  if (!enterprise) return;
  if (await pendingRequestOf(db, enterprise.id, input.mobile)) return;
  await db.transaction(async (tx) => {
    const id = await insertAccessRequest(tx, {
      enterpriseId: enterprise.id,
      name: input.name,
      mobile: input.mobile,
      now: ctx.clock.now(),
    });
    await ctx.audit.record(
      tx,
      { ...audit, actorName: input.name },
      {
        action: 'access_request.created',
        objectType: 'access_request',
        objectId: id,
        detail: {
          enterpriseId: enterprise.id,
          enterpriseName: enterprise.name,
          name: input.name,
          mobile: maskMobile(input.mobile),
        },
      },
    );
  });
}

export async function readAccessRequests(
  ctx: AppContext,
  actor: Actor,
  query: { state?: AccessRequestState; page: number; pageSize: number },
) {
  const { rows, total } = await listAccessRequests(ctx.database.db, actor, query);
  return { total, items: rows.map(present) };
}

export async function transitionAccessRequest(
  ctx: AppContext,
  actor: Actor,
  id: string,
  request: { action: Action; version: number },
  audit: AuditContext,
) {
  const outcome = await runTransition(ctx, machine, { actor, id, request, audit });
  const row = await lockAccessRequest(ctx.database.db, actor, id);
  if (!row) throw new Error('the decided request is gone');
  return { accessRequest: present(row), setPasswordLink: outcome.setPasswordLink };
}
