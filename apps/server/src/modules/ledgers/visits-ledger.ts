// 走访台账 the visit ledger: every visit made in the period — the day, the enterprise, the kind, who went
// (staff, leaders, departments that joined), what was brought (送政策、送信息…), the plan and the notes —
// with the number of visits and of enterprises visited on the total line (visits.done and
// visits.enterprises of the measures registry).
import { safeCell } from '../../core/office/cells.ts';
import { labelOf, VISIT_BROUGHT_LABELS, VISIT_KIND_LABELS } from './labels.ts';
import type { LedgerBuilder, LedgerColumn } from './layout.ts';
import { countVisits, streamVisits, type VisitLedgerRow } from './repository.ts';

const COLUMNS: LedgerColumn[] = [
  { header: '走访日期', width: 12, align: 'center' },
  { header: '走访企业', width: 28 },
  { header: '所属单位', width: 16 },
  { header: '走访类型', width: 14, align: 'center' },
  { header: '走访人员', width: 18 },
  { header: '参加领导', width: 14 },
  { header: '联合走访部门', width: 18 },
  { header: '走访内容', width: 20 },
  { header: '所属走访计划', width: 20 },
  { header: '走访情况', width: 40 },
];

const joined = (names: string[]) => safeCell(names.join('、'));

function cellsOf(row: VisitLedgerRow) {
  return [
    row.visited_on,
    safeCell(row.enterprise_name),
    safeCell(row.org_unit_name),
    labelOf(VISIT_KIND_LABELS, row.kind),
    joined(row.visitor_names),
    joined(row.leader_names),
    joined(row.department_names),
    row.brought.map((code) => labelOf(VISIT_BROUGHT_LABELS, code)).join('、'),
    safeCell(row.plan_name),
    safeCell(row.notes),
  ];
}

export const visitsLedger: LedgerBuilder = {
  title: '走访企业台账',
  fileStem: 'visits-ledger',
  columns: COLUMNS,
  count: countVisits,
  async write(db, scope, sheet, measures) {
    for await (const row of streamVisits(db, scope)) {
      if (sheet.closed) break;
      await sheet.addRow(cellsOf(row));
    }
    const visits = await measures.number('visits.done');
    const enterprises = await measures.number('visits.enterprises');
    return `合计：走访 ${visits} 次，涉及会员企业 ${enterprises} 家。`;
  },
};
