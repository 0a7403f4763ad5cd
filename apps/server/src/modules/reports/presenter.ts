// What the API shows of a report: its register entry, and its figures each with the app path of the
// filtered list of records behind it (/appeals?…, /enterprises?…, /visits?…, /suggestions?…).
import {
  APPEAL_STATES,
  COMMENTARY_SECTIONS,
  periodLabelZh,
  type ReportCategoryRow,
  type ReportDepartmentRow,
  type ReportFigure,
  type ReportSummary,
  type ReportView,
} from '@qinqing/shared';
import { figuresOf } from '../appeal-stats/service.ts';
import type { ReportData } from './figures.ts';
import type { ReportListRow, revisionsOf } from './repository.ts';
import {
  caseHandling,
  commentaryLabel,
  formatCount,
  formatPercent,
  rate,
  ratesOf,
  reportTitle,
} from './writing.ts';

/** An app path with its query (empty values left out). */
function path(base: string, params: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) query.set(key, value);
  const text = query.toString().replace(/%2C/g, ',');
  return text ? `${base}?${text}` : base;
}

/** Appeals accepted as valid: every state after triage but the refused and merged ones. */
const VALID_STATES = APPEAL_STATES.filter((s) => !['submitted', 'invalid', 'merged'].includes(s)).join(',');
/** Appeals that reached a department. */
const FORWARDED_STATES = ['forwarded', 'in_progress', 'returned', 'answered', 'confirmed', 'closed'].join(
  ',',
);

