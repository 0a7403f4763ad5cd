// 融资对接指标 the financing measures: of the enterprises of the subtree, the needs stated in the period (and
// their amount, how many a chamber vouched for, how many reached a bank), the banks' approvals dated in it,
// the loans granted in it (count, amount, median days from need to loan, average rate) and the approval
// rate. The dashboard's financing card, the reports' paragraph ("促成贷款N笔达X亿元") and
// /api/financing/stats read the same query (repository.ts rolledFigures: the rollups of migration 0054 for
// whole months, the records for the days around them — financingFigures' definition).
import {
  listPath,
  measuresOf,
  rate,
  type MeasureAsk,
  type MeasureSource,
} from '../../core/measures/registry.ts';
import { splitPeriod } from '../appeal-stats/service.ts';
import { rolledFigures, type FigureRow } from './repository.ts';

const needList = (ask: MeasureAsk, params: Record<string, string | undefined> = {}) =>
  listPath('/financing', { orgUnitId: ask.listUnitId, ...params });

export const financingTotalsSource: MeasureSource<FigureRow | undefined> = {
  name: 'financing.totals',
  compute: async ({ db, ask }) =>
    (await rolledFigures(db, ask.unit.path, splitPeriod(ask.period.from, ask.period.to, 'rollups')))[0],
};

export const financingMeasures = measuresOf(financingTotalsSource, [
  {
    id: 'financing.needs',
    label: { zh: '融资需求', en: 'Financing needs' },
    unit: 'count',
    definition: '期间内（按提交日期）本单位及下级企业提交的融资需求数',
    value: (row) => row?.needs ?? 0,
    list: (ask) => needList(ask),
  },
  {
    id: 'financing.amountAsked',
    label: { zh: '需求金额', en: 'Amount asked' },
    unit: 'fen',
    definition: '期间内提交的融资需求金额合计',
    value: (row) => Number(row?.amount_asked ?? 0),
  },
  {
    id: 'financing.vouched',
    label: { zh: '商会推荐', en: 'Vouched by chambers' },
    unit: 'count',
    definition: '期间内提交的融资需求中，商会出具推荐的个数',
    value: (row) => row?.vouched ?? 0,
  },
  {
    id: 'financing.sent',
    label: { zh: '推送银行', en: 'Sent to banks' },
    unit: 'count',
    definition: '期间内提交的融资需求中，已推送至少一家合作银行的个数',
    value: (row) => row?.sent ?? 0,
  },
  {
    id: 'financing.approved',
    label: { zh: '银行审批', en: 'Approvals' },
    unit: 'count',
    definition: '期间内（按审批日期）合作银行审批通过的笔数（一个需求获多家银行审批各计一笔）',
    value: (row) => row?.approved ?? 0,
  },
  {
    id: 'financing.approvedAmount',
    label: { zh: '审批金额', en: 'Amount approved' },
    unit: 'fen',
    definition: '期间内合作银行审批通过的金额合计',
    value: (row) => Number(row?.approved_amount ?? 0),
  },
  {
    id: 'financing.granted',
    label: { zh: '促成贷款', en: 'Loans granted' },
    unit: 'count',
    definition: '期间内（按放款日期）经平台对接实际放款的笔数',
    value: (row) => row?.granted ?? 0,
    list: (ask) => needList(ask, { state: 'granted' }),
  },
  {
    id: 'financing.grantedAmount',
    label: { zh: '放款金额', en: 'Amount lent' },
    unit: 'fen',
    definition: '期间内经平台对接实际放款的金额合计',
    value: (row) => Number(row?.granted_amount ?? 0),
    list: (ask) => needList(ask, { state: 'granted' }),
  },
  {
    id: 'financing.approvalRate',
    label: { zh: '审批通过率', en: 'Approval rate' },
    unit: 'ratio',
    definition: '期间内银行审批通过笔数 ÷（审批通过 + 未予通过）笔数',
    value: (row) => (row ? rate(row.approved, row.approved + row.declined) : null),
  },
]);

/** The dashboard's financing card and the reports' paragraph: these measures, in this order. */
export const FINANCING_CARD_MEASURES: readonly string[] = [
  'financing.needs',
  'financing.amountAsked',
  'financing.vouched',
  'financing.sent',
  'financing.approved',
  'financing.approvalRate',
  'financing.granted',
  'financing.grantedAmount',
];
