// 志愿服务: volunteers (with how many are party members), teams, activities with sign-up and hours served
// (a chamber's activity pending until staff confirm it) and blood drives, one tab each (?tab= in the URL).
// Hours are typed and shown as decimal strings; the server keeps whole minutes.
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
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
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ActivityStatus, ActivityView, BloodDriveView, TeamView, VolunteerView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { LocalPagedTable } from '../../components/PagedTable.tsx';
import { errorText } from '../../components/errors.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import {
  createActivity,
  createBloodDrive,
  createTeam,
  createVolunteer,
  recordService,
  searchPeople,
  transitionActivity,
  useActivities,
  useActivity,
  useBloodDrives,
  useTeams,
  useVolunteers,
  volunteersQueryKey,
} from './api.ts';

const TABS = ['volunteers', 'teams', 'activities', 'bloodDrives'] as const;
type Tab = (typeof TABS)[number];
const day = (value: Dayjs) => value.format('YYYY-MM-DD');
const STATUS_COLOURS: Record<ActivityStatus, string> = {
  pending: 'gold',
  confirmed: 'green',
  void: 'default',
};

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: volunteersQueryKey });
}

export function VolunteersPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'volunteers';
  return (
    <>
      <PageHeader title={t('volunteers.title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'volunteers' ? {} : { tab: key })}
        items={TABS.map((key) => ({
          key,
          label: t(`volunteers.tabs.${key}`),
          children:
            key === 'volunteers' ? (
              <VolunteersTab />
            ) : key === 'teams' ? (
              <TeamsTab />
            ) : key === 'activities' ? (
              <ActivitiesTab />
            ) : (
              <BloodDrivesTab />
            ),
        }))}
      />
    </>
  );
}

function VolunteersTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const partyMember = params.get('partyMember') === 'true' ? true : undefined;
  const [page, setPage] = useState(1);
  const [q, setQ] = useState('');
  const [registering, setRegistering] = useState(false);
  const volunteers = useVolunteers({ partyMember, q: q || undefined, page, pageSize: 20 });
  const { data } = volunteers;
  const columns: TableColumnsType<VolunteerView> = [
    { title: t('volunteers.fields.name'), dataIndex: 'name', fixed: 'left', width: 120 },
    {
      title: t('volunteers.fields.enterprise'),
      dataIndex: 'enterpriseName',
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('volunteers.fields.partyMember'),
      dataIndex: 'partyMember',
      width: 100,
      render: (v: boolean) => (v ? <Tag color="red">{t('volunteers.yes')}</Tag> : t('volunteers.no')),
    },
    {
      title: t('volunteers.fields.skills'),
      dataIndex: 'skills',
      render: (v: string[]) => v.join('、') || '—',
    },
    {
      title: t('volunteers.fields.teams'),
      dataIndex: 'teams',
      render: (v: VolunteerView['teams']) => v.map((team) => team.name).join('、') || '—',
    },
    { title: t('volunteers.fields.hours'), dataIndex: 'hoursServed', width: 130, align: 'right' },
    { title: t('volunteers.fields.times'), dataIndex: 'timesServed', width: 100, align: 'right' },
    { title: t('volunteers.fields.registeredOn'), dataIndex: 'registeredOn', width: 120 },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder={t('volunteers.searchPlaceholder')}
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          style={{ width: 220 }}
        />
        <Checkbox
          checked={partyMember === true}
          onChange={(event) => {
            setParams(event.target.checked ? { partyMember: 'true' } : {});
            setPage(1);
          }}
          data-testid="party-only"
        >
          {t('volunteers.partyOnly')}
        </Checkbox>
        {can('volunteers.write') ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setRegistering(true)}>
            {t('volunteers.register')}
          </Button>
        ) : null}
      </Space>
      {data ? (
        <Typography.Paragraph data-testid="volunteer-counts">
          {t('volunteers.counts', {
            total: partyMember ? data.partyMembers : data.total,
            party: data.partyMembers,
          })}
        </Typography.Paragraph>
      ) : null}
      <LocalPagedTable<VolunteerView>
        result={volunteers}
        page={page}
        onPage={setPage}
        columns={columns}
        scroll={{ x: 1000 }}
        testId="volunteers-table"
      />
      {registering ? <RegisterVolunteerModal onClose={() => setRegistering(false)} /> : null}
    </>
  );
}

