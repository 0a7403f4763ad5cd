// 党建工作 party building: the party organizations of member enterprises and chambers, and 两个覆盖 — the
// share of member enterprises covered by a party organization (组织覆盖) and by party work (工作覆盖),
// by chamber or by org unit. The tab and the grouping are kept in the URL.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Form,
  Input,
  Progress,
  Row,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  type TableColumnsType,
} from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  PARTY_ORGANIZATION_FORMS,
  PARTY_OWNER_KINDS,
  type CoverageRow,
  type PartyOrganizationForm,
  type PartyOrganizationView,
  type PartyOwnerKind,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { FilterActions, RefreshButton } from '../../components/FilterActions.tsx';
import { BlockSpin } from '../../components/Loading.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { cleanParams, oneOf, positiveInt } from '../../components/list-query.ts';
import { ImportLink } from '../imports/ImportLink.tsx';
import {
  useCoverage,
  usePartyOrganizations,
  type CoverageGrouping,
  type PartyOrganizationQuery,
} from './api.ts';
import { PartyOrganizationDrawer } from './PartyOrganizationDrawer.tsx';
import '../enterprises/registry.css';

const CoverageChart = lazy(() => import('./CoverageChart.tsx').then((m) => ({ default: m.CoverageChart })));

const PAGE_SIZE = 20;

/** 0.8123 → "81.2%"; no enterprises → "—". */
function percent(ratio: number | null): string {
  return ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
}

function CoverageBar({ ratio }: { ratio: number | null }) {
  if (ratio === null) return <span className="muted">—</span>;
  return (
    <Progress
      percent={Math.round(ratio * 1000) / 10}
      size="small"
      strokeColor="#b8141c"
      format={() => percent(ratio)}
      className="coverage-bar"
    />
  );
}

