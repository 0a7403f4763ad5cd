// 通知方式 the user's own delivery choices: for each group of kinds (待办, 诉求进展, 超期与督办, 系统) whether
// it also goes by email and to their own 企业微信/钉钉 robot; the bell always gets everything.
import { App, Button, Card, Checkbox, Flex, Input, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  NOTIFICATION_GROUP_LABELS,
  NOTIFICATION_GROUPS,
  type NotificationGroup,
  type NotificationPreferences,
} from '@qinqing/shared';
import { errorText } from '../../components/errors.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { useNotificationPreferences, useSaveNotificationPreferences } from './api.ts';

type Channel = 'email' | 'webhook';

export function NotificationPreferencesPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { data, error, refetch } = useNotificationPreferences();
  const save = useSaveNotificationPreferences();
  const [draft, setDraft] = useState<NotificationPreferences['channels']>();
  // The robot's URL is write-only: a new one replaces it, removal clears it, an empty field keeps it.
  const [webhookUrl, setWebhookUrl] = useState('');
  const [removeWebhook, setRemoveWebhook] = useState(false);
  useEffect(() => {
    if (data) {
      setDraft(data.channels);
      setWebhookUrl('');
      setRemoveWebhook(false);
    }
  }, [data]);

  let content;
  if (error && !data) content = <LoadError error={error} onRetry={() => void refetch()} />;
  else if (!draft) content = <BlockSpin />;
  else {
    const language = i18n.language.startsWith('en') ? 'en' : 'zh';
    const toggle = (group: NotificationGroup, channel: Channel, on: boolean) =>
      setDraft({ ...draft, [group]: { ...draft[group], [channel]: on } });
    const column = (channel: Channel) => ({
      key: channel,
      title: t(`notifications.preferences.${channel}`),
      width: 140,
      render: (_: unknown, group: NotificationGroup) => (
        <Checkbox
          aria-label={`${NOTIFICATION_GROUP_LABELS[group][language]} ${t(`notifications.preferences.${channel}`)}`}
          checked={draft[group][channel]}
          onChange={(event) => toggle(group, channel, event.target.checked)}
        />
      ),
    });
    content = (
      <Flex vertical gap={12}>
        <Typography.Text type="secondary">{t('notifications.preferences.hint')}</Typography.Text>
        <Table<NotificationGroup>
          size="small"
          pagination={false}
          rowKey={(group) => group}
          dataSource={[...NOTIFICATION_GROUPS]}
          columns={[
            {
              key: 'group',
              title: t('notifications.preferences.group'),
              render: (_, group) => NOTIFICATION_GROUP_LABELS[group][language],
            },
            column('email'),
            column('webhook'),
          ]}
        />
        <label htmlFor="notification-webhook-url">{t('notifications.preferences.webhookUrl')}</label>
        <Input
          id="notification-webhook-url"
          value={webhookUrl}
          placeholder={
            data?.webhookSet
              ? t('notifications.preferences.webhookSet', { host: data.webhookHost ?? '' })
              : 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…'
          }
          onChange={(event) => setWebhookUrl(event.target.value)}
        />
        {data?.webhookSet ? (
          <Checkbox checked={removeWebhook} onChange={(event) => setRemoveWebhook(event.target.checked)}>
            {t('notifications.preferences.removeWebhook')}
          </Checkbox>
        ) : null}
        <Flex justify="end">
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                {
                  channels: draft,
                  ...(webhookUrl.trim()
                    ? { webhookUrl: webhookUrl.trim() }
                    : removeWebhook
                      ? { webhookUrl: null }
                      : {}),
                },
                {
                  onSuccess: () => void message.success(t('notifications.preferences.saved')),
                  onError: (failure) => void message.error(errorText(failure)),
                },
              )
            }
          >
            {t('common.save')}
          </Button>
        </Flex>
      </Flex>
    );
  }
  return (
    <Card title={t('notifications.preferences.title')} className="notification-preferences">
      {content}
    </Card>
  );
}
