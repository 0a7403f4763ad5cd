// 政策库 the policy library: the policies of the caller's subtree (and the published ones from above), found
// by text (title, number, full text; traditional characters and pinyin initials too), state, level and
// benefit, kept in the URL; a policy opens on its own page; those who draft enter new ones.
import { BarChartOutlined, FileWordOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  BENEFIT_KIND_LABELS,
  BENEFIT_KINDS,
  POLICY_LEVEL_LABELS,
  POLICY_LEVELS,
  POLICY_STATE_LABELS,
  POLICY_STATES,
  type BenefitKind,
  type PolicyLevel,
  type PolicyState,
  type PolicySummary,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import {
  cleanParams,
  oneOf,
  pagingFrom,
  pagingParams,
  useListQuery,
  type ListQueryOptions,
} from '../../components/list-query.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { usePolicies, type PolicyQuery } from './api.ts';
import { PolicyFormDrawer } from './PolicyFormDrawer.tsx';

const PAGE_SIZE = 20;

interface FilterValues {
  q?: string;
  state?: PolicyState;
  level?: PolicyLevel;
  benefit?: BenefitKind;
}

const listQuery: ListQueryOptions<PolicyQuery, FilterValues> = {
  parse: (params) => ({
    q: params.get('q')?.trim().slice(0, 100) || undefined,
    state: oneOf<PolicyState>(POLICY_STATES, params.get('state')),
    level: oneOf<PolicyLevel>(POLICY_LEVELS, params.get('level')),
    benefit: oneOf<BenefitKind>(BENEFIT_KINDS, params.get('benefit')),
    ...pagingFrom(params, PAGE_SIZE),
  }),
  toParams: (query) => cleanParams({ ...query, ...pagingParams(query, PAGE_SIZE) }),
  formValues: (query) => ({ q: query.q, state: query.state, level: query.level, benefit: query.benefit }),
  fromForm: (values) => ({
    q: values.q?.trim() || undefined,
    state: values.state,
    level: values.level,
    benefit: values.benefit,
  }),
};

export const STATE_COLOURS: Record<PolicyState, string> = {
  draft: 'default',
  published: 'green',
  expired: 'orange',
  withdrawn: 'red',
};

export function PolicyStateTag({ state }: { state: PolicyState }) {
  return <Tag color={STATE_COLOURS[state]}>{POLICY_STATE_LABELS[state]}</Tag>;
}

export function PoliciesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const list = useListQuery(listQuery);
  const policies = usePolicies(list.query);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<PolicySummary> = [
    {
      title: t('policies.columns.title'),
      dataIndex: 'title',
      fixed: 'left',
      render: (title: string, policy) => (
        <Link to={`/policies/${policy.id}`} className="record-link" data-testid="policy-link">
          {title}
        </Link>
      ),
    },
    { title: t('policies.columns.documentNumber'), dataIndex: 'documentNumber', width: 200, ellipsis: true },
    {
      title: t('policies.columns.level'),
      dataIndex: 'level',
      width: 90,
      render: (level: PolicyLevel) => POLICY_LEVEL_LABELS[level],
    },
    {
      title: t('policies.columns.benefitKind'),
      dataIndex: 'benefitKind',
      width: 100,
      render: (kind: BenefitKind) => BENEFIT_KIND_LABELS[kind],
    },
    {
      title: t('policies.columns.state'),
      dataIndex: 'state',
      width: 90,
      render: (state: PolicyState) => <PolicyStateTag state={state} />,
    },
    {
      title: t('policies.columns.publishedOn'),
      dataIndex: 'publishedOn',
      width: 110,
      render: (d) => d ?? '—',
    },
    {
      title: t('policies.columns.closesOn'),
      dataIndex: 'applicationClosesOn',
      width: 110,
      render: (d: string | null) => d ?? '—',
    },
    {
      title: t('policies.columns.orgUnit'),
      dataIndex: ['orgUnit', 'name'],
      width: 150,
      ellipsis: true,
    },
  ];

  return (
    <ListPage
      list={list}
      title={t('policies.title')}
      actions={
        <Space>
          {policies.data?.items.length ? (
            // 政策汇编 of the policies listed (the page as filtered), as .docx.
            <Button
              icon={<FileWordOutlined />}
              href={`/api/policies/compilation.docx?ids=${policies.data.items.map((item) => item.id).join(',')}`}
              data-testid="policy-compilation"
            >
              {t('policies.compilation')}
            </Button>
          ) : null}
          <Button icon={<BarChartOutlined />} onClick={() => void navigate('/policies/reach')}>
            {t('policies.tabs.reach')}
          </Button>
          {can('policies.draft') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="policy-create"
            >
              {t('policies.create')}
            </Button>
          ) : null}
        </Space>
      }
      filters={
        <>
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('policies.searchPlaceholder')}
              maxLength={100}
              style={{ width: 320 }}
              data-testid="policy-search"
            />
          </Form.Item>
          <Form.Item name="state">
            <Select
              allowClear
              placeholder={t('policies.columns.state')}
              style={{ width: 120 }}
              options={POLICY_STATES.map((value) => ({ value, label: POLICY_STATE_LABELS[value] }))}
            />
          </Form.Item>
          <Form.Item name="level">
            <Select
              allowClear
              placeholder={t('policies.columns.level')}
              style={{ width: 120 }}
              options={POLICY_LEVELS.map((value) => ({ value, label: POLICY_LEVEL_LABELS[value] }))}
            />
          </Form.Item>
          <Form.Item name="benefit">
            <Select
              allowClear
              placeholder={t('policies.columns.benefitKind')}
              style={{ width: 130 }}
              options={BENEFIT_KINDS.map((value) => ({ value, label: BENEFIT_KIND_LABELS[value] }))}
            />
          </Form.Item>
        </>
      }
      table={{ result: policies, columns, scroll: { x: 1200 }, testId: 'policies-table' }}
    >
      {creating ? (
        <PolicyFormDrawer
          onClose={() => setCreating(false)}
          onSaved={(saved) => void navigate(`/policies/${saved.id}`)}
        />
      ) : null}
    </ListPage>
  );
}
