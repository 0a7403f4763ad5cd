// 商会组织 chambers: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  chambers: {
    title: '商会组织',
    searchPlaceholder: '商会或协会名称',
    noProfile: '未填写',
    columns: {
      name: '商会名称',
      type: '类型',
      parent: '上级工商联',
      president: '会长',
      memberCount: '在册会员',
    },
    detail: {
      profile: '基本情况',
      leaders: '领导班子',
      members: '会员企业',
      code: '编码',
      foundedOn: '成立日期',
      registrationNo: '登记证号',
      registeredOn: '登记日期',
      address: '地址',
    },
    leaders: {
      role: '职务',
      person: '姓名',
      term: '任期',
      empty: '暂未登记领导班子',
    },
    members: {
      role: '会内身份',
      joinedOn: '入会日期',
      search: '企业名称或信用代码',
      openList: '在企业列表中查看',
    },
  },
};

export const enUS: Translation<typeof zhCN> = {
  chambers: {
    title: 'Chambers',
    searchPlaceholder: 'Chamber or association name',
    noProfile: 'Not filled in',
    columns: {
      name: 'Name',
      type: 'Type',
      parent: 'Federation',
      president: 'President',
      memberCount: 'Members',
    },
    detail: {
      profile: 'Profile',
      leaders: 'Leadership',
      members: 'Member enterprises',
      code: 'Code',
      foundedOn: 'Founded on',
      registrationNo: 'Registration number',
      registeredOn: 'Registered on',
      address: 'Address',
    },
    leaders: {
      role: 'Role',
      person: 'Name',
      term: 'Term',
      empty: 'No leadership registered',
    },
    members: {
      role: 'Role',
      joinedOn: 'Joined on',
      search: 'Name or credit code',
      openList: 'Open in the enterprise list',
    },
  },
};
