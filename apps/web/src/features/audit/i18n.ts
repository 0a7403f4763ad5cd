// 审计日志 the audit log: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  audit: {
    title: '审计日志',
    filters: {
      actor: '操作人',
      action: '操作',
      objectType: '对象类型',
      result: '结果',
      range: '时间范围',
      actorPlaceholder: '用户名或姓名',
      actionPlaceholder: '如 auth.login',
      objectTypePlaceholder: '如 user',
    },
    columns: {
      time: '时间',
      actor: '操作人',
      roles: '角色',
      ip: 'IP 地址',
      action: '操作',
      object: '对象',
      result: '结果',
      seq: '序号',
    },
    result: {
      success: '成功',
      failure: '失败',
      denied: '拒绝',
    },
    system: '系统',
    detail: '详细信息',
    noDetail: '无详细信息',
    export: '导出 Excel',
    verify: '校验审计链',
    verifyOk: '审计链完整',
    verifyOkDesc: '已校验 {{checked}} 条记录，未发现篡改或缺失。',
    verifyBroken: '审计链校验未通过',
    verifyBrokenDesc: '已校验 {{checked}} 条记录，自第 {{seq}} 条起校验失败。',
    verifyReason: '原因：{{reason}}',
  },
};

export const enUS: Translation<typeof zhCN> = {
  audit: {
    title: 'Audit log',
    filters: {
      actor: 'Actor',
      action: 'Action',
      objectType: 'Object type',
      result: 'Result',
      range: 'Time range',
      actorPlaceholder: 'Username or name',
      actionPlaceholder: 'e.g. auth.login',
      objectTypePlaceholder: 'e.g. user',
    },
    columns: {
      time: 'Time',
      actor: 'Actor',
      roles: 'Roles',
      ip: 'IP address',
      action: 'Action',
      object: 'Object',
      result: 'Result',
      seq: 'No.',
    },
    result: {
      success: 'Success',
      failure: 'Failure',
      denied: 'Denied',
    },
    system: 'System',
    detail: 'Detail',
    noDetail: 'No detail',
    export: 'Export Excel',
    verify: 'Verify audit chain',
    verifyOk: 'The audit chain is intact',
    verifyOkDesc: '{{checked}} records checked; nothing was altered or removed.',
    verifyBroken: 'The audit chain is broken',
    verifyBrokenDesc: '{{checked}} records checked; verification fails from record {{seq}}.',
    verifyReason: 'Reason: {{reason}}',
  },
};
