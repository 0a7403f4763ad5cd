// 本部门办理情况 the department head's page: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  departmentFigures: {
    title: '本部门办理情况',
    intro:
      '转交本部门的诉求如何办理：按转办记录计。超期按统一口径即时计算（与联络员待办中的“已超期”一致）：未办结的转办已过响应时限仍未响应为超期未响应，已过办结时限仍未办结为超期未办结。',
    empty: '您所在的机构下没有职能部门。',
    forwarded: '转办',
    open: '办理中',
    resolved: '已解决',
    unsolvable: '已解释无法解决',
    returned: '退回',
    responseOverdue: '超期未响应',
    resolveOverdue: '超期未办结',
    overdue: '已超期',
    openList: '查看本部门诉求',
  },
};

export const enUS: Translation<typeof zhCN> = {
  departmentFigures: {
    title: 'Department figures',
    intro:
      'How the appeals forwarded to your department stand, counted by forward. Overdue is decided at this moment by the one definition (as the liaison inbox’s Overdue): an open forward past its response deadline with no response, or past its resolution deadline.',
    empty: 'There is no department under your unit.',
    forwarded: 'Forwarded',
    open: 'Open',
    resolved: 'Resolved',
    unsolvable: 'Explained as unsolvable',
    returned: 'Returned',
    responseOverdue: 'Response overdue',
    resolveOverdue: 'Resolution overdue',
    overdue: 'Overdue',
    openList: 'The department’s appeals',
  },
};
