// 诉求台 the appeal board: filters kept in the URL, a server-paged table or a kanban by state; for an
// enterprise contact the same board is 我的诉求 (the server shows them only their own enterprise's).
import { AppstoreOutlined, PlusOutlined, SearchOutlined, UnorderedListOutlined } from '@ant-design/icons';
import {
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  Segmented,
  Select,
  Space,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  APPEAL_SOURCES,
  APPEAL_STATES,
  APPEAL_URGENCIES,
  type AppealSource,
  type AppealState,
  type AppealSummary,
  type AppealUrgency,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { AppliedFilters, type AppliedFilter } from '../../components/AppliedFilters.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useListQuery, type ListQueryOptions } from '../../components/list-query.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { useAppeals, type AppealQuery } from './api.ts';
import { AppealKanban } from './AppealKanban.tsx';
import { CategorySelect, DepartmentSelect, useCategoryName } from './AppealSelects.tsx';
import { AppealStateTag, OverdueTag, UrgencyTag } from './AppealTags.tsx';
import { boardView, paramsFromQuery, queryFromParams, type BoardView } from './filters.ts';
import { isEnterpriseContact } from './own-enterprise.ts';
import { useOrgUnits } from '../org-units/api.ts';
import '../enterprises/registry.css';
import './appeals.css';

interface FilterValues {
  q?: string;
  state?: AppealState[];
  category?: string[];
  urgency?: AppealUrgency;
  source?: AppealSource;
  departmentId?: string;
  overdue?: boolean;
  period?: [Dayjs, Dayjs] | null;
}

const listQuery: ListQueryOptions<AppealQuery, FilterValues> = {
  parse: queryFromParams,
  toParams: (query, current) => paramsFromQuery(query, boardView(current)),
  formValues: (query) => ({
    q: query.q,
    state: query.state,
    category: query.category,
    urgency: query.urgency,
    source: query.source,
    departmentId: query.departmentId,
    overdue: query.overdue,
    period: query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : undefined,
  }),
  fromForm: ({ period, overdue, q, ...values }, query) => ({
    ...values,
    q: q?.trim() || undefined,
    state: values.state?.length ? values.state : undefined,
    category: values.category?.length ? values.category : undefined,
    overdue: overdue || undefined,
    from: period?.[0]?.format('YYYY-MM-DD'),
    to: period?.[1]?.format('YYYY-MM-DD'),
    // Filters the form does not show (from a dashboard link) stay until removed or reset.
    orgUnitId: query.orgUnitId,
    enterpriseId: query.enterpriseId,
    outcome: query.outcome,
    satisfaction: query.satisfaction,
    sort: query.sort,
  }),
};

/** The resolution deadline, or the response deadline before one is set, with the overdue mark. */
export function DueCell({ appeal }: { appeal: AppealSummary }) {
  const due = appeal.resolveDueAt ?? appeal.respondDueAt;
  return (
    <Space size={4} wrap>
      <span className={appeal.overdue ? 'appeal-late' : undefined}>{due ? formatDateTime(due) : '—'}</span>
      <OverdueTag overdue={appeal.overdue} />
    </Space>
  );
}

/**
 * The filters of a drill-down or a record's link that the form has no field for — the unit, the outcome,
 * the satisfaction, the enterprise — named, with their values, each removable.
 */
function useHiddenFilters(
  query: AppealQuery,
  setQuery: (next: AppealQuery) => void,
  rows: readonly AppealSummary[] | undefined,
): AppliedFilter[] {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const without = (key: keyof AppealQuery) => () => setQuery({ ...query, [key]: undefined, page: 1 });
  const filters: AppliedFilter[] = [];
  if (query.orgUnitId) {
    const unit = units.data?.find((item) => item.id === query.orgUnitId);
    filters.push({
      key: 'orgUnitId',
      label: t('appeals.fields.orgUnit'),
      value: unit?.name ?? '…',
      onRemove: without('orgUnitId'),
    });
  }
  if (query.outcome) {
    filters.push({
      key: 'outcome',
      label: t('appeals.fields.outcome'),
      value: t(`appeals.outcome.${query.outcome}`),
      onRemove: without('outcome'),
    });
  }
  if (query.satisfaction) {
    filters.push({
      key: 'satisfaction',
      label: t('appeals.fields.satisfaction'),
      value: query.satisfaction.map((value) => t(`appeals.satisfaction.${value}`)).join('、'),
      onRemove: without('satisfaction'),
    });
  }
  if (query.enterpriseId) {
    // Every row is of that enterprise: its name is on them.
    const name = rows?.find((row) => row.enterpriseId === query.enterpriseId)?.enterpriseName;
    filters.push({
      key: 'enterpriseId',
      label: t('appeals.fields.enterprise'),
      value: name ?? '…',
      onRemove: without('enterpriseId'),
    });
  }
  return filters;
}

export function AppealsPage() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  const list = useListQuery(listQuery);
  const { query, setQuery, searchParams, setSearchParams } = list;
  const view = boardView(searchParams);
  const enterpriseSide = isEnterpriseContact(user);
  const appeals = useAppeals(query, { enabled: view === 'table' });
  const categoryName = useCategoryName();
  const hidden = useHiddenFilters(query, setQuery, appeals.data?.items);

  const columns: TableColumnsType<AppealSummary> = [
    {
      title: t('appeals.fields.number'),
      dataIndex: 'number',
      width: 150,
      fixed: 'left',
      render: (number: string, appeal) => (
        <Link to={`/appeals/${appeal.id}`} className="code-text">
          {number}
        </Link>
      ),
    },
    {
      title: t('appeals.fields.title'),
      dataIndex: 'title',
      width: 220,
      fixed: 'left',
      ellipsis: true,
      render: (title: string, appeal) => (
        <Link to={`/appeals/${appeal.id}`} className="record-link">
          {title}
        </Link>
      ),
    },
    { title: t('appeals.fields.enterprise'), dataIndex: 'enterpriseName', width: 220, ellipsis: true },
    {
      title: t('appeals.fields.category'),
      dataIndex: 'categoryName',
      width: 100,
      render: (name: string, appeal) => categoryName(appeal.category, name),
    },
    {
      title: t('appeals.fields.urgency'),
      dataIndex: 'urgency',
      width: 90,
      render: (urgency: AppealUrgency) => <UrgencyTag urgency={urgency} />,
    },
    {
      title: t('appeals.fields.departments'),
      dataIndex: 'departments',
      width: 180,
      render: (departments: AppealSummary['departments']) =>
        departments.length > 0 ? departments.map((department) => department.name).join('、') : '—',
    },
    {
      title: t('appeals.fields.receivedAt'),
      dataIndex: 'receivedAt',
      width: 170,
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('appeals.fields.state'),
      dataIndex: 'state',
      width: 100,
      fixed: 'right',
      render: (state: AppealState) => <AppealStateTag state={state} />,
    },
    {
      title: t('appeals.fields.due'),
      key: 'due',
      width: 230,
      fixed: 'right',
      render: (_, appeal) => <DueCell appeal={appeal} />,
    },
  ];

  return (
    <ListPage
      list={list}
      testId="appeal-board"
      title={enterpriseSide ? t('appeals.board.mine') : t('appeals.board.title')}
      actions={
        can('appeals.raise') ? (
          <Link to="/appeals/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="appeal-create">
              {enterpriseSide ? t('nav.appealNew') : t('appeals.board.create')}
            </Button>
          </Link>
        ) : null
      }
      filters={
        <>
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('appeals.board.searchPlaceholder')}
              maxLength={100}
              style={{ width: 240 }}
              data-testid="appeal-search"
            />
          </Form.Item>
          <Form.Item name="state">
            <Select
              mode="multiple"
              allowClear
              maxTagCount="responsive"
              placeholder={t('appeals.fields.state')}
              style={{ width: 180 }}
              options={APPEAL_STATES.map((state) => ({ value: state, label: t(`appeals.state.${state}`) }))}
            />
          </Form.Item>
          <Form.Item name="category">
            <CategorySelect multiple placeholder={t('appeals.fields.category')} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item name="urgency">
            <Select
              allowClear
              placeholder={t('appeals.fields.urgency')}
              style={{ width: 110 }}
              options={APPEAL_URGENCIES.map((urgency) => ({
                value: urgency,
                label: t(`appeals.urgency.${urgency}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="source">
            <Select
              allowClear
              placeholder={t('appeals.fields.source')}
              style={{ width: 120 }}
              options={APPEAL_SOURCES.map((source) => ({
                value: source,
                label: t(`appeals.source.${source}`),
              }))}
            />
          </Form.Item>
          {enterpriseSide ? null : (
            <Form.Item name="departmentId">
              <DepartmentSelect placeholder={t('appeals.fields.department')} style={{ width: 170 }} />
            </Form.Item>
          )}
          <Form.Item name="period">
            <DatePicker.RangePicker
              allowClear
              placeholder={[t('appeals.board.receivedFrom'), t('appeals.board.receivedTo')]}
            />
          </Form.Item>
          <Form.Item name="overdue" valuePropName="checked">
            <Checkbox data-testid="appeal-filter-overdue">{t('appeals.board.overdueOnly')}</Checkbox>
          </Form.Item>
        </>
      }
      filterNote={<AppliedFilters filters={hidden} />}
      searchTestId="appeal-search-submit"
      toolbar={{
        start: (
          <Typography.Text type="secondary">
            {view === 'table' && appeals.data
              ? t('appeals.board.found', { total: appeals.data.total })
              : '\u00a0'}
          </Typography.Text>
        ),
        end: (
          <>
            {view === 'table' ? (
              <Select
                value={query.sort ?? 'received_desc'}
                style={{ width: 150 }}
                onChange={(sort) =>
                  setQuery({ ...query, sort: sort === 'received_desc' ? undefined : sort, page: 1 })
                }
                options={(['received_desc', 'received_asc', 'due_asc'] as const).map((sort) => ({
                  value: sort,
                  label: t(`appeals.board.sort.${sort}`),
                }))}
              />
            ) : null}
            <Segmented<BoardView>
              value={view}
              onChange={(next) => setSearchParams(paramsFromQuery({ ...query, page: 1 }, next))}
              options={[
                { value: 'table', icon: <UnorderedListOutlined />, label: t('appeals.board.table') },
                { value: 'kanban', icon: <AppstoreOutlined />, label: t('appeals.board.kanban') },
              ]}
              data-testid="appeal-view"
            />
          </>
        ),
      }}
      table={{ result: appeals, columns, scroll: { x: 'max-content' }, testId: 'appeals-table' }}
      view={view === 'kanban' ? <AppealKanban filters={query} /> : null}
    />
  );
}
