// 诉求办理台账 the appeal ledger: every appeal received in the period — number, enterprise, category, source,
// urgency, state, the departments it was forwarded to, the deadlines, when the departments responded and
// answered, the outcome, the enterprise's satisfaction and whether it ran late — with the tallies on the
// total line: received, resolved and unsolvable from the measures registry (as the appeal figures count
// them), the enterprises and the late ones counted with the rows.
import { safeCell } from '../../core/office/cells.ts';
import {
  APPEAL_OUTCOME_LABELS,
  APPEAL_SOURCE_LABELS,
  APPEAL_STATE_LABELS,
  APPEAL_URGENCY_LABELS,
  labelOf,
  SATISFACTION_LABELS,
} from './labels.ts';
import { UNRATED_WORD } from '@qinqing/shared';
import type { LedgerBuilder, LedgerColumn } from './layout.ts';
import { countAppeals, streamAppeals, type AppealLedgerRow } from './repository.ts';

const COLUMNS: LedgerColumn[] = [
  { header: '诉求编号', width: 14, align: 'center' },
  { header: '受理日期', width: 11, align: 'center' },
  { header: '企业名称', width: 24 },
  { header: '诉求类别', width: 10, align: 'center' },
  { header: '诉求事项', width: 28 },
  { header: '来源', width: 8, align: 'center' },
  { header: '紧急程度', width: 8, align: 'center' },
  { header: '办理状态', width: 8, align: 'center' },
  { header: '承办部门', width: 18 },
  { header: '响应时限', width: 11, align: 'center' },
  { header: '办结时限', width: 11, align: 'center' },
  { header: '响应时间', width: 16, align: 'center' },
  { header: '答复时间', width: 16, align: 'center' },
  { header: '办理结果', width: 12, align: 'center' },
  { header: '满意度', width: 8, align: 'center' },
  { header: '是否超期', width: 8, align: 'center' },
];

function cellsOf(row: AppealLedgerRow) {
  return [
    row.number,
    row.received_on,
    safeCell(row.enterprise_name),
    safeCell(row.category_name),
    safeCell(row.title),
    labelOf(APPEAL_SOURCE_LABELS, row.source),
    labelOf(APPEAL_URGENCY_LABELS, row.urgency),
    labelOf(APPEAL_STATE_LABELS, row.state),
    safeCell(row.departments),
    row.respond_due_on ?? '',
    row.resolve_due_on ?? '',
    row.responded_at ?? '',
    row.answered_at ?? '',
    labelOf(APPEAL_OUTCOME_LABELS, row.outcome),
    row.closed_unrated ? UNRATED_WORD.zh : labelOf(SATISFACTION_LABELS, row.satisfaction),
    row.overdue ? '是' : '否',
  ];
}

export const appealsLedger: LedgerBuilder = {
  title: '会员企业诉求办理台账',
  fileStem: 'appeals-ledger',
  columns: COLUMNS,
  count: countAppeals,
  async write(db, scope, sheet, measures) {
    // Not the registry's: appeals.enterprises counts an enterprise once in each org unit it appealed under.
    const enterprises = new Set<string>();
    // Not the registry's: appeals.overdue counts open appeals only; 超期 also those answered late.
    let overdue = 0;
    for await (const row of streamAppeals(db, scope)) {
      if (sheet.closed) break;
      await sheet.addRow(cellsOf(row));
      enterprises.add(row.enterprise_id);
      if (row.overdue) overdue++;
    }
    const received = await measures.number('appeals.received');
    const resolved = await measures.number('appeals.resolved');
    const unsolvable = await measures.number('appeals.unsolvable');
    return (
      `合计：受理诉求 ${received} 件，涉及会员企业 ${enterprises.size} 家；` +
      `已解决 ${resolved} 件，已解释无法解决 ${unsolvable} 件，超期 ${overdue} 件。`
    );
  },
};
