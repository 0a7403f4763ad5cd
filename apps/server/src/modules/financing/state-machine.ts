// 融资需求的流转 the financing pipeline, pure: which capacity may take which action in which state. A need
// moves submitted → vetted → sent (to one or more banks) → approved (by a bank) → granted, or is withdrawn, or
// ends declined when every bank it was sent to declined. Each bank answers on its own row: accept, ask for
// documents, approve, decline, then grant what it approved.
import { NEED_FINAL_STATES, type BankAnswerState, type NeedAction, type NeedState } from '@qinqing/shared';
import type { Verdict } from '../../core/transitions/transitions.ts';

/**
 * In what capacity the caller acts: `federation` (staff over the need's subtree), `chamber` (a secretary of
 * a chamber the enterprise belongs to), `enterprise` (its contact), `bank` (a bank the need was sent to).
 */
export type NeedCapacity = 'federation' | 'chamber' | 'enterprise' | 'bank';

export interface NeedMachineState {
  state: NeedState;
  /** The caller's bank's answer, when the caller is a bank. */
  bankState: BankAnswerState | null;
  consent: boolean;
  vouched: boolean;
}

const OPEN_ANSWER: readonly BankAnswerState[] = ['sent', 'accepted', 'documents_requested'];
const OPEN_NEED: readonly NeedState[] = ['sent', 'approved'];

const RULES: Record<NeedAction, { who: readonly NeedCapacity[]; when: (s: NeedMachineState) => boolean }> = {
  vet: { who: ['federation'], when: (s) => s.state === 'submitted' },
  send: { who: ['federation'], when: (s) => ['vetted', 'sent', 'approved'].includes(s.state) },
  accept: {
    who: ['bank'],
    when: (s) =>
      OPEN_NEED.includes(s.state) && (s.bankState === 'sent' || s.bankState === 'documents_requested'),
  },
  request_documents: {
    who: ['bank'],
    when: (s) => OPEN_NEED.includes(s.state) && (s.bankState === 'sent' || s.bankState === 'accepted'),
  },
  approve: {
    who: ['bank'],
    when: (s) => OPEN_NEED.includes(s.state) && s.bankState !== null && OPEN_ANSWER.includes(s.bankState),
  },
  decline: {
    who: ['bank'],
    when: (s) =>
      OPEN_NEED.includes(s.state) &&
      s.bankState !== null &&
      (OPEN_ANSWER.includes(s.bankState) || s.bankState === 'approved'),
  },
  grant: { who: ['bank'], when: (s) => OPEN_NEED.includes(s.state) && s.bankState === 'approved' },
  withdraw: {
    who: ['federation', 'chamber', 'enterprise'],
    when: (s) => !NEED_FINAL_STATES.includes(s.state),
  },
  vouch: { who: ['chamber'], when: (s) => !NEED_FINAL_STATES.includes(s.state) && !s.vouched },
  give_consent: {
    who: ['federation', 'chamber', 'enterprise'],
    when: (s) => !NEED_FINAL_STATES.includes(s.state) && !s.consent,
  },
  revoke_consent: {
    who: ['federation', 'chamber', 'enterprise'],
    when: (s) => !NEED_FINAL_STATES.includes(s.state) && s.consent,
  },
};

export function decideNeed(
  state: NeedMachineState,
  action: NeedAction,
  capacities: ReadonlySet<NeedCapacity>,
): Verdict {
  const rule = RULES[action];
  if (!rule.who.some((who) => capacities.has(who))) return 'forbidden';
  return rule.when(state) ? 'allowed' : 'not_now';
}

/** What the caller may do now, for the page's buttons. */
export function needActionsFor(state: NeedMachineState, capacities: ReadonlySet<NeedCapacity>): NeedAction[] {
  return (Object.keys(RULES) as NeedAction[]).filter(
    (action) => decideNeed(state, action, capacities) === 'allowed',
  );
}
