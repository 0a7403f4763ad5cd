// 角色与安全 roles and security: the role catalogue (permissions by group, in words, and how many users hold
// each) and, for the security administrator, the security settings.
import { Alert, Card, Flex, Table, Tabs, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import {
  PERMISSION_GROUP_LABELS,
  PERMISSION_GROUPS,
  PERMISSION_LABELS,
  type Permission,
} from '@qinqing/shared';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { ApiTokensPanel } from './ApiTokensPanel.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useRoles, type RoleView } from './api.ts';
import { SecuritySettingsForm } from './SecuritySettingsForm.tsx';

/**
 * A role's permissions by group (名册, 服务闭环 …), each by its name with what it allows beside it, in the
 * page's language (the shared table); the code is there for administrators, in the tooltip.
 */
function PermissionGroups({ permissions }: { permissions: string[] }) {
  const { lang } = useLabels();
  const known = permissions.filter((code): code is Permission => code in PERMISSION_LABELS);
  return (
    <Flex vertical gap={8}>
      {PERMISSION_GROUPS.map((group) => {
        const items = known.filter((code) => PERMISSION_LABELS[code].group === group);
        if (items.length === 0) return null;
        return (
          <div key={group} data-testid="permission-group">
            <Typography.Text type="secondary">{PERMISSION_GROUP_LABELS[group][lang]}</Typography.Text>
            <ul style={{ margin: '2px 0 0', paddingInlineStart: 18 }}>
              {items.map((code) => {
                const label = PERMISSION_LABELS[code];
                const description = lang === 'zh' ? label.descriptionZh : label.descriptionEn;
                return (
                  <li key={code} data-testid="permission-item">
                    <Tooltip title={`${description}（${code}）`}>
                      <Typography.Text strong>{label[lang]}</Typography.Text>
                    </Tooltip>
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
                      {description}
                    </Typography.Text>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
    </Flex>
  );
}

function RolesTable() {
  const { t } = useTranslation();
  const labels = useLabels();
  const { data, isFetching, error, refetch } = useRoles();
  if (error && !data) return <LoadError error={error} onRetry={() => void refetch()} />;

  const columns: TableColumnsType<RoleView> = [
    {
      title: t('roles.columns.name'),
      dataIndex: 'code',
      width: 200,
      render: (code: RoleView['code'], role) => (
        <div data-testid="role-name">
          <Typography.Text strong>{labels.role(code) || role.name}</Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {code}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('roles.columns.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: RoleView['kind']) => (
        <Tag color={kind === 'admin' ? 'red' : 'blue'}>{t(`roles.kind.${kind}`)}</Tag>
      ),
    },
    {
      title: t('roles.columns.permissions'),
      dataIndex: 'permissions',
      render: (permissions: string[]) =>
        permissions.length === 0 ? (
          <span className="muted">{t('roles.noPermissions')}</span>
        ) : (
          <PermissionGroups permissions={permissions} />
        ),
    },
    { title: t('roles.columns.userCount'), dataIndex: 'userCount', width: 100, align: 'right' },
  ];

  return (
    <>
      <Alert className="form-alert" type="info" showIcon title={t('roles.separation')} />
      <Table<RoleView>
        rowKey="code"
        size="middle"
        columns={columns}
        dataSource={data ?? []}
        loading={isFetching}
        pagination={false}
        data-testid="roles-table"
      />
    </>
  );
}

export function RolesPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const canSetSecurity = can('settings.security');
  const canManageTokens = can('apiTokens.manage');
  const asked = searchParams.get('tab');
  const tab =
    (canSetSecurity && asked === 'security') || (canManageTokens && asked === 'tokens') ? asked : 'roles';

  return (
    <>
      <PageHeader title={t('roles.title')} />
      <Card className="table-card">
        {canSetSecurity || canManageTokens ? (
          <Tabs
            activeKey={tab}
            onChange={(key) => setSearchParams(key === 'roles' ? {} : { tab: key })}
            items={[
              { key: 'roles', label: t('roles.tabs.roles'), children: <RolesTable /> },
              ...(canSetSecurity
                ? [{ key: 'security', label: t('roles.tabs.security'), children: <SecuritySettingsForm /> }]
                : []),
              ...(canManageTokens
                ? [{ key: 'tokens', label: t('roles.tabs.tokens'), children: <ApiTokensPanel /> }]
                : []),
            ]}
          />
        ) : (
          <RolesTable />
        )}
      </Card>
    </>
  );
}
