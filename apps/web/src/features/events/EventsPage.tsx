// 教育培训 the events of the caller's scope: a list filtered by kind and dates, a month calendar, the figures
// by kind and month (人次, persons, enterprises), the kinds in effect (their federation's, configurable), and
// the drawer where those who run events create one with its sessions and audience.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Badge,
  Button,
  Calendar,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  ENTERPRISE_SIZES,
  ENTERPRISE_SIZE_LABELS,
  EVENT_AUDIENCES,
  EVENT_AUDIENCE_LABELS,
  EVENT_STATE_LABELS,
  type CreateEventRequest,
  type EnterpriseSize,
  type EventAudience,
  type EventSummary,
  type EventView,
} from '@qinqing/shared';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { FormDrawer } from '../../components/FormDrawer.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { formatDateTime } from '../../components/format.ts';
import { ChamberSelect } from '../chambers/ChamberSelect.tsx';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { eventsQueryKey, useEventKinds, useEventStats, useEvents } from './api.ts';
import { EventKindsPanel } from './EventKindsPanel.tsx';
import { InviteesSelect } from './InviteesSelect.tsx';
import { CampaignSelect, PolicySelect } from './LinkSelects.tsx';

const STATE_COLORS = { open: 'green', closed: 'default', cancelled: 'red' } as const;

export function EventsPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const tab = params.get('tab') ?? 'list';
  const filters = {
    kind: params.get('kind') ?? undefined,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    organizerId: params.get('organizerId') ?? undefined,
    orgUnitId: params.get('orgUnitId') ?? undefined,
    mine: params.get('mine') ?? undefined,
    policyId: params.get('policyId') ?? undefined,
    campaignId: params.get('campaignId') ?? undefined,
  };
  const set = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  const figures = can('events.manage') || can('dashboard.read');
  return (
    <>
      <PageHeader
        title={t('events.title')}
        extra={
          can('events.manage') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="event-create"
            >
              {t('events.create')}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => set('tab', key === 'list' ? undefined : key)}
        items={[
          { key: 'list', label: t('events.tabs.list'), children: <EventList filters={filters} set={set} /> },
          { key: 'calendar', label: t('events.tabs.calendar'), children: <EventCalendar /> },
          ...(figures ? [{ key: 'stats', label: t('events.tabs.stats'), children: <EventFigures /> }] : []),
          ...(can('events.manage') || can('events.configure')
            ? [{ key: 'kinds', label: t('events.tabs.kinds'), children: <EventKindsPanel /> }]
            : []),
        ]}
      />
      {creating ? <EventDrawer onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function EventList({
  filters,
  set,
}: {
  filters: Record<string, string | undefined>;
  set: (key: string, value: string | undefined) => void;
}) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const { data, isFetching } = useEvents(filters, page);
  const kinds = useEventKinds();
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('events.allKinds')}
          value={filters.kind}
          onChange={(v) => set('kind', v)}
          options={(kinds.data?.items ?? []).map((k) => ({
            value: k.code,
            label: k.active ? k.label : `${k.label}${t('events.kinds.retiredSuffix')}`,
          }))}
        />
        <DatePicker.RangePicker
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(range) => {
            set('from', range?.[0]?.format('YYYY-MM-DD'));
            set('to', range?.[1]?.format('YYYY-MM-DD'));
          }}
        />
      </Space>
      <Table<EventSummary>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        data-testid="events-table"
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: data?.pageSize ?? 50,
          total: data?.total ?? 0,
          onChange: setPage,
        }}
        columns={[
          {
            title: t('events.fields.title'),
            dataIndex: 'title',
            render: (title: string, row) => <Link to={`/events/${row.id}`}>{title}</Link>,
          },
          {
            title: t('events.fields.kind'),
            dataIndex: 'kindLabel',
          },
          { title: t('events.fields.organizer'), dataIndex: ['organizer', 'name'] },
          { title: t('events.fields.time'), dataIndex: 'startsAt', render: (v: string) => formatDateTime(v) },
          {
            title: t('events.fields.state'),
            dataIndex: 'state',
            render: (s: EventSummary['state']) => <Tag color={STATE_COLORS[s]}>{EVENT_STATE_LABELS[s]}</Tag>,
          },
          {
            title: t('events.fields.registered'),
            render: (_: unknown, row) => `${row.registered}${row.capacity ? ` / ${row.capacity}` : ''}`,
            align: 'right',
          },
          {
            title: t('events.fields.figures'),
            align: 'right',
            render: (_: unknown, row) =>
              `${row.figures.personTimes} / ${row.figures.persons} / ${row.figures.enterprises}`,
          },
        ]}
      />
    </>
  );
}

