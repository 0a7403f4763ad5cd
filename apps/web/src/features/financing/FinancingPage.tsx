// 融资对接 the financing board: the needs within the caller's scope as a list or as a kanban by state (the
// view kept in the URL), filtered by state and text, and the form to state a new need (with the consent to
// share). A bank's account manager reaches the same needs from the bank workspace.
import {
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  Row,
  Segmented,
  Select,
  Space,
  Tag,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  NEED_STATE_LABELS,
  NEED_STATES,
  URGENCIES,
  URGENCY_LABELS,
  type NeedState,
  type NeedSummary,
  type Urgency,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { ListPage } from '../../components/ListPage.tsx';
import { cleanParams, oneOf, pagingFrom, pagingParams, useListQuery } from '../../components/list-query.ts';
import { yuan } from '../donations/format.ts';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { createNeed, financingQueryKey, useBanks, useNeeds, type NeedQuery } from './api.ts';

const PAGE_SIZE = 20;
const STATE_COLORS: Record<NeedState, string> = {
  submitted: 'default',
  vetted: 'processing',
  sent: 'blue',
  approved: 'cyan',
  granted: 'success',
  declined: 'error',
  withdrawn: 'default',
};

export function NeedStateTag({ state }: { state: NeedState }) {
  return <Tag color={STATE_COLORS[state]}>{NEED_STATE_LABELS[state]}</Tag>;
}

interface Filters {
  state?: NeedState;
  q?: string;
}

export function FinancingPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params] = useSearchParams();
  // From an appeal of category 融资: the form opens for its enterprise, the need linked to the appeal.
  const fromAppeal = params.get('fromAppeal');
  const [stating, setStating] = useState(Boolean(fromAppeal));
  const list = useListQuery<NeedQuery, Filters>({
    parse: (params) => ({
      state: oneOf(NEED_STATES, params.get('state')),
      q: params.get('q') || undefined,
      ...pagingFrom(params, PAGE_SIZE),
    }),
    toParams: (query, current) =>
      cleanParams({
        state: query.state,
        q: query.q,
        view: current.get('view') ?? undefined,
        ...pagingParams(query, PAGE_SIZE),
      }),
    formValues: (query) => ({ state: oneOf(NEED_STATES, query.state ?? null), q: query.q }),
    fromForm: (values) => ({ state: values.state, q: values.q?.trim() || undefined }),
  });
  const kanban = list.searchParams.get('view') === 'kanban';
  const result = useNeeds(kanban ? { ...list.query, page: 1, pageSize: 200 } : list.query);
  const columns: TableColumnsType<NeedSummary> = [
    {
      title: t('financing.columns.enterprise'),
      key: 'enterprise',
      fixed: 'left',
      width: 220,
      render: (_, need) => <Link to={`/financing/needs/${need.id}`}>{need.enterprise.name}</Link>,
    },
    { title: t('financing.columns.amount'), dataIndex: 'amount', width: 150, render: yuan },
    { title: t('financing.columns.term'), dataIndex: 'termMonths', width: 90 },
    { title: t('financing.columns.purpose'), dataIndex: 'purpose', ellipsis: true },
    {
      title: t('financing.columns.urgency'),
      dataIndex: 'urgency',
      width: 90,
      render: (urgency: Urgency) => URGENCY_LABELS[urgency],
    },
    {
      title: t('financing.columns.state'),
      dataIndex: 'state',
      width: 110,
      fixed: 'right',
      render: (state: NeedState) => <NeedStateTag state={state} />,
    },
    {
      title: t('financing.columns.consent'),
      dataIndex: 'consent',
      width: 90,
      render: (consent: boolean) =>
        consent ? t('financing.detail.consentYes') : t('financing.detail.consentNo'),
    },
    {
      title: t('financing.columns.granted'),
      dataIndex: 'grantedAmount',
      width: 150,
      render: (amount: string | null) => (amount ? yuan(amount) : '—'),
    },
  ];
  return (
    <ListPage<NeedSummary, NeedQuery, Filters>
      list={list}
      testId="financing-board"
      title={can('financing.answer') ? t('financing.bankTitle') : t('financing.title')}
      intro={can('financing.answer') ? t('financing.bankIntro') : t('financing.intro')}
      actions={
        <Space>
          {!can('financing.answer') ? (
            <Link to="/financing/programs" data-testid="financing-programs">
              {t('financing.programs.link')}
            </Link>
          ) : null}
          {can('financing.state') ? (
            <Button type="primary" onClick={() => setStating(true)} data-testid="financing-state">
              {t('financing.state')}
            </Button>
          ) : null}
        </Space>
      }
      filters={
        <>
          <Form.Item name="state">
            <Select
              allowClear
              placeholder={t('financing.allStates')}
              style={{ width: 140 }}
              options={NEED_STATES.map((state) => ({ value: state, label: NEED_STATE_LABELS[state] }))}
            />
          </Form.Item>
          <Form.Item name="q">
            <Input allowClear placeholder={t('financing.searchPlaceholder')} style={{ width: 200 }} />
          </Form.Item>
        </>
      }
      toolbar={{
        start: (
          <Segmented
            value={kanban ? 'kanban' : 'list'}
            options={[
              { value: 'list', label: t('financing.views.list') },
              { value: 'kanban', label: t('financing.views.kanban') },
            ]}
            onChange={(view) => {
              const next = new URLSearchParams(list.searchParams);
              if (view === 'kanban') next.set('view', 'kanban');
              else next.delete('view');
              list.setSearchParams(next);
            }}
            data-testid="financing-view"
          />
        ),
      }}
      view={kanban ? <NeedKanban needs={result.data?.items ?? []} /> : undefined}
      table={{ result, columns, testId: 'financing-table', scroll: { x: 1100 } }}
    >
      {stating ? (
        <StateNeedModal
          onClose={() => setStating(false)}
          appealId={fromAppeal}
          enterpriseId={fromAppeal ? params.get('enterpriseId') : null}
        />
      ) : null}
    </ListPage>
  );
}

