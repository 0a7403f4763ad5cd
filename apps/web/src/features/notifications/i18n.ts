// 我的通知 notifications: texts in Chinese (the source) and English.
import type { Translation } from '../../i18n/translation.ts';

export const zhCN = {
  notifications: {
    title: '通知',
    pageTitle: '我的通知',
    bellLabel: '通知，{{count}} 条未读',
    markRead: '标为已读',
    markAllRead: '全部已读',
    viewAll: '查看全部通知',
    empty: '暂无通知',
    all: '全部',
    unreadOnly: '未读（{{count}}）',
    done: '已处理',
    preferences: {
      title: '通知方式',
      hint: '站内通知始终送达；可按类别选择是否同时发送邮件、推送到您自己的企业微信/钉钉机器人。',
      group: '通知类别',
      email: '邮件',
      webhook: '机器人',
      webhookUrl: '我的机器人地址（企业微信/钉钉群机器人 Webhook）',
      webhookSet: '已设置（{{host}}）；地址含密钥不再显示，留空保持不变',
      removeWebhook: '移除我的机器人',
      saved: '通知方式已保存',
    },
  },
};

export const enUS: Translation<typeof zhCN> = {
  notifications: {
    title: 'Notifications',
    pageTitle: 'My notifications',
    bellLabel: 'Notifications, {{count}} unread',
    markRead: 'Mark read',
    markAllRead: 'Mark all read',
    viewAll: 'All notifications',
    empty: 'No notifications',
    all: 'All',
    unreadOnly: 'Unread ({{count}})',
    done: 'Done',
    preferences: {
      title: 'Delivery',
      hint: 'In-app notifications always arrive; choose per kind whether they also go by email and to your own WeCom/DingTalk robot.',
      group: 'Kind',
      email: 'Email',
      webhook: 'Robot',
      webhookUrl: 'My robot address (WeCom/DingTalk group robot webhook)',
      webhookSet: 'Set ({{host}}); its address holds its key and is not shown; leave empty to keep it',
      removeWebhook: 'Remove my robot',
      saved: 'Delivery preferences saved',
    },
  },
};
