// The Chinese words a ledger (台账) prints for the codes stored in visits and appeals: the words the whole
// platform uses, from packages/shared (a filed ledger is always in Chinese).
export {
  APPEAL_OUTCOME_LABELS,
  APPEAL_SOURCE_LABELS,
  APPEAL_STATE_LABELS,
  APPEAL_URGENCY_LABELS,
  SATISFACTION_LABELS,
  VISIT_BROUGHT_LABELS,
  VISIT_KIND_LABELS,
} from '@qinqing/shared';

/** A stored code's label; an unknown code (a newer value than this table) is printed as stored. */
export function labelOf<K extends string>(labels: Record<K, string>, code: string | null): string {
  if (code === null) return '';
  return (labels as Record<string, string>)[code] ?? code;
}
