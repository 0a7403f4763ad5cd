// 活动类型 the event kinds in effect at the caller's unit: built in, inherited or its own, retired ones marked;
// a federation's staff holding the settings permission add kinds and rename, reorder, retire or bring back
// any kind for their subtree (the first change of a built-in or inherited kind defines it at their level).
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Space, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventKindView, UpdateEventKindRequest } from '@qinqing/shared';
import { api } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { eventsQueryKey, useEventKinds } from './api.ts';

interface KindFormValues {
  label: string;
  sort?: number;
  active: boolean;
}

export function EventKindsPanel() {
  const { t } = useTranslation();
  const { data, isFetching } = useEventKinds();
  const [editing, setEditing] = useState<EventKindView | 'new' | null>(null);
  return (
    <>
      <Space style={{ marginBottom: 12, width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Text type="secondary">
          {t('events.kinds.lead', { unit: data?.orgUnitName ?? '' })}
        </Typography.Text>
        {data?.editable ? (
          <Button icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="event-kind-add">
            {t('events.kinds.add')}
          </Button>
        ) : null}
      </Space>
      <Table<EventKindView>
        rowKey="code"
        size="small"
        loading={isFetching}
        pagination={false}
        dataSource={data?.items ?? []}
        data-testid="event-kinds-table"
        columns={[
          { title: t('events.kinds.sort'), dataIndex: 'sort', width: 80 },
          {
            title: t('events.kinds.label'),
            dataIndex: 'label',
            render: (label: string, row) => (
              <Space>
                {label}
                {row.active ? null : <Tag>{t('events.kinds.retired')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('events.kinds.code'),
            dataIndex: 'code',
            render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
          },
          {
            title: t('events.kinds.source'),
            render: (_: unknown, row) =>
              row.own
                ? t('events.kinds.own')
                : row.definedBy
                  ? t('events.kinds.inherited', { name: row.definedBy.name })
                  : t('events.kinds.builtIn'),
          },
          ...(data?.editable
            ? [
                {
                  title: '',
                  width: 90,
                  render: (_: unknown, row: EventKindView) => (
                    <Button
                      size="small"
                      onClick={() => setEditing(row)}
                      data-testid={`event-kind-edit-${row.code}`}
                    >
                      {t('common.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing && data ? (
        <KindModal orgUnitId={data.orgUnitId} kind={editing} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function KindModal({
  orgUnitId,
  kind,
  onClose,
}: {
  orgUnitId: string;
  kind: EventKindView | 'new';
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [form] = Form.useForm<KindFormValues>();
  const submit = async (values: KindFormValues) => {
    if (kind === 'new') {
      await api.post('/event-kinds', { orgUnitId, label: values.label, sort: values.sort ?? undefined });
    } else {
      const body: UpdateEventKindRequest = {
        orgUnitId,
        label: values.label,
        sort: values.sort ?? kind.sort,
        active: values.active,
        version: kind.version,
      };
      await api.put(`/event-kinds/${kind.code}`, body);
    }
    await client.invalidateQueries({ queryKey: eventsQueryKey });
  };
  return (
    <FormModal<KindFormValues>
      title={kind === 'new' ? t('events.kinds.add') : t('events.kinds.edit')}
      form={form}
      initialValues={
        kind === 'new' ? { active: true } : { label: kind.label, sort: kind.sort, active: kind.active }
      }
      onSubmit={submit}
      onClose={onClose}
      okTestId="event-kind-save"
    >
      <Form.Item name="label" label={t('events.kinds.label')} rules={[{ required: true }]}>
        <Input maxLength={30} data-testid="event-kind-label" />
      </Form.Item>
      <Form.Item name="sort" label={t('events.kinds.sort')}>
        <InputNumber min={0} max={9999} style={{ width: 160 }} />
      </Form.Item>
      {kind === 'new' ? null : (
        <Form.Item name="active" label={t('events.kinds.active')} valuePropName="checked">
          <Switch data-testid="event-kind-active" />
        </Form.Item>
      )}
    </FormModal>
  );
}
