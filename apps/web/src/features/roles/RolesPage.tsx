// 角色与安全 roles and security: the role catalogue (permissions, how many users hold each) and, for the
// security administrator, the security settings.
import { Alert, Card, Flex, Table, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useSession } from '../../app/session.tsx';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useLabels } from '../../i18n/labels.ts';
import { useRoles, type RoleView } from './api.ts';
import { SecuritySettingsForm } from './SecuritySettingsForm.tsx';

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
        <Typography.Text strong>{labels.role(code) || role.name}</Typography.Text>
      ),
    },
    {
      title: t('roles.columns.code'),
      dataIndex: 'code',
      key: 'codeText',
      width: 200,
      render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
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
          <Flex gap={4} wrap>
            {permissions.map((permission) => (
              <Tag key={permission} title={permission}>
                {t(`permissions.${permission}`, { defaultValue: permission })}
              </Tag>
            ))}
          </Flex>
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
  const tab = canSetSecurity && searchParams.get('tab') === 'security' ? 'security' : 'roles';

  return (
    <>
      <PageHeader title={t('roles.title')} />
      <Card className="table-card">
        {canSetSecurity ? (
          <Tabs
            activeKey={tab}
            onChange={(key) => setSearchParams(key === 'security' ? { tab: key } : {})}
            items={[
              { key: 'roles', label: t('roles.tabs.roles'), children: <RolesTable /> },
              { key: 'security', label: t('roles.tabs.security'), children: <SecuritySettingsForm /> },
            ]}
          />
        ) : (
          <RolesTable />
        )}
      </Card>
    </>
  );
}
