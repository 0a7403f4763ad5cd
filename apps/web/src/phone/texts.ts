// The phone side's texts in Chinese and English (the language chosen on the desktop is kept: the same
// localStorage key). State, action and event words come from @qinqing/shared's appeal vocabulary, never
// from here.
import { createContext, useContext } from 'react';

const zh = {
  appName: '亲清 · 企业服务',
  loading: '加载中…',
  retry: '重试',
  networkError: '网络不通，请检查网络后重试',
  unknownError: '出错了，请稍后重试',
  notFound: '没有找到这个页面',
  backHome: '回到我的诉求',
  tabAppeals: '我的诉求',
  tabRaise: '提诉求',
  tabNotifications: '通知',
  tabEnterprise: '我的企业',
  loginTitle: '企业服务登录',
  loginLead: '工商联会员企业联系人登录后可提诉求、查进度、作评价。',
  username: '用户名或手机号',
  password: '密码',
  signIn: '登录',
  signingIn: '正在登录…',
  challenge: '验证码',
  challengeHelp: '请输入图中的数字，看不清可点图片换一张',
  noAccount: '还没有账号？请使用工商联发给您的邀请链接开通，或联系所在商会。',
  required: '请填写{{what}}',
  passwordTitle: '设置新密码',
  passwordLead: '首次登录请先设置您自己的密码。',
  currentPassword: '当前密码',
  newPassword: '新密码',
  repeatPassword: '再次输入新密码',
  passwordMismatch: '两次输入的新密码不一致',
  savePassword: '保存新密码',
  passwordSaved: '新密码已保存',
  raiseTitle: '提诉求',
  raiseLead: '说清楚遇到的困难，工商联会尽快受理并转交相关部门办理。',
  category: '诉求类别',
  chooseCategory: '请选择',
  title: '标题',
  titlePlaceholder: '一句话说明问题，如：稳岗补贴申领失败',
  description: '详细情况',
  descriptionPlaceholder: '发生了什么、已做过哪些尝试、希望得到什么帮助',
  photos: '照片',
  photosHelp: '可拍照或从相册选择，最多 {{max}} 张；照片会压缩后上传',
  takePhoto: '拍照',
  choosePhotos: '从相册选择',
  removePhoto: '删除照片',
  submit: '提交诉求',
  submitting: '正在提交…',
  uploadingPhotos: '正在上传照片 {{done}}/{{total}}…',
  photosFailed: '{{count}} 张照片未上传成功，可在诉求页补充上传',
  tooLong: '{{what}}不能超过 {{max}} 个字',
  myAppeals: '我的诉求',
  noAppeals: '还没有诉求。遇到困难，点“提诉求”告诉我们。',
  loadMore: '加载更多',
  received: '提出于 {{date}}',
  progress: '办理进度',
  answers: '部门答复',
  details: '诉求内容',
  attachments: '照片与附件',
  addPhoto: '补充照片',
  photoAdded: '照片已上传',
  timeline: '办理记录',
  rateTitle: '请对办理结果作评价',
  rateNote: '意见或建议（可不填）',
  rateSubmit: '提交评价',
  satisfaction: '满意度',
  reopenTitle: '对结果不满意？',
  reopenLead: '{{until}}前可以要求重新办理，请说明原因。',
  reopenReason: '重新办理的原因',
  reopenSubmit: '要求重新办理',
  invalidReason: '原因：{{reason}}',
  mergedInto: '已并入诉求 {{number}}',
  enterpriseTitle: '我的企业',
  uscc: '统一社会信用代码',
  federation: '所属工商联',
  legalRepresentative: '法定代表人',
  industry: '行业',
  address: '地址',
  membership: '会员状态',
  chambers: '所在商会',
  contacts: '企业联系人',
  primaryContact: '主要联系人',
  accounts: '可登录的账号',
  you: '我',
  signedInAs: '当前账号：{{name}}',
  language: 'English',
  changePassword: '修改密码',
  signOut: '退出登录',
  notificationsTitle: '通知',
  noNotifications: '暂无通知',
  markAllRead: '全部标为已读',
  unread: '未读',
  done: '已处理',
  notForStaff: '手机端供企业联系人使用，正在前往工作台…',
  fieldError: '{{field}}：{{message}}',
};

export type PhoneTexts = typeof zh;
export type TextKey = keyof PhoneTexts;

