// One notification as the bell and the notifications page show it: unread ones marked, with its time; a
// to-do whose action was taken (by anyone) marked 已处理.
import { Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const unread = item.readAt === null;
  return (
    <div
      className={`notification-item${unread ? ' is-unread' : ''}`}
      data-testid="notification-item"
      data-unread={unread}
      data-done={item.doneAt !== null}
    >
      <button type="button" className="notification-item-main" onClick={onOpen}>
        <span className="notification-dot" aria-hidden />
        <span className="notification-text">
          <Typography.Text strong={unread} className="notification-title">
            {item.title}
            {item.doneAt ? (
              <Tag color="success" className="notification-done" data-testid="notification-done">
                {t('notifications.done')}
              </Tag>
            ) : null}
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