/** The kanban: one column per state, each need a card opening its page. */
function NeedKanban({ needs }: { needs: readonly NeedSummary[] }) {
  const { t } = useTranslation();
  return (
    <Row gutter={[12, 12]} wrap={false} style={{ overflowX: 'auto' }} data-testid="financing-kanban">
      {NEED_STATES.map((state) => {
        const inState = needs.filter((need) => need.state === state);
        return (
          <Col key={state} flex="0 0 200px" data-testid={`kanban-${state}`}>
            <Card size="small" title={`${NEED_STATE_LABELS[state]}（${inState.length}）`}>
              <Space direction="vertical" style={{ width: '100%' }}>
                {inState.length === 0 ? <span className="muted">{t('financing.empty')}</span> : null}
                {inState.map((need) => (
                  <Link key={need.id} to={`/financing/needs/${need.id}`}>
                    <Card size="small" hoverable>
                      <div>{need.enterprise.name}</div>
                      <div className="muted">{yuan(need.amount)}</div>
                    </Card>
                  </Link>
                ))}
              </Space>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}

interface NeedValues {
  enterpriseId: string;
  amount: string;
  termMonths: number;
  purpose: string;
  collateral?: string;
  urgency?: Urgency;
  preferredBankId?: string;
  consentToShare: boolean;
}

function StateNeedModal({
  onClose,
  appealId,
  enterpriseId,
}: {
  onClose: () => void;
  appealId: string | null;
  enterpriseId: string | null;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<NeedValues>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const banks = useBanks();
  return (
    <FormModal<NeedValues>
      title={t('financing.state')}
      form={form}
      initialValues={{
        urgency: 'normal',
        consentToShare: false,
        termMonths: 12,
        ...(enterpriseId ? { enterpriseId } : {}),
      }}
      okTestId="need-submit"
      onClose={onClose}
      onSubmit={async (values) => {
        const { need } = await createNeed({
          ...values,
          amount: String(values.amount),
          consentToShare: Boolean(values.consentToShare),
          collateral: values.collateral || null,
          preferredBankId: values.preferredBankId || null,
          appealId,
        });
        await queryClient.invalidateQueries({ queryKey: financingQueryKey });
        void navigate(`/financing/needs/${need.id}`);
      }}
    >
      <Form.Item name="enterpriseId" label={t('financing.fields.enterprise')} rules={[{ required: true }]}>
        <EnterprisePicker />
      </Form.Item>
      <Form.Item name="amount" label={t('financing.fields.amount')} rules={[{ required: true }]}>
        <Input inputMode="decimal" data-testid="need-amount" />
      </Form.Item>
      <Form.Item name="termMonths" label={t('financing.fields.termMonths')} rules={[{ required: true }]}>
        <InputNumber min={1} max={600} precision={0} />
      </Form.Item>
      <Form.Item name="purpose" label={t('financing.fields.purpose')} rules={[{ required: true }]}>
        <Input data-testid="need-purpose" />
      </Form.Item>
      <Form.Item name="collateral" label={t('financing.fields.collateral')}>
        <Input />
      </Form.Item>
      <Form.Item name="urgency" label={t('financing.fields.urgency')}>
        <Select options={URGENCIES.map((urgency) => ({ value: urgency, label: URGENCY_LABELS[urgency] }))} />
      </Form.Item>
      <Form.Item name="preferredBankId" label={t('financing.fields.preferredBank')}>
        <Select
          allowClear
          options={(banks.data ?? []).map((bank) => ({ value: bank.id, label: bank.name }))}
        />
      </Form.Item>
      <Form.Item name="consentToShare" valuePropName="checked">
        <Checkbox data-testid="need-consent">{t('financing.fields.consent')}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
