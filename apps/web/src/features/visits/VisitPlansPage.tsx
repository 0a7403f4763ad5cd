// 走访计划 visit plans: the plans of the user's unit and below with their progress (assigned enterprises
// visited in the period), making and changing one, and one plan in a drawer: progress per assignee and
// per enterprise, with a visit recorded from an assignment. The open plan and the filters are in the URL.
import { PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Descriptions,
  Drawer,
  Form,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  VISIT_KINDS,
  type VisitKind,
  type VisitPlanAssignmentView,
  type VisitPlanSummary,
  type VisitPlanView,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { DetailGate } from '../../components/DetailPage.tsx';
import { FilterActions } from '../../components/FilterActions.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { cleanParams, oneOf, positiveInt } from '../../components/list-query.ts';
import { useVisitPlan, useVisitPlans, type VisitPlanQuery } from './api.ts';
import { VisitFormDrawer } from './VisitFormDrawer.tsx';
import { VisitPlanFormDrawer } from './VisitPlanFormDrawer.tsx';
import { PlanProgress, VisitKindTag } from './VisitTags.tsx';
import '../enterprises/registry.css';
import './visits.css';

const PAGE_SIZE = 20;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface FilterValues {
  kind?: VisitKind;
  current?: boolean;
}

function PlanDetail({
  plan,
  onEdit,
  onRecord,
}: {
  plan: VisitPlanView;
  onEdit: () => void;
  onRecord: (assignment: VisitPlanAssignmentView) => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const writable = can('visits.write');

  const byAssignee: TableColumnsType<VisitPlanView['byAssignee'][number]> = [
    { title: t('visits.plans.fields.assignee'), dataIndex: 'assigneeName' },
    {
      title: t('visits.plans.fields.progress'),
      key: 'progress',
      width: 240,
      render: (_, row) => <PlanProgress done={row.done} total={row.total} />,
    },
  ];
  const assignments: TableColumnsType<VisitPlanAssignmentView> = [
    {
      title: t('visits.fields.enterprise'),
      dataIndex: 'enterpriseName',
      render: (name: string, row) => <Link to={`/enterprises/${row.enterpriseId}`}>{name}</Link>,
    },
    { title: t('visits.plans.fields.assignee'), dataIndex: 'assigneeName', width: 120 },
    {
      title: t('visits.fields.visitedOn'),
      dataIndex: 'visitedOn',
      width: 190,
      render: (visitedOn: string | null, row) =>
        row.visitId ? (
          <Link to={`/visits?visit=${row.visitId}`}>
            <Tag color="success">{visitedOn}</Tag>
          </Link>
        ) : (
          <Space size={4}>
            <Tag>{t('visits.plans.detail.notVisited')}</Tag>
            {writable ? (
              <Button size="small" type="link" onClick={() => onRecord(row)} data-testid="plan-record-visit">
                {t('visits.plans.detail.record')}
              </Button>
            ) : null}
          </Space>
        ),
    },
  ];

  return (
    <Space orientation="vertical" size={16} className="full-width">
      <Space wrap>
        <Typography.Title level={5} className="visit-detail-title">
          {plan.name}
        </Typography.Title>
        <VisitKindTag kind={plan.kind} />
      </Space>
      <Space wrap>
        {writable ? (
          <Button onClick={onEdit} data-testid="visit-plan-edit">
            {t('common.edit')}
          </Button>
        ) : null}
        <Link to={`/visits?planId=${plan.id}`}>
          <Button>{t('visits.plans.detail.visits')}</Button>
        </Link>
      </Space>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('visits.plans.fields.orgUnit')}>{plan.orgUnitName}</Descriptions.Item>
        <Descriptions.Item label={t('visits.plans.fields.period')}>
          {plan.startsOn} ~ {plan.endsOn}
        </Descriptions.Item>
        <Descriptions.Item label={t('visits.plans.fields.progress')}>
          <div data-testid="visit-plan-progress">
            <PlanProgress done={plan.progress.done} total={plan.progress.total} />
          </div>
        </Descriptions.Item>
        <Descriptions.Item label={t('visits.plans.fields.notes')}>
          <div className="visit-notes">{plan.notes ?? '—'}</div>
        </Descriptions.Item>
      </Descriptions>
      <div className="section-heading">{t('visits.plans.detail.byAssignee')}</div>
      <Table
        rowKey="assigneeId"
        size="small"
        columns={byAssignee}
        dataSource={plan.byAssignee}
        pagination={false}
      />
      <div className="section-heading">{t('visits.plans.detail.assignments')}</div>
      <Table
        rowKey="enterpriseId"
        size="small"
        columns={assignments}
        dataSource={plan.assignments}
        pagination={plan.assignments.length > 20 ? { pageSize: 20 } : false}
        data-testid="visit-plan-assignments"
      />
    </Space>
  );
}

export function VisitPlansPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const today = dayjs().format('YYYY-MM-DD');
  const query: VisitPlanQuery = {
    kind: oneOf<VisitKind>(VISIT_KINDS, searchParams.get('kind')),
    activeOn: searchParams.get('current') === '1' ? today : undefined,
    page: positiveInt(searchParams.get('page'), 1),
    pageSize: Math.min(positiveInt(searchParams.get('pageSize'), PAGE_SIZE), 200),
  };
  const plans = useVisitPlans(query);
  const openId = searchParams.get('plan');
  const openPlan = openId && UUID.test(openId) ? openId : undefined;
  const detail = useVisitPlan(openPlan);
  const [editing, setEditing] = useState<{ plan?: VisitPlanView } | null>(null);
  const [recording, setRecording] = useState<VisitPlanAssignmentView | null>(null);
  const [form] = Form.useForm<FilterValues>();

  const go = (next: VisitPlanQuery, plan: string | undefined = openPlan) =>
    setSearchParams(
      cleanParams({
        kind: next.kind,
        current: next.activeOn ? '1' : undefined,
        page: next.page !== 1 ? next.page : undefined,
        pageSize: next.pageSize !== PAGE_SIZE ? next.pageSize : undefined,
        plan,
      }),
    );

  const columns: TableColumnsType<VisitPlanSummary> = [
    {
      title: t('visits.plans.fields.name'),
      dataIndex: 'name',
      render: (name: string, plan) => (
        <button
          type="button"
          className="link-button record-link"
          onClick={() => go(query, plan.id)}
          data-testid="visit-plan-open"
        >
          {name}
        </button>
      ),
    },
    {
      title: t('visits.fields.kind'),
      dataIndex: 'kind',
      width: 150,
      render: (kind: VisitKind) => <VisitKindTag kind={kind} />,
    },
    { title: t('visits.plans.fields.orgUnit'), dataIndex: 'orgUnitName', width: 160 },
    {
      title: t('visits.plans.fields.period'),
      key: 'period',
      width: 220,
      render: (_, plan) => `${plan.startsOn} ~ ${plan.endsOn}`,
    },
    {
      title: t('visits.plans.fields.progress'),
      dataIndex: 'progress',
      width: 220,
      render: (progress: VisitPlanSummary['progress']) => (
        <PlanProgress done={progress.done} total={progress.total} />
      ),
    },
  ];

  return (
    <div data-testid="visit-plans-page">
      <PageHeader
        title={t('visits.plans.title')}
        extra={
          <Space>
            <Link to="/visits">
              <Button>{t('visits.plans.visitsLink')}</Button>
            </Link>
            {can('visits.write') ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing({})}
                data-testid="visit-plan-create"
              >
                {t('visits.plans.create')}
              </Button>
            ) : null}
          </Space>
        }
      >
        {t('visits.plans.intro')}
      </PageHeader>
      <Card className="table-card">
        <Form<FilterValues>
          form={form}
          layout="inline"
          className="filter-form table-toolbar"
          initialValues={{ kind: query.kind, current: query.activeOn !== undefined }}
          onFinish={(values) =>
            go({ ...query, kind: values.kind, activeOn: values.current ? today : undefined, page: 1 })
          }
        >
          <Form.Item name="kind">
            <Select
              allowClear
              placeholder={t('visits.fields.kind')}
              style={{ width: 160 }}
              options={VISIT_KINDS.map((kind) => ({ value: kind, label: t(`visits.kind.${kind}`) }))}
            />
          </Form.Item>
          <Form.Item name="current" valuePropName="checked">
            <Checkbox>{t('visits.plans.currentOnly')}</Checkbox>
          </Form.Item>
          <FilterActions
            onReset={() => {
              form.setFieldsValue({ kind: undefined, current: false });
              setSearchParams({});
            }}
            onRefresh={plans.refetch}
          />
        </Form>
        <PagedTable<VisitPlanSummary, VisitPlanQuery>
          result={plans}
          query={query}
          setQuery={(next) => go(next)}
          columns={columns}
          scroll={{ x: 960 }}
          testId="visit-plan-table"
        />
      </Card>
      {openPlan ? (
        <Drawer
          open
          size={720}
          title={t('visits.plans.detail.title')}
          onClose={() => go(query, undefined)}
          data-testid="visit-plan-detail"
        >
          <DetailGate result={detail}>
            {(plan) => <PlanDetail plan={plan} onEdit={() => setEditing({ plan })} onRecord={setRecording} />}
          </DetailGate>
        </Drawer>
      ) : null}
      {editing ? (
        <VisitPlanFormDrawer
          plan={editing.plan}
          onClose={() => setEditing(null)}
          onSaved={(plan) => go(query, plan.id)}
        />
      ) : null}
      {recording && detail.data ? (
        <VisitFormDrawer
          enterprise={{ id: recording.enterpriseId, name: recording.enterpriseName }}
          planId={detail.data.id}
          onClose={() => setRecording(null)}
        />
      ) : null}
    </div>
  );
}
