// importing the registry from workbooks (member enterprises, people, chamber memberships, party
// organizations): texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  imports: {
    kinds: {
      enterprises: {
        label: '会员企业',
        title: '批量导入会员企业',
        intro:
          '使用标准模板填写企业信息，先校验预览，确认无误后导入。已登记的企业（按统一社会信用代码识别）将更新信息。',
        nameColumn: '企业名称',
        usccColumn: '统一社会信用代码',
      },
      people: {
        label: '代表人士',
        title: '批量导入代表人士',
        intro:
          '使用标准模板填写人士及其任职企业，先校验预览，确认无误后导入。已登记的人士（按姓名和手机，或姓名和任职企业识别）将更新信息，职务只增不删。',
        nameColumn: '姓名',
        usccColumn: '任职企业信用代码',
      },
      chamberMembers: {
        label: '商会会员',
        title: '批量导入商会会员',
        intro:
          '使用标准模板填写商会和会员企业的统一社会信用代码，先校验预览，确认无误后导入。已是会员的按文件更新会员身份和入会日期；商会秘书长只能导入本商会的会员。',
        nameColumn: '商会',
        usccColumn: '统一社会信用代码',
      },
      partyOrganizations: {
        label: '党组织',
        title: '批量导入党组织',
        intro:
          '使用标准模板填写党组织及其所属企业或商会，先校验预览，确认无误后导入。已登记的党组织（按所属单位内的名称识别）将更新信息。',
        nameColumn: '党组织名称',
        usccColumn: '所属企业信用代码',
      },
    },
    open: '批量导入',
    backToList: '返回列表',
    rejectedRows: '未通过的行（共 {{count}} 行，最多列出前 1000 行，完整清单见问题清单）',
    template: '下载导入模板',
    templateHint: '请先下载标准模板，按说明填写后上传（仅支持 .xlsx 格式）',
    drop: '点击或将 Excel 文件拖到此处',
    dropHint: '仅支持 .xlsx 格式，单个文件不超过 50 MB',
    onlyXlsx: '只能上传 .xlsx 格式的 Excel 文件',
    tooLarge: '文件超过 50 MB，请拆分后分批导入',
    check: '校验预览',
    checking: '正在校验文件内容，请稍候…',
    checkFailed: '文件校验失败',
    dryRunDone: '“{{file}}”校验完成',
    rejectedHint: '部分行未通过校验，确认导入时将跳过这些行；可下载问题清单修改后重新导入。',
    allGood: '所有行均通过校验，可以确认导入。',
    reselect: '重新选择文件',
    confirm: '确认导入',
    importing: '正在导入，请稍候…',
    done: '导入完成',
    failed: '导入失败',
    again: '继续导入其他文件',
    report: '下载问题清单',
    ignoredColumns: '以下列不在模板中，已忽略：{{columns}}',
    steps: {
      upload: '上传文件',
      check: '校验预览',
      import: '导入',
      done: '完成',
    },
    counts: {
      total: '总行数',
      created: '新增',
      updated: '更新',
      unchanged: '无变化',
      rejected: '未通过',
    },
    verdict: {
      create: '新增',
      update: '更新',
      unchanged: '无变化',
      reject: '未通过',
    },
    preview: {
      title: '前 {{count}} 行预览',
      row: '行号',
      verdict: '处理结果',
      problems: '问题说明',
      changes: '将更新：{{columns}}',
    },
  },
};

export const enUS: Translation<typeof zhCN> = {
  imports: {
    kinds: {
      enterprises: {
        label: 'Member enterprises',
        title: 'Import member enterprises',
        intro:
          'Fill in the standard template, check it first, then import. Enterprises already registered (by credit code) are updated.',
        nameColumn: 'Enterprise',
        usccColumn: 'Credit code',
      },
      people: {
        label: 'People',
        title: 'Import people',
        intro:
          'Fill in the template with people and the enterprises they work in, check it first, then import. People already registered (by name and mobile, or name and enterprise) are updated; positions are only added.',
        nameColumn: 'Name',
        usccColumn: 'Enterprise credit code',
      },
      chamberMembers: {
        label: 'Chamber members',
        title: 'Import chamber members',
        intro:
          'Fill in the template with chambers and their members’ credit codes, check it first, then import. Existing members get the file’s role and joining date; a chamber secretary imports only their own chamber’s members.',
        nameColumn: 'Chamber',
        usccColumn: 'Credit code',
      },
      partyOrganizations: {
        label: 'Party organisations',
        title: 'Import party organisations',
        intro:
          'Fill in the template with party organisations and the enterprise or chamber they belong to, check it first, then import. Those already registered (by name within their unit) are updated.',
        nameColumn: 'Party organisation',
        usccColumn: 'Enterprise credit code',
      },
    },
    open: 'Import',
    backToList: 'Back to the list',
    rejectedRows: 'Rejected rows ({{count}}; the first 1,000 are listed, the report holds them all)',
    template: 'Download the template',
    templateHint: 'Download the standard template, fill it in as explained, then upload it (.xlsx only)',
    drop: 'Click or drop an Excel file here',
    dropHint: '.xlsx only, up to 50 MB',
    onlyXlsx: 'Only .xlsx Excel files can be uploaded',
    tooLarge: 'The file is over 50 MB; split it into several imports',
    check: 'Check and preview',
    checking: 'Checking the file…',
    checkFailed: 'The file could not be checked',
    dryRunDone: '“{{file}}” checked',
    rejectedHint:
      'Some rows did not pass; the import will skip them. Download the report, correct them and import them again.',
    allGood: 'Every row passed; you can import.',
    reselect: 'Choose another file',
    confirm: 'Import',
    importing: 'Importing…',
    done: 'Import finished',
    failed: 'Import failed',
    again: 'Import another file',
    report: 'Download the report',
    ignoredColumns: 'These columns are not in the template and were ignored: {{columns}}',
    steps: {
      upload: 'Upload',
      check: 'Check',
      import: 'Import',
      done: 'Done',
    },
    counts: {
      total: 'Rows',
      created: 'New',
      updated: 'Updated',
      unchanged: 'Unchanged',
      rejected: 'Rejected',
    },
    verdict: {
      create: 'New',
      update: 'Update',
      unchanged: 'Unchanged',
      reject: 'Rejected',
    },
    preview: {
      title: 'First {{count}} rows',
      row: 'Row',
      verdict: 'Outcome',
      problems: 'Problems',
      changes: 'Changes: {{columns}}',
    },
  },
};
