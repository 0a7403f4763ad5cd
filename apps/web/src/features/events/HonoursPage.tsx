// 荣誉称号 the honours won by the members and people of the caller's scope, counted by level; staff record
// new ones (the enterprise or the person picked by name).
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, InputNumber, Radio, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  HONOUR_LEVELS,
  HONOUR_LEVEL_LABELS,
  type CreateHonourRequest,
  type HonourLevel,
  type HonourView,
} from '@qinqing/shared';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonPicker } from '../chambers/RosterModals.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { eventsQueryKey, useHonours } from './api.ts';

export function HonoursPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [recording, setRecording] = useState(false);
  const level = params.get('level') ?? undefined;
  const holderId = params.get('holderId') ?? undefined;
  const { data, isFetching } = useHonours({ level, holderId });
  return (
    <>
      <PageHeader
        title={t('events.honours.title')}
        extra={
          can('honours.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>
              {t('events.honours.record')}
            </Button>
          ) : null
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('events.honours.level')}
          value={level}
          onChange={(v?: string) => {
            const next = new URLSearchParams(params);
            if (v) next.set('level', v);
            else next.delete('level');
            setParams(next, { replace: true });
          }}
          options={HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }))}
        />
        {data?.byLevel.map((row) => (
          <Tag key={row.level}>
            {HONOUR_LEVEL_LABELS[row.level]} {row.count}
          </Tag>
        ))}
      </Space>
      <Table<HonourView>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        data-testid="honours-table"
        columns={[
          {
            title: t('events.honours.holder'),
            render: (_: unknown, h) => (
              <Link
                to={h.holder.kind === 'enterprise' ? `/enterprises/${h.holder.id}` : `/people/${h.holder.id}`}
              >
                {h.holder.name}
              </Link>
            ),
          },
          { title: t('events.honours.titleField'), dataIndex: 'title' },
          {
            title: t('events.honours.level'),
            dataIndex: 'level',
            render: (l: HonourLevel) => HONOUR_LEVEL_LABELS[l],
          },
          { title: t('events.honours.issuer'), dataIndex: 'issuer' },
          { title: t('events.honours.year'), dataIndex: 'year', align: 'right' },
        ]}
      />
      {recording ? <HonourModal onClose={() => setRecording(false)} /> : null}
    </>
  );
}

function HonourModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateHonourRequest>();
  const client = useQueryClient();
  const [holder, setHolder] = useState<'enterprise' | 'person'>('enterprise');
  return (
    <FormModal<CreateHonourRequest>
      title={t('events.honours.record')}
      form={form}
      initialValues={{ level: 'district', year: new Date().getFullYear() }}
      onClose={onClose}
      onSubmit={async (values) => {
        await api.post('/honours', values);
        await client.invalidateQueries({ queryKey: eventsQueryKey });
      }}
    >
      <Form.Item label={t('events.honours.holderKind')}>
        <Radio.Group
          value={holder}
          onChange={(e) => {
            setHolder(e.target.value as 'enterprise' | 'person');
            form.setFieldsValue({ enterpriseId: undefined, personId: undefined });
          }}
          options={[
            { value: 'enterprise', label: t('events.honours.enterprise') },
            { value: 'person', label: t('events.honours.person') },
          ]}
          data-testid="honour-holder-kind"
        />
      </Form.Item>
      {holder === 'enterprise' ? (
        <Form.Item name="enterpriseId" label={t('events.honours.holder')} rules={[{ required: true }]}>
          <EnterprisePicker />
        </Form.Item>
      ) : (
        <Form.Item name="personId" label={t('events.honours.holder')} rules={[{ required: true }]}>
          <PersonPicker />
        </Form.Item>
      )}
      <Form.Item name="title" label={t('events.honours.titleField')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="level" label={t('events.honours.level')}>
        <Select options={HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }))} />
      </Form.Item>
      <Form.Item name="issuer" label={t('events.honours.issuer')} rules={[{ required: true }]}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="year" label={t('events.honours.year')}>
        <InputNumber min={1949} max={2200} />
      </Form.Item>
      <Form.Item name="evidence" label={t('events.honours.evidence')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
