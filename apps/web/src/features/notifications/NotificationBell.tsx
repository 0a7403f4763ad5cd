// 通知铃铛 the bell in the header: the unread count (asked every 30 s) and, when opened, the latest
// notifications; opening one marks it read and goes to what it is about.
import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Empty, Flex, Popover, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { NotificationView } from '@qinqing/shared';
import { useMarkAllRead, useMarkRead, useNotifications, useUnreadCount } from './api.ts';
import { NotificationItem } from './NotificationItem.tsx';
import './notifications.css';

const LATEST = 8;

export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const unread = useUnreadCount().data?.unread ?? 0;
  const latest = useNotifications({ page: 1, pageSize: LATEST }, { enabled: open });
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();

  const openItem = (item: NotificationView) => {
    setOpen(false);
    if (!item.readAt) markRead.mutate(item.id);
    if (item.link) void navigate(item.link);
  };

  const items = latest.data?.items ?? [];
  const panel = (
    <div className="notification-panel" data-testid="notification-panel">
      <Flex justify="space-between" align="center" className="notification-panel-head">
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={unread === 0}
          loading={markAllRead.isPending}
          onClick={() => markAllRead.mutate()}
          data-testid="notifications-read-all"
        >
          {t('notifications.markAllRead')}
        </Button>
      </Flex>
      {latest.isLoading ? (
        <div className="notification-panel-empty">
          <Spin />
        </div>
      ) : items.length === 0 ? (
        <Empty className="notification-panel-empty" description={t('notifications.empty')} />
      ) : (
        <div className="notification-list">
          {items.map((item) => (
            <NotificationItem key={item.id} item={item} onOpen={() => openItem(item)} />
          ))}
        </div>
      )}
      <div className="notification-panel-foot">
        <Link to="/notifications" onClick={() => setOpen(false)}>
          {t('notifications.viewAll')}
        </Link>
      </div>
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      content={panel}
      arrow={false}
    >
      <Button
        type="text"
        className="notification-bell"
        title={t('notifications.title')}
        aria-label={t('notifications.bellLabel', { count: unread })}
        data-testid="notification-bell"
      >
        <Badge count={unread} size="small" overflowCount={99} data-testid="notification-badge">
          <BellOutlined className="notification-bell-icon" />
        </Badge>
      </Button>
    </Popover>
  );
}
