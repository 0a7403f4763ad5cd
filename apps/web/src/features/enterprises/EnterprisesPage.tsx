// 会员企业 the member enterprise list: search and filters kept in the URL, server-side paging in pinyin or
// recent order, and by permission: register one, import many, export what the filters select.
import { CloudUploadOutlined, DownloadOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import {
  AutoComplete,
  Button,
  Form,
  Input,
  Segmented,
  Select,
  Space,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import {
  ENTERPRISE_SIZES,
  MEMBERSHIP_STATUSES,
  PARTY_ORG_FILTERS,
  PREDEFINED_TAGS,
  type EnterpriseListItem,
  type EnterpriseSize,
  type MembershipStatus,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { useListQuery, type ListQueryOptions } from '../../components/list-query.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { ChamberSelect } from '../chambers/ChamberSelect.tsx';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import {
  enterprisesExportUrl,
  useEnterprises,
  type EnterpriseFilters,
  type EnterpriseQuery,
  type EnterpriseSort,
} from './api.ts';
import { EnterpriseFormDrawer } from './EnterpriseFormDrawer.tsx';
import { filtersOf, paramsFromQuery, queryFromParams } from './filters.ts';
import { InviteBatchButton } from '../invitations/InviteBatchButton.tsx';
import { ReferenceCascader } from './ReferenceCascader.tsx';
import { EnterpriseTags, MembershipStatusTag } from './RegistryTags.tsx';
import './registry.css';

const PAGE_SIZES = [10, 20, 50, 100];

type FilterValues = Omit<EnterpriseFilters, 'sort'>;

const EMPTY_FILTERS: Record<keyof FilterValues, undefined> = {
  q: undefined,
  industry: undefined,
  size: undefined,
  division: undefined,
  chamberId: undefined,
  orgUnitId: undefined,
  joinedFrom: undefined,
  joinedTo: undefined,
  leftFrom: undefined,
  leftTo: undefined,
  tag: undefined,
  status: undefined,
  party: undefined,
};

const listQuery: ListQueryOptions<EnterpriseQuery, FilterValues> = {
  parse: queryFromParams,
  toParams: paramsFromQuery,
  formValues: (query) => {
    const { sort: _sort, ...filters } = filtersOf(query);
    return { ...EMPTY_FILTERS, ...filters };
  },
  // The period filters come from the dashboard's links, not the form: kept, as is the order.
  fromForm: (values, query) => ({
    ...filtersOf(query),
    ...values,
    q: values.q?.trim() || undefined,
    tag: values.tag?.trim(),
  }),
};

export function EnterprisesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const list = useListQuery(listQuery);
  const { query, setQuery } = list;
  const filters = filtersOf(query);
  const enterprises = useEnterprises(query);
  const { data } = enterprises;
  const [creating, setCreating] = useState(false);
  // Enterprises ticked for a batch invitation, kept across pages of the list.
  const [selected, setSelected] = useState<string[]>([]);
  const inviter = can('invitations.manage');

  const columns: TableColumnsType<EnterpriseListItem> = [
    {
      title: t('enterprises.columns.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 260,
      render: (name: string, row) => (
        <Link to={`/enterprises/${row.id}`} className="record-link">
          {name}
        </Link>
      ),
    },
    {
      title: t('enterprises.columns.uscc'),
      dataIndex: 'uscc',
      width: 200,
      render: (uscc: string) => <span className="code-text">{uscc}</span>,
    },
    {
      title: t('enterprises.columns.industry'),
      dataIndex: 'industryName',
      ellipsis: true,
      render: (name: string | null, row) =>
        name ? <Tooltip title={`${row.industryCode} ${name}`}>{name}</Tooltip> : '—',
    },
    {
      title: t('enterprises.columns.size'),
      dataIndex: 'size',
      width: 80,
      render: (size: EnterpriseSize | null) => (size ? t(`registry.size.${size}`) : '—'),
    },
    { title: t('enterprises.columns.orgUnit'), dataIndex: 'orgUnitName', width: 160, ellipsis: true },
    {
      title: t('enterprises.columns.status'),
      dataIndex: 'membershipStatus',
      width: 120,
      render: (status: MembershipStatus) => <MembershipStatusTag status={status} />,
    },
    {
      title: t('enterprises.columns.tags'),
      dataIndex: 'tags',
      width: 220,
      render: (tags: string[]) => <EnterpriseTags tags={tags} />,
    },
  ];

  return (
    <ListPage
      list={list}
      title={t('enterprises.title')}
      actions={
        <Space wrap>
          {can('registry.write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="enterprise-create"
            >
              {t('enterprises.create')}
            </Button>
          ) : null}
          {can('registry.import') ? (
            <Link to="/enterprises/import">
              <Button icon={<CloudUploadOutlined />} data-testid="enterprise-import">
                {t('enterprises.import')}
              </Button>
            </Link>
          ) : null}
          {inviter && selected.length > 0 ? <InviteBatchButton enterpriseIds={selected} /> : null}
          {inviter ? <InviteBatchButton filter={filters} /> : null}
          {can('registry.export') ? (
            <Button
              icon={<DownloadOutlined />}
              href={enterprisesExportUrl(filters)}
              data-testid="enterprise-export"
            >
              {t('enterprises.export')}
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
              placeholder={t('enterprises.searchPlaceholder')}
              maxLength={100}
              style={{ width: 280 }}
              data-testid="enterprise-search"
            />
          </Form.Item>
          <Form.Item name="industry">
            <ReferenceCascader
              kind="industries"
              changeOnSelect
              placeholder={t('enterprises.filters.industry')}
              style={{ width: 220 }}
            />
          </Form.Item>
          <Form.Item name="division">
            <ReferenceCascader
              kind="divisions"
              changeOnSelect
              placeholder={t('enterprises.filters.division')}
              style={{ width: 240 }}
            />
          </Form.Item>
          <Form.Item name="chamberId">
            <ChamberSelect placeholder={t('enterprises.filters.chamber')} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="orgUnitId">
            <OrgUnitTreeSelect
              allowClear
              placeholder={t('enterprises.filters.orgUnit')}
              style={{ width: 200 }}
            />
          </Form.Item>
          <Form.Item name="size">
            <Select
              allowClear
              placeholder={t('enterprises.filters.size')}
              style={{ width: 120 }}
              options={ENTERPRISE_SIZES.map((size) => ({ value: size, label: t(`registry.size.${size}`) }))}
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('enterprises.filters.status')}
              style={{ width: 130 }}
              options={MEMBERSHIP_STATUSES.map((status) => ({
                value: status,
                label: t(`registry.membershipStatus.${status}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="party">
            <Select
              allowClear
              placeholder={t('enterprises.filters.party')}
              style={{ width: 170 }}
              options={PARTY_ORG_FILTERS.map((party) => ({
                value: party,
                label: t(`registry.party.${party}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="tag">
            <AutoComplete
              allowClear
              placeholder={t('enterprises.filters.tag')}
              style={{ width: 150 }}
              options={PREDEFINED_TAGS.map((tag) => ({ value: tag }))}
              maxLength={20}
            />
          </Form.Item>
        </>
      }
      searchTestId="enterprise-search-submit"
      toolbar={{
        start: (
          <Space wrap size={4}>
            <Typography.Text type="secondary">
              {data
                ? data.totalExact
                  ? t('enterprises.found', { total: data.total })
                  : t('enterprises.foundMore', { total: data.total.toLocaleString() })
                : '\u00a0'}
            </Typography.Text>
            {/* Set by the dashboard's 新入会 / 退会 links: shown, and removable, as the filters they are. */}
            {(['joined', 'left'] as const).map((kind) => {
              const from = query[`${kind}From`];
              const to = query[`${kind}To`];
              if (!from && !to) return null;
              return (
                <Tag
                  key={kind}
                  closable
                  data-testid={`enterprise-${kind}-filter`}
                  onClose={() =>
                    setQuery({ ...query, [`${kind}From`]: undefined, [`${kind}To`]: undefined, page: 1 })
                  }
                >
                  {t(`enterprises.${kind}Between`, { from: from ?? '…', to: to ?? '…' })}
                </Tag>
              );
            })}
          </Space>
        ),
        end: (
          <Segmented<EnterpriseSort>
            value={query.sort ?? 'pinyin'}
            options={[
              { value: 'pinyin', label: t('enterprises.sort.pinyin') },
              { value: 'recent', label: t('enterprises.sort.recent') },
            ]}
            onChange={(sort) =>
              setQuery({ ...query, sort: sort === 'recent' ? 'recent' : undefined, page: 1 })
            }
            data-testid="enterprise-sort"
          />
        ),
      }}
      table={{
        result: enterprises,
        columns,
        scroll: { x: 1200 },
        showQuickJumper: true,
        pageSizeOptions: PAGE_SIZES,
        testId: 'enterprises-table',
        ...(inviter
          ? {
              rowSelection: {
                selectedRowKeys: selected,
                preserveSelectedRowKeys: true,
                onChange: (keys) => setSelected(keys.map(String)),
              },
            }
          : {}),
      }}
    >
      {creating ? (
        <EnterpriseFormDrawer
          onClose={() => setCreating(false)}
          onSaved={(enterprise) => void navigate(`/enterprises/${enterprise.id}`)}
        />
      ) : null}
    </ListPage>
  );
}
