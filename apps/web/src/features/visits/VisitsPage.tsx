// 走访记录 the visits page: coverage by street or chamber, then the visits as a filtered, paged table or as
// a month calendar. Filters, the view, the month and the open visit are kept in the URL; a visit opens in
// a drawer, and a new or changed one in the form drawer.
import { CalendarOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import {
  Alert,
  Badge,
  Button,
  Calendar,
  DatePicker,
  Form,
  Segmented,
  Select,
  Space,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  VISIT_KINDS,
  VISIT_STATUSES,
  type VisitKind,
  type VisitStatus,
  type VisitView,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import {
  cleanParams,
  DATE as DATE_PATTERN,
  matching,
  oneOf,
  pagingFrom,
  pagingParams,
  useListQuery,
  UUID,
  type ListQueryOptions,
} from '../../components/list-query.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { useVisitors, useVisits, type VisitFilters, type VisitQuery } from './api.ts';
import { VisitCoverageCard } from './VisitCoverageCard.tsx';
import { VisitDetailDrawer } from './VisitDetailDrawer.tsx';
import { VisitFormDrawer, type VisitFormProps } from './VisitFormDrawer.tsx';
import { BroughtTags, VISIT_STATUS_COLORS, VisitKindTag, VisitStatusTag } from './VisitTags.tsx';
import '../enterprises/registry.css';
import './visits.css';

const PAGE_SIZE = 20;
const DATE = 'YYYY-MM-DD';
/** The most visits one month of the calendar shows (the server's largest page). */
const CALENDAR_LIMIT = 200;
const PER_DAY = 3;

type View = 'list' | 'calendar';

interface FilterValues {
  enterpriseId?: string;
  status?: VisitStatus;
  kind?: VisitKind;
  visitorId?: string;
  orgUnitId?: string;
  period?: [Dayjs, Dayjs] | null;
}

function filtersFromParams(params: URLSearchParams): VisitFilters {
  return {
    enterpriseId: matching(UUID, params.get('enterpriseId')),
    status: oneOf<VisitStatus>(VISIT_STATUSES, params.get('status')),
    kind: oneOf<VisitKind>(VISIT_KINDS, params.get('kind')),
    visitorId: matching(UUID, params.get('visitorId')),
    orgUnitId: matching(UUID, params.get('orgUnitId')),
    planId: matching(UUID, params.get('planId')),
    from: matching(DATE_PATTERN, params.get('from')),
    to: matching(DATE_PATTERN, params.get('to')),
  };
}

const viewOf = (params: URLSearchParams): View => (params.get('view') === 'calendar' ? 'calendar' : 'list');

/** The month the calendar shows: today when it is this month, else its first day (the calendar marks the day it holds). */
function monthOf(params: URLSearchParams): Dayjs {
  const param = params.get('month');
  const chosen = param && /^\d{4}-\d{2}$/.test(param) ? dayjs(`${param}-01`) : dayjs();
  return chosen.isSame(dayjs(), 'month') ? dayjs() : chosen;
}

/** The URL of a list query in a view; the calendar keeps its month. */
function visitParams(query: VisitQuery, view: View, month: Dayjs): Record<string, string> {
  return cleanParams({
    ...query,
    ...pagingParams(query, PAGE_SIZE),
    view: view === 'calendar' ? 'calendar' : undefined,
    month: view === 'calendar' ? month.format('YYYY-MM') : undefined,
  });
}

const listQuery: ListQueryOptions<VisitQuery, FilterValues> = {
  parse: (params) => ({ ...filtersFromParams(params), ...pagingFrom(params, PAGE_SIZE) }),
  toParams: (query, current) => visitParams(query, viewOf(current), monthOf(current)),
  formValues: (query) => ({
    enterpriseId: query.enterpriseId,
    status: query.status,
    kind: query.kind,
    visitorId: query.visitorId,
    orgUnitId: query.orgUnitId,
    period: query.from && query.to ? [dayjs(query.from), dayjs(query.to)] : undefined,
  }),
  // A plan's visits are opened from the plan, not the form: that filter stays until reset.
  fromForm: ({ period, ...values }, query) => ({
    ...values,
    planId: query.planId,
    from: period?.[0]?.format(DATE),
    to: period?.[1]?.format(DATE),
  }),
};

/** The day a visit is shown on: when it happened, or is planned for. */
const dayOf = (visit: VisitView) => visit.visitedOn ?? visit.plannedOn ?? '';

function VisitCalendar({
  filters,
  month,
  onMonth,
  onOpen,
  onDay,
}: {
  filters: VisitFilters;
  month: Dayjs;
  onMonth: (month: Dayjs) => void;
  onOpen: (id: string) => void;
  onDay: (day: string) => void;
}) {
  const { t } = useTranslation();
  // The panel shows the days of the weeks around the month too.
  const query: VisitQuery = {
    ...filters,
    from: month.startOf('month').subtract(7, 'day').format(DATE),
    to: month.endOf('month').add(14, 'day').format(DATE),
    page: 1,
    pageSize: CALENDAR_LIMIT,
  };
  const { data, error, refetch } = useVisits(query);
  const byDay = useMemo(() => {
    const days = new Map<string, VisitView[]>();
    for (const visit of data?.items ?? []) days.set(dayOf(visit), [...(days.get(dayOf(visit)) ?? []), visit]);
    return days;
  }, [data]);
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;
  return (
    <div data-testid="visit-calendar">
      {data && data.total > data.items.length ? (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={t('visits.calendar.truncated', { shown: data.items.length, total: data.total })}
        />
      ) : null}
      <Calendar
        value={month}
        onPanelChange={(date) => onMonth(date)}
        onSelect={(date, info) => {
          if (info.source === 'date' && !date.isSame(month, 'month')) onMonth(date);
        }}
        cellRender={(date, info) => {
          if (info.type !== 'date') return info.originNode;
          const day = date.format(DATE);
          const visits = byDay.get(day) ?? [];
          if (visits.length === 0) return null;
          return (
            <ul className="visit-calendar-day" data-testid={`visit-day-${day}`}>
              {visits.slice(0, PER_DAY).map((visit) => (
                <li key={visit.id}>
                  <button
                    type="button"
                    className="visit-calendar-item"
                    onClick={(event) => {
                      event.stopPropagation();
                      onOpen(visit.id);
                    }}
                    title={visit.enterpriseName}
                  >
                    <Badge status={VISIT_STATUS_COLORS[visit.status]} text={visit.enterpriseName} />
                  </button>
                </li>
              ))}
              {visits.length > PER_DAY ? (
                <li>
                  <button
                    type="button"
                    className="visit-calendar-more"
                    onClick={(event) => {
                      event.stopPropagation();
                      onDay(day);
                    }}
                  >
                    {t('visits.calendar.more', { count: visits.length - PER_DAY })}
                  </button>
                </li>
              ) : null}
            </ul>
          );
        }}
      />
    </div>
  );
}

export function VisitsPage() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  // An enterprise contact reads the visits to their own enterprise: no coverage, plans, visitors or units.
  const federationSide = user.roles.some((role) => role !== 'enterprise_contact');
  const list = useListQuery(listQuery);
  const { query, searchParams, setSearchParams } = list;
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const view = viewOf(searchParams);
  const month = monthOf(searchParams);
  const openVisit = matching(UUID, searchParams.get('visit'));
  const visits = useVisits(query, { enabled: view === 'list' });
  const visitors = useVisitors();
  const [editing, setEditing] = useState<Omit<VisitFormProps, 'onClose'> | null>(null);

  const go = (next: VisitQuery, nextView: View) => setSearchParams(visitParams(next, nextView, month));
  const withParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(searchParams);
    if (value) next.set(key, value);
    else next.delete(key);
    setSearchParams(next);
  };

  const filterEnterprise = visits.data?.items.find((visit) => visit.enterpriseId === filters.enterpriseId);

  const columns: TableColumnsType<VisitView> = [
    {
      title: t('visits.fields.date'),
      key: 'date',
      width: 120,
      render: (_, visit) => (
        <button type="button" className="link-button" onClick={() => withParam('visit', visit.id)}>
          {dayOf(visit)}
        </button>
      ),
    },
    {
      title: t('visits.fields.enterprise'),
      dataIndex: 'enterpriseName',
      ellipsis: true,
      render: (name: string, visit) => (
        <button
          type="button"
          className="link-button record-link"
          onClick={() => withParam('visit', visit.id)}
          data-testid="visit-open"
        >
          {name}
        </button>
      ),
    },
    {
      title: t('visits.fields.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: VisitStatus) => <VisitStatusTag status={status} />,
    },
    {
      title: t('visits.fields.kind'),
      dataIndex: 'kind',
      width: 140,
      render: (kind: VisitKind) => <VisitKindTag kind={kind} />,
    },
    {
      title: t('visits.fields.visitors'),
      dataIndex: 'visitors',
      width: 160,
      render: (people: VisitView['visitors'], visit) =>
        [...people.map((person) => person.name), ...visit.leaderNames].join('、') || '—',
    },
    {
      title: t('visits.fields.departments'),
      dataIndex: 'departments',
      width: 160,
      render: (departments: VisitView['departments']) =>
        departments.map((department) => department.name).join('、') || '—',
    },
    {
      title: t('visits.fields.brought'),
      dataIndex: 'brought',
      width: 200,
      render: (brought: VisitView['brought']) => <BroughtTags brought={brought} />,
    },
    {
      title: t('visits.fields.orgUnit'),
      dataIndex: 'orgUnitName',
      width: 150,
      ellipsis: true,
    },
  ];

  return (
    <ListPage
      list={list}
      testId="visits-page"
      title={t('visits.title')}
      actions={
        <Space>
          {federationSide ? (
            <Link to="/visit-plans">
              <Button>{t('visits.plansLink')}</Button>
            </Link>
          ) : null}
          {can('visits.write') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing({})}
              data-testid="visit-create"
            >
              {t('visits.create')}
            </Button>
          ) : null}
        </Space>
      }
      intro={t('visits.intro')}
      summary={federationSide ? <VisitCoverageCard /> : null}
      filterCardClassName="visit-filter-card"
      filters={
        <>
          <Form.Item name="enterpriseId" hidden={!federationSide}>
            <EnterprisePicker
              style={{ width: 240 }}
              placeholder={t('visits.fields.enterprise')}
              selected={
                filterEnterprise
                  ? {
                      id: filterEnterprise.enterpriseId,
                      name: filterEnterprise.enterpriseName,
                      uscc: '',
                      orgUnitName: filterEnterprise.orgUnitName,
                    }
                  : undefined
              }
            />
          </Form.Item>
          <Form.Item name="status">
            <Select
              allowClear
              placeholder={t('visits.fields.status')}
              style={{ width: 110 }}
              options={VISIT_STATUSES.map((status) => ({
                value: status,
                label: t(`visits.status.${status}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="kind">
            <Select
              allowClear
              placeholder={t('visits.fields.kind')}
              style={{ width: 150 }}
              options={VISIT_KINDS.map((kind) => ({ value: kind, label: t(`visits.kind.${kind}`) }))}
            />
          </Form.Item>
          <Form.Item name="visitorId" hidden={!federationSide}>
            <Select
              allowClear
              placeholder={t('visits.fields.visitors')}
              style={{ width: 130 }}
              showSearch={{ optionFilterProp: 'label' }}
              loading={visitors.isPending}
              options={(visitors.data ?? []).map((visitor) => ({
                value: visitor.id,
                label: visitor.displayName,
              }))}
            />
          </Form.Item>
          <Form.Item name="orgUnitId" hidden={!federationSide}>
            <OrgUnitTreeSelect allowClear placeholder={t('visits.fields.orgUnit')} style={{ width: 180 }} />
          </Form.Item>
          {view === 'list' ? (
            <Form.Item name="period">
              <DatePicker.RangePicker
                allowClear
                placeholder={[t('visits.filters.from'), t('visits.filters.to')]}
              />
            </Form.Item>
          ) : null}
        </>
      }
      filterNote={
        filters.planId ? (
          <Alert
            className="visit-plan-filter"
            type="info"
            showIcon
            title={t('visits.filters.plan')}
            action={
              <Button size="small" onClick={() => withParam('planId', undefined)}>
                {t('visits.filters.clearPlan')}
              </Button>
            }
          />
        ) : null
      }
      toolbar={{
        start: (
          <Typography.Text type="secondary">
            {view === 'list' && visits.data ? t('common.total', { total: visits.data.total }) : '\u00a0'}
          </Typography.Text>
        ),
        end: (
          <Segmented<View>
            value={view}
            options={[
              { value: 'list', label: t('visits.view.list'), icon: <UnorderedListOutlined /> },
              { value: 'calendar', label: t('visits.view.calendar'), icon: <CalendarOutlined /> },
            ]}
            onChange={(next) => go({ ...query, page: 1 }, next)}
            data-testid="visit-view"
          />
        ),
      }}
      table={{ result: visits, columns, scroll: { x: 1200 }, testId: 'visit-table' }}
      view={
        view === 'calendar' ? (
          <VisitCalendar
            filters={{ ...filters, from: undefined, to: undefined }}
            month={month}
            onMonth={(next) =>
              setSearchParams(
                cleanParams({
                  ...filtersFromParams(searchParams),
                  view: 'calendar',
                  month: next.format('YYYY-MM'),
                }),
              )
            }
            onOpen={(id) => withParam('visit', id)}
            onDay={(day) => go({ ...filters, from: day, to: day, page: 1, pageSize: query.pageSize }, 'list')}
          />
        ) : null
      }
    >
      {openVisit ? (
        <VisitDetailDrawer
          visitId={openVisit}
          onClose={() => withParam('visit', undefined)}
          onEdit={(visit, recording) => setEditing({ visit, recording })}
        />
      ) : null}
      {editing ? (
        <VisitFormDrawer
          {...editing}
          onClose={() => setEditing(null)}
          onSaved={(visit) => {
            if (!editing.visit) withParam('visit', visit.id);
          }}
        />
      ) : null}
    </ListPage>
  );
}