function OrganizationsTab() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const query: PartyOrganizationQuery = {
    q: searchParams.get('q')?.trim() || undefined,
    ownerKind: oneOf<PartyOwnerKind>(PARTY_OWNER_KINDS, searchParams.get('ownerKind')),
    form: oneOf<PartyOrganizationForm>(PARTY_ORGANIZATION_FORMS, searchParams.get('form')),
    page: positiveInt(searchParams.get('page'), 1),
    pageSize: Math.min(positiveInt(searchParams.get('pageSize'), PAGE_SIZE), 200),
  };
  const organizations = usePartyOrganizations(query);
  // Recorded and changed by federation staff in their subtree (core/access: partyOrganizationScope).
  const mayWrite = useSession().user.roles.includes('federation_staff');
  const [drawer, setDrawer] = useState<{ organization?: PartyOrganizationView } | null>(null);
  const [form] = Form.useForm<Pick<PartyOrganizationQuery, 'q' | 'ownerKind' | 'form'>>();
  useEffect(() => {
    form.setFieldsValue({ q: query.q, ownerKind: query.ownerKind, form: query.form });
  }, [form, query.q, query.ownerKind, query.form]);

  const go = (next: PartyOrganizationQuery) =>
    setSearchParams(
      cleanParams({
        ...next,
        page: next.page !== 1 ? next.page : undefined,
        pageSize: next.pageSize !== PAGE_SIZE ? next.pageSize : undefined,
      }),
    );

  const columns: TableColumnsType<PartyOrganizationView> = [
    { title: t('party.columns.name'), dataIndex: 'name' },
    {
      title: t('party.columns.form'),
      dataIndex: 'form',
      width: 130,
      render: (value: PartyOrganizationForm) => (
        <Tag color={value === 'instructor_only' ? 'orange' : 'red'}>{t(`registry.partyForm.${value}`)}</Tag>
      ),
    },
    {
      title: t('party.columns.owner'),
      dataIndex: 'ownerName',
      render: (name: string, row) => (
        <Space size={6}>
          <Tag>{t(`party.ownerKind.${row.ownerKind}`)}</Tag>
          <Link
            to={row.enterpriseId ? `/enterprises/${row.enterpriseId}` : `/chambers/${row.chamberId ?? ''}`}
          >
            {name}
          </Link>
        </Space>
      ),
    },
    {
      title: t('party.columns.secretary'),
      dataIndex: 'secretaryName',
      width: 120,
      render: (value: string | null) => value ?? '—',
    },
    { title: t('party.columns.memberCount'), dataIndex: 'memberCount', width: 100, align: 'right' },
    {
      title: t('party.columns.foundedOn'),
      dataIndex: 'foundedOn',
      width: 120,
      render: (v: string | null) => v ?? '—',
    },
    ...(mayWrite
      ? [
          {
            title: t('party.form.edit'),
            key: 'edit',
            width: 80,
            render: (_: unknown, row: PartyOrganizationView) => (
              <Button type="link" size="small" onClick={() => setDrawer({ organization: row })}>
                {t('party.form.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <Form
        form={form}
        layout="inline"
        className="filter-form tab-filter"
        onFinish={(values) => go({ ...query, ...values, q: values.q?.trim() || undefined, page: 1 })}
      >
        <Form.Item name="q">
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('party.searchPlaceholder')}
            maxLength={100}
            style={{ width: 240 }}
          />
        </Form.Item>
        <Form.Item name="ownerKind">
          <Select
            allowClear
            placeholder={t('party.columns.ownerKind')}
            style={{ width: 130 }}
            options={PARTY_OWNER_KINDS.map((value) => ({ value, label: t(`party.ownerKind.${value}`) }))}
          />
        </Form.Item>
        <Form.Item name="form">
          <Select
            allowClear
            placeholder={t('party.columns.form')}
            style={{ width: 150 }}
            options={PARTY_ORGANIZATION_FORMS.map((value) => ({
              value,
              label: t(`registry.partyForm.${value}`),
            }))}
          />
        </Form.Item>
        <FilterActions
          onReset={() => {
            form.setFieldsValue({ q: undefined, ownerKind: undefined, form: undefined });
            go({ page: 1, pageSize: query.pageSize });
          }}
          onRefresh={organizations.refetch}
        />
        {mayWrite ? (
          <Form.Item>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDrawer({})}
              data-testid="party-create"
            >
              {t('party.form.create')}
            </Button>
          </Form.Item>
        ) : null}
        {mayWrite ? (
          <Form.Item>
            <ImportLink kind="partyOrganizations" />
          </Form.Item>
        ) : null}
      </Form>
      {drawer ? (
        <PartyOrganizationDrawer organization={drawer.organization} onClose={() => setDrawer(null)} />
      ) : null}
      <PagedTable<PartyOrganizationView, PartyOrganizationQuery>
        result={organizations}
        query={query}
        setQuery={go}
        columns={columns}
        scroll={{ x: 900 }}
        testId="party-table"
      />
    </>
  );
}

function CoverageTab() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const groupBy: CoverageGrouping = searchParams.get('groupBy') === 'chamber' ? 'chamber' : 'orgUnit';
  const { data, error, isPending, refetch } = useCoverage(groupBy);

  const columns: TableColumnsType<CoverageRow> = [
    {
      title: groupBy === 'chamber' ? t('party.coverage.chamber') : t('party.coverage.orgUnit'),
      dataIndex: 'name',
      render: (name: string, row) =>
        groupBy === 'chamber' ? <Link to={`/chambers/${row.id}`}>{name}</Link> : name,
    },
    {
      title: t('party.coverage.enterprises'),
      dataIndex: 'enterprises',
      width: 110,
      align: 'right',
      render: (count: number, row) => (
        <Link to={`/enterprises?${groupBy === 'chamber' ? 'chamberId' : 'orgUnitId'}=${row.id}`}>
          {count}
        </Link>
      ),
    },
    { title: t('party.coverage.organized'), dataIndex: 'organized', width: 130, align: 'right' },
    { title: t('party.coverage.covered'), dataIndex: 'covered', width: 130, align: 'right' },
    {
      title: t('party.coverage.organizationCoverage'),
      dataIndex: 'organizationCoverage',
      width: 200,
      render: (ratio: number | null) => <CoverageBar ratio={ratio} />,
    },
    {
      title: t('party.coverage.workCoverage'),
      dataIndex: 'workCoverage',
      width: 200,
      render: (ratio: number | null) => <CoverageBar ratio={ratio} />,
    },
  ];

  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Space wrap>
        <Segmented<CoverageGrouping>
          value={groupBy}
          options={[
            { value: 'orgUnit', label: t('party.coverage.byOrgUnit') },
            { value: 'chamber', label: t('party.coverage.byChamber') },
          ]}
          onChange={(value) => {
            const next = new URLSearchParams(searchParams);
            next.set('groupBy', value);
            setSearchParams(next, { replace: true });
          }}
          data-testid="coverage-group"
        />
        <RefreshButton onRefresh={refetch} />
      </Space>
      {error ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <>
          {data ? (
            <Row gutter={16} className="coverage-summary" data-testid="coverage-total">
              <Col xs={12} md={6}>
                <Statistic title={t('party.coverage.enterprises')} value={data.total.enterprises} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('party.coverage.organized')} value={data.total.organized} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('party.coverage.organizationCoverage')}
                  value={percent(data.total.organizationCoverage)}
                  styles={{ content: { color: '#b8141c' } }}
                />
              </Col>
              <Col xs={12} md={6}>
                <Statistic
                  title={t('party.coverage.workCoverage')}
                  value={percent(data.total.workCoverage)}
                  styles={{ content: { color: '#b8141c' } }}
                />
              </Col>
            </Row>
          ) : null}
          <Table<CoverageRow>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data?.rows ?? []}
            loading={isPending}
            pagination={false}
            scroll={{ x: 900 }}
            data-testid="coverage-table"
            summary={() =>
              data ? (
                <Table.Summary.Row className="summary-row">
                  <Table.Summary.Cell index={0}>{t('party.coverage.total')}</Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">
                    {data.total.enterprises}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={2} align="right">
                    {data.total.organized}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">
                    {data.total.covered}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={4}>
                    {percent(data.total.organizationCoverage)}
                  </Table.Summary.Cell>
                  <Table.Summary.Cell index={5}>{percent(data.total.workCoverage)}</Table.Summary.Cell>
                </Table.Summary.Row>
              ) : null
            }
          />
          {data && data.rows.length > 0 ? (
            <Suspense fallback={<BlockSpin />}>
              <CoverageChart rows={data.rows} />
            </Suspense>
          ) : null}
        </>
      )}
    </Space>
  );
}

export function PartyOrganizationsPage() {
  const { t } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab = searchParams.get('tab') === 'coverage' ? 'coverage' : 'organizations';
  return (
    <>
      <PageHeader title={t('party.title')}>{t('party.intro')}</PageHeader>
      <Card className="tabs-card">
        <Tabs
          activeKey={tab}
          destroyOnHidden
          onChange={(key) => setSearchParams(key === 'coverage' ? { tab: 'coverage' } : {})}
          items={[
            { key: 'organizations', label: t('party.tabs.organizations'), children: <OrganizationsTab /> },
            { key: 'coverage', label: t('party.tabs.coverage'), children: <CoverageTab /> },
          ]}
        />
      </Card>
    </>
  );
}
