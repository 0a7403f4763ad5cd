// 融资需求 one need's page: what was asked, consent and vouching, each bank's answer (a bank sees its own
// only — the server leaves the others out), the timeline, and the actions the caller may take now, each
// asking only for what it needs (banks to send to; amount, rate and term to approve; amount and day to grant).
import {
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Space,
  Table,
  Timeline,
} from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  BANK_ANSWER_STATE_LABELS,
  NEED_ACTION_LABELS,
  URGENCY_LABELS,
  type BankAnswerView,
  type NeedAction,
  type NeedView,
} from '@qinqing/shared';
import { DetailGate, DetailHeader } from '../../components/DetailPage.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { formatDateTime } from '../../components/format.ts';
import { yuan } from '../donations/format.ts';
import { financingQueryKey, transitionNeed, useBanks, useNeed } from './api.ts';
import { NeedStateTag } from './FinancingPage.tsx';

/** What each action asks for before it is sent; absent: sent at once. */
const ACTION_FIELDS: Partial<Record<NeedAction, readonly string[]>> = {
  send: ['bankIds'],
  approve: ['amount', 'rate', 'termMonths'],
  grant: ['amount', 'grantedOn'],
  decline: ['reason'],
  withdraw: ['reason'],
  request_documents: ['note'],
  vouch: ['note'],
};

export function NeedDetailPage() {
  const { id } = useParams();
  const result = useNeed(id);
  return <DetailGate result={result}>{(need) => <NeedDetail need={need} />}</DetailGate>;
}

