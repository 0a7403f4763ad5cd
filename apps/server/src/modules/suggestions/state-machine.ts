// The 建言 suggestion state machine: draft → submitted → adopted | partly_adopted | not_adopted, a decision
// correctable by another, nothing back to draft. The table itself lives in @qinqing/shared (the web app
// offers only the actions it allows); this is where the server enforces it (on core/transitions).
import {
  SUGGESTION_EDITABLE,
  SUGGESTION_TRANSITIONS,
  type SuggestionAction,
  type SuggestionStatus,
  type SuggestionTransitionRequest,
} from '@qinqing/shared';
import { AppError } from '../../core/errors.ts';
import type { Verdict } from '../../core/transitions/transitions.ts';

/**
 * The decision on one action. Whoever may write suggestions (the route's permission) may take any action
 * on one in their scope: the status alone decides.
 */
export function decideSuggestion(current: { state: SuggestionStatus }, action: SuggestionAction): Verdict {
  return SUGGESTION_TRANSITIONS[action].includes(current.state) ? 'allowed' : 'not_now';
}

/** The status an allowed transition leads to. */
export function statusAfter(transition: SuggestionTransitionRequest): SuggestionStatus {
  return transition.action === 'submit' ? 'submitted' : transition.outcome;
}

/** Content (title, body, target, linked appeals) changes only while a draft: else 409 INVALID_TRANSITION. */
export function assertEditable(status: SuggestionStatus): void {
  if (!SUGGESTION_EDITABLE.includes(status)) {
    throw new AppError('INVALID_TRANSITION', undefined, { state: status, action: 'edit' });
  }
}
