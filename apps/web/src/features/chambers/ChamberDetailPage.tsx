// 商会详情 one chamber or association: its profile, its leadership (会长, 副会长, 秘书长, 执委) with terms,
// and its member enterprises with their roles, searchable and paged.
import { ArrowLeftOutlined, SearchOutlined, UnorderedListOutlined } from '@ant-design/icons';
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
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import {
  CHAMBER_MEMBER_ROLES,
  type ChamberLeaderView,
  type ChamberMemberRole,
  type ChamberMemberView,
  type ChamberView,
  type MembershipStatus,
} from '@qinqing/shared';
import { isApiError } from '../../api/client.ts';
import { BlockSpin } from '../../components/Loading.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { NotFoundPage } from '../../components/StatusPages.tsx';
import { MembershipStatusTag } from '../enterprises/RegistryTags.tsx';
import { useDebounced } from '../search/useDebounced.ts';
import { useChamber, useChamberMembers } from './api.ts';
import { ChamberTypeTag } from './ChambersPage.tsx';
import '../enterprises/registry.css';

export function ChamberDetailPage() {
  const { id = '' } = useParams();
  const { data: chamber, error, isPending, refetch } = useChamber(id);
  if (isPending) return <BlockSpin />;
  if (isApiError(error, 'NOT_FOUND')) return <NotFoundPage />;
  if (error || !chamber) return <LoadError error={error} onRetry={() => void refetch()} />;
  return <ChamberDetail chamber={chamber} />;
}

function term(start: string | null, end: string | null): string {
  if (!start && !end) return '—';
  return `${start ?? '…'} ~ ${end ?? '…'}`;
}

function ChamberDetail({ chamber }: { chamber: ChamberView }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
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
      render: (name: string, leader) => <Link to={`/people/${leader.personId}`}>{name}</Link>,
    },
    {
      title: t('chambers.leaders.term'),
      key: 'term',
      width: 230,
      render: (_, row) => term(row.termStart, row.termEnd),
    },
    {
      title: t('people.detail.current'),
      dataIndex: 'current',
      width: 90,
      render: (current: boolean) =>
        current ? (
          <Tag color="green">{t('people.detail.serving')}</Tag>
        ) : (
          <Tag>{t('people.detail.former')}</Tag>
        ),
    },
  ];

  return (
    <div data-testid="chamber-detail">
      <div className="page-header">
        <Space align="center" size={12} wrap>
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => void navigate(-1)}
            title={t('common.back')}
            aria-label={t('common.back')}
          />
          <Typography.Title level={4} className="page-title" data-testid="page-title">
            {chamber.name}
          </Typography.Title>
          <ChamberTypeTag type={chamber.chamberType} />
        </Space>
      </div>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
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
        <Col xs={24} xl={12}>
          <Card title={t('chambers.detail.leaders')} className="full-height">
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
          <MembersCard chamber={chamber} />
        </Col>
      </Row>
    </div>
  );
}

function MembersCard({ chamber }: { chamber: ChamberView }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [role, setRole] = useState<ChamberMemberRole | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const q = useDebounced(text.trim());
  const { data, error, isFetching, refetch } = useChamberMembers(chamber.id, {
    q: q || undefined,
    role,
    page,
    pageSize,
  });
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
        </Space>
      }
    >
      {error && !data ? (
        <LoadError error={error} onRetry={() => void refetch()} />
      ) : (
        <Table<ChamberMemberView>
          rowKey="enterpriseId"
          size="middle"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={isFetching}
          data-testid="chamber-members"
          pagination={{
            current: page,
            pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
          }}
          onChange={(pagination) => {
            setPage(pagination.pageSize !== pageSize ? 1 : (pagination.current ?? 1));
            setPageSize(pagination.pageSize ?? pageSize);
          }}
        />
      )}
    </Card>
  );
}