interface VolunteerForm {
  source: 'enterprise' | 'person';
  enterpriseId?: string;
  personId?: string;
  name?: string;
  partyMember?: boolean;
  skills?: string[];
  teamIds?: string[];
}

function PersonSelect({ value, onChange }: { value?: string; onChange?: (value: string) => void }) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  return (
    <Select
      showSearch={{
        filterOption: false,
        onSearch: async (text) => {
          if (!text.trim()) return;
          const page = await searchPeople(text.trim());
          setOptions(page.items.map((person) => ({ value: person.id, label: person.name })));
        },
      }}
      value={value}
      onChange={onChange}
      options={options}
    />
  );
}

function RegisterVolunteerModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<VolunteerForm>();
  const refresh = useRefresh();
  const teams = useTeams();
  const source = Form.useWatch('source', form) ?? 'enterprise';
  return (
    <FormModal<VolunteerForm>
      title={t('volunteers.register')}
      form={form}
      initialValues={{ source: 'enterprise', partyMember: false }}
      okTestId="volunteer-save"
      onClose={onClose}
      onSubmit={async (values) => {
        await createVolunteer(
          values.source === 'person'
            ? { personId: values.personId, skills: values.skills ?? [], teamIds: values.teamIds ?? [] }
            : {
                enterpriseId: values.enterpriseId,
                name: values.name,
                partyMember: values.partyMember ?? false,
                skills: values.skills ?? [],
                teamIds: values.teamIds ?? [],
              },
        );
        await refresh();
      }}
    >
      <Form.Item name="source" label={t('volunteers.fields.source')}>
        <Radio.Group
          options={(['enterprise', 'person'] as const).map((value) => ({
            value,
            label: t(`volunteers.source.${value}`),
          }))}
        />
      </Form.Item>
      {source === 'person' ? (
        <Form.Item name="personId" label={t('volunteers.fields.person')} rules={[{ required: true }]}>
          <PersonSelect />
        </Form.Item>
      ) : (
        <>
          <Form.Item
            name="enterpriseId"
            label={t('volunteers.fields.enterprise')}
            rules={[{ required: true }]}
          >
            <EnterprisePicker />
          </Form.Item>
          <Form.Item name="name" label={t('volunteers.fields.name')} rules={[{ required: true }]}>
            <Input maxLength={50} data-testid="volunteer-name" />
          </Form.Item>
          <Form.Item name="partyMember" valuePropName="checked">
            <Checkbox data-testid="volunteer-party">{t('volunteers.fields.partyMember')}</Checkbox>
          </Form.Item>
        </>
      )}
      <Form.Item name="skills" label={t('volunteers.fields.skills')}>
        <Select mode="tags" tokenSeparators={[',', '，', '、']} />
      </Form.Item>
      <Form.Item name="teamIds" label={t('volunteers.fields.teams')}>
        <Select
          mode="multiple"
          options={(teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))}
        />
      </Form.Item>
    </FormModal>
  );
}

function TeamsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data, isFetching } = useTeams();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{ name: string; foundedOn: Dayjs }>();
  const refresh = useRefresh();
  const columns: TableColumnsType<TeamView> = [
    { title: t('volunteers.fields.teamName'), dataIndex: 'name' },
    { title: t('volunteers.fields.orgUnit'), dataIndex: 'orgUnitName' },
    { title: t('volunteers.fields.foundedOn'), dataIndex: 'foundedOn', width: 120 },
    { title: t('volunteers.fields.members'), dataIndex: 'members', width: 90, align: 'right' },
    { title: t('volunteers.fields.partyMembers'), dataIndex: 'partyMembers', width: 100, align: 'right' },
    { title: t('volunteers.fields.hours'), dataIndex: 'hoursServed', width: 140, align: 'right' },
    { title: t('volunteers.fields.personTimes'), dataIndex: 'personTimes', width: 100, align: 'right' },
  ];
  return (
    <>
      {can('volunteers.write') ? (
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 16 }}>
          {t('volunteers.createTeam')}
        </Button>
      ) : null}
      <Table<TeamView>
        rowKey="id"
        loading={isFetching}
        columns={columns}
        dataSource={data?.items}
        pagination={false}
      />
      {creating ? (
        <FormModal
          title={t('volunteers.createTeam')}
          form={form}
          initialValues={{ foundedOn: dayjs() }}
          onClose={() => setCreating(false)}
          onSubmit={async (values) => {
            await createTeam({ name: values.name, foundedOn: day(values.foundedOn) });
            await refresh();
          }}
        >
          <Form.Item name="name" label={t('volunteers.fields.teamName')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="foundedOn" label={t('volunteers.fields.foundedOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}

function ActivitiesTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [page, setPage] = useState(1);
  const activities = useActivities({ page, pageSize: 20 });
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string>();
  const teams = useTeams();
  const [form] = Form.useForm<{ title: string; heldOn: Dayjs; place?: string; teamId?: string }>();
  const refresh = useRefresh();
  const columns: TableColumnsType<ActivityView> = [
    {
      title: t('volunteers.fields.title'),
      dataIndex: 'title',
      fixed: 'left',
      render: (title: string, row) => (
        <Typography.Link onClick={() => setOpen(row.id)} data-testid="activity-link">
          {title}
        </Typography.Link>
      ),
    },
    { title: t('volunteers.fields.heldOn'), dataIndex: 'heldOn', width: 120 },
    { title: t('volunteers.fields.orgUnit'), dataIndex: 'orgUnitName' },
    { title: t('volunteers.fields.team'), dataIndex: 'teamName', render: (v: string | null) => v ?? '—' },
    {
      title: t('volunteers.fields.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: ActivityStatus) => (
        <Tag color={STATUS_COLOURS[status]}>{t(`volunteers.status.${status}`)}</Tag>
      ),
    },
    { title: t('volunteers.fields.signedUp'), dataIndex: 'signedUp', width: 80, align: 'right' },
    { title: t('volunteers.fields.personTimes'), dataIndex: 'personTimes', width: 100, align: 'right' },
    { title: t('volunteers.fields.hours'), dataIndex: 'hoursServed', width: 140, align: 'right' },
  ];
  return (
    <>
      {can('volunteers.write') ? (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setCreating(true)}
          style={{ marginBottom: 16 }}
          data-testid="activity-create"
        >
          {t('volunteers.createActivity')}
        </Button>
      ) : null}
      <LocalPagedTable<ActivityView>
        result={activities}
        page={page}
        onPage={setPage}
        columns={columns}
        scroll={{ x: 1000 }}
        testId="activities-table"
      />
      {creating ? (
        <FormModal
          title={t('volunteers.createActivity')}
          form={form}
          initialValues={{ heldOn: dayjs() }}
          okTestId="activity-save"
          onClose={() => setCreating(false)}
          onSubmit={async (values) => {
            const { activity } = await createActivity({
              title: values.title,
              heldOn: day(values.heldOn),
              place: values.place || null,
              teamId: values.teamId ?? null,
            });
            await refresh();
            setOpen(activity.id);
          }}
        >
          <Form.Item name="title" label={t('volunteers.fields.title')} rules={[{ required: true }]}>
            <Input maxLength={200} data-testid="activity-title" />
          </Form.Item>
          <Form.Item name="heldOn" label={t('volunteers.fields.heldOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="place" label={t('volunteers.fields.place')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="teamId" label={t('volunteers.fields.team')}>
            <Select
              allowClear
              options={(teams.data?.items ?? []).map((team) => ({ value: team.id, label: team.name }))}
            />
          </Form.Item>
        </FormModal>
      ) : null}
      {open ? <ActivityDrawer id={open} onClose={() => setOpen(undefined)} /> : null}
    </>
  );
}

interface HoursForm {
  entries: { volunteerId?: string; hours?: string }[];
}

function ActivityDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data: activity } = useActivity(id);
  const volunteers = useVolunteers({ page: 1, pageSize: 200 });
  const [recording, setRecording] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [form] = Form.useForm<HoursForm>();
  const refresh = useRefresh();
  const move = async (action: 'confirm' | 'void') => {
    if (!activity) return;
    setFailure(null);
    try {
      await transitionActivity(id, {
        action,
        version: activity.version,
        reason: action === 'void' ? t('volunteers.void') : undefined,
      });
      await refresh();
    } catch (error) {
      setFailure(errorText(error));
    }
  };
  return (
    <Drawer open width={720} title={activity?.title} onClose={onClose}>
      {activity ? (
        <>
          <Descriptions column={2} size="small" bordered>
            <Descriptions.Item label={t('volunteers.fields.heldOn')}>{activity.heldOn}</Descriptions.Item>
            <Descriptions.Item label={t('volunteers.fields.status')}>
              <Tag color={STATUS_COLOURS[activity.status]} data-testid="activity-status">
                {t(`volunteers.status.${activity.status}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('volunteers.fields.orgUnit')}>
              {activity.orgUnitName}
            </Descriptions.Item>
            <Descriptions.Item label={t('volunteers.fields.hours')}>
              <span data-testid="activity-hours">{activity.hoursServed}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('volunteers.fields.personTimes')}>
              <span data-testid="activity-person-times">{activity.personTimes}</span>
            </Descriptions.Item>
          </Descriptions>
          {activity.status === 'pending' ? (
            <Alert style={{ marginTop: 12 }} type="info" showIcon message={t('volunteers.pendingNote')} />
          ) : null}
          {failure ? <Alert style={{ marginTop: 12 }} type="error" showIcon message={failure} /> : null}
          <Space style={{ margin: '16px 0' }} wrap>
            {can('volunteers.write') && activity.status !== 'void' ? (
              <Button type="primary" onClick={() => setRecording(true)} data-testid="record-hours">
                {t('volunteers.recordHours')}
              </Button>
            ) : null}
            {can('volunteers.confirm') && activity.status === 'pending' ? (
              <Button onClick={() => void move('confirm')} data-testid="activity-confirm">
                {t('volunteers.confirm')}
              </Button>
            ) : null}
            {can('volunteers.confirm') && activity.status !== 'void' ? (
              <Button danger onClick={() => void move('void')}>
                {t('volunteers.void')}
              </Button>
            ) : null}
          </Space>
          <Typography.Title level={5}>{t('volunteers.participants')}</Typography.Title>
          <Table
            rowKey="volunteerId"
            size="small"
            pagination={false}
            dataSource={activity.participants ?? []}
            columns={[
              { title: t('volunteers.fields.name'), dataIndex: 'name' },
              {
                title: t('volunteers.fields.enterprise'),
                dataIndex: 'enterpriseName',
                render: (v) => v ?? '—',
              },
              {
                title: t('volunteers.fields.partyMember'),
                dataIndex: 'partyMember',
                render: (v: boolean) => (v ? t('volunteers.yes') : t('volunteers.no')),
              },
              {
                title: t('volunteers.fields.hours'),
                dataIndex: 'hours',
                align: 'right',
                render: (v: string | null) => v ?? t('volunteers.notServed'),
              },
            ]}
          />
          {recording ? (
            <FormModal<HoursForm>
              title={t('volunteers.recordHours')}
              form={form}
              initialValues={{ entries: [{}] }}
              okTestId="hours-save"
              onClose={() => setRecording(false)}
              onSubmit={async (values) => {
                await recordService(id, {
                  entries: values.entries.map((entry) => ({
                    volunteerId: entry.volunteerId ?? '',
                    hours: (entry.hours ?? '').trim(),
                  })),
                });
                await refresh();
              }}
            >
              <Form.List name="entries">
                {(fields, { add }) => (
                  <>
                    {fields.map((field) => (
                      <Space key={field.key} align="baseline">
                        <Form.Item name={[field.name, 'volunteerId']} rules={[{ required: true }]}>
                          <Select
                            showSearch={{ optionFilterProp: 'label' }}
                            style={{ width: 240 }}
                            placeholder={t('volunteers.volunteer')}
                            data-testid="hours-volunteer"
                            options={(volunteers.data?.items ?? []).map((v) => ({
                              value: v.id,
                              label: v.name,
                            }))}
                          />
                        </Form.Item>
                        <Form.Item
                          name={[field.name, 'hours']}
                          rules={[{ required: true }]}
                          extra={t('volunteers.hoursHint')}
                        >
                          <Input style={{ width: 120 }} data-testid="hours-value" />
                        </Form.Item>
                      </Space>
                    ))}
                    <Button onClick={() => add({})}>{t('volunteers.addEntry')}</Button>
                  </>
                )}
              </Form.List>
            </FormModal>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}

function BloodDrivesTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data, isFetching } = useBloodDrives();
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<{
    title: string;
    heldOn: Dayjs;
    place?: string;
    registered: number;
    donated: number;
  }>();
  const refresh = useRefresh();
  const columns: TableColumnsType<BloodDriveView> = [
    { title: t('volunteers.fields.title'), dataIndex: 'title' },
    { title: t('volunteers.fields.heldOn'), dataIndex: 'heldOn', width: 120 },
    { title: t('volunteers.fields.place'), dataIndex: 'place', render: (v: string | null) => v ?? '—' },
    { title: t('volunteers.fields.orgUnit'), dataIndex: 'orgUnitName' },
    { title: t('volunteers.fields.registered'), dataIndex: 'registered', width: 100, align: 'right' },
    { title: t('volunteers.fields.donated'), dataIndex: 'donated', width: 100, align: 'right' },
  ];
  return (
    <>
      <Space style={{ marginBottom: 16 }} wrap>
        {can('volunteers.write') ? (
          <Button icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('volunteers.createBloodDrive')}
          </Button>
        ) : null}
        {data ? (
          <Typography.Text>
            {t('volunteers.bloodTotals', { registered: data.registered, donated: data.donated })}
          </Typography.Text>
        ) : null}
      </Space>
      <Table<BloodDriveView>
        rowKey="id"
        loading={isFetching}
        columns={columns}
        dataSource={data?.items}
        pagination={false}
      />
      {creating ? (
        <FormModal
          title={t('volunteers.createBloodDrive')}
          form={form}
          initialValues={{ heldOn: dayjs(), registered: 0, donated: 0 }}
          onClose={() => setCreating(false)}
          onSubmit={async (values) => {
            await createBloodDrive({
              title: values.title,
              heldOn: day(values.heldOn),
              place: values.place || null,
              registered: values.registered,
              donated: values.donated,
            });
            await refresh();
          }}
        >
          <Form.Item name="title" label={t('volunteers.fields.title')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="heldOn" label={t('volunteers.fields.heldOn')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="place" label={t('volunteers.fields.place')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="registered" label={t('volunteers.fields.registered')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
          <Form.Item name="donated" label={t('volunteers.fields.donated')} rules={[{ required: true }]}>
            <InputNumber min={0} precision={0} />
          </Form.Item>
        </FormModal>
      ) : null}
    </>
  );
}
