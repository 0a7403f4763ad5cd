// 商会详情 one chamber or association: its profile, its leadership (会长, 副会长, 秘书长, 执委) with terms,
// and its member enterprises with their roles, searchable and paged.
import { PlusOutlined, SearchOutlined, UnorderedListOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  CHAMBER_MEMBER_ROLES,
  type ChamberLeaderView,
  type ChamberMemberRole,
  type ChamberMemberView,
  type ChamberView,
  type FormerChamberMemberView,
  type MembershipStatus,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { DetailGate, DetailHeader } from '../../components/DetailPage.tsx';
import { InviteBatchButton } from '../invitations/InviteBatchButton.tsx';
import { formatTerm } from '../../components/format.ts';
import { PagedTable } from '../../components/PagedTable.tsx';
import { MembershipStatusTag } from '../enterprises/RegistryTags.tsx';
import { ServingTag } from '../people/PersonTags.tsx';
import { useDebounced } from '../search/useDebounced.ts';
import { ImportLink } from '../imports/ImportLink.tsx';
import { ChamberDuty } from '../events/ChamberDuty.tsx';
import { useChamber, useChamberMembers, useFormerChamberMembers } from './api.ts';
import {
  AddLeaderModal,
  AddMemberModal,
  EditMemberModal,
  EndLeaderModal,
  EndMemberModal,
} from './RosterModals.tsx';
import { ChamberTypeTag } from './ChambersPage.tsx';
import '../enterprises/registry.css';

export function ChamberDetailPage() {
  const { id = '' } = useParams();
  return <DetailGate result={useChamber(id)}>{(chamber) => <ChamberDetail chamber={chamber} />}</DetailGate>;
}

function ChamberDetail({ chamber }: { chamber: ChamberView }) {
  const { t } = useTranslation();
  // The server decides whose roster it is (its staff, its own secretary); others only read.
  const { can } = useSession();
  const canEdit = can('registry.write');
  const [addingLeader, setAddingLeader] = useState(false);
  const [ending, setEnding] = useState<ChamberLeaderView | null>(null);
  const leaderColumns: TableColumnsType<ChamberLeaderView> = [
    {
      title: t('chambers.leaders.role'),
      dataIndex: 'role',
      width: 110,
      render: (role: ChamberLeaderView['role']) => t(`registry.leaderRole.${role}`),
    },
    {
      title: t('chambers.leaders.person'),
      dataIndex: 'personName',
      width: 110,
      render: (name: string, leader) => <Link to={`/people/${leader.personId}`}>{name}</Link>,
    },
    {
      title: t('chambers.leaders.term'),
      key: 'term',
      width: 230,
      render: (_, row) => formatTerm(row.termStart, row.termEnd),
    },
    {
      title: t('people.detail.current'),
      dataIndex: 'current',
      width: 90,
      render: (current: boolean, row) =>
        row.endReason ? (
          <Tooltip title={t('chambers.roster.endedFor', { reason: row.endReason })}>
            <span>
              <ServingTag current={current} />
            </span>
          </Tooltip>
        ) : (
          <ServingTag current={current} />
        ),
    },
    ...(canEdit
      ? [
          {
            title: t('chambers.roster.actions'),
            key: 'actions',
            width: 80,
            render: (_: unknown, row: ChamberLeaderView) =>
              row.endReason === null ? (
                <Button type="link" size="small" onClick={() => setEnding(row)}>
                  {t('chambers.roster.endLeaderAction')}
                </Button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <div data-testid="chamber-detail">
      <DetailHeader title={chamber.name}>
        <ChamberTypeTag type={chamber.chamberType} />
        {can('invitations.manage') ? <InviteBatchButton chamberId={chamber.id} /> : null}
      </DetailHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={12}>
          <Card title={t('chambers.detail.profile')} className="full-height">
            <Descriptions
              bordered
              size="middle"
              column={1}
              items={[
                { key: 'parent', label: t('chambers.columns.parent'), children: chamber.parentName ?? '—' },
                { key: 'code', label: t('chambers.detail.code'), children: chamber.code ?? '—' },
                {
                  key: 'foundedOn',
                  label: t('chambers.detail.foundedOn'),
                  children: chamber.foundedOn ?? '—',
                },
                {
                  key: 'registrationNo',
                  label: t('chambers.detail.registrationNo'),
                  children: chamber.registrationNo ?? '—',
                },
                {
                  key: 'registeredOn',
                  label: t('chambers.detail.registeredOn'),
                  children: chamber.registeredOn ?? '—',
                },
                { key: 'address', label: t('chambers.detail.address'), children: chamber.address ?? '—' },
                { key: 'members', label: t('chambers.columns.memberCount'), children: chamber.memberCount },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xxl={12}>
          <Card
            title={t('chambers.detail.leaders')}
            className="full-height"
            extra={
              canEdit ? (
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => setAddingLeader(true)}
                  data-testid="add-leader"
                >
                  {t('chambers.roster.addLeader')}
                </Button>
              ) : null
            }
          >
            <Table<ChamberLeaderView>
              rowKey="id"
              size="small"
              columns={leaderColumns}
              dataSource={chamber.leaders}
              pagination={false}
              locale={{ emptyText: t('chambers.leaders.empty') }}
              data-testid="chamber-leaders"
            />
          </Card>
        </Col>
        <Col xs={24}>
          <ChamberDuty chamberId={chamber.id} />
        </Col>
        <Col xs={24}>
          <MembersCard chamber={chamber} canEdit={canEdit} />
        </Col>
        <Col xs={24}>
          <FormerMembersCard chamberId={chamber.id} />
        </Col>
      </Row>
      {addingLeader ? <AddLeaderModal chamberId={chamber.id} onClose={() => setAddingLeader(false)} /> : null}
      {ending ? (
        <EndLeaderModal chamberId={chamber.id} leader={ending} onClose={() => setEnding(null)} />
      ) : null}
    </div>
  );
}

function MembersCard({ chamber, canEdit }: { chamber: ChamberView; canEdit: boolean }) {
  const { t } = useTranslation();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<ChamberMemberView | null>(null);
  const [ending, setEnding] = useState<ChamberMemberView | null>(null);
  const [text, setText] = useState('');
  const [role, setRole] = useState<ChamberMemberRole | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const q = useDebounced(text.trim());
  const members = useChamberMembers(chamber.id, { q: q || undefined, role, page, pageSize });
  const columns: TableColumnsType<ChamberMemberView> = [
    {
      title: t('enterprises.columns.name'),
      dataIndex: 'enterpriseName',
      render: (name: string, member) => <Link to={`/enterprises/${member.enterpriseId}`}>{name}</Link>,
    },
    {
      title: t('enterprises.columns.uscc'),
      dataIndex: 'uscc',
      width: 200,
      render: (uscc: string) => <span className="code-text">{uscc}</span>,
    },
    {
      title: t('chambers.members.role'),
      dataIndex: 'role',
      width: 130,
      render: (value: ChamberMemberRole) => (
        <Tag color={value === 'member' ? undefined : 'red'}>{t(`registry.chamberMemberRole.${value}`)}</Tag>
      ),
    },
    {
      title: t('chambers.members.joinedOn'),
      dataIndex: 'joinedOn',
      width: 120,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('enterprises.columns.status'),
      dataIndex: 'membershipStatus',
      width: 100,
      render: (status: MembershipStatus) => <MembershipStatusTag status={status} />,
    },
    ...(canEdit
      ? [
          {
            title: t('chambers.roster.actions'),
            key: 'actions',
            width: 130,
            render: (_: unknown, member: ChamberMemberView) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing(member)}>
                  {t('chambers.roster.change')}
                </Button>
                <Button type="link" size="small" danger onClick={() => setEnding(member)}>
                  {t('chambers.roster.endMemberAction')}
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card
      title={t('chambers.detail.members')}
      extra={
        <Space wrap>
          <Input
            allowClear
            prefix={<SearchOutlined />}
            placeholder={t('chambers.members.search')}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setPage(1);
            }}
            style={{ width: 220 }}
          />
          <Select
            allowClear
            placeholder={t('chambers.members.role')}
            style={{ width: 130 }}
            value={role}
            onChange={(value) => {
              setRole(value);
              setPage(1);
            }}
            options={CHAMBER_MEMBER_ROLES.map((value) => ({
              value,
              label: t(`registry.chamberMemberRole.${value}`),
            }))}
          />
          <Link to={`/enterprises?chamberId=${chamber.id}`}>
            <Button icon={<UnorderedListOutlined />}>{t('chambers.members.openList')}</Button>
          </Link>
          {canEdit ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="add-member"
            >
              {t('chambers.roster.addMember')}
            </Button>
          ) : null}
          {canEdit ? <ImportLink kind="chamberMembers" /> : null}
        </Space>
      }
    >
      {adding ? <AddMemberModal chamberId={chamber.id} onClose={() => setAdding(false)} /> : null}
      {editing ? (
        <EditMemberModal chamberId={chamber.id} member={editing} onClose={() => setEditing(null)} />
      ) : null}
      {ending ? (
        <EndMemberModal chamberId={chamber.id} member={ending} onClose={() => setEnding(null)} />
      ) : null}
      <PagedTable<ChamberMemberView, { page: number; pageSize: number }>
        result={members}
        query={{ page, pageSize }}
        setQuery={(next) => {
          setPage(next.page);
          setPageSize(next.pageSize);
        }}
        columns={columns}
        rowKey="enterpriseId"
        testId="chamber-members"
      />
    </Card>
  );
}

/** Who left the chamber, when and why (退会 is kept, not forgotten). Hidden while nobody has left. */
function FormerMembersCard({ chamberId }: { chamberId: string }) {
  const { t } = useTranslation();
  const { data } = useFormerChamberMembers(chamberId);
  if (!data || data.length === 0) return null;
  const columns: TableColumnsType<FormerChamberMemberView> = [
    { title: t('enterprises.columns.name'), dataIndex: 'enterpriseName' },
    {
      title: t('chambers.members.role'),
      dataIndex: 'role',
      width: 130,
      render: (value: ChamberMemberRole) => t(`registry.chamberMemberRole.${value}`),
    },
    {
      title: t('chambers.members.joinedOn'),
      dataIndex: 'joinedOn',
      width: 120,
      render: (v: string | null) => v ?? '—',
    },
    { title: t('chambers.roster.leftOn'), dataIndex: 'leftOn', width: 120 },
    { title: t('chambers.roster.reason'), dataIndex: 'reason' },
  ];
  return (
    <Card title={t('chambers.roster.formerMembers')}>
      <Table<FormerChamberMemberView>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data}
        pagination={data.length > 10 ? { pageSize: 10 } : false}
        data-testid="former-members"
      />
    </Card>
  );
}
