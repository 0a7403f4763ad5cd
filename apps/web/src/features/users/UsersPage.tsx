// 用户管理 users: server-side search, filters and paging (kept in the URL); actions by permission.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Popconfirm,
  Select,
  Space,
  Tag,
  Tooltip,
  type TableColumnsType,
} from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ROLES, type Role, type UserView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { FilterActions } from '../../components/FilterActions.tsx';
import { formatDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { unlockUser, usersQueryKey, useUsers, type UserFilters } from './api.ts';
import { CreateUserModal, EditUserModal, ResetPasswordModal, RolesModal } from './UserModals.tsx';

const PAGE_SIZES = [10, 20, 50, 100];

function positiveInt(value: string | null, fallback: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? parsed : fallback;
}

function filtersFrom(params: URLSearchParams): UserFilters {
  const role = params.get('role');
  return {
    q: params.get('q') || undefined,
    orgUnitId: params.get('orgUnitId') || undefined,
    role: role && (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined,
    page: positiveInt(params.get('page'), 1),
    pageSize: Math.min(positiveInt(params.get('pageSize'), 20), 200),
  };
}

function paramsFrom(filters: UserFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.q) params.q = filters.q;
  if (filters.orgUnitId) params.orgUnitId = filters.orgUnitId;
  if (filters.role) params.role = filters.role;
  if (filters.page !== 1) params.page = String(filters.page);
  if (filters.pageSize !== 20) params.pageSize = String(filters.pageSize);
  return params;
}

export function isLocked(user: UserView, now = dayjs()): boolean {
  return user.lockedUntil !== null && dayjs(user.lockedUntil).isAfter(now);
}

function UserStatus({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const tags = [];
  if (user.disabled) tags.push(<Tag key="disabled">{t('users.status.disabled')}</Tag>);
  if (isLocked(user)) {
    tags.push(
      <Tooltip key="locked" title={t('users.lockedUntil', { time: formatDateTime(user.lockedUntil) })}>
        <Tag color="orange">{t('users.status.locked')}</Tag>
      </Tooltip>,
    );
  }
  if (user.mustChangePassword)
    tags.push(
      <Tag key="must" color="gold">
        {t('users.status.mustChangePassword')}
      </Tag>,
    );
  if (tags.length === 0)
    tags.push(
      <Tag key="ok" color="green">
        {t('users.status.normal')}
      </Tag>,
    );
  return (
    <Flex gap={4} wrap>
      {tags}
    </Flex>
  );
}

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset' | 'roles'; user: UserView };

interface FilterValues {
  q?: string;
  orgUnitId?: string;
  role?: Role;
}

export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = filtersFrom(searchParams);
  const users = useUsers(filters);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [filterForm] = Form.useForm<FilterValues>();
  const canManage = can('users.manage');

  // Back and forward change the URL, not the form: keep the form showing what the list is filtered by.
  useEffect(() => {
    filterForm.setFieldsValue({ q: filters.q, orgUnitId: filters.orgUnitId, role: filters.role });
  }, [filterForm, filters.q, filters.orgUnitId, filters.role]);
  const canGrant = can('roles.grant');

  const unlock = useMutation({
    mutationFn: (user: UserView) => unlockUser(user.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
      void message.success(t('users.unlocked'));
    },
    onError: (failure) => void message.error(errorText(failure)),
  });

  const search = (values: FilterValues) =>
    setSearchParams(paramsFrom({ ...filters, ...values, q: values.q?.trim() || undefined, page: 1 }));

  const columns: TableColumnsType<UserView> = [
    { title: t('users.columns.username'), dataIndex: 'username', width: 140 },
    { title: t('users.columns.displayName'), dataIndex: 'displayName', width: 140 },
    { title: t('users.columns.orgUnit'), dataIndex: 'orgUnitName', ellipsis: true },
    {
      title: t('users.columns.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) => <RoleTags roles={roles} />,
    },
    {
      title: t('users.columns.status'),
      key: 'status',
      width: 150,
      render: (_, user) => <UserStatus user={user} />,
    },
    {
      title: t('users.columns.lastLoginAt'),
      dataIndex: 'lastLoginAt',
      width: 170,
      render: (value: string | null) => formatDateTime(value),
    },
  ];
  if (canManage || canGrant) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      width: canManage ? 250 : 110,
      render: (_, user) => (
        <Space size={0} wrap>
          {canManage ? (
            <>
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', user })}>
                {t('users.actions.edit')}
              </Button>
              <Button type="link" size="small" onClick={() => setDialog({ kind: 'reset', user })}>
                {t('users.actions.resetPassword')}
              </Button>
              {isLocked(user) ? (
                <Popconfirm
                  title={t('users.unlockConfirm', { name: user.displayName })}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                  onConfirm={() => unlock.mutateAsync(user).catch(() => undefined)}
                >
                  <Button type="link" size="small">
                    {t('users.actions.unlock')}
                  </Button>
                </Popconfirm>
              ) : null}
            </>
          ) : null}
          {canGrant ? (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'roles', user })}>
              {t('users.actions.roles')}
            </Button>
          ) : null}
        </Space>
      ),
    });
  }

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          canManage ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card className="filter-card">
        <Form<FilterValues>
          form={filterForm}
          layout="inline"
          initialValues={{ q: filters.q, orgUnitId: filters.orgUnitId, role: filters.role }}
          onFinish={search}
          className="filter-form"
        >
          <Form.Item name="q">
            <Input
              allowClear
              prefix={<SearchOutlined />}
              placeholder={t('users.searchPlaceholder')}
              maxLength={64}
              style={{ width: 220 }}
            />
          </Form.Item>
          <Form.Item name="orgUnitId">
            <OrgUnitTreeSelect allowClear placeholder={t('users.orgUnitFilter')} style={{ width: 240 }} />
          </Form.Item>
          <Form.Item name="role">
            <Select
              allowClear
              placeholder={t('users.roleFilter')}
              style={{ width: 180 }}
              options={ROLES.map((role) => ({ value: role, label: labels.role(role) }))}
            />
          </Form.Item>
          <FilterActions
            onReset={() => {
              filterForm.setFieldsValue({ q: undefined, orgUnitId: undefined, role: undefined });
              setSearchParams({});
            }}
            onRefresh={users.refetch}
          />
        </Form>
      </Card>
      <Card className="table-card">
        <PagedTable<UserView, UserFilters>
          result={users}
          query={filters}
          setQuery={(next) => setSearchParams(paramsFrom(next))}
          columns={columns}
          scroll={{ x: 1100 }}
          pageSizeOptions={PAGE_SIZES}
          testId="users-table"
        />
      </Card>
      {dialog?.kind === 'create' ? <CreateUserModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <EditUserModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'reset' ? (
        <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'roles' ? <RolesModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
    </>
  );
}
