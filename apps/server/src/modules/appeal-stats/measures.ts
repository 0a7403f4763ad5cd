// 诉求指标 the appeal measures: counts of the appeals received in a period (an appeal counts in the period of
// its received_on) and the three rates (三率) with the on-time rate, as modules/appeal-stats defines them
// (figuresOf); each count opens the appeal list filtered to the same records.
import { OVERDUE_WORDS, UNRATED_WORD } from '@qinqing/shared';
import { listPath, measuresOf, type MeasureAsk, type MeasureSource } from '../../core/measures/registry.ts';
import { countClosedUnrated, countOverdueNow } from './repository.ts';
import { appealBreakdown, appealEnterprises, figuresOf, type AppealBreakdown } from './service.ts';

// The states an appeal is in once it was found valid, once forwarded, and once a department took it up.
const VALID_STATES = 'valid,forwarded,in_progress,returned,answered,confirmed,closed';
const FORWARDED_STATES = 'forwarded,in_progress,returned,answered,confirmed,closed';
const RESPONDED_STATES = 'in_progress,answered,confirmed,closed';

/** The appeal list of the subtree and period, narrowed by `params`. */
export const appealList = (ask: MeasureAsk, params: Record<string, string | undefined> = {}) =>
  listPath('/appeals', { orgUnitId: ask.listUnitId, from: ask.period.from, to: ask.period.to, ...params });

/** The figures page by department, where the rates are explained group by group. */
const statsList = (ask: MeasureAsk) =>
  listPath('/appeals/stats', { from: ask.period.from, to: ask.period.to, groupBy: 'department' });

/** Counters by category and month and their total: one scan of the rollups, the partial months' records. */
export const appealBreakdownSource: MeasureSource<AppealBreakdown> = {
  name: 'appeals.breakdown',
  compute: ({ db, ask }) => appealBreakdown(db, { orgPath: ask.unit.path }, ask.period),
};

const appealEnterprisesSource: MeasureSource<number> = {
  name: 'appeals.enterprises',
  compute: ({ db, ask }) => appealEnterprises(db, { orgPath: ask.unit.path }, ask.period),
};

const figures = (data: AppealBreakdown) => figuresOf(data.total, 0);

/**
 * 未评价办结: the appeals received in the period that closed without a rating (modules/appeals/unrated.ts).
 * Counted apart from the ratings: their satisfaction stays empty, so the satisfaction rate's denominator
 * (the rated appeals) never includes them.
 */
const closedUnratedSource: MeasureSource<number> = {
  name: 'appeals.closedUnrated',
  compute: ({ db, ask }) => countClosedUnrated(db, { orgPath: ask.unit.path }, ask.period),
};

/**
 * 已超期 (appeals.overdueNow): the appeals received in the period that are overdue at the moment asked, by the one definition
 * of modules/appeals/overdue.ts (an open forward of the current round past its response deadline without a
 * response, or past its resolution deadline) — the appeal list's 只看超期 counts the same records, so the
 * figure and its drill-down agree at every instant. Counted from the open forwards (few, indexed by
 * deadline), not from the rollups: those keep the scheduler's marks, which lag a scheduler run and know
 * the resolution deadline only (the figures page's 超期未办结 and 按时办结率, service.ts).
 */
const overdueNowSource: MeasureSource<number> = {
  name: 'appeals.overdueNow',
  compute: ({ db, ask, now }) => countOverdueNow(db, { orgPath: ask.unit.path }, ask.period, now),
};

