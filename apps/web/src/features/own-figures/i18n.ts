// 本单位工作情况 own figures: texts in Chinese (the source) and English; the figures' names come from the
// measure catalogue with the values.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  ownFigures: {
    department: '本部门工作情况',
    chamber: '本商会工作情况',
    departmentIntro:
      '本部门在{{federation}}职能部门中的三率、按时办结率与排名名次，与{{federation}}工作看板“部门排名”同一口径（按转办日期计入期间）。',
    chamberIntro:
      '本会会员企业的诉求（与{{federation}}诉求统计“按商会”同一口径）、对在册会员的走访与在册会员数。',
    period: '统计期间',
    month: '月',
    quarter: '季度',
    year: '年',
    ranked: '共 {{count}} 个部门参与排名',
    insufficient: '本期转办不足 {{minVolume}} 件，样本不足，排在样本充足的部门之后',
    place: '第 {{value}} 名',
    noValue: '—',
    openList: '查看明细',
  },
};

export const enUS: Translation<typeof zhCN> = {
  ownFigures: {
    department: 'My department’s figures',
    chamber: 'My chamber’s figures',
    departmentIntro:
      'The department’s three rates, on-time rate and places among the departments of {{federation}}, as its dashboard ranks them (forwards counted by the day forwarded).',
    chamberIntro:
      'Appeals of the chamber’s member enterprises (as {{federation}}’s figures by chamber count them), visits to its active members and its active members.',
    period: 'Period',
    month: 'Month',
    quarter: 'Quarter',
    year: 'Year',
    ranked: '{{count}} departments ranked',
    insufficient:
      'Fewer than {{minVolume}} forwards this period: too few to judge, placed after those with enough',
    place: 'No. {{value}}',
    noValue: '—',
    openList: 'Records',
  },
};
