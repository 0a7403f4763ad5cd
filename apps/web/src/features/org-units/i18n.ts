// 组织机构 org units: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  orgUnits: {
    title: '组织机构',
    intro: '显示您所在机构及其下级。数据按组织机构归属，上级可查看下级。',
    count: '共 {{count}} 个机构',
    expandAll: '全部展开',
    collapseAll: '全部收起',
    columns: {
      name: '名称',
      kind: '类型',
      code: '编码',
    },
    addChild: '添加下级',
    rename: '修改',
    noChildKinds: '该类机构下不能设立下级',
    form: {
      createTitle: '添加下级机构',
      editTitle: '修改机构：{{name}}',
      parent: '上级机构',
      kind: '机构类型',
      name: '名称',
      code: '编码',
      codeHelp: '可选，如行政区划代码或统一社会信用代码',
    },
    created: '机构已创建',
    updated: '机构已保存',
  },
};

export const enUS: Translation<typeof zhCN> = {
  orgUnits: {
    title: 'Organization',
    intro:
      'Your organization and the units under it. Data belongs to a unit and is visible to the units above.',
    count: '{{count}} units',
    expandAll: 'Expand all',
    collapseAll: 'Collapse all',
    columns: {
      name: 'Name',
      kind: 'Kind',
      code: 'Code',
    },
    addChild: 'Add unit',
    rename: 'Edit',
    noChildKinds: 'No unit may be placed under this kind',
    form: {
      createTitle: 'Add a unit',
      editTitle: 'Edit unit: {{name}}',
      parent: 'Parent',
      kind: 'Kind',
      name: 'Name',
      code: 'Code',
      codeHelp: 'Optional, e.g. an administrative division code or credit code',
    },
    created: 'Unit created',
    updated: 'Unit saved',
  },
};
