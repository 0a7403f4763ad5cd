// 我的会话 my sessions: where this account is signed in; any session but the current one can be ended.
import { ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionView } from '@qinqing/shared';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { revokeSession, sessionsQueryKey, useSessions } from './api.ts';

export function SessionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { data, isFetching, error, refetch } = useSessions();

  const revoke = useMutation({
    mutationFn: (session: SessionView) => revokeSession(session.id),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sessionsQueryKey });
      void message.success(t('sessions.revoked'));
    },
    onError: (failure) => void message.error(errorText(failure)),
  });

  const columns: TableColumnsType<SessionView> = [
    {
      title: t('sessions.columns.createdAt'),
      dataIndex: 'createdAt',
      width: 190,
      render: (value: string, session) => (
        <span>
          {formatDateTime(value)}{' '}
          {session.current ? (
            <Tag color="green" data-testid="session-current">
              {t('sessions.current')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: t('sessions.columns.lastSeenAt'),
      dataIndex: 'lastSeenAt',
      width: 170,
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('sessions.columns.expiresAt'),
      dataIndex: 'expiresAt',
      width: 170,
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('sessions.columns.ip'),
      dataIndex: 'ip',
      width: 140,
      render: (ip: string | null) => ip ?? '—',
    },
    {
      title: t('sessions.columns.userAgent'),
      dataIndex: 'userAgent',
      ellipsis: { showTitle: false },
      render: (agent: string | null) =>
        agent ? (
          <Tooltip title={agent} placement="topLeft">
            <Typography.Text type="secondary">{agent}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 100,
      render: (_, session) =>
        session.current ? null : (
          <Popconfirm
            title={t('sessions.revokeConfirm')}
            okText={t('common.confirm')}
            cancelText={t('common.cancel')}
            onConfirm={() => revoke.mutateAsync(session).catch(() => undefined)}
          >
            <Button type="link" size="small" danger>
              {t('sessions.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('sessions.title')}
        extra={
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined />} onClick={() => void refetch()} />
          </Tooltip>
        }
      >
        {t('sessions.intro')}
      </PageHeader>
      <Card className="table-card">
        {error && !data ? (
          <LoadError error={error} onRetry={() => void refetch()} />
        ) : (
          <Table<SessionView>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={data ?? []}
            loading={isFetching}
            pagination={false}
            scroll={{ x: 960 }}
            data-testid="sessions-table"
          />
        )}
      </Card>
    </>
  );
}
