// One notification as the bell and the notifications page show it: unread ones marked, with its time.
import { Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import type { NotificationView } from '@qinqing/shared';
import { formatDateTime } from '../../components/format.ts';

export function NotificationItem({
  item,
  onOpen,
  extra,
}: {
  item: NotificationView;
  onOpen: () => void;
  extra?: ReactNode;
}) {
  const unread = item.readAt === null;
  return (
    <div
      className={`notification-item${unread ? ' is-unread' : ''}`}
      data-testid="notification-item"
      data-unread={unread}
    >
      <button type="button" className="notification-item-main" onClick={onOpen}>
        <span className="notification-dot" aria-hidden />
        <span className="notification-text">
          <Typography.Text strong={unread} className="notification-title">
            {item.title}
          </Typography.Text>
          <span className="notification-body">{item.body}</span>
          <span className="notification-time" title={formatDateTime(item.createdAt)}>
            {dayjs(item.createdAt).format('YYYY-MM-DD HH:mm')}
          </span>
        </span>
      </button>
      {extra}
    </div>
  );
}