function NeedDetail({ need }: { need: NeedView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState<NeedAction | null>(null);
  const run = async (action: NeedAction, extra: Record<string, unknown> = {}) => {
    await transitionNeed(need.id, { action, version: need.version, ...extra });
    await queryClient.invalidateQueries({ queryKey: financingQueryKey });
  };
  return (
    <div data-testid="need-detail">
      <DetailHeader title={need.enterprise.name}>
        <NeedStateTag state={need.state} />
      </DetailHeader>
      <Space wrap style={{ marginBottom: 16 }}>
        {need.actions.map((action) => (
          <Button
            key={action}
            type={['vet', 'send', 'approve', 'grant'].includes(action) ? 'primary' : 'default'}
            data-testid={`need-action-${action}`}
            onClick={() => (ACTION_FIELDS[action] ? setAsking(action) : void run(action))}
          >
            {NEED_ACTION_LABELS[action]}
          </Button>
        ))}
      </Space>
      <Card size="small" title={t('financing.detail.basics')} style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('financing.fields.amount')}>{yuan(need.amount)}</Descriptions.Item>
          <Descriptions.Item label={t('financing.fields.termMonths')}>{need.termMonths}</Descriptions.Item>
          <Descriptions.Item label={t('financing.fields.purpose')}>{need.purpose}</Descriptions.Item>
          <Descriptions.Item label={t('financing.fields.collateral')}>
            {need.collateral ?? '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('financing.fields.urgency')}>
            {URGENCY_LABELS[need.urgency]}
          </Descriptions.Item>
          <Descriptions.Item label={t('financing.columns.consent')}>
            {need.consent ? t('financing.detail.consentYes') : t('financing.detail.consentNo')}
          </Descriptions.Item>
          <Descriptions.Item label={t('financing.detail.vouch')}>
            {need.vouch
              ? `${need.vouch.chamber.name}：${need.vouch.note ?? ''}`
              : t('financing.detail.notVouched')}
          </Descriptions.Item>
          {need.grantedAmount ? (
            <Descriptions.Item label={t('financing.detail.granted')}>
              <span data-testid="need-granted">
                {need.grantedBank?.name} {yuan(need.grantedAmount)}（{need.grantedOn}，{need.grantedRate}%）
              </span>
            </Descriptions.Item>
          ) : null}
          {need.withdrawReason ? (
            <Descriptions.Item label={t('financing.detail.withdrawReason')}>
              {need.withdrawReason}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      <Card size="small" title={t('financing.detail.banks')} style={{ marginBottom: 16 }}>
        <Table<BankAnswerView>
          size="small"
          rowKey={(answer) => answer.bank.id}
          dataSource={need.banks}
          pagination={false}
          locale={{ emptyText: t('financing.detail.noBanks') }}
          data-testid="need-banks"
          columns={[
            { title: t('financing.answer.bank'), key: 'bank', render: (_, answer) => answer.bank.name },
            {
              title: t('financing.answer.state'),
              dataIndex: 'state',
              render: (state: BankAnswerView['state']) => BANK_ANSWER_STATE_LABELS[state],
            },
            {
              title: t('financing.answer.approved'),
              key: 'approved',
              render: (_, answer) =>
                answer.approvedAmount
                  ? `${yuan(answer.approvedAmount)}，${answer.approvedRate}%，${answer.approvedTermMonths}个月`
                  : '—',
            },
            {
              title: t('financing.answer.granted'),
              key: 'granted',
              render: (_, answer) =>
                answer.grantedAmount ? `${yuan(answer.grantedAmount)}（${answer.grantedOn}）` : '—',
            },
            {
              title: t('financing.answer.decline'),
              key: 'notes',
              render: (_, answer) => answer.declineReason ?? answer.documentsNote ?? '—',
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('financing.detail.timeline')}>
        <Timeline
          data-testid="need-timeline"
          items={need.timeline.map((event) => ({
            children: (
              <>
                <div>
                  {t(`financing.events.${event.action}`, { defaultValue: event.action })}
                  {event.bankName ? `（${event.bankName}）` : ''} · {event.actorName}
                </div>
                <div className="muted">
                  {formatDateTime(event.occurredAt)}
                  {event.note ? ` · ${event.note}` : ''}
                </div>
              </>
            ),
          }))}
        />
      </Card>
      {asking ? <ActionModal action={asking} need={need} onClose={() => setAsking(null)} run={run} /> : null}
    </div>
  );
}

interface ActionValues {
  bankIds?: string[];
  amount?: string;
  rate?: string;
  termMonths?: number;
  grantedOn?: Dayjs;
  reason?: string;
  note?: string;
}

function ActionModal({
  action,
  need,
  onClose,
  run,
}: {
  action: NeedAction;
  need: NeedView;
  onClose: () => void;
  run: (action: NeedAction, extra: Record<string, unknown>) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<ActionValues>();
  const fields = ACTION_FIELDS[action] ?? [];
  const banks = useBanks(fields.includes('bankIds'));
  const sentTo = new Set(need.banks.map((answer) => answer.bank.id));
  return (
    <FormModal<ActionValues>
      title={NEED_ACTION_LABELS[action]}
      form={form}
      okTestId="need-action-submit"
      initialValues={{
        termMonths: need.termMonths,
        amount: action === 'grant' ? (need.banks[0]?.approvedAmount ?? need.amount) : need.amount,
        grantedOn: dayjs(),
      }}
      onClose={onClose}
      onSubmit={async (values) => {
        const extra: Record<string, unknown> = {};
        for (const field of fields) {
          const value = values[field as keyof ActionValues];
          if (value === undefined || value === '') continue;
          extra[field] =
            field === 'grantedOn'
              ? (value as Dayjs).format('YYYY-MM-DD')
              : field === 'amount' || field === 'rate'
                ? String(value)
                : value;
        }
        await run(action, extra);
      }}
    >
      {fields.includes('bankIds') ? (
        <Form.Item name="bankIds" label={t('financing.fields.bankIds')} rules={[{ required: true }]}>
          <Checkbox.Group
            data-testid="need-banks-choice"
            options={(banks.data ?? []).map((bank) => ({
              value: bank.id,
              label: bank.name,
              disabled: sentTo.has(bank.id),
            }))}
          />
        </Form.Item>
      ) : null}
      {fields.includes('amount') ? (
        <Form.Item
          name="amount"
          label={
            action === 'grant' ? t('financing.fields.grantedAmount') : t('financing.fields.approvedAmount')
          }
          rules={[{ required: true }]}
        >
          <Input inputMode="decimal" data-testid="action-amount" />
        </Form.Item>
      ) : null}
      {fields.includes('rate') ? (
        <Form.Item name="rate" label={t('financing.fields.rate')} rules={[{ required: true }]}>
          <Input inputMode="decimal" data-testid="action-rate" />
        </Form.Item>
      ) : null}
      {fields.includes('termMonths') ? (
        <Form.Item name="termMonths" label={t('financing.fields.termMonths')} rules={[{ required: true }]}>
          <InputNumber min={1} max={600} precision={0} />
        </Form.Item>
      ) : null}
      {fields.includes('grantedOn') ? (
        <Form.Item name="grantedOn" label={t('financing.fields.grantedOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
      ) : null}
      {fields.includes('reason') ? (
        <Form.Item name="reason" label={t('financing.fields.reason')} rules={[{ required: true }]}>
          <Input.TextArea rows={3} data-testid="action-reason" />
        </Form.Item>
      ) : null}
      {fields.includes('note') ? (
        <Form.Item name="note" label={t('financing.fields.note')} rules={[{ required: action !== 'vouch' }]}>
          <Input.TextArea rows={3} data-testid="action-note" />
        </Form.Item>
      ) : null}
    </FormModal>
  );
}
