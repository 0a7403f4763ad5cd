// How a 建言 suggestion is shown: in a list, and whole with its author and the appeals it was built from.
import type { AppealState, SuggestionSummary, SuggestionView } from '@qinqing/shared';
import type { LinkedAppealRow, SuggestionRow } from './repository.ts';

export function presentSuggestionSummary(row: SuggestionRow): SuggestionSummary {
  return {
    id: row.id,
    number: row.number,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    kind: row.kind,
    title: row.title,
    policyTitle: row.policyTitle,
    targetBody: row.targetBody,
    status: row.status,
    submittedOn: row.submittedOn,
    decidedOn: row.decidedOn,
    documentRef: row.documentRef,
    appealCount: row.appealCount,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentSuggestion(
  row: SuggestionRow,
  authorName: string | null,
  appeals: readonly LinkedAppealRow[],
): SuggestionView {
  return {
    ...presentSuggestionSummary(row),
    body: row.body,
    decisionNote: row.decisionNote,
    createdBy: row.createdBy ? { id: row.createdBy, name: authorName ?? '' } : null,
    appeals: appeals.map((appeal) => ({ ...appeal, state: appeal.state as AppealState })),
  };
}
