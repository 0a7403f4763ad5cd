// 台账导出 ledgers: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  ledgers: {
    title: '台账导出',
    intro:
      '按填报单位和统计期间导出会员企业台账、走访企业台账和诉求办理台账（Excel），已按 A4 横向排版、每页重复表头，可直接打印归档。',
    kind: { members: '会员企业台账', visits: '走访企业台账', appeals: '诉求办理台账' },
    kindDesc: {
      members:
        '统计期间内在册的会员企业（含期间内退会的），列明所属单位、行业、规模、联系人、入会日期、状态和退会日期',
      visits: '统计期间内已完成的走访：走访企业、类型、走访人员、参加领导、联合部门、走访内容和走访情况',
      appeals:
        '统计期间内受理的诉求：编号、企业、类别、来源、承办部门、时限、响应与答复时间、办理结果、满意度和是否超期',
    },
    fields: { kind: '台账类型', orgUnit: '填报单位', period: '统计期间' },
    orgUnitHelp: '包含所选单位及其下级单位的数据',
    orgUnitRequired: '请选择填报单位',
    periodRequired: '请选择统计期间',
    periodTooLong: '统计期间不能超过 {{years}} 年',
    presets: {
      thisMonth: '本月',
      lastMonth: '上月',
      thisQuarter: '本季度',
      lastQuarter: '上季度',
      thisYear: '本年',
      lastYear: '上年',
    },
    auditNote: '每次导出都会记入审计日志（台账类型、单位、期间和行数）。',
    download: '导出台账',
    downloaded: '已导出：{{name}}',
  },
};

export const enUS: Translation<typeof zhCN> = {
  ledgers: {
    title: 'Ledgers',
    intro:
      'Export the member, visit and appeal ledgers (Excel) of an org unit for a period, laid out for A4 landscape with the header repeated on every page, ready to print and file.',
    kind: { members: 'Member ledger', visits: 'Visit ledger', appeals: 'Appeal ledger' },
    kindDesc: {
      members:
        'Members on the register during the period (including those who left in it), with unit, industry, size, contact, date joined, status and date left',
      visits:
        'Visits made in the period: enterprise, kind, who went, leaders and departments who joined, what was brought and notes',
      appeals:
        'Appeals received in the period: number, enterprise, category, source, departments, deadlines, response and answer times, outcome, satisfaction and lateness',
    },
    fields: { kind: 'Ledger', orgUnit: 'Org unit', period: 'Period' },
    orgUnitHelp: 'Covers the unit chosen and the units under it',
    orgUnitRequired: 'Choose an org unit',
    periodRequired: 'Choose a period',
    periodTooLong: 'The period may not exceed {{years}} years',
    presets: {
      thisMonth: 'This month',
      lastMonth: 'Last month',
      thisQuarter: 'This quarter',
      lastQuarter: 'Last quarter',
      thisYear: 'This year',
      lastYear: 'Last year',
    },
    auditNote: 'Every export is recorded in the audit log (ledger, unit, period and row count).',
    download: 'Export ledger',
    downloaded: 'Exported: {{name}}',
  },
};
