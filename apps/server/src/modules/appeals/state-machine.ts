// 诉求状态机 the appeal state machine, in one place: which action is legal in which state, for whom, and
// what the appeal's state becomes once its forwards move. Pure functions: transition-appeal.ts runs them on
// core/transitions.
import type { AppealAction, AppealState, ForwardState } from '@qinqing/shared';
import type { Verdict } from '../../core/transitions/transitions.ts';

/**
 * In what capacity the caller acts on this appeal: `federation` triages, forwards and confirms (staff in
 * whose subtree it lies); `department` works the forward to their department (its liaison); `enterprise`
 * rates and reopens (the enterprise's contact, or federation staff recording the rating on its behalf);
 * `system` closes an appeal nobody rated in time (the scheduler, unrated.ts; no person holds it).
 */
export type Capacity = 'federation' | 'department' | 'enterprise' | 'system';

export interface MachineAppeal {
  state: AppealState;
  /** Whether the reopen window (after confirmation) is still open. */
  reopenable: boolean;
}

/** The open forward of the caller's department, for department actions. */
export interface MachineForward {
  state: ForwardState;
}

interface Rule {
  capacity: Capacity;
  from: readonly AppealState[];
  /** For department actions: the states the department's forward must be in. */
  forwardFrom?: readonly ForwardState[];
  /** Only while the reopen window is open. */
  needsReopenWindow?: boolean;
}

const OPEN_FORWARD: readonly ForwardState[] = ['pending', 'accepted'];
const WORKING: readonly AppealState[] = ['forwarded', 'in_progress'];

export const RULES: Record<AppealAction, Rule> = {
  mark_valid: { capacity: 'federation', from: ['submitted'] },
  mark_invalid: { capacity: 'federation', from: ['submitted', 'valid'] },
  merge: { capacity: 'federation', from: ['submitted', 'valid', 'returned'] },
  // More departments may be added while the first ones work on it.
  forward: { capacity: 'federation', from: ['valid', 'returned', 'forwarded', 'in_progress'] },
  accept: { capacity: 'department', from: WORKING, forwardFrom: ['pending'] },
  return: { capacity: 'department', from: WORKING, forwardFrom: OPEN_FORWARD },
  reply: { capacity: 'department', from: WORKING, forwardFrom: OPEN_FORWARD },
  resolve: { capacity: 'department', from: WORKING, forwardFrom: ['accepted'] },
  explain_unsolvable: { capacity: 'department', from: WORKING, forwardFrom: ['accepted'] },
  confirm: { capacity: 'federation', from: ['answered'] },
  rate: { capacity: 'enterprise', from: ['confirmed'] },
  reopen: { capacity: 'enterprise', from: ['confirmed', 'closed'], needsReopenWindow: true },
  close_unrated: { capacity: 'system', from: ['confirmed'] },
};

/** Whether `action` is legal now for a caller holding `capacities` (and, for department actions, a forward). */
export function isAllowed(
  action: AppealAction,
  appeal: MachineAppeal,
  capacities: ReadonlySet<Capacity>,
  forward: MachineForward | undefined,
): boolean {
  const rule = RULES[action];
  if (!capacities.has(rule.capacity)) return false;
  if (!rule.from.includes(appeal.state)) return false;
  if (rule.needsReopenWindow && !appeal.reopenable) return false;
  if (rule.forwardFrom) return forward !== undefined && rule.forwardFrom.includes(forward.state);
  return true;
}

/** Every action legal now: the buttons the web app shows. */
export function allowedActions(
  appeal: MachineAppeal,
  capacities: ReadonlySet<Capacity>,
  forward: MachineForward | undefined,
): AppealAction[] {
  return (Object.keys(RULES) as AppealAction[]).filter((action) =>
    isAllowed(action, appeal, capacities, forward),
  );
}

/** Where the caller stands on one appeal: what the decision reads besides the appeal. */
export interface Standing {
  capacities: ReadonlySet<Capacity>;
  /** Their department's open forward of the current round, for department actions. */
  forward: MachineForward | undefined;
  /** A department liaison, who could hold the department capacity once forwarded to. */
  liaison: boolean;
}

/**
 * The decision on one action: a capacity one cannot hold is refused (403); one held, or that a liaison
 * would hold once forwarded to, but not usable now is an illegal transition (409).
 */
export function decideAppeal(appeal: MachineAppeal, action: AppealAction, standing: Standing): Verdict {
  const needed = RULES[action].capacity;
  if (!standing.capacities.has(needed) && !(needed === 'department' && standing.liaison)) return 'forbidden';
  return isAllowed(action, appeal, standing.capacities, standing.forward) ? 'allowed' : 'not_now';
}

/**
 * The appeal's state once its current round's forwards are as given: working while any is open
 * (in_progress once none is still pending), answered once every forward is done and at least one gave an
 * outcome, returned once every forward came back without one.
 */
export function stateFromForwards(forwards: readonly ForwardState[]): {
  state: AppealState;
  outcome: 'resolved' | 'unsolvable' | null;
} {
  const live = forwards.filter((state) => state !== 'withdrawn');
  if (live.some((state) => state === 'pending')) return { state: 'forwarded', outcome: null };
  if (live.some((state) => state === 'accepted')) return { state: 'in_progress', outcome: null };
  if (live.some((state) => state === 'resolved')) return { state: 'answered', outcome: 'resolved' };
  if (live.some((state) => state === 'unsolvable')) return { state: 'answered', outcome: 'unsolvable' };
  return { state: 'returned', outcome: null };
}
