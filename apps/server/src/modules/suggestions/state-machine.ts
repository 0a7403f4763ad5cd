// The 建言 suggestion state machine: draft → submitted → adopted | partly_adopted | not_adopted, a decision
// correctable by another, nothing back to draft. The table itself lives in @qinqing/shared (the web app
// offers only the actions it allows); this is where the server enforces it.
import {
  SUGGESTION_EDITABLE,
  SUGGESTION_TRANSITIONS,
  type SuggestionOutcome,
  type SuggestionStatus,
} from '@qinqing/shared';
import { AppError } from '../../core/errors.ts';

const refused = (from: SuggestionStatus, attempted: string) =>
  new AppError('INVALID_TRANSITION', undefined, { currentStatus: from, action: attempted });

/** The status a transition leads to from `from`, or 409 INVALID_TRANSITION. */
export function nextStatus(
  from: SuggestionStatus,
  transition: { action: 'submit' } | { action: 'decide'; outcome: SuggestionOutcome },
): SuggestionStatus {
  if (!SUGGESTION_TRANSITIONS[transition.action].includes(from)) throw refused(from, transition.action);
  return transition.action === 'submit' ? 'submitted' : transition.outcome;
}

/** Content (title, body, target, linked appeals) changes only while a draft. */
export function assertEditable(status: SuggestionStatus): void {
  if (!SUGGESTION_EDITABLE.includes(status)) throw refused(status, 'edit');
}
