// 捐赠: the donations ledger (filters kept in the URL, so a figure on the dashboard opens exactly its
// donations), the entry form (a donation of goods lists its items with quantity and value), a donation's
// drawer with staff's confirm / acknowledge / void, the acknowledgement letter and the evidence, and the campaigns and
// programs (?tab=campaigns) with a form to start one.
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
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
  Switch,
  Tabs,
  Tag,
  Typography,
  message,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import {
  CAMPAIGN_KIND_LABELS,
  CAMPAIGN_KINDS,
  DONATION_ACTION_LABELS,
  DONATION_CHANNEL_LABELS,
  DONATION_CHANNELS,
  DONATION_KIND_LABELS,
  DONATION_KINDS,
  DONATION_STATE_LABELS,
  DONATION_STATES,
  DONOR_KINDS,
  type CampaignSummary,
  type CreateDonationRequest,
  type DonationAction,
  type DonationKind,
  type DonationState,
  type DonationSummary,
  type DonorKind,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { LocalPagedTable } from '../../components/PagedTable.tsx';
import { errorText } from '../../components/errors.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EnterprisePicker } from '../enterprises/EnterprisePicker.tsx';
import {
  createCampaign,
  createDonation,
  donationsQueryKey,
  searchNamed,
  transitionDonation,
  useCampaigns,
  useDonation,
  useDonations,
  type DonationFilters,
} from './api.ts';
import { DonationEvidence } from './DonationEvidence.tsx';
import { yuan } from './format.ts';

const TABS = ['donations', 'campaigns'] as const;
type Tab = (typeof TABS)[number];
const FILTER_KEYS = [
  'campaignId',
  'donorId',
  'kind',
  'channel',
  'directed',
  'state',
  'orgUnitId',
  'from',
  'to',
  'q',
];
const STATE_COLOURS: Record<DonationState, string> = {
  pledged: 'gold',
  received: 'green',
  acknowledged: 'blue',
  voided: 'default',
};
const day = (value: Dayjs) => value.format('YYYY-MM-DD');

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: donationsQueryKey });
}

export function DonationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'campaigns' ? 'campaigns' : 'donations';
  return (
    <>
      <PageHeader title={t('donations.title')} />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'donations' ? {} : { tab: key })}
        items={TABS.map((key: Tab) => ({
          key,
          label: t(`donations.tabs.${key}`),
          children: key === 'donations' ? <DonationsTab /> : <CampaignsTab />,
        }))}
      />
    </>
  );
}

function DonationsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const filters: DonationFilters = Object.fromEntries(
    FILTER_KEYS.map((key) => [key, params.get(key) || undefined]),
  );
  const set = (changes: DonationFilters) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next);
  };
  const [recording, setRecording] = useState(false);
  const { data: campaigns } = useCampaigns({ page: 1, pageSize: 100 });
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          defaultValue={filters.q}
          placeholder={t('donations.searchPlaceholder')}
          onSearch={(value) => set({ q: value.trim() || undefined })}
          style={{ width: 220 }}
        />
        <Select
          allowClear
          style={{ width: 200 }}
          placeholder={t('donations.fields.campaign')}
          value={filters.campaignId}
          onChange={(value?: string) => set({ campaignId: value })}
          options={campaigns?.items.map((c) => ({ value: c.id, label: c.name }))}
          data-testid="filter-campaign"
        />
        <Select
          allowClear
          style={{ width: 120 }}
          placeholder={t('donations.allKinds')}
          value={filters.kind}
          onChange={(value?: string) => set({ kind: value })}
          options={DONATION_KINDS.map((kind) => ({ value: kind, label: DONATION_KIND_LABELS[kind] }))}
        />
        <Select
          allowClear
          style={{ width: 130 }}
          placeholder={t('donations.allChannels')}
          value={filters.channel}
          onChange={(value?: string) => set({ channel: value })}
          options={DONATION_CHANNELS.map((c) => ({ value: c, label: DONATION_CHANNEL_LABELS[c] }))}
        />
        <Select
          allowClear
          style={{ width: 150 }}
          placeholder={t('donations.allStates')}
          value={filters.state}
          onChange={(value?: string) => set({ state: value })}
          options={[
            { value: 'confirmed', label: t('donations.confirmedOnly') },
            ...DONATION_STATES.map((s) => ({ value: s, label: DONATION_STATE_LABELS[s] })),
          ]}
        />
        <Checkbox
          checked={filters.directed === 'true'}
          onChange={(event) => set({ directed: event.target.checked ? 'true' : undefined })}
        >
          {t('donations.directedOnly')}
        </Checkbox>
        <DatePicker.RangePicker
          value={filters.from && filters.to ? [dayjs(filters.from), dayjs(filters.to)] : null}
          onChange={(range) =>
            set({ from: range?.[0] ? day(range[0]) : undefined, to: range?.[1] ? day(range[1]) : undefined })
          }
        />
        {can('donations.record') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRecording(true)}
            data-testid="donation-record"
          >
            {t('donations.record')}
          </Button>
        ) : null}
      </Space>
      <DonationsTable filters={filters} />
      {recording ? (
        <DonationFormModal campaigns={campaigns?.items ?? []} onClose={() => setRecording(false)} />
      ) : null}
    </>
  );
}

