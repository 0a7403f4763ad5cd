// 待办 the department liaison's inbox: what the federation forwarded to their department, by where it
// stands (待接收, 办理中, 已退回, 已办结) or overdue; a row opens the appeal, where it is accepted and answered.
import { SearchOutlined } from '@ant-design/icons';
import { Card, Input, Space, Tabs, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { AppealUrgency, InboxItem } from '@qinqing/shared';
import { RefreshButton } from '../../components/FilterActions.tsx';
import { cleanParams, pagingFrom, pagingParams } from '../../components/list-query.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useInbox, type InboxQuery } from './api.ts';
import { useCategoryName } from './AppealSelects.tsx';
import { UrgencyTag } from './AppealTags.tsx';
import { ForwardsTable } from './ForwardsTable.tsx';
import '../enterprises/registry.css';
import './appeals.css';

const TABS = ['pending', 'accepted', 'returned', 'resolved', 'overdue'] as const;
type InboxTab = (typeof TABS)[number];

const TAB_FILTERS: Record<InboxTab, Pick<InboxQuery, 'state' | 'overdue'>> = {
  pending: { state: ['pending'] },
  accepted: { state: ['accepted'] },
  returned: { state: ['returned'] },
  resolved: { state: ['resolved', 'unsolvable'] },
  overdue: { overdue: true },
};

const PAGE_SIZE = 20;

export function InboxPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const tab: InboxTab = TABS.find((key) => key === searchParams.get('tab')) ?? 'pending';
  const q = searchParams.get('q')?.trim().slice(0, 100) || undefined;
  const query: InboxQuery = {
    ...TAB_FILTERS[tab],
    q,
    ...pagingFrom(searchParams, PAGE_SIZE),
  };
  const inbox = useInbox(query);
  const categoryName = useCategoryName();

  const go = (next: { tab: InboxTab; q?: string; page: number; pageSize: number }) =>
    setSearchParams(
      cleanParams({
        tab: next.tab !== 'pending' ? next.tab : undefined,
        q: next.q,
        ...pagingParams(next, PAGE_SIZE),
      }),
    );

  const leading: TableColumnsType<InboxItem> = [
    {
      title: t('appeals.fields.number'),
      dataIndex: 'number',
      width: 150,
      fixed: 'left',
      render: (number: string, item) => (
        <Link
          to={`/appeals/${item.appealId}`}
          className="code-text"
          onClick={(event) => event.stopPropagation()}
        >
          {number}
        </Link>
      ),
    },
    { title: t('appeals.fields.title'), dataIndex: 'title', width: 220, fixed: 'left', ellipsis: true },
    { title: t('appeals.fields.enterprise'), dataIndex: 'enterpriseName', width: 220, ellipsis: true },
    // Forwarded across levels (a district's appeal through the city's channel): the district is named.
    {
      title: t('channels.fromUnit'),
      dataIndex: 'fromUnitName',
      width: 140,
      render: (name: string | null) =>
        name ? <span data-testid="inbox-from-unit">{name}</span> : <span className="muted">—</span>,
    },
    {
      title: t('appeals.fields.category'),
      dataIndex: 'categoryName',
      width: 100,
      render: (name: string, item) => categoryName(item.category, name),
    },
    {
      title: t('appeals.fields.urgency'),
      dataIndex: 'urgency',
      width: 90,
      render: (urgency: AppealUrgency) => <UrgencyTag urgency={urgency} />,
    },
  ];

  return (
    <>
      <PageHeader title={t('appeals.inbox.title')}>{t('appeals.inbox.intro')}</PageHeader>
      <Card className="tabs-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => go({ tab: key as InboxTab, q, page: 1, pageSize: query.pageSize })}
          items={TABS.map((key) => ({
            key,
            label: <span data-testid={`inbox-tab-${key}`}>{t(`appeals.inbox.tabs.${key}`)}</span>,
          }))}
          tabBarExtraContent={
            <Space>
              <Input.Search
                allowClear
                defaultValue={q}
                key={q ?? ''}
                prefix={<SearchOutlined />}
                placeholder={t('appeals.inbox.searchPlaceholder')}
                maxLength={100}
                style={{ width: 260 }}
                onSearch={(value) =>
                  go({ tab, q: value.trim() || undefined, page: 1, pageSize: query.pageSize })
                }
                data-testid="inbox-search"
              />
              <RefreshButton onRefresh={inbox.refetch} />
            </Space>
          }
        />
        <ForwardsTable<InboxItem, InboxQuery>
          leading={leading}
          testId="inbox-table"
          inbox={{
            result: inbox,
            query,
            setQuery: (next) => go({ tab, q, page: next.page, pageSize: next.pageSize }),
            rowKey: 'forwardId',
            onRow: (item) =>
              ({
                'data-testid': 'inbox-row',
                className: 'clickable-row',
                onClick: () => void navigate(`/appeals/${item.appealId}`),
              }) as HTMLAttributes<HTMLTableRowElement>,
          }}
        />
      </Card>
    </>
  );
}
