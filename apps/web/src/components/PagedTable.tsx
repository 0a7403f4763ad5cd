// A server-paged list table: the load error with a retry, or the table whose page and page size the
// caller keeps (in the URL for list pages); a new page size starts again at the first page.
import { Table, type TableColumnsType, type TableProps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Page } from '../api/client.ts';
import { LoadError } from './LoadError.tsx';

export interface Paging {
  page: number;
  pageSize: number;
}

/** The parts of a page query (TanStack Query result) the table shows. */
export interface PagedResult<Row> {
  data: Pick<Page<Row>, 'items' | 'total'> | undefined;
  error: unknown;
  isFetching: boolean;
  refetch: () => unknown;
}

export interface PagedTableProps<Row, Query extends Paging> extends Pick<
  TableProps<Row>,
  'rowKey' | 'scroll' | 'expandable' | 'onRow' | 'rowSelection'
> {
  result: PagedResult<Row>;
  query: Query;
  setQuery: (next: Query) => void;
  columns: TableColumnsType<Row>;
  testId: string;
  /** The test hook on a block around the table and its pager rather than on the table itself. */
  testIdAround?: boolean;
  pageSizeOptions?: number[];
  showQuickJumper?: boolean;
  /** The page size is the caller's, not the user's to change. */
  fixedPageSize?: boolean;
}

export function PagedTable<Row extends object, Query extends Paging>({
  result: { data, error, isFetching, refetch },
  query,
  setQuery,
  columns,
  testId,
  testIdAround = false,
  pageSizeOptions,
  showQuickJumper,
  fixedPageSize = false,
  rowKey = 'id',
  ...tableProps
}: PagedTableProps<Row, Query>) {
  const { t } = useTranslation();
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  const table = (
    <Table<Row>
      rowKey={rowKey}
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={isFetching}
      {...tableProps}
      data-testid={testIdAround ? undefined : testId}
      pagination={{
        current: query.page,
        pageSize: query.pageSize,
        total: data?.total ?? 0,
        showSizeChanger: !fixedPageSize,
        ...(showQuickJumper ? { showQuickJumper } : {}),
        ...(pageSizeOptions ? { pageSizeOptions } : {}),
        showTotal: (total) => t('common.total', { total }),
      }}
      onChange={(pagination) =>
        setQuery({
          ...query,
          page: pagination.pageSize !== query.pageSize ? 1 : (pagination.current ?? 1),
          pageSize: pagination.pageSize ?? query.pageSize,
        })
      }
    />
  );
  return testIdAround ? <div data-testid={testId}>{table}</div> : table;
}

/**
 * A paged table whose page is the component's own state (a tab, a table on a detail page) rather than the
 * URL's: `pageSize` rows a page (20 unless said), no size changer.
 */
export function LocalPagedTable<Row extends object>({
  page,
  onPage,
  pageSize = 20,
  ...props
}: Omit<PagedTableProps<Row, Paging>, 'query' | 'setQuery' | 'fixedPageSize'> & {
  page: number;
  onPage: (page: number) => void;
  pageSize?: number;
}) {
  return (
    <PagedTable<Row, Paging>
      {...props}
      query={{ page, pageSize }}
      setQuery={(next) => onPage(next.page)}
      fixedPageSize
    />
  );
}
