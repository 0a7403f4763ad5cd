// 专项融资与重点企业名单 programs (专项再贷款, 疫情防控重点保障企业名单, 稳岗贷…): their conditions, the
// enterprises the federation recommends into each, and each enterprise's outcome (listed, not listed, lent).
import { Button, Card, DatePicker, Descriptions, Drawer, Form, Input, Select, Table } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  PROGRAM_OUTCOME_LABELS,
  PROGRAM_OUTCOMES,
  type ProgramOutcome,
  type ProgramView,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { yuan } from '../donations/format.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import {
  createProgram,
  financingQueryKey,
  recordProgramEntry,
  useProgram,
  usePrograms,
  type ProgramSummary,
} from './api.ts';

const period = (program: Pick<ProgramView, 'startsOn' | 'endsOn'>) =>
  `${program.startsOn} – ${program.endsOn ?? ''}`;

export function ProgramsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const programs = usePrograms();
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Card
      title={t('financing.programs.title')}
      extra={
        can('financing.manage') ? (
          <Button type="primary" onClick={() => setAdding(true)} data-testid="program-add">
            {t('financing.programs.add')}
          </Button>
        ) : null
      }
    >
      <p>{t('financing.programs.intro')}</p>
      <Table<ProgramSummary>
        rowKey="id"
        size="small"
        loading={programs.isFetching}
        dataSource={programs.data ?? []}
        pagination={false}
        data-testid="programs"
        columns={[
          {
            title: t('financing.programs.name'),
            key: 'name',
            render: (_, program) => (
              <Button type="link" onClick={() => setOpenId(program.id)} data-testid={`program-${program.id}`}>
                {program.name}
              </Button>
            ),
          },
          { title: t('financing.programs.unit'), key: 'unit', render: (_, program) => program.orgUnit.name },
          { title: t('financing.programs.period'), key: 'period', render: (_, program) => period(program) },
          { title: t('financing.programs.conditions'), dataIndex: 'conditions', ellipsis: true },
          { title: t('financing.programs.entries'), dataIndex: 'entries', width: 100 },
        ]}
      />
      {adding ? <ProgramModal onClose={() => setAdding(false)} /> : null}
      {openId ? <ProgramDrawer id={openId} onClose={() => setOpenId(null)} /> : null}
    </Card>
  );
}

interface ProgramValues {
  name: string;
  conditions?: string;
  startsOn: Dayjs;
  endsOn?: Dayjs | null;
}

function ProgramModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ProgramValues>();
  const queryClient = useQueryClient();
  return (
    <FormModal<ProgramValues>
      title={t('financing.programs.add')}
      form={form}
      onClose={onClose}
      okTestId="program-save"
      onSubmit={async (values) => {
        await createProgram({
          name: values.name,
          conditions: values.conditions || null,
          startsOn: values.startsOn.format('YYYY-MM-DD'),
          endsOn: values.endsOn ? values.endsOn.format('YYYY-MM-DD') : null,
        });
        await queryClient.invalidateQueries({ queryKey: financingQueryKey });
      }}
    >
      <Form.Item name="name" label={t('financing.programs.name')} rules={[{ required: true }]}>
        <Input maxLength={100} data-testid="program-name" />
      </Form.Item>
      <Form.Item name="startsOn" label={t('financing.programs.startsOn')} rules={[{ required: true }]}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="endsOn" label={t('financing.programs.endsOn')}>
        <DatePicker />
      </Form.Item>
      <Form.Item name="conditions" label={t('financing.programs.conditions')}>
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
    </FormModal>
  );
}

interface EntryValues {
  enterpriseId: string;
  outcome: ProgramOutcome;
  amount?: string;
  note?: string;
}

function ProgramDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const program = useProgram(id);
  const [recording, setRecording] = useState(false);
  const data = program.data;
  return (
    <Drawer
      open
      width={720}
      title={data?.name}
      onClose={onClose}
      extra={
        can('financing.manage') ? (
          <Button type="primary" onClick={() => setRecording(true)} data-testid="program-recommend">
            {t('financing.programs.recommend')}
          </Button>
        ) : null
      }
    >
      {data ? (
        <>
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('financing.programs.unit')}>{data.orgUnit.name}</Descriptions.Item>
            <Descriptions.Item label={t('financing.programs.period')}>{period(data)}</Descriptions.Item>
            <Descriptions.Item label={t('financing.programs.conditions')}>
              {data.conditions ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          <Table
            rowKey={(entry) => entry.enterprise.id}
            size="small"
            style={{ marginTop: 16 }}
            title={() => t('financing.programs.entries')}
            dataSource={data.entries}
            pagination={false}
            locale={{ emptyText: t('financing.programs.none') }}
            data-testid="program-entries"
            columns={[
              {
                title: t('financing.programs.enterprise'),
                key: 'enterprise',
                render: (_, entry) => entry.enterprise.name,
              },
              {
                title: t('financing.programs.outcome'),
                dataIndex: 'outcome',
                render: (outcome: ProgramOutcome) => PROGRAM_OUTCOME_LABELS[outcome],
              },
              {
                title: t('financing.programs.amount'),
                dataIndex: 'amount',
                render: (amount: string | null) => (amount ? yuan(amount) : '—'),
              },
              { title: t('financing.programs.note'), dataIndex: 'note' },
            ]}
          />
        </>
      ) : null}
      {recording ? <EntryModal programId={id} onClose={() => setRecording(false)} /> : null}
    </Drawer>
  );
}

function EntryModal({ programId, onClose }: { programId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EntryValues>();
  const queryClient = useQueryClient();
  const outcome = Form.useWatch('outcome', form);
  return (
    <FormModal<EntryValues>
      title={t('financing.programs.recommend')}
      form={form}
      initialValues={{ outcome: 'recommended' }}
      onClose={onClose}
      okTestId="program-entry-save"
      onSubmit={async (values) => {
        await recordProgramEntry(programId, {
          enterpriseId: values.enterpriseId,
          outcome: values.outcome,
          amount: values.outcome === 'granted' ? values.amount?.trim() || null : null,
          note: values.note?.trim() || null,
        });
        await queryClient.invalidateQueries({ queryKey: financingQueryKey });
      }}
    >
      <Form.Item name="enterpriseId" label={t('financing.programs.enterprise')} rules={[{ required: true }]}>
        <EnterprisePicker />
      </Form.Item>
      <Form.Item name="outcome" label={t('financing.programs.outcome')} rules={[{ required: true }]}>
        <Select
          options={PROGRAM_OUTCOMES.map((value) => ({ value, label: PROGRAM_OUTCOME_LABELS[value] }))}
        />
      </Form.Item>
      {outcome === 'granted' ? (
        <Form.Item name="amount" label={t('financing.programs.amount')} rules={[{ required: true }]}>
          <Input inputMode="decimal" />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('financing.programs.note')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
