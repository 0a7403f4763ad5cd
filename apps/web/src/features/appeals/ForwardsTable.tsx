// 转办 forwards of appeals to government departments as a table: where each stands, when it was
// forwarded, and its two deadlines (response, resolution) with their overdue marks. The appeal's page
// lists its own forwards, every round with what came back; the liaison's inbox lists their department's,
// a server page at a time. The key columns stay in view at 1280 px, fixed while the rest scrolls: the
// caller's identifying columns on the left; on the right the state with, in the inbox, both deadlines and,
// on the record, what came back (the caller's last column).
import { Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppealForwardView, ForwardState } from '@qinqing/shared';
import { formatDateTime } from '../../components/format.ts';
import { PagedTable, type PagedTableProps, type Paging } from '../../components/PagedTable.tsx';
import { ForwardStateTag, OverdueTag, WorkingDaysLeft } from './AppealTags.tsx';

/** What every forward row carries; the appeal's own forwards also count working days left. */
export type ForwardRow = Pick<
  AppealForwardView,
  'state' | 'forwardedAt' | 'respondDueAt' | 'resolveDueAt' | 'responseOverdue' | 'resolveOverdue'
> & { workingDaysLeft?: number | null; calendarMissing?: boolean };

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
  const right = { fixed: 'right' as const };
  const state: TableColumnsType<Row>[number] = {
    title: t('appeals.fields.state'),
    dataIndex: 'state',
    width: 100,
    ...right,
    render: (value: ForwardState) => <ForwardStateTag state={value} />,
  };
  const forwarded: TableColumnsType<Row>[number] = {
    title: t('appeals.forward.forwardedAt'),
    dataIndex: 'forwardedAt',
    width: 165,
    render: (value: string) => formatDateTime(value),
  };
  const deadlines: TableColumnsType<Row> = [
    {
      title: t('appeals.fields.respondDueAt'),
      dataIndex: 'respondDueAt',
      // The record's resolution column also counts the working days left: it takes 20 px from this one.
      width: inbox ? 210 : 200,
      ...(inbox ? right : {}),
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
      ...(inbox ? right : {}),
      render: (value: string, forward) => (
        <Space size={4} wrap>
          {formatDateTime(value)}
          <OverdueTag overdue={forward.resolveOverdue} />
          {forward.calendarMissing ? (
            <Tooltip title={t('appeals.calendarMissingHint')}>
              <Tag color="warning" data-testid="calendar-missing">
                {t('appeals.calendarMissing')}
              </Tag>
            </Tooltip>
          ) : null}
          {!inbox && isOpen(forward.state) ? (
            <WorkingDaysLeft days={forward.workingDaysLeft ?? null} />
          ) : null}
        </Space>
      ),
    },
  ];
  const closing = trailing.slice(-1).map((column) => ({ ...column, ...right }));
  const columns: TableColumnsType<Row> = inbox
    ? [...leading, forwarded, state, ...deadlines]
    : [...leading, forwarded, ...deadlines, ...trailing.slice(0, -1), state, ...closing];

  if (inbox)
    return (
      <PagedTable<Row, Query> {...inbox} columns={columns} scroll={{ x: 'max-content' }} testId={testId} />
    );
  return (
    <Table<Row>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={[...forwards]}
      pagination={false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: t('appeals.forward.none') }}
      data-testid={testId}
    />
  );
}
