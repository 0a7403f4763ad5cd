// 登录 signing in and changing one's password: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  login: {
    title: '账号登录',
    subtitle: '请使用本单位分配的账号登录',
    username: '用户名',
    password: '密码',
    submit: '登 录',
    expired: '登录已过期，请重新登录',
    signedOut: '您已安全退出，请重新登录',
    securityNote: '请妥善保管账号密码，不要在公共电脑上保存登录状态',
    challenge: '验证码',
    challengeHelp: '登录失败次数较多，请输入右侧图片中的数字；看不清可换一张',
    challengeRequired: '请输入图片中的数字',
    challengeImage: '验证码图片',
    challengeRefresh: '换一张',
  },
  changePassword: {
    title: '修改密码',
    forcedTitle: '请先修改初始密码',
    forcedExplain:
      '为保障账号安全，首次登录、管理员重置密码后或密码到期时，须先设置新密码才能继续使用平台。新密码仅您本人知晓，请妥善保管。',
    current: '当前密码',
    new: '新密码',
    confirm: '确认新密码',
    mismatch: '两次输入的新密码不一致',
    sameAsCurrent: '新密码不能与当前密码相同',
    policyHint: '新密码须符合安全管理员设定的长度与复杂度要求，且不能使用常见弱密码。',
    submit: '确认修改',
    success: '密码已修改',
  },
};

export const enUS: Translation<typeof zhCN> = {
  login: {
    title: 'Sign in',
    subtitle: 'Use the account your organization gave you',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    expired: 'Your session has expired, please sign in again',
    signedOut: 'You have signed out; sign in again to continue',
    securityNote: 'Keep your password safe and do not stay signed in on shared computers',
    challenge: 'Verification',
    challengeHelp:
      'Several sign-ins failed: type the digits in the image; get a new one if it is hard to read',
    challengeRequired: 'Type the digits in the image',
    challengeImage: 'Verification image',
    challengeRefresh: 'New image',
  },
  changePassword: {
    title: 'Change password',
    forcedTitle: 'Change your initial password first',
    forcedExplain:
      'To keep your account safe you must set a new password after your first sign-in, after an administrator reset it, or when it has expired. Only you should know the new password.',
    current: 'Current password',
    new: 'New password',
    confirm: 'Confirm new password',
    mismatch: 'The two new passwords do not match',
    sameAsCurrent: 'The new password must differ from the current one',
    policyHint:
      'The new password must meet the length and complexity rules set by the security administrator and must not be a common password.',
    submit: 'Change password',
    success: 'Your password has been changed',
  },
};