export function presentSummary(row: ReportListRow): ReportSummary {
  return {
    id: row.id,
    type: row.type,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    period: row.period,
    periodLabel: periodLabelZh(row.type, row.period),
    from: row.periodFrom,
    to: row.periodTo,
    revision: row.revision,
    latest: row.revision === row.latestRevision,
    status: row.status,
    trigger: row.trigger,
    title: reportTitle(row.type, unitNameOf(row), row.period),
    generatedAt: row.generatedAt?.toISOString() ?? null,
    generatedByName: row.generatedByName,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The unit's name as the report was generated with it (a later rename does not rewrite old reports). */
export function unitNameOf(row: Pick<ReportListRow, 'parameters' | 'orgUnitName'>): string {
  const stored = row.parameters.orgUnitName;
  return typeof stored === 'string' ? stored : row.orgUnitName;
}

function figureList(row: ReportListRow, data: ReportData): ReportFigure[] {
  const unit = row.orgUnitId;
  const period = { from: row.periodFrom, to: row.periodTo };
  const appeals = (extra: Record<string, string> = {}) =>
    path('/appeals', { orgUnitId: unit, ...period, ...extra });
  const visits = path('/visits', { orgUnitId: unit, status: 'done', ...period });
  const suggestions = (extra: Record<string, string> = {}) => path('/suggestions', { ...period, ...extra });
  const r = ratesOf(data);
  const f = r.appeals;
  const count = (
    key: string,
    label: string,
    value: number,
    unitWord: string,
    link: string,
  ): ReportFigure => ({
    key,
    label,
    value,
    text: `${formatCount(value)}${unitWord}`,
    link,
  });
  const share = (key: string, label: string, value: number | null, link: string): ReportFigure => ({
    key,
    label,
    value,
    text: formatPercent(value),
    link,
  });
  const a = data.appeals;
  return [
    count(
      'members.active',
      '在册会员企业',
      data.members.active,
      '家',
      path('/enterprises', { orgUnitId: unit, status: 'active' }),
    ),
    count(
      'members.joined',
      '新入会会员企业',
      data.members.joined,
      '家',
      path('/enterprises', { orgUnitId: unit, sort: 'recent' }),
    ),
    count(
      'members.left',
      '退会会员企业',
      data.members.left,
      '家',
      path('/enterprises', { orgUnitId: unit, status: 'withdrawn' }),
    ),
    count('visits.done', '走访会员企业', data.visits.done, '次', visits),
    count('visits.enterprises', '走访覆盖企业', data.visits.enterprises, '家', visits),
    share('visits.coverage', '会员企业走访覆盖率', r.coverage, visits),
    count('appeals.received', '收集诉求', a.received, '条', appeals()),
    count('appeals.enterprises', '涉及企业', a.enterprises, '家', appeals()),
    count('appeals.valid', '有效诉求', a.valid, '条', appeals({ state: VALID_STATES })),
    count('appeals.forwarded', '转交职能部门办理', a.forwarded, '条', appeals({ state: FORWARDED_STATES })),
    count('appeals.resolved', '已解决', a.resolved, '条', appeals({ outcome: 'resolved' })),
    share('appeals.resolutionRate', '解决率', f.resolutionRate, appeals({ outcome: 'resolved' })),
    share('appeals.responseRate', '响应率', f.responseRate, appeals({ state: FORWARDED_STATES })),
    share('appeals.satisfactionRate', '满意率', f.satisfactionRate, appeals({ state: 'closed' })),
    share('appeals.onTimeRate', '按时办结率', f.onTimeRate, appeals({ state: 'closed' })),
    // 超期未办结 is the scheduled check's mark (measure appeals.overdue), which no list filters by: the line
    // opens the figures page (诉求统计) of the same unit and period, where the same number stands under the
    // same name with its definition — not the list's 已超期 (overdue now, response deadlines included).
    count(
      'appeals.overdue',
      '超期未办结',
      a.openOverdue,
      '条',
      path('/appeals/stats', { orgUnitId: unit, ...period }),
    ),
    count('suggestions.submitted', '报送建言', data.suggestions.submitted, '条', suggestions()),
    count(
      'suggestions.adopted',
      '获采纳建言',
      data.suggestions.adopted + data.suggestions.partlyAdopted,
      '条',
      suggestions({ status: 'adopted' }),
    ),
  ];
}

function categoriesOf(row: ReportListRow, data: ReportData): ReportCategoryRow[] {
  return data.categories.map((c) => ({
    code: c.code,
    name: c.name,
    received: c.counters.received,
    share: rate(c.counters.received, data.appeals.received),
    resolved: c.counters.resolved,
    link: path('/appeals', {
      orgUnitId: row.orgUnitId,
      from: row.periodFrom,
      to: row.periodTo,
      category: c.code,
    }),
    cases: c.cases.map((item) => ({
      appealId: item.appealId,
      number: item.number,
      title: item.title,
      enterpriseName: item.enterpriseName,
      handling: caseHandling(item),
    })),
  }));
}

function departmentsOf(row: ReportListRow, data: ReportData): ReportDepartmentRow[] {
  return data.departments.map((d) => {
    const f = figuresOf(d.counters, 0);
    return {
      departmentId: d.id,
      name: d.name,
      forwards: f.forwarded,
      respondedOnTime: f.respondedOnTime,
      responseRate: f.responseRate,
      resolved: f.resolved,
      rated: f.rated,
      satisfactionRate: f.satisfactionRate,
      link: path('/appeals', {
        orgUnitId: row.orgUnitId,
        from: row.periodFrom,
        to: row.periodTo,
        departmentId: d.id,
      }),
    };
  });
}

export function presentReport(
  row: ReportListRow,
  revisions: Awaited<ReturnType<typeof revisionsOf>>,
): ReportView {
  const data = row.status === 'ready' ? (row.figures as unknown as ReportData) : null;
  return {
    ...presentSummary(row),
    error: row.error,
    dataHash: row.dataHash,
    figures: data ? figureList(row, data) : [],
    categories: data ? categoriesOf(row, data) : [],
    departments: data ? departmentsOf(row, data) : [],
    commentary: COMMENTARY_SECTIONS[row.type].map((key) => ({
      key,
      label: commentaryLabel(row.type, key),
      text: row.commentary[key] ?? '',
    })),
    version: row.version,
    versions: revisions.map((r) => ({
      id: r.id,
      revision: r.revision,
      status: r.status,
      trigger: r.trigger,
      generatedAt: r.generatedAt?.toISOString() ?? null,
      createdAt: r.createdAt.toISOString(),
    })),
  };
}

/** 示例区工商联2026年第三季度会员企业困难问题调研报告（第2版）.docx; the weekly title gains its week. */
export function documentFileName(
  row: Pick<ReportListRow, 'type' | 'period' | 'revision' | 'parameters' | 'orgUnitName'>,
): string {
  const title = reportTitle(row.type, unitNameOf(row), row.period);
  const prefix = row.type === 'special-difficulties' ? unitNameOf(row) : '';
  const week = row.type === 'weekly' ? `（${periodLabelZh(row.type, row.period)}）` : '';
  return `${prefix}${title}${week}（第${row.revision}版）.docx`;
}
