// 工作日历 the working-day calendar: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  calendar: {
    title: '工作日历',
    intro:
      '诉求的响应、办结时限按工作日计算：周一至周五上班、周六周日休息，以下列出的法定节假日与调休上班日除外。',
    month: '{{month}} 月',
    weekdays: '一,二,三,四,五,六,日',
    holidayMark: '休',
    workdayMark: '班',
    weekend: '周末',
    kinds: { holiday: '法定节假日', workday: '调休上班' },
    day: '日期',
    kind: '类型',
    name: '节日',
    namePlaceholder: '如：春节',
    addDay: '添加日期',
    editTitle: '{{year}} 年节假日安排',
    editHelp: '按国务院办公厅公布的安排录入；也可点击上方日历中的日期添加或移除',
    saved: '{{year}} 年工作日历已保存',
    notConfigured: '{{year}} 年的节假日安排尚未录入，除周六、周日外均按工作日计算。',
    notConfiguredManage: '请按国务院办公厅公布的放假安排录入节假日与调休上班日，并保存。',
    updatedAt: '最后更新：{{time}}',
    notice: {
      upload: '导入通知文件',
      notJson: '{{name}} 不是 JSON 格式的节假日安排文件，请按 docs/calendar/README.md 的格式整理',
      loaded: '已导入 {{year}} 年节假日安排（{{count}} 天）',
      failed: '通知文件有误，未导入任何日期；请逐条修改后重新导入',
    },
    missing: {
      title: '{{year}} 年工作日历尚未录入',
      body: '落在 {{year}} 年的办理期限暂按周一至周五计算，并标为“日历缺失”；国务院节假日安排公布后请尽快导入。',
      load: '去导入',
      askAdmin: '请联系系统管理员导入。',
    },
  },
};

export const enUS: Translation<typeof zhCN> = {
  calendar: {
    title: 'Working-day calendar',
    intro:
      'Appeal deadlines count working days: Monday to Friday, except the public holidays and adjusted working weekends listed here.',
    month: 'Month {{month}}',
    weekdays: 'Mo,Tu,We,Th,Fr,Sa,Su',
    holidayMark: 'Off',
    workdayMark: 'W',
    weekend: 'Weekend',
    kinds: { holiday: 'Public holiday', workday: 'Adjusted workday' },
    day: 'Date',
    kind: 'Kind',
    name: 'Holiday',
    namePlaceholder: 'e.g. Spring Festival',
    addDay: 'Add a date',
    editTitle: 'Holidays of {{year}}',
    editHelp: "Enter the State Council's schedule; or click days in the months above to add or remove them",
    saved: 'The calendar of {{year}} is saved',
    notConfigured: 'The holidays of {{year}} have not been entered: every weekday counts as a working day.',
    notConfiguredManage:
      "Enter the public holidays and adjusted working weekends of the State Council's schedule, then save.",
    updatedAt: 'Last updated {{time}}',
    notice: {
      upload: 'Load a notice file',
      notJson: '{{name}} is not a holiday notice in JSON: see docs/calendar/README.md for the format',
      loaded: 'The holidays of {{year}} are loaded ({{count}} days)',
      failed: 'The notice file has errors and nothing was loaded; correct each and load it again',
    },
    missing: {
      title: 'The working calendar of {{year}} has not been entered',
      body: "Deadlines in {{year}} are counted Monday to Friday for now and marked 'Calendar missing'; load the State Council's schedule once it is published.",
      load: 'Load it',
      askAdmin: 'Ask the system administrator to load it.',
    },
  },
};
