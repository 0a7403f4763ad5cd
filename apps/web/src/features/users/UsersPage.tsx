// 用户管理 users: server-side search, filters and paging (kept in the URL); actions by permission.
import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
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
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role, type UserView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import {
  cleanParams,
  oneOf,
  pagingFrom,
  pagingParams,
  useListQuery,
  type ListQueryOptions,
} from '../../components/list-query.ts';
import { ListPage } from '../../components/ListPage.tsx';
import { RoleTags } from '../../components/RoleTags.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';
import { unlockUser, usersQueryKey, useUsers, type UserFilters } from './api.ts';
import { CreateUserModal, EditUserModal, ResetPasswordModal, RolesModal } from './UserModals.tsx';

const PAGE_SIZE = 20;
const PAGE_SIZES = [10, 20, 50, 100];

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

const listQuery: ListQueryOptions<UserFilters, FilterValues> = {
  parse: (params) => ({
    q: params.get('q') || undefined,
    orgUnitId: params.get('orgUnitId') || undefined,
    role: oneOf<Role>(ROLES, params.get('role')),
    ...pagingFrom(params, PAGE_SIZE),
  }),
  toParams: (filters) => cleanParams({ ...filters, ...pagingParams(filters, PAGE_SIZE) }),
  formValues: (filters) => ({ q: filters.q, orgUnitId: filters.orgUnitId, role: filters.role }),
  fromForm: (values) => ({ ...values, q: values.q?.trim() || undefined }),
};

export function UsersPage() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useListQuery(listQuery);
  const users = useUsers(list.query);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const canManage = can('users.manage');
  const canGrant = can('roles.grant');

  const unlock = useMutation({
    mutationFn: (user: UserView) => unlockUser(user.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: usersQueryKey });
      void message.success(t('users.unlocked'));
    },
    onError: (failure) => void message.error(errorText(failure)),
  });

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
    <ListPage
      list={list}
      title={t('users.title')}
      actions={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('users.create')}
          </Button>
        ) : null
      }
      filters={
        <>
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
        </>
      }
      table={{
        result: users,
        columns,
        scroll: { x: 1100 },
        pageSizeOptions: PAGE_SIZES,
        testId: 'users-table',
      }}
    >
      {dialog?.kind === 'create' ? <CreateUserModal onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'edit' ? <EditUserModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'reset' ? (
        <ResetPasswordModal user={dialog.user} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'roles' ? <RolesModal user={dialog.user} onClose={() => setDialog(null)} /> : null}
    </ListPage>
  );
}