const en: PhoneTexts = {
  appName: 'Qinqing · Enterprise service',
  loading: 'Loading…',
  retry: 'Retry',
  networkError: 'No connection. Check the network and try again',
  unknownError: 'Something went wrong. Please try again later',
  notFound: 'This page does not exist',
  backHome: 'Back to my appeals',
  tabAppeals: 'My appeals',
  tabRaise: 'Raise',
  tabNotifications: 'Notices',
  tabEnterprise: 'Enterprise',
  loginTitle: 'Enterprise sign-in',
  loginLead: "Member enterprises' contacts raise appeals, follow them and rate the outcome.",
  username: 'Username or mobile',
  password: 'Password',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  challenge: 'Code',
  challengeHelp: 'Type the digits in the picture; tap it for another',
  noAccount: 'No account yet? Use the invitation link from your federation, or ask your chamber.',
  required: 'Please fill in {{what}}',
  passwordTitle: 'Set a new password',
  passwordLead: 'Please choose your own password before you start.',
  currentPassword: 'Current password',
  newPassword: 'New password',
  repeatPassword: 'New password again',
  passwordMismatch: 'The two new passwords differ',
  savePassword: 'Save the new password',
  passwordSaved: 'New password saved',
  raiseTitle: 'Raise an appeal',
  raiseLead:
    'Tell us the difficulty: the federation takes it in and forwards it to the department concerned.',
  category: 'Category',
  chooseCategory: 'Choose',
  title: 'Title',
  titlePlaceholder: 'The problem in one line',
  description: 'Details',
  descriptionPlaceholder: 'What happened, what you tried, what help you need',
  photos: 'Photos',
  photosHelp: 'Take photos or choose them, up to {{max}}; they are made smaller before upload',
  takePhoto: 'Take a photo',
  choosePhotos: 'Choose photos',
  removePhoto: 'Remove photo',
  submit: 'Submit',
  submitting: 'Submitting…',
  uploadingPhotos: 'Uploading photos {{done}}/{{total}}…',
  photosFailed: '{{count}} photo(s) could not be uploaded; add them on the appeal page',
  tooLong: '{{what}} is longer than {{max}} characters',
  myAppeals: 'My appeals',
  noAppeals: 'No appeals yet. Facing a difficulty? Tap "Raise".',
  loadMore: 'Load more',
  received: 'Raised {{date}}',
  progress: 'Progress',
  answers: "Departments' answers",
  details: 'The appeal',
  attachments: 'Photos and files',
  addPhoto: 'Add a photo',
  photoAdded: 'Photo uploaded',
  timeline: 'History',
  rateTitle: 'Please rate the outcome',
  rateNote: 'Comments (optional)',
  rateSubmit: 'Send rating',
  satisfaction: 'Satisfaction',
  reopenTitle: 'Not satisfied with the outcome?',
  reopenLead: 'Until {{until}} you may ask for it to be handled again; say why.',
  reopenReason: 'Why it should be handled again',
  reopenSubmit: 'Ask to handle again',
  invalidReason: 'Reason: {{reason}}',
  mergedInto: 'Merged into appeal {{number}}',
  enterpriseTitle: 'My enterprise',
  uscc: 'Unified social credit code',
  federation: 'Federation',
  legalRepresentative: 'Legal representative',
  industry: 'Industry',
  address: 'Address',
  membership: 'Membership',
  chambers: 'Chambers',
  contacts: 'Contacts',
  primaryContact: 'Primary',
  accounts: 'Accounts that sign in',
  you: 'me',
  signedInAs: 'Signed in as {{name}}',
  language: '中文',
  changePassword: 'Change password',
  signOut: 'Sign out',
  notificationsTitle: 'Notices',
  noNotifications: 'No notices',
  markAllRead: 'Mark all read',
  unread: 'Unread',
  done: 'Done',
  notForStaff: 'The phone side is for enterprise contacts; opening the workbench…',
  fieldError: '{{field}}: {{message}}',
};

export type Lang = 'zh' | 'en';
const STORAGE_KEY = 'qinqing.lang';

export function currentLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY)?.toLowerCase().startsWith('en') ? 'en' : 'zh';
  } catch {
    return 'zh';
  }
}

export function storeLang(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang === 'en' ? 'en-US' : 'zh-CN');
  } catch {
    // Private browsing may refuse storage; the switch still applies to this page.
  }
}

export type Translate = (key: TextKey, values?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  const table = lang === 'en' ? en : zh;
  return (key, values) =>
    table[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values?.[name] ?? ''));
}

export interface LangContextValue {
  lang: Lang;
  t: Translate;
  setLang: (lang: Lang) => void;
}

export const LangContext = createContext<LangContextValue>({
  lang: 'zh',
  t: translator('zh'),
  setLang: () => undefined,
});

export function useLang(): LangContextValue {
  return useContext(LangContext);
}
