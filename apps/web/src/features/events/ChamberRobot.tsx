// 活动通知机器人 a chamber's own group robot for its events' invitations (events, issue 16), on its page for
// those who run its events: whether one is set (its host only: the address carries the robot's key), set a
// new address or remove it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChamberEventRobot, ChamberEventRobotRequest } from '@qinqing/shared';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { errorText } from '../../components/errors.ts';
import { eventsQueryKey } from './api.ts';

export function ChamberRobot({ chamberId }: { chamberId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<{ webhookUrl: string }>();
  const key = [...eventsQueryKey, 'chamber-robot', chamberId];
  const { data } = useQuery({
    queryKey: key,
    queryFn: () => api.get<ChamberEventRobot>(`/chambers/${chamberId}/event-robot`),
    enabled: can('events.manage'),
    retry: false,
  });
  if (!data) return null;
  const save = async (body: ChamberEventRobotRequest) => {
    await api.put<ChamberEventRobot>(`/chambers/${chamberId}/event-robot`, body);
    await client.invalidateQueries({ queryKey: key });
  };
  return (
    <>
      <Typography.Text type="secondary" data-testid="chamber-robot">
        {data.set ? t('events.robot.set', { host: data.host ?? '' }) : t('events.robot.none')}
      </Typography.Text>
      <Button size="small" type="link" onClick={() => setEditing(true)} data-testid="chamber-robot-edit">
        {t('events.robot.edit')}
      </Button>
      {data.set ? (
        <Button
          size="small"
          type="link"
          danger
          onClick={() =>
            void save({ webhookUrl: null }).catch((failure: unknown) => message.error(errorText(failure)))
          }
        >
          {t('events.robot.remove')}
        </Button>
      ) : null}
      {editing ? (
        <FormModal<{ webhookUrl: string }>
          title={t('events.robot.title')}
          form={form}
          onClose={() => setEditing(false)}
          onSubmit={async (values) => {
            await save({ webhookUrl: values.webhookUrl });
            void message.success(t('events.robot.saved'));
          }}
          okTestId="chamber-robot-save"
        >
          <Typography.Paragraph type="secondary">{t('events.robot.hint')}</Typography.Paragraph>
          <Form.Item name="webhookUrl" label={t('events.robot.url')} rules={[{ required: true }]}>
            <Input maxLength={1000} placeholder="https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…" />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
