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
  },
};
