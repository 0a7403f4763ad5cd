// The tabs of an enterprise's page besides contacts: profile, membership with its history, chambers,
// people (代表人士), party organization and the timeline (动态).
import { Alert, Descriptions, Empty, Space, Table, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  ChamberMemberRole,
  EnterpriseView,
  MembershipStatus,
  PartyOrganizationView,
  PersonListItem,
} from '@qinqing/shared';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useServiceEvents } from '../appeals/service-events.tsx';
import { usePartyOrganizations } from '../party/api.ts';
import { usePeople } from '../people/api.ts';
import { DeputyTags } from '../people/PersonTags.tsx';
import { useStatusHistory, type StatusChange } from './api.ts';
import { EnterpriseTimeline, type TimelineEvent } from './EnterpriseTimeline.tsx';
import { EnterpriseTags, MembershipStatusTag } from './RegistryTags.tsx';
import { formatCapital } from './labels.ts';

const dash = (value: string | number | null | undefined) =>
  value === null || value === undefined || value === '' ? '—' : value;

export function ProfileTab({ enterprise }: { enterprise: EnterpriseView }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="middle"
      column={{ xs: 1, md: 2 }}
      data-testid="enterprise-profile"
      items={[
        { key: 'name', label: t('enterprises.fields.name'), children: enterprise.name },
        {
          key: 'uscc',
          label: t('enterprises.fields.uscc'),
          children: <span className="code-text">{enterprise.uscc}</span>,
        },
        {
          key: 'formerNames',
          label: t('enterprises.fields.formerNames'),
          children: enterprise.formerNames.length > 0 ? enterprise.formerNames.join('、') : '—',
        },
        {
          key: 'legalRepresentative',
          label: t('enterprises.fields.legalRepresentative'),
          children: dash(enterprise.legalRepresentative),
        },
        {
          key: 'registeredCapital',
          label: t('enterprises.fields.registeredCapitalUnit'),
          children: formatCapital(enterprise.registeredCapital),
        },
        { key: 'foundedOn', label: t('enterprises.fields.foundedOn'), children: dash(enterprise.foundedOn) },
        {
          key: 'industry',
          label: t('enterprises.fields.industry'),
          children: enterprise.industryCode
            ? `${enterprise.industryName ?? ''}（${enterprise.industryCode}）`
            : '—',
        },
        {
          key: 'size',
          label: t('enterprises.fields.size'),
          children: enterprise.size ? t(`registry.size.${enterprise.size}`) : '—',
        },
        { key: 'division', label: t('enterprises.fields.division'), children: dash(enterprise.divisionName) },
        { key: 'address', label: t('enterprises.fields.address'), children: dash(enterprise.address) },
        { key: 'orgUnit', label: t('enterprises.fields.orgUnit'), children: enterprise.orgUnitName },
        {
          key: 'tags',
          label: t('enterprises.fields.tags'),
          children: <EnterpriseTags tags={enterprise.tags} />,
        },
        {
          key: 'createdAt',
          label: t('enterprises.fields.createdAt'),
          children: formatDateTime(enterprise.createdAt),
        },
        {
          key: 'updatedAt',
          label: t('enterprises.fields.updatedAt'),
          children: formatDateTime(enterprise.updatedAt),
        },
      ]}
    />
  );
}

function StatusName({ status }: { status: MembershipStatus | null }) {
  const { t } = useTranslation();
  return status ? (
    <MembershipStatusTag status={status} />
  ) : (
    <span className="muted">{t('enterprises.membership.new')}</span>
  );
}

