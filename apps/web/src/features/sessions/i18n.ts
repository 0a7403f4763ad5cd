// 我的会话 one's sessions: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  sessions: {
    title: '我的会话',
    intro: '以下是您账号当前有效的登录会话。如发现不认识的设备或地点，请立即注销该会话并修改密码。',
    columns: {
      createdAt: '登录时间',
      lastSeenAt: '最近活动',
      expiresAt: '过期时间',
      ip: 'IP 地址',
      userAgent: '浏览器 / 设备',
    },
    current: '当前会话',
    revoke: '注销',
    revokeConfirm: '确定注销该会话？使用该会话的设备须重新登录。',
    revoked: '会话已注销',
  },
};

export const enUS: Translation<typeof zhCN> = {
  sessions: {
    title: 'My sessions',
    intro:
      'These are the signed-in sessions of your account. If you see a device or place you do not know, sign it out and change your password.',
    columns: {
      createdAt: 'Signed in',
      lastSeenAt: 'Last active',
      expiresAt: 'Expires',
      ip: 'IP address',
      userAgent: 'Browser / device',
    },
    current: 'This session',
    revoke: 'Sign out',
    revokeConfirm: 'Sign out this session? The device using it will have to sign in again.',
    revoked: 'Session signed out',
  },
};
