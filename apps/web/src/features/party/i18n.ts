// 党建工作 party building: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  party: {
    title: '党建工作',
    intro: '会员企业和商会的基层党组织，以及“两个覆盖”（党的组织覆盖、党的工作覆盖）情况。',
    searchPlaceholder: '党组织或所属单位名称',
    tabs: {
      organizations: '党组织名录',
      coverage: '两个覆盖',
    },
    ownerKind: {
      enterprise: '企业',
      chamber: '商会',
    },
    columns: {
      name: '党组织名称',
      form: '组织形式',
      owner: '所属企业 / 商会',
      ownerKind: '所属类型',
      secretary: '书记',
      instructor: '党建指导员',
      memberCount: '党员人数',
      foundedOn: '成立日期',
    },
    coverage: {
      byOrgUnit: '按组织机构',
      byChamber: '按商会',
      orgUnit: '组织机构',
      chamber: '商会',
      enterprises: '会员企业数',
      organized: '已建党组织',
      covered: '党的工作覆盖',
      organizationCoverage: '党的组织覆盖率',
      workCoverage: '党的工作覆盖率',
      total: '合计',
    },
  },
};

export const enUS: Translation<typeof zhCN> = {
  party: {
    title: 'Party building',
    intro:
      'Party organizations of member enterprises and chambers, and the two coverages: by party organizations and by party work.',
    searchPlaceholder: 'Organization or owner name',
    tabs: {
      organizations: 'Organizations',
      coverage: 'Two coverages',
    },
    ownerKind: {
      enterprise: 'Enterprise',
      chamber: 'Chamber',
    },
    columns: {
      name: 'Name',
      form: 'Form',
      owner: 'Enterprise / chamber',
      ownerKind: 'Owner',
      secretary: 'Secretary',
      instructor: 'Instructor',
      memberCount: 'Party members',
      foundedOn: 'Founded on',
    },
    coverage: {
      byOrgUnit: 'By federation',
      byChamber: 'By chamber',
      orgUnit: 'Federation',
      chamber: 'Chamber',
      enterprises: 'Member enterprises',
      organized: 'With an organization',
      covered: 'Covered by party work',
      organizationCoverage: 'Organization coverage',
      workCoverage: 'Work coverage',
      total: 'Total',
    },
  },
};