export function MembershipTab({ enterprise }: { enterprise: EnterpriseView }) {
  const { t } = useTranslation();
  const history = useStatusHistory(enterprise.id);
  const { membership } = enterprise;
  const columns: TableColumnsType<StatusChange> = [
    { title: t('enterprises.membership.changedOn'), dataIndex: 'changedOn', width: 120 },
    {
      title: t('enterprises.membership.change'),
      key: 'change',
      width: 220,
      render: (_, change) => (
        <Space size={4}>
          <StatusName status={change.fromStatus} />
          <span className="muted">→</span>
          <StatusName status={change.toStatus} />
        </Space>
      ),
    },
    {
      title: t('enterprises.fields.statusReason'),
      dataIndex: 'reason',
      render: (reason: string | null) => dash(reason),
    },
    {
      title: t('enterprises.membership.recordedAt'),
      dataIndex: 'changedAt',
      width: 180,
      render: (value: string) => formatDateTime(value),
    },
  ];
  return (
    <Space orientation="vertical" size={20} className="full-width">
      <Descriptions
        bordered
        size="middle"
        column={{ xs: 1, md: 2 }}
        data-testid="enterprise-membership"
        items={[
          {
            key: 'type',
            label: t('enterprises.fields.membershipType'),
            children: t(`registry.membershipType.${membership.type}`),
          },
          {
            key: 'status',
            label: t('enterprises.fields.membershipStatus'),
            children: <MembershipStatusTag status={membership.status} />,
          },
          { key: 'joinedOn', label: t('enterprises.fields.joinedOn'), children: dash(membership.joinedOn) },
          { key: 'statusOn', label: t('enterprises.fields.statusOn'), children: dash(membership.statusOn) },
          {
            key: 'statusReason',
            label: t('enterprises.fields.statusReason'),
            span: 'filled',
            children: dash(membership.statusReason),
          },
        ]}
      />
      <div>
        <div className="section-heading">{t('enterprises.membership.history')}</div>
        {history.error ? (
          <LoadError error={history.error} onRetry={() => void history.refetch()} />
        ) : (
          <Table<StatusChange>
            rowKey={(change) => `${change.changedAt}-${change.toStatus}`}
            size="small"
            columns={columns}
            dataSource={history.data ?? []}
            loading={history.isPending}
            pagination={false}
            data-testid="status-history"
          />
        )}
      </div>
    </Space>
  );
}

export function ChambersTab({ enterprise }: { enterprise: EnterpriseView }) {
  const { t } = useTranslation();
  type Row = EnterpriseView['chambers'][number];
  const columns: TableColumnsType<Row> = [
    {
      title: t('chambers.columns.name'),
      dataIndex: 'name',
      render: (name: string, row) => <Link to={`/chambers/${row.id}`}>{name}</Link>,
    },
    {
      title: t('chambers.members.role'),
      dataIndex: 'role',
      width: 180,
      render: (role: string) =>
        t(`registry.chamberMemberRole.${role as ChamberMemberRole}`, { defaultValue: role }),
    },
  ];
  return (
    <Table<Row>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={enterprise.chambers}
      pagination={false}
      locale={{ emptyText: t('enterprises.chambersEmpty') }}
    />
  );
}

export function PeopleTab({ enterprise }: { enterprise: EnterpriseView }) {
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = usePeople({
    enterpriseId: enterprise.id,
    page: 1,
    pageSize: 100,
  });
  if (error) return <LoadError error={error} onRetry={() => void refetch()} />;
  const columns: TableColumnsType<PersonListItem> = [
    {
      title: t('people.columns.name'),
      dataIndex: 'name',
      render: (name: string, person) => <Link to={`/people/${person.id}`}>{name}</Link>,
    },
    {
      title: t('people.columns.position'),
      key: 'position',
      render: (_, person) =>
        person.positions
          .filter((position) => position.enterpriseId === enterprise.id)
          .map((position) => position.position)
          .join('、') || '—',
    },
    {
      title: t('people.columns.affiliation'),
      dataIndex: 'politicalAffiliation',
      width: 120,
      render: (value: PersonListItem['politicalAffiliation']) => t(`registry.affiliation.${value}`),
    },
    {
      title: t('people.columns.deputy'),
      key: 'deputy',
      render: (_, person) => <DeputyTags person={person} />,
    },
  ];
  return (
    <Table<PersonListItem>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={data?.items ?? []}
      loading={isPending}
      pagination={false}
      locale={{ emptyText: t('enterprises.peopleEmpty') }}
      data-testid="enterprise-people"
    />
  );
}

