// the global search box: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  search: {
    placeholder: '搜索企业、代表人士、商会',
    none: '没有找到匹配的记录',
    kinds: {
      enterprise: '会员企业',
      person: '代表人士',
      chamber: '商会组织',
    },
    matchedBy: {
      name: '名称',
      former_name: '曾用名',
      pinyin: '拼音',
      initials: '拼音首字母',
      uscc: '信用代码',
      mobile: '手机号',
    },
  },
};

export const enUS: Translation<typeof zhCN> = {
  search: {
    placeholder: 'Search enterprises, people, chambers',
    none: 'Nothing matches',
    kinds: {
      enterprise: 'Member enterprises',
      person: 'People',
      chamber: 'Chambers',
    },
    matchedBy: {
      name: 'name',
      former_name: 'former name',
      pinyin: 'pinyin',
      initials: 'initials',
      uscc: 'credit code',
      mobile: 'mobile',
    },
  },
};
