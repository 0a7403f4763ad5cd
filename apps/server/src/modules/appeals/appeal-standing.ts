// Where an appeal stands for its state machine, for one caller at one moment: the capacities they hold on
// it, their department's open forward, and whether the reopen window is still open. The page's buttons and
// the transitions read the same answer.
import type { AppealState, ForwardState } from '@qinqing/shared';
import { actsForFederation, worksForDepartment } from '../../core/access/appeal-scope.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import type { AppealRecord, AppealRow, ForwardRecord } from './repository.ts';
import type { Capacity, MachineAppeal, Standing } from './state-machine.ts';

const DAY_MS = 86_400_000;
export const OPEN_FORWARD: readonly string[] = ['pending', 'accepted'];

export function reopenUntil(ctx: AppContext, appeal: AppealRow): Date | null {
  if (!appeal.confirmedAt || !['confirmed', 'closed'].includes(appeal.state)) return null;
  return new Date(appeal.confirmedAt.getTime() + ctx.config.appealReopenDays * DAY_MS);
}

export function machineAppeal(ctx: AppContext, appeal: AppealRow): MachineAppeal {
  const until = reopenUntil(ctx, appeal);
  return { state: appeal.state as AppealState, reopenable: until !== null && ctx.clock.now() <= until };
}

export interface AppealStanding extends Standing {
  /** The open forward of the caller's department (the record the department actions change). */
  departmentForward: ForwardRecord | undefined;
}

export function standingOn(
  actor: Actor,
  appeal: AppealRecord,
  forwards: readonly ForwardRecord[],
): AppealStanding {
  const capacities = new Set<Capacity>();
  const federation = actsForFederation(actor, appeal.orgPath);
  if (federation) capacities.add('federation');
  const departmentForward = forwards.find(
    (f) =>
      f.round === appeal.round &&
      OPEN_FORWARD.includes(f.state) &&
      worksForDepartment(actor, f.departmentPath),
  );
  if (departmentForward) capacities.add('department');
  const ownEnterprise =
    actor.roles.includes('enterprise_contact') && actor.enterpriseId === appeal.enterpriseId;
  if (actor.permissions.has('appeals.rate') && (ownEnterprise || federation)) capacities.add('enterprise');
  return {
    capacities,
    forward: departmentForward ? { state: departmentForward.state as ForwardState } : undefined,
    liaison: actor.permissions.has('appeals.handle'),
    departmentForward,
  };
}
