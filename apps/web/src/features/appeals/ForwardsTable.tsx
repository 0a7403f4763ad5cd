// 转办 forwards of appeals to government departments as a table: where each stands, when it was
// forwarded, and its two deadlines (response, resolution) with their overdue marks. The appeal's page
// lists its own forwards, every round with what came back; the liaison's inbox lists their department's,
// a server page at a time.
import { Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppealForwardView, ForwardState } from '@qinqing/shared';
import { formatDateTime } from '../../components/format.ts';
import { PagedTable, type PagedTableProps, type Paging } from '../../components/PagedTable.tsx';
import { ForwardStateTag, OverdueTag, WorkingDaysLeft } from './AppealTags.tsx';

/** What every forward row carries; the appeal's own forwards also count working days left. */
export type ForwardRow = Pick<
  AppealForwardView,
  'state' | 'forwardedAt' | 'respondDueAt' | 'resolveDueAt' | 'responseOverdue' | 'resolveOverdue'
> & { workingDaysLeft?: number | null };

const isOpen = (state: ForwardState) => state === 'pending' || state === 'accepted';

interface ForwardsTableProps<Row extends ForwardRow, Query extends Paging> {
  /** Before the state and deadlines: which appeal, or which department in which round. */
  leading: TableColumnsType<Row>;
  /** After the deadlines: what came back. */
  trailing?: TableColumnsType<Row>;
  testId: string;
  /** The appeal's record: every forward at once. */
  forwards?: readonly Row[];
  /**
   * An inbox, a server page at a time. It is a to-do list: a missed response deadline is marked only
   * while the forward still waits for its response.
   */
  inbox?: Pick<PagedTableProps<Row, Query>, 'result' | 'query' | 'setQuery' | 'rowKey' | 'onRow'>;
}

export function ForwardsTable<Row extends ForwardRow, Query extends Paging>({
  leading,
  trailing = [],
  testId,
  forwards = [],
  inbox,
}: ForwardsTableProps<Row, Query>) {
  const { t } = useTranslation();
  const columns: TableColumnsType<Row> = [
    ...leading,
    {
      title: t('appeals.fields.state'),
      dataIndex: 'state',
      width: 100,
      render: (state: ForwardState) => <ForwardStateTag state={state} />,
    },
    {
      title: t('appeals.forward.forwardedAt'),
      dataIndex: 'forwardedAt',
      width: 165,
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('appeals.fields.respondDueAt'),
      dataIndex: 'respondDueAt',
      // The record's resolution column also counts the working days left: it takes 20 px from this one.
      width: inbox ? 210 : 200,
      render: (value: string, forward) => (
        <Space size={4} wrap>
          {formatDateTime(value)}
          {!inbox || forward.state === 'pending' ? <OverdueTag overdue={forward.responseOverdue} /> : null}
        </Space>
      ),
    },
    {
      title: t('appeals.fields.resolveDueAt'),
      dataIndex: 'resolveDueAt',
      width: inbox ? 210 : 220,
      render: (value: string, forward) => (
        <Space size={4} wrap>
          {formatDateTime(value)}
          <OverdueTag overdue={forward.resolveOverdue} />
          {!inbox && isOpen(forward.state) ? (
            <WorkingDaysLeft days={forward.workingDaysLeft ?? null} />
          ) : null}
        </Space>
      ),
    },
    ...trailing,
  ];

  if (inbox)
    return <PagedTable<Row, Query> {...inbox} columns={columns} scroll={{ x: 1400 }} testId={testId} />;
  return (
    <Table<Row>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...forwards]}
      pagination={false}
      scroll={{ x: 1400 }}
      locale={{ emptyText: t('appeals.forward.none') }}
      data-testid={testId}
    />
  );
}