function EventCalendar() {
  const [month, setMonth] = useState(() => dayjs());
  const from = month.startOf('month').format('YYYY-MM-DD');
  const to = month.endOf('month').format('YYYY-MM-DD');
  const { data } = useEvents({ from, to }, 1, 500);
  const byDay = new Map<string, EventSummary[]>();
  for (const event of data?.items ?? []) {
    const day = dayjs(event.startsAt).format('YYYY-MM-DD');
    byDay.set(day, [...(byDay.get(day) ?? []), event]);
  }
  return (
    <Calendar
      value={month}
      onPanelChange={(value) => setMonth(value)}
      onSelect={(value) => setMonth(value)}
      cellRender={(value: Dayjs, info) =>
        info.type === 'date' ? (
          <ul className="events-calendar-cell" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {(byDay.get(value.format('YYYY-MM-DD')) ?? []).map((event) => (
              <li key={event.id}>
                <Link to={`/events/${event.id}`}>
                  <Badge status={event.state === 'open' ? 'processing' : 'default'} text={event.title} />
                </Link>
              </li>
            ))}
          </ul>
        ) : null
      }
    />
  );
}

function EventFigures() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState('kind');
  const { data, isFetching } = useEventStats({ groupBy });
  return (
    <>
      <Radio.Group
        value={groupBy}
        onChange={(e) => setGroupBy(e.target.value as string)}
        style={{ marginBottom: 12 }}
        options={[
          { value: 'kind', label: t('events.fields.kind') },
          { value: 'organizer', label: t('events.fields.organizer') },
          { value: 'month', label: t('events.period') },
        ]}
        optionType="button"
      />
      <Table
        rowKey="key"
        size="small"
        loading={isFetching}
        pagination={false}
        dataSource={data?.items ?? []}
        data-testid="events-stats"
        columns={[
          {
            title: '',
            dataIndex: 'label',
            render: (label: string, row: { link: string }) => <Link to={row.link}>{label}</Link>,
          },
          { title: '#', dataIndex: 'events', align: 'right' },
          { title: t('events.figures.personTimes'), dataIndex: 'personTimes', align: 'right' },
          { title: t('events.figures.persons'), dataIndex: 'persons', align: 'right' },
          { title: t('events.figures.enterprises'), dataIndex: 'enterprises', align: 'right' },
        ]}
        summary={() =>
          data ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{data.orgUnit.name}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">
                {data.total.events}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">
                {data.total.personTimes}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">
                {data.total.persons}
              </Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">
                {data.total.enterprises}
              </Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </>
  );
}

interface EventFormValues {
  title: string;
  kind: string;
  organizerId?: string;
  theme?: string;
  program?: string;
  capacity?: number;
  audienceKind: EventAudience;
  chamberId?: string;
  sizes?: EnterpriseSize[];
  industryPrefix?: string;
  tags?: string[];
  enterpriseIds?: string[];
  sessions: { startsAt: string; endsAt: string; place?: string; onlineUrl?: string }[];
  description?: string;
  policyIds?: string[];
  campaignId?: string | null;
}

