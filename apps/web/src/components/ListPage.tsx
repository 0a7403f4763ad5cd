// The shell of a list page: the title with its actions, the filter card (the page's fields, then search,
// reset and reload), and the table card with the server-paged table, its error with a retry and its
// empty state. A list with a toolbar above the table (a count, a sort, a view switch) has its reload
// button there instead. The query lives in the URL (useListQuery). A list opened from a figure links back
// to where it was opened (drill-down.tsx).
import { Card, Flex, Form, Space } from 'antd';
import type { ReactNode } from 'react';
import { BackToSource } from './drill-down.tsx';
import { FilterActions, RefreshButton } from './FilterActions.tsx';
import type { ListQuery } from './list-query.ts';
import { PageHeader } from './PageHeader.tsx';
import { PagedTable, type PagedTableProps, type Paging } from './PagedTable.tsx';

interface ListPageProps<Row extends object, Query extends Paging, Values extends object> {
  list: ListQuery<Query, Values>;
  title: ReactNode;
  actions?: ReactNode;
  intro?: ReactNode;
  /** Between the title and the filters: the figures the list is about. */
  summary?: ReactNode;
  /** The filter form's fields. */
  filters: ReactNode;
  /** Under the filter form: a filter the form does not show, with a way to clear it. */
  filterNote?: ReactNode;
  filterCardClassName?: string;
  searchTestId?: string;
  /** The row above the table: `start` on the left, `end` on the right before the reload button. */
  toolbar?: { start: ReactNode; end?: ReactNode };
  table: Omit<PagedTableProps<Row, Query>, 'query' | 'setQuery'>;
  /** Shown instead of the table (a kanban, a calendar): it loads and reloads itself. */
  view?: ReactNode;
  testId?: string;
  /** Drawers and dialogs the page opens. */
  children?: ReactNode;
}

export function ListPage<Row extends object, Query extends Paging, Values extends object>({
  list,
  title,
  actions,
  intro,
  summary,
  filters,
  filterNote,
  filterCardClassName,
  searchTestId,
  toolbar,
  table,
  view,
  testId,
  children,
}: ListPageProps<Row, Query, Values>) {
  const refresh = () => table.result.refetch();
  const content = (
    <>
      <BackToSource />
      <PageHeader title={title} extra={actions}>
        {intro}
      </PageHeader>
      {summary}
      <Card className={filterCardClassName ? `filter-card ${filterCardClassName}` : 'filter-card'}>
        <Form<Values>
          form={list.form}
          // Named, so its fields' ids (filters_status) differ from a drawer's on the same page (a label
          // must focus its own field).
          name="filters"
          layout="inline"
          initialValues={list.initialValues}
          onFinish={list.search}
          className="filter-form"
        >
          {filters}
          <FilterActions
            onReset={list.reset}
            onRefresh={toolbar ? undefined : refresh}
            searchTestId={searchTestId}
          />
        </Form>
        {filterNote}
      </Card>
      <Card className="table-card">
        {toolbar ? (
          <Flex justify="space-between" align="center" wrap gap={8} className="table-toolbar">
            {toolbar.start}
            <Space>
              {toolbar.end}
              {view ? null : <RefreshButton onRefresh={refresh} />}
            </Space>
          </Flex>
        ) : null}
        {view ?? <PagedTable<Row, Query> {...table} query={list.query} setQuery={list.setQuery} />}
      </Card>
      {children}
    </>
  );
  return testId ? <div data-testid={testId}>{content}</div> : content;
}