/** The donations matching the filters, with their confirmed total; a row opens the donation. */
export function DonationsTable({ filters, pageSize = 20 }: { filters: DonationFilters; pageSize?: number }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string>();
  const donations = useDonations(filters, page, pageSize);
  const { data } = donations;
  const columns: TableColumnsType<DonationSummary> = [
    { title: t('donations.fields.donatedOn'), dataIndex: 'donatedOn', width: 110, fixed: 'left' },
    {
      title: t('donations.fields.donor'),
      dataIndex: ['donor', 'name'],
      fixed: 'left',
      width: 220,
      render: (name: string, row) => (
        <Button
          type="link"
          style={{ padding: 0, whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => setOpen(row.id)}
        >
          {name}
        </Button>
      ),
    },
    {
      title: t('donations.fields.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (k: DonationKind) => DONATION_KIND_LABELS[k],
    },
    {
      title: t('donations.fields.amount'),
      dataIndex: 'amount',
      width: 140,
      align: 'right',
      render: (a: string) => yuan(a),
    },
    {
      title: t('donations.fields.campaign'),
      dataIndex: ['campaign', 'name'],
      render: (name: string | undefined, row) =>
        row.campaign ? <Link to={`/campaigns/${row.campaign.id}`}>{name}</Link> : '—',
    },
    {
      title: t('donations.fields.channel'),
      dataIndex: 'channel',
      width: 160,
      render: (c: DonationSummary['channel'], row) => row.channelName ?? DONATION_CHANNEL_LABELS[c],
    },
    {
      title: t('donations.fields.directed'),
      dataIndex: 'directedTo',
      width: 140,
      render: (to: string | null, row) => (row.directed ? <Tag color="red">{to}</Tag> : '—'),
    },
    {
      title: t('donations.fields.state'),
      dataIndex: 'state',
      width: 100,
      fixed: 'right',
      render: (s: DonationState) => <Tag color={STATE_COLOURS[s]}>{DONATION_STATE_LABELS[s]}</Tag>,
    },
  ];
  return (
    <>
      {data ? (
        <Typography.Paragraph data-testid="donations-confirmed">
          {t('donations.confirmedTotal', {
            count: data.confirmed.count,
            amount: yuan(data.confirmed.amount),
          })}
        </Typography.Paragraph>
      ) : null}
      <LocalPagedTable<DonationSummary>
        result={donations}
        page={page}
        onPage={setPage}
        columns={columns}
        pageSize={pageSize}
        scroll={{ x: 1200 }}
        testId="donations-table"
      />
      {open ? <DonationDrawer id={open} onClose={() => setOpen(undefined)} /> : null}
    </>
  );
}

function DonationDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const refresh = useRefresh();
  const { data: donation, error } = useDonation(id);
  const [reason, setReason] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const act = async (action: DonationAction) => {
    if (!donation) return;
    setFailure(null);
    try {
      await transitionDonation(donation.id, {
        action,
        version: donation.version,
        ...(reason ? { reason } : {}),
      });
      void message.success(t('donations.actionDone', { action: DONATION_ACTION_LABELS[action] }));
      await refresh();
    } catch (caught) {
      setFailure(errorText(caught));
    }
  };
  return (
    <Drawer open width={640} title={t('donations.detail')} onClose={onClose} data-testid="donation-drawer">
      {error ? <Alert type="error" showIcon message={errorText(error)} /> : null}
      {donation ? (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('donations.fields.donor')}>
              {donation.donor.name}（{t(`donations.donorKinds.${donation.donor.kind}`)}）
            </Descriptions.Item>
            <Descriptions.Item label={t('donations.fields.orgUnit')}>
              {donation.orgUnitName}
            </Descriptions.Item>
            <Descriptions.Item label={t('donations.fields.kind')}>
              {DONATION_KIND_LABELS[donation.kind]}
            </Descriptions.Item>
            <Descriptions.Item label={t('donations.fields.amount')}>
              <span data-testid="donation-amount">{yuan(donation.amount)}</span>
            </Descriptions.Item>
            {donation.items.length > 0 ? (
              <Descriptions.Item label={t('donations.fields.items')}>
                {donation.items
                  .map(
                    (item) =>
                      `${item.name} ${item.quantity}${item.unit ?? ''}${item.value ? `（${item.value} 元）` : ''}`,
                  )
                  .join('；')}
              </Descriptions.Item>
            ) : null}
            {donation.rentTenants ? (
              <Descriptions.Item label={t('donations.fields.rentTenants')}>
                {donation.rentTenants} × {donation.rentMonths}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('donations.fields.campaign')}>
              {donation.campaign?.name ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('donations.fields.channel')}>
              {DONATION_CHANNEL_LABELS[donation.channel]}
              {donation.channelName ? `：${donation.channelName}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('donations.fields.recipient')}>
              {donation.recipient ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('donations.fields.directed')}>
              {donation.directed ? donation.directedTo : '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('donations.fields.donatedOn')}>
              {donation.donatedOn}
            </Descriptions.Item>
            <Descriptions.Item label={t('donations.fields.receiptNumber')}>
              {donation.receiptNumber ?? '—'}
            </Descriptions.Item>
            {donation.partyMemberCount ? (
              <Descriptions.Item label={t('donations.fields.partyMemberCount')}>
                {donation.partyMemberCount}
              </Descriptions.Item>
            ) : null}
            <Descriptions.Item label={t('donations.fields.state')}>
              <Tag color={STATE_COLOURS[donation.state]} data-testid="donation-state">
                {DONATION_STATE_LABELS[donation.state]}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('donations.fields.recordedBy')}>
              {donation.recordedBy ?? '—'}
            </Descriptions.Item>
            <Descriptions.Item label={t('donations.fields.confirmedBy')}>
              {donation.confirmedBy ?? '—'}
            </Descriptions.Item>
            {donation.voidReason ? (
              <Descriptions.Item label={t('donations.fields.voidReason')}>
                {donation.voidReason}
              </Descriptions.Item>
            ) : null}
            {donation.note ? (
              <Descriptions.Item label={t('donations.fields.note')}>{donation.note}</Descriptions.Item>
            ) : null}
          </Descriptions>
          {failure ? <Alert type="error" showIcon message={failure} style={{ marginTop: 16 }} /> : null}
          <Space wrap style={{ marginTop: 16 }}>
            {donation.actions.includes('void') ? (
              <Input
                placeholder={t('donations.voidReason')}
                value={reason}
                onChange={(event) => setReason(event.target.value)}
                style={{ width: 200 }}
              />
            ) : null}
            {donation.actions.map((action) => (
              <Button
                key={action}
                type={action === 'void' ? 'default' : 'primary'}
                danger={action === 'void'}
                onClick={() => void act(action)}
                data-testid={`donation-${action}`}
              >
                {DONATION_ACTION_LABELS[action]}
              </Button>
            ))}
            {donation.state === 'received' || donation.state === 'acknowledged' ? (
              <Button
                href={`/api/donations/${donation.id}/acknowledgement.docx`}
                data-testid="donation-letter"
              >
                {t('donations.acknowledgement')}
              </Button>
            ) : null}
          </Space>
          <DonationEvidence donation={donation} />
        </>
      ) : null}
    </Drawer>
  );
}

interface DonationForm {
  campaignId?: string;
  donorKind: DonorKind;
  donorId?: string;
  kind: DonationKind;
  amount?: string;
  items?: { name: string; quantity: number; unit?: string; value?: string }[];
  rentTenants?: number;
  rentMonths?: number;
  channel: CreateDonationRequest['channel'];
  channelName?: string;
  recipient?: string;
  directed?: boolean;
  directedTo?: string;
  donatedOn: Dayjs;
  receiptNumber?: string;
  partyMemberCount?: number;
  note?: string;
}

const DONOR_FIELD: Record<DonorKind, keyof CreateDonationRequest> = {
  enterprise: 'donorEnterpriseId',
  person: 'donorPersonId',
  chamber: 'donorChamberId',
  party_organization: 'donorPartyOrganizationId',
};
const DONOR_SEARCH = {
  person: '/people',
  chamber: '/chambers',
  party_organization: '/party-organizations',
} as const;

/** A chamber, party organization or person found by typing part of its name. */
function NamedPicker({
  path,
  value,
  onChange,
  id,
}: {
  path: (typeof DONOR_SEARCH)[keyof typeof DONOR_SEARCH];
  value?: string;
  onChange?: (value: string) => void;
  id?: string;
}) {
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const search = async (q: string) => {
    const page = await searchNamed(path, q);
    setOptions(page.items.map((item) => ({ value: item.id, label: item.name })));
  };
  return (
    <Select
      id={id}
      showSearch
      value={value}
      filterOption={false}
      onSearch={(q) => void search(q)}
      onFocus={() => void search('')}
      onChange={onChange}
      options={options}
      data-testid="donor-named-picker"
    />
  );
}

export function DonationFormModal({
  campaigns,
  campaignId,
  onClose,
}: {
  campaigns: readonly CampaignSummary[];
  campaignId?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<DonationForm>();
  const refresh = useRefresh();
  const kind = Form.useWatch('kind', form);
  const donorKind = Form.useWatch('donorKind', form);
  const directed = Form.useWatch('directed', form);
  const channel = Form.useWatch('channel', form);
  return (
    <FormModal<DonationForm>
      title={t('donations.record')}
      form={form}
      width={720}
      okTestId="donation-submit"
      initialValues={{
        kind: 'cash',
        donorKind: 'enterprise',
        channel: 'direct',
        donatedOn: dayjs(),
        campaignId,
      }}
      onClose={onClose}
      onSubmit={async (values) => {
        const body: CreateDonationRequest = {
          campaignId: values.campaignId || null,
          [DONOR_FIELD[values.donorKind]]: values.donorId,
          kind: values.kind,
          ...(values.amount ? { amount: values.amount.trim() } : {}),
          ...(values.kind === 'goods'
            ? {
                items: (values.items ?? []).map((item) => ({
                  name: item.name,
                  quantity: item.quantity,
                  ...(item.unit ? { unit: item.unit } : {}),
                  ...(item.value ? { value: item.value.trim() } : {}),
                })),
              }
            : {}),
          ...(values.kind === 'rent_reduction'
            ? { rentTenants: values.rentTenants, rentMonths: values.rentMonths }
            : {}),
          channel: values.channel,
          channelName: values.channelName || null,
          recipient: values.recipient || null,
          directed: values.directed ?? false,
          directedTo: values.directed ? values.directedTo || null : null,
          donatedOn: day(values.donatedOn),
          receiptNumber: values.receiptNumber || null,
          ...(values.donorKind === 'party_organization' && values.partyMemberCount
            ? { partyMemberCount: values.partyMemberCount }
            : {}),
          note: values.note || null,
        };
        await createDonation(body);
        await refresh();
      }}
    >
      <Form.Item name="campaignId" label={t('donations.fields.campaign')}>
        <Select
          allowClear
          options={campaigns.map((c) => ({ value: c.id, label: c.name }))}
          data-testid="donation-campaign"
        />
      </Form.Item>
      <Form.Item name="donorKind" label={t('donations.fields.donorKind')}>
        <Radio.Group
          onChange={() => form.setFieldValue('donorId', undefined)}
          options={DONOR_KINDS.map((k) => ({ value: k, label: t(`donations.donorKinds.${k}`) }))}
        />
      </Form.Item>
      <Form.Item name="donorId" label={t('donations.fields.donor')} rules={[{ required: true }]}>
        {donorKind === 'enterprise' || !donorKind ? (
          <EnterprisePicker />
        ) : (
          <NamedPicker key={donorKind} path={DONOR_SEARCH[donorKind]} />
        )}
      </Form.Item>
      <Form.Item name="kind" label={t('donations.fields.kind')}>
        <Radio.Group
          optionType="button"
          options={DONATION_KINDS.map((k) => ({ value: k, label: DONATION_KIND_LABELS[k] }))}
          data-testid="donation-kind"
        />
      </Form.Item>
      {kind === 'goods' ? (
        <Form.Item label={t('donations.fields.items')} required>
          <Form.List name="items" initialValue={[{}]}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'name']} rules={[{ required: true }]}>
                      <Input
                        placeholder={t('donations.fields.itemName')}
                        style={{ width: 160 }}
                        data-testid="item-name"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'quantity']} rules={[{ required: true }]}>
                      <InputNumber
                        placeholder={t('donations.fields.quantity')}
                        min={0}
                        data-testid="item-quantity"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unit']}>
                      <Input placeholder={t('donations.fields.unit')} style={{ width: 70 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'value']}>
                      <Input
                        placeholder={t('donations.fields.value')}
                        style={{ width: 120 }}
                        data-testid="item-value"
                      />
                    </Form.Item>
                    <MinusCircleOutlined onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" onClick={() => add()} icon={<PlusOutlined />}>
                  {t('donations.addItem')}
                </Button>
              </>
            )}
          </Form.List>
        </Form.Item>
      ) : null}
      <Form.Item
        name="amount"
        label={kind === 'goods' ? t('donations.fields.amountGoods') : t('donations.fields.amount')}
        rules={kind === 'goods' ? [] : [{ required: true }]}
      >
        <Input inputMode="decimal" style={{ width: 200 }} data-testid="donation-amount-input" />
      </Form.Item>
      {kind === 'rent_reduction' ? (
        <Space>
          <Form.Item
            name="rentTenants"
            label={t('donations.fields.rentTenants')}
            rules={[{ required: true }]}
          >
            <InputNumber min={1} />
          </Form.Item>
          <Form.Item name="rentMonths" label={t('donations.fields.rentMonths')} rules={[{ required: true }]}>
            <InputNumber min={1} />
          </Form.Item>
        </Space>
      ) : null}
      <Space wrap>
        <Form.Item name="channel" label={t('donations.fields.channel')}>
          <Select
            style={{ width: 140 }}
            options={DONATION_CHANNELS.map((c) => ({ value: c, label: DONATION_CHANNEL_LABELS[c] }))}
          />
        </Form.Item>
        {channel && channel !== 'direct' ? (
          <Form.Item name="channelName" label={t('donations.fields.channelName')}>
            <Input style={{ width: 220 }} />
          </Form.Item>
        ) : null}
        <Form.Item name="recipient" label={t('donations.fields.recipient')}>
          <Input style={{ width: 220 }} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="directed" label={t('donations.fields.directed')} valuePropName="checked">
          <Switch data-testid="donation-directed" />
        </Form.Item>
        {directed ? (
          <Form.Item name="directedTo" label={t('donations.fields.directedTo')} rules={[{ required: true }]}>
            <Input style={{ width: 260 }} data-testid="donation-directed-to" />
          </Form.Item>
        ) : null}
      </Space>
      <Space wrap>
        <Form.Item name="donatedOn" label={t('donations.fields.donatedOn')} rules={[{ required: true }]}>
          <DatePicker disabledDate={(value) => value.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="receiptNumber" label={t('donations.fields.receiptNumber')}>
          <Input style={{ width: 180 }} />
        </Form.Item>
        {donorKind === 'party_organization' ? (
          <Form.Item name="partyMemberCount" label={t('donations.fields.partyMemberCount')}>
            <InputNumber min={1} />
          </Form.Item>
        ) : null}
      </Space>
      <Form.Item name="note" label={t('donations.fields.note')}>
        <Input.TextArea rows={2} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('donations.pendingNote')}</Typography.Paragraph>
    </FormModal>
  );
}

function CampaignsTab() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const campaigns = useCampaigns({ page });
  const columns: TableColumnsType<CampaignSummary> = [
    {
      title: t('donations.campaign.name'),
      dataIndex: 'name',
      fixed: 'left',
      render: (name: string, row) => <Link to={`/campaigns/${row.id}`}>{name}</Link>,
    },
    {
      title: t('donations.campaign.kind'),
      dataIndex: 'kind',
      width: 100,
      render: (k: CampaignSummary['kind']) => CAMPAIGN_KIND_LABELS[k],
    },
    { title: t('donations.campaign.organizer'), dataIndex: ['organizer', 'name'], width: 160 },
    {
      title: t('donations.campaign.period'),
      width: 200,
      render: (_: unknown, row) => `${row.startsOn} — ${row.endsOn ?? t('donations.campaign.ongoing')}`,
    },
    {
      title: t('donations.campaign.target'),
      dataIndex: 'target',
      width: 140,
      align: 'right',
      render: (v: string | null) => (v ? yuan(v) : '—'),
    },
    {
      title: t('donations.campaign.confirmed'),
      dataIndex: ['confirmed', 'amount'],
      width: 160,
      align: 'right',
      render: (v: string) => yuan(v),
    },
  ];
  return (
    <>
      {can('donations.manage') ? (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          style={{ marginBottom: 16 }}
          onClick={() => setCreating(true)}
          data-testid="campaign-create"
        >
          {t('donations.newCampaign')}
        </Button>
      ) : null}
      <LocalPagedTable<CampaignSummary>
        result={campaigns}
        page={page}
        onPage={setPage}
        columns={columns}
        scroll={{ x: 1000 }}
        testId="campaigns-table"
      />
      {creating ? (
        <CampaignFormModal
          onClose={() => setCreating(false)}
          onCreated={(id) => void navigate(`/campaigns/${id}`)}
        />
      ) : null}
    </>
  );
}

interface CampaignForm {
  name: string;
  kind: CampaignSummary['kind'];
  startsOn: Dayjs;
  endsOn?: Dayjs;
  target?: string;
  description?: string;
  beneficiaryHouseholds?: number;
  beneficiaryPersons?: number;
  beneficiaryStudents?: number;
}

function CampaignFormModal({ onClose, onCreated }: { onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CampaignForm>();
  const refresh = useRefresh();
  return (
    <FormModal<CampaignForm>
      title={t('donations.newCampaign')}
      form={form}
      okTestId="campaign-submit"
      initialValues={{ kind: 'campaign', startsOn: dayjs() }}
      onClose={onClose}
      onSubmit={async (values) => {
        const { campaign } = await createCampaign({
          name: values.name,
          kind: values.kind,
          startsOn: day(values.startsOn),
          endsOn: values.endsOn ? day(values.endsOn) : null,
          target: values.target?.trim() || null,
          description: values.description || null,
          beneficiaryHouseholds: values.beneficiaryHouseholds ?? null,
          beneficiaryPersons: values.beneficiaryPersons ?? null,
          beneficiaryStudents: values.beneficiaryStudents ?? null,
        });
        await refresh();
        onCreated(campaign.id);
      }}
    >
      <Form.Item name="name" label={t('donations.campaign.name')} rules={[{ required: true }]}>
        <Input data-testid="campaign-name" />
      </Form.Item>
      <Form.Item name="kind" label={t('donations.campaign.kind')}>
        <Radio.Group options={CAMPAIGN_KINDS.map((k) => ({ value: k, label: CAMPAIGN_KIND_LABELS[k] }))} />
      </Form.Item>
      <Space wrap>
        <Form.Item name="startsOn" label={t('donations.campaign.startsOn')} rules={[{ required: true }]}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="endsOn" label={t('donations.campaign.endsOn')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="target" label={t('donations.campaign.target')}>
          <Input inputMode="decimal" style={{ width: 160 }} />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item name="beneficiaryHouseholds" label={t('donations.campaign.households')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="beneficiaryPersons" label={t('donations.campaign.persons')}>
          <InputNumber min={0} />
        </Form.Item>
        <Form.Item name="beneficiaryStudents" label={t('donations.campaign.students')}>
          <InputNumber min={0} />
        </Form.Item>
      </Space>
      <Form.Item name="description" label={t('donations.campaign.description')}>
        <Input.TextArea rows={2} />
      </Form.Item>
    </FormModal>
  );
}