function EventDrawer({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<EventFormValues>();
  const client = useQueryClient();
  const navigate = useNavigate();
  const { can } = useSession();
  const audience = Form.useWatch('audienceKind', form);
  // The organiser's federation's kinds in effect, retired ones left out (the caller's unit by default).
  const organizerId = Form.useWatch('organizerId', form);
  const kinds = useEventKinds(organizerId || undefined);
  const submit = async (values: EventFormValues) => {
    const body: CreateEventRequest = {
      title: values.title,
      kind: values.kind,
      organizerId: values.organizerId || undefined,
      theme: values.theme || undefined,
      program: values.program || undefined,
      description: values.description || undefined,
      capacity: values.capacity ?? undefined,
      audience: {
        kind: values.audienceKind,
        ...(values.audienceKind === 'chamber' ? { chamberId: values.chamberId } : {}),
        ...(values.audienceKind === 'conditions'
          ? {
              conditions: {
                sizes: values.sizes?.length ? values.sizes : undefined,
                industryPrefix: values.industryPrefix?.trim().toUpperCase() || undefined,
                tags: values.tags?.length ? values.tags : undefined,
              },
            }
          : {}),
        ...(values.audienceKind === 'invited' ? { enterpriseIds: values.enterpriseIds ?? [] } : {}),
      },
      sessions: values.sessions.map((s) => ({
        // datetime-local values are the browser's local time; dayjs gives them their offset.
        startsAt: dayjs(s.startsAt).format(),
        endsAt: dayjs(s.endsAt).format(),
        place: s.place || undefined,
        onlineUrl: s.onlineUrl || undefined,
      })),
      policyIds: values.policyIds?.length ? values.policyIds : undefined,
      campaignId: values.campaignId || undefined,
    };
    const { event } = await api.post<{ event: EventView }>('/events', body);
    await client.invalidateQueries({ queryKey: eventsQueryKey });
    navigate(`/events/${event.id}`);
  };
  return (
    <FormDrawer<EventFormValues>
      title={t('events.create')}
      form={form}
      initialValues={{ kind: 'training', audienceKind: 'all_members', sessions: [{} as never] }}
      onSubmit={submit}
      onClose={onClose}
      size={640}
      testId="event-drawer"
      saveTestId="event-save"
    >
      <Form.Item name="title" label={t('events.fields.title')} rules={[{ required: true }]}>
        <Input maxLength={100} data-testid="event-title" />
      </Form.Item>
      <Form.Item name="kind" label={t('events.fields.kind')} rules={[{ required: true }]}>
        <Select
          data-testid="event-kind"
          options={(kinds.data?.items ?? [])
            .filter((k) => k.active)
            .map((k) => ({ value: k.code, label: k.label }))}
        />
      </Form.Item>
      <Form.Item name="organizerId" label={t('events.fields.organizer')}>
        <OrgUnitTreeSelect allowClear />
      </Form.Item>
      <Form.Item name="theme" label={t('events.fields.theme')}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item name="program" label={t('events.fields.program')}>
        <Input maxLength={100} />
      </Form.Item>
      <Form.Item name="capacity" label={t('events.fields.capacity')}>
        <InputNumber min={1} max={100000} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="audienceKind" label={t('events.fields.audience')}>
        <Radio.Group
          data-testid="event-audience"
          options={EVENT_AUDIENCES.map((a) => ({ value: a, label: EVENT_AUDIENCE_LABELS[a] }))}
        />
      </Form.Item>
      {audience === 'chamber' ? (
        <Form.Item name="chamberId" label={t('events.fields.chamber')} rules={[{ required: true }]}>
          <ChamberSelect id="event-chamber" />
        </Form.Item>
      ) : null}
      {audience === 'conditions' ? (
        <>
          <Typography.Paragraph type="secondary">{t('events.fields.conditionsHint')}</Typography.Paragraph>
          <Form.Item name="sizes" label={t('events.fields.sizes')}>
            <Select
              mode="multiple"
              allowClear
              data-testid="event-sizes"
              options={ENTERPRISE_SIZES.map((size) => ({ value: size, label: ENTERPRISE_SIZE_LABELS[size] }))}
            />
          </Form.Item>
          <Form.Item
            name="industryPrefix"
            label={t('events.fields.industryPrefix')}
            rules={[
              { pattern: /^(?:[A-Ta-t]|[0-9]{2,4})$/, message: t('events.fields.industryPrefixFormat') },
            ]}
          >
            <Input
              maxLength={4}
              style={{ width: 160 }}
              placeholder="C / 27 / 2710"
              data-testid="event-industry"
            />
          </Form.Item>
          <Form.Item name="tags" label={t('events.fields.tags')}>
            <Select mode="tags" allowClear maxCount={10} data-testid="event-tags" />
          </Form.Item>
        </>
      ) : null}
      {audience === 'invited' ? (
        <Form.Item name="enterpriseIds" label={t('events.fields.enterprises')} rules={[{ required: true }]}>
          <InviteesSelect id="event-invitees" />
        </Form.Item>
      ) : null}
      <Form.List name="sessions">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field, index) => (
              <Space key={field.key} align="baseline" wrap data-testid={`event-session-${index}`}>
                <Form.Item
                  name={[field.name, 'startsAt']}
                  label={`${t('events.session', { seq: index + 1 })} ${t('events.fields.startsAt')}`}
                  rules={[{ required: true }]}
                >
                  <Input type="datetime-local" data-testid={`event-session-${index}-start`} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'endsAt']}
                  label={t('events.fields.endsAt')}
                  rules={[{ required: true }]}
                >
                  <Input type="datetime-local" data-testid={`event-session-${index}-end`} />
                </Form.Item>
                <Form.Item name={[field.name, 'place']} label={t('events.fields.place')}>
                  <Input maxLength={200} style={{ width: 160 }} />
                </Form.Item>
                <Form.Item
                  name={[field.name, 'onlineUrl']}
                  label={t('events.fields.onlineUrl')}
                  rules={[{ type: 'url' }]}
                >
                  <Input
                    maxLength={500}
                    style={{ width: 220 }}
                    placeholder="https://"
                    data-testid={`event-session-${index}-online`}
                  />
                </Form.Item>
                {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(field.name)} /> : null}
              </Space>
            ))}
            <Button
              type="dashed"
              onClick={() => add()}
              icon={<PlusOutlined />}
              data-testid="event-add-session"
            >
              {t('events.addSession')}
            </Button>
          </>
        )}
      </Form.List>
      <Form.Item name="description" label={t('events.fields.description')} style={{ marginTop: 16 }}>
        <Input.TextArea rows={3} maxLength={4000} />
      </Form.Item>
      {can('policies.read') ? (
        <Form.Item name="policyIds" label={t('events.fields.policies')}>
          <PolicySelect id="event-policies" />
        </Form.Item>
      ) : null}
      {can('donations.read') ? (
        <Form.Item name="campaignId" label={t('events.fields.campaign')}>
          <CampaignSelect id="event-campaign" />
        </Form.Item>
      ) : null}
    </FormDrawer>
  );
}