export function PartyTab({ enterprise }: { enterprise: EnterpriseView }) {
  const { t } = useTranslation();
  const { data, error, isPending, refetch } = usePartyOrganizations({
    enterpriseId: enterprise.id,
    page: 1,
    pageSize: 20,
  });
  if (error) return <LoadError error={error} onRetry={() => void refetch()} />;
  const items = data?.items ?? [];
  if (!isPending && items.length === 0) {
    return <Empty description={t('enterprises.party.none')} data-testid="enterprise-party" />;
  }
  const organized = items.some((item) => item.form !== 'instructor_only');
  return (
    <Space orientation="vertical" size={16} className="full-width" data-testid="enterprise-party">
      <Alert
        type={organized ? 'success' : 'warning'}
        showIcon
        title={organized ? t('enterprises.party.organized') : t('enterprises.party.instructorOnly')}
      />
      {items.map((item) => (
        <PartyOrganizationCard key={item.id} organization={item} />
      ))}
    </Space>
  );
}

function PartyOrganizationCard({ organization }: { organization: PartyOrganizationView }) {
  const { t } = useTranslation();
  const instructor = organization.form === 'instructor_only';
  return (
    <Descriptions
      bordered
      size="middle"
      column={{ xs: 1, md: 2 }}
      title={organization.name}
      items={[
        {
          key: 'form',
          label: t('party.columns.form'),
          children: t(`registry.partyForm.${organization.form}`),
        },
        {
          key: 'secretary',
          label: instructor ? t('party.columns.instructor') : t('party.columns.secretary'),
          children: dash(organization.secretaryName),
        },
        { key: 'members', label: t('party.columns.memberCount'), children: organization.memberCount },
        { key: 'foundedOn', label: t('party.columns.foundedOn'), children: dash(organization.foundedOn) },
      ]}
    />
  );
}

/** The registry's own events: registration, each membership change, the last change to the record. */
export function useRegistryEvents(enterprise: EnterpriseView): TimelineEvent[] {
  const { t } = useTranslation();
  const history = useStatusHistory(enterprise.id);
  const events: TimelineEvent[] = [
    {
      key: 'created',
      at: enterprise.createdAt,
      title: t('enterprises.timeline.created'),
      description: t('enterprises.timeline.createdText', { orgUnit: enterprise.orgUnitName }),
      color: 'blue',
      origin: true,
    },
  ];
  for (const [index, change] of (history.data ?? []).entries()) {
    if (change.fromStatus === null) continue;
    events.push({
      key: `status-${index}`,
      at: change.changedAt,
      title: t('enterprises.timeline.status', {
        from: t(`registry.membershipStatus.${change.fromStatus}`),
        to: t(`registry.membershipStatus.${change.toStatus}`),
      }),
      description: [
        t('enterprises.timeline.effective', { date: change.changedOn }),
        change.reason ? t('enterprises.timeline.reason', { reason: change.reason }) : null,
      ]
        .filter(Boolean)
        .join('　'),
      color: change.toStatus === 'active' ? 'green' : change.toStatus === 'withdrawn' ? 'gray' : 'orange',
    });
  }
  if (enterprise.updatedAt !== enterprise.createdAt) {
    events.push({
      key: 'updated',
      at: enterprise.updatedAt,
      title: t('enterprises.timeline.updated'),
      color: 'gray',
    });
  }
  return events;
}

export function TimelineTab({ enterprise }: { enterprise: EnterpriseView }) {
  const { t } = useTranslation();
  const events = [...useRegistryEvents(enterprise), ...useServiceEvents(enterprise.id)];
  return <EnterpriseTimeline events={events} empty={t('enterprises.timeline.empty')} />;
}
