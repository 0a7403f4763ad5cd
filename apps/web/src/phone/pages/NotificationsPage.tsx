// 通知 notifications on the phone: newest first, unread marked; opening one marks it read and goes to its
// appeal on the phone side.
import { useState } from 'react';
import type { NotificationView } from '@qinqing/shared';
import { phoneApi } from '../api.ts';
import { PHONE_BASE, phonePathFor } from '../contact.ts';
import { errorText, useResource } from '../hooks.ts';
import { dateTime } from '../labels.ts';
import { navigate } from '../router.ts';
import { useLang } from '../texts.ts';
import { LoadFailed, Loading } from './parts.tsx';

export function NotificationsPage() {
  const { t } = useLang();
  const [pageCount, setPageCount] = useState(1);
  const resource = useResource(`notifications:${pageCount}`, async () => {
    const pages = await Promise.all(
      Array.from({ length: pageCount }, (_, index) => phoneApi.notifications(index + 1)),
    );
    return { items: pages.flatMap((page) => page.items), total: pages[0]!.total, unread: pages[0]!.unread };
  });
  const [error, setError] = useState<unknown>(null);

  async function open(notification: NotificationView) {
    try {
      if (!notification.readAt) await phoneApi.markRead(notification.id);
    } catch (failure) {
      setError(failure);
    }
    if (notification.link) navigate(phonePathFor(notification.link).slice(PHONE_BASE.length));
    else resource.reload();
  }

  async function markAll() {
    try {
      await phoneApi.markAllRead();
      resource.reload();
    } catch (failure) {
      setError(failure);
    }
  }

  if (resource.error) return <LoadFailed error={resource.error} onRetry={resource.reload} />;
  if (!resource.data) return <Loading />;
  const { items, total, unread } = resource.data;
  return (
    <div className="m-page">
      <div className="m-page-head">
        <h1 className="m-title">{t('notificationsTitle')}</h1>
        {unread > 0 && (
          <button type="button" className="m-button m-button-small" onClick={() => void markAll()}>
            {t('markAllRead')}
          </button>
        )}
      </div>
      {error !== null && <p className="m-error">{errorText(error, t)}</p>}
      {items.length === 0 && <p className="m-empty">{t('noNotifications')}</p>}
      <ul className="m-list" data-testid="phone-notifications">
        {items.map((notification) => (
          <li key={notification.id}>
            <button
              type="button"
              className={notification.readAt ? 'm-list-item' : 'm-list-item m-unread'}
              onClick={() => void open(notification)}
            >
              <div className="m-row">
                <strong className="m-grow">{notification.title}</strong>
                {notification.doneAt ? (
                  <span className="m-tag m-tag-done">{t('done')}</span>
                ) : (
                  !notification.readAt && <span className="m-tag m-tag-act">{t('unread')}</span>
                )}
              </div>
              <div className="m-small">{notification.body}</div>
              <div className="m-muted m-small">{dateTime(notification.createdAt)}</div>
            </button>
          </li>
        ))}
      </ul>
      {items.length < total && (
        <button type="button" className="m-button" onClick={() => setPageCount(pageCount + 1)}>
          {t('loadMore')}
        </button>
      )}
    </div>
  );
}
