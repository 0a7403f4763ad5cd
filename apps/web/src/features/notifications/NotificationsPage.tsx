// 我的通知 the signed-in user's notifications: all or only unread, a page at a time, marked read one by
// one or all at once; opening one goes to what it is about. Below, the user's delivery choices.
import { Button, Card, Empty, Flex, Pagination, Segmented } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { NotificationView } from '@qinqing/shared';
import { LoadError } from '../../components/LoadError.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useMarkAllRead, useMarkRead, useNotifications } from './api.ts';
import { NotificationItem } from './NotificationItem.tsx';
import { NotificationPreferencesPanel } from './NotificationPreferencesPanel.tsx';
import './notifications.css';

const PAGE_SIZE = 20;

export function NotificationsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [page, setPage] = useState(1);
  const { data, error, refetch, isLoading } = useNotifications({
    unread: unreadOnly,
    page,
    pageSize: PAGE_SIZE,
  });
  const markRead = useMarkRead();
  const markAllRead = useMarkAllRead();

  const open = (item: NotificationView) => {
    if (!item.readAt) markRead.mutate(item.id);
    if (item.link) void navigate(item.link);
  };

  let list;
  if (error && !data) list = <LoadError error={error} onRetry={() => void refetch()} />;
  else if (isLoading || !data) list = <BlockSpin />;
  else if (data.items.length === 0) list = <Empty description={t('notifications.empty')} />;
  else
    list = (
      <div className="notification-list notification-list-page">
        {data.items.map((item) => (
          <NotificationItem
            key={item.id}
            item={item}
            onOpen={() => open(item)}
            extra={
              item.readAt ? null : (
                <Button size="small" type="link" onClick={() => markRead.mutate(item.id)}>
                  {t('notifications.markRead')}
                </Button>
              )
            }
          />
        ))}
      </div>
    );

  return (
    <>
      <PageHeader
        title={t('notifications.pageTitle')}
        extra={
          <Button
            disabled={!data || data.unread === 0}
            loading={markAllRead.isPending}
            onClick={() => markAllRead.mutate()}
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      />
      <Card className="table-card">
        <Flex justify="space-between" align="center" className="notification-page-filter">
          <Segmented
            value={unreadOnly ? 'unread' : 'all'}
            options={[
              { value: 'all', label: t('notifications.all') },
              { value: 'unread', label: t('notifications.unreadOnly', { count: data?.unread ?? 0 }) },
            ]}
            onChange={(value) => {
              setUnreadOnly(value === 'unread');
              setPage(1);
            }}
          />
          <span className="muted">{t('common.total', { total: data?.total ?? 0 })}</span>
        </Flex>
        {list}
        {data && data.total > PAGE_SIZE ? (
          <Flex justify="end" className="notification-page-pager">
            <Pagination
              current={page}
              pageSize={PAGE_SIZE}
              total={data.total}
              showSizeChanger={false}
              onChange={setPage}
            />
          </Flex>
        ) : null}
      </Card>
      <NotificationPreferencesPanel />
    </>
  );
}
