// 服务包 the service packages of the caller's subtree (and the published ones from above), with how many
// enterprises hold each, found by name and state kept in the URL; a package opens on its own page; staff
// write new ones.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Form, Input, Select, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  PACKAGE_STATE_LABELS,
  PACKAGE_STATES,
  type PackageState,
  type PackageSummary,
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
import { usePackages, type PackageQuery } from './api.ts';
import { ServicePackageFormDrawer } from './ServicePackageFormDrawer.tsx';

const PAGE_SIZE = 20;

interface FilterValues {
  q?: string;
  state?: PackageState;
}

const listQuery: ListQueryOptions<PackageQuery, FilterValues> = {
  parse: (params) => ({
    q: params.get('q')?.trim().slice(0, 100) || undefined,
    state: oneOf<PackageState>(PACKAGE_STATES, params.get('state')),
    ...pagingFrom(params, PAGE_SIZE),
  }),
  toParams: (query) => cleanParams({ ...query, ...pagingParams(query, PAGE_SIZE) }),
  formValues: (query) => ({ q: query.q, state: query.state }),
  fromForm: (values) => ({ q: values.q?.trim() || undefined, state: values.state }),
};

const STATE_COLOURS: Record<PackageState, string> = {
  draft: 'default',
  published: 'green',
  closed: 'orange',
};

export function PackageStateTag({ state }: { state: PackageState }) {
  return <Tag color={STATE_COLOURS[state]}>{PACKAGE_STATE_LABELS[state]}</Tag>;
}

export function ServicePackagesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const list = useListQuery(listQuery);
  const packages = usePackages(list.query);
  const [creating, setCreating] = useState(false);

  const columns: TableColumnsType<PackageSummary> = [
    {
      title: t('servicePackages.columns.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, pkg) => (
        <Link to={`/service-packages/${pkg.id}`} className="record-link" data-testid="package-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('servicePackages.columns.state'),
      dataIndex: 'state',
      width: 90,
      render: (state: PackageState) => <PackageStateTag state={state} />,
    },
    { title: t('servicePackages.columns.items'), dataIndex: 'itemCount', width: 100, align: 'right' },
    { title: t('servicePackages.columns.holders'), dataIndex: 'holderCount', width: 100, align: 'right' },
    {
      title: t('servicePackages.columns.orgUnit'),
      dataIndex: ['orgUnit', 'name'],
      width: 160,
      ellipsis: true,
    },
    {
      title: t('servicePackages.columns.publishedAt'),
      dataIndex: 'publishedAt',
      width: 120,
      render: (at: string | null) => at?.slice(0, 10) ?? '—',
    },
  ];

  return (
    <ListPage
      list={list}
      title={t('servicePackages.title')}
      actions={
        can('packages.write') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="package-create"
          >
            {t('servicePackages.create')}
          </Button>
        ) : null
      }
      filters={
        <>
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('servicePackages.searchPlaceholder')}
              maxLength={100}
              style={{ width: 260 }}
            />
          </Form.Item>
          <Form.Item name="state">
            <Select
              allowClear
              placeholder={t('servicePackages.columns.state')}
              style={{ width: 120 }}
              options={PACKAGE_STATES.map((value) => ({ value, label: PACKAGE_STATE_LABELS[value] }))}
            />
          </Form.Item>
        </>
      }
      table={{ result: packages, columns, scroll: { x: 900 }, testId: 'packages-table' }}
    >
      {creating ? (
        <ServicePackageFormDrawer
          onClose={() => setCreating(false)}
          onSaved={(saved) => void navigate(`/service-packages/${saved.id}`)}
        />
      ) : null}
    </ListPage>
  );
}