export const appealMeasures = [
  ...measuresOf(appealBreakdownSource, [
    {
      id: 'appeals.received',
      label: { zh: '受理', en: 'Received' },
      unit: 'count',
      definition: '期间内登记受理的诉求数（按受理日期计）',
      value: (data) => data.total.received,
      list: (ask) => appealList(ask),
    },
    {
      id: 'appeals.valid',
      label: { zh: '有效', en: 'Valid' },
      unit: 'count',
      definition: '其中经核实为有效的诉求数（不含无效、已合并）',
      value: (data) => data.total.valid,
      list: (ask) => appealList(ask, { state: VALID_STATES }),
    },
    {
      id: 'appeals.invalid',
      label: { zh: '无效', en: 'Invalid' },
      unit: 'count',
      definition: '其中经核实为无效的诉求数',
      value: (data) => data.total.invalid,
      list: (ask) => appealList(ask, { state: 'invalid' }),
    },
    {
      id: 'appeals.forwarded',
      label: { zh: '已转办', en: 'Forwarded' },
      unit: 'count',
      definition: '其中已通过快捷通道转交职能部门的诉求数',
      value: (data) => data.total.forwarded,
      list: (ask) => appealList(ask, { state: FORWARDED_STATES }),
    },
    {
      id: 'appeals.responded',
      label: { zh: '部门已响应', en: 'Responded' },
      unit: 'count',
      definition: '转办后职能部门已签收响应的次数（按转办记录计）',
      value: (data) => data.total.responded,
      list: (ask) => appealList(ask, { state: RESPONDED_STATES }),
    },
    {
      id: 'appeals.resolved',
      label: { zh: '已解决', en: 'Resolved' },
      unit: 'count',
      definition: '其中办理结果为已解决的诉求数',
      value: (data) => data.total.resolved,
      list: (ask) => appealList(ask, { outcome: 'resolved' }),
    },
    {
      id: 'appeals.unsolvable',
      label: { zh: '暂不能解决', en: 'Unsolvable' },
      unit: 'count',
      definition: '其中办理结果为暂不能解决（已说明原因）的诉求数',
      value: (data) => data.total.unsolvable,
      list: (ask) => appealList(ask, { outcome: 'unsolvable' }),
    },
    {
      // The rollups keep the scheduler's mark (appeals.overdue, set by the deadline checks for the
      // resolution deadline only), not a time-dependent predicate: said so in its label and definition,
      // and no list holds exactly these records. 已超期 at this moment is appeals.overdueNow.
      id: 'appeals.overdue',
      label: { zh: '超期未办结（定时检查）', en: 'Overdue, open (as last checked)' },
      unit: 'count',
      definition:
        '其中尚无办理结果、且在最近一次定时检查（每次调度运行）时已过办结时限的诉求数；不含仅超过响应时限的诉求，两次检查之间到期的在下次检查后计入。此刻的超期数见“已超期”',
      value: (data) => data.total.openOverdue,
    },
    {
      id: 'appeals.satisfied',
      label: { zh: '满意', en: 'Satisfied' },
      unit: 'count',
      definition: '其中企业评价为满意或基本满意的诉求数',
      value: (data) => data.total.satisfied + data.total.basicallySatisfied,
      list: (ask) => appealList(ask, { satisfaction: 'satisfied,basically_satisfied' }),
    },
    {
      id: 'appeals.responseRate',
      label: { zh: '响应率', en: 'Response rate' },
      unit: 'ratio',
      definition: '按时响应的转办数 ÷（已响应 + 超期未响应的转办数）',
      value: (data) => figures(data).responseRate,
      list: statsList,
    },
    {
      id: 'appeals.resolutionRate',
      label: { zh: '解决率', en: 'Resolution rate' },
      unit: 'ratio',
      definition: '已解决的诉求数 ÷ 有效诉求数',
      value: (data) => figures(data).resolutionRate,
      list: statsList,
    },
    {
      id: 'appeals.satisfactionRate',
      label: { zh: '满意率', en: 'Satisfaction rate' },
      unit: 'ratio',
      definition: '（满意 + 基本满意）÷ 已评价的诉求数',
      value: (data) => figures(data).satisfactionRate,
      list: statsList,
    },
    {
      id: 'appeals.onTimeRate',
      label: { zh: '按时办结率', en: 'On-time rate' },
      unit: 'ratio',
      definition: '按时办结数 ÷（按时办结 + 超时办结 + 超期未办结）',
      value: (data) => figures(data).onTimeRate,
      list: statsList,
    },
  ]),
  ...measuresOf(overdueNowSource, [
    {
      id: 'appeals.overdueNow',
      label: { zh: OVERDUE_WORDS.any.zh, en: OVERDUE_WORDS.any.en },
      unit: 'count',
      definition:
        '其中此刻已超期的诉求数：有未办结的转办已过响应时限仍未响应，或已过办结时限仍未办结（与诉求列表“只看超期”同一口径，随时间即时计算）',
      value: (count) => count,
      list: (ask) => appealList(ask, { overdue: 'true' }),
    },
  ]),
  ...measuresOf(closedUnratedSource, [
    {
      id: 'appeals.closedUnrated',
      label: { zh: UNRATED_WORD.zh, en: UNRATED_WORD.en },
      unit: 'count',
      definition: '其中确认后企业逾期未评价、由系统办结的诉求数（不计入满意，也不计入满意率的分母）',
      value: (count) => count,
    },
  ]),
  ...measuresOf(appealEnterprisesSource, [
    {
      id: 'appeals.enterprises',
      label: { zh: '服务企业数', en: 'Enterprises served' },
      unit: 'count',
      definition: '期间内提出诉求的企业数（同一企业在所属单位只计一次；期间内迁移单位的在两处各计一次）',
      value: (count) => count,
    },
  ]),
];
