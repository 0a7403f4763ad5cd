// 接口令牌 API tokens: the security administrator issues a token for an outside system (its secret shown
// once, with a copy button), lists and revokes tokens, and sees their latest uses.
import { CopyOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  API_TOKEN_STATE_LABELS,
  PERMISSION_LABELS,
  TOKEN_PERMISSIONS,
  type ApiTokenUse,
  type ApiTokenView,
} from '@qinqing/shared';
import { api } from '../../api/client.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { formatDateTime } from '../../components/format.ts';
import { OrgUnitTreeSelect } from '../org-units/OrgUnitTreeSelect.tsx';

const tokensKey = ['api-tokens'] as const;
const usesKey = ['api-tokens', 'uses'] as const;

interface IssueValues {
  name: string;
  permissions: string[];
  orgUnitId: string;
  expiresAt: Dayjs;
}

const STATE_COLOURS = { active: 'green', expired: 'default', revoked: 'red' } as const;

function permissionName(code: string, lang: 'zh' | 'en'): string {
  const label = (PERMISSION_LABELS as Record<string, { zh: string; en: string } | undefined>)[code];
  return label ? label[lang] : code;
}

function IssueModal({ onClose, onIssued }: { onClose: () => void; onIssued: (secret: string) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const [form] = Form.useForm<IssueValues>();
  return (
    <FormModal<IssueValues>
      title={t('apiTokens.issue')}
      form={form}
      initialValues={{ expiresAt: dayjs().add(1, 'year').endOf('day'), permissions: ['appeals.hotline'] }}
      okText={t('apiTokens.issue')}
      okTestId="api-token-issue-ok"
      onClose={onClose}
      onSubmit={async (values) => {
        const { token } = await api.post<{ token: { id: string; secret: string } }>('/api-tokens', {
          name: values.name,
          permissions: values.permissions,
          orgUnitId: values.orgUnitId,
          expiresAt: values.expiresAt.toISOString(),
        });
        onIssued(token.secret);
      }}
    >
      <Form.Item name="name" label={t('apiTokens.columns.name')} rules={[{ required: true }]}>
        <Input maxLength={60} placeholder={t('apiTokens.namePlaceholder')} />
      </Form.Item>
      <Form.Item
        name="permissions"
        label={t('apiTokens.columns.permissions')}
        rules={[{ required: true }]}
        extra={t('apiTokens.permissionsHint')}
      >
        <Select
          mode="multiple"
          options={TOKEN_PERMISSIONS.map((code) => ({ value: code, label: permissionName(code, lang) }))}
          optionFilterProp="label"
        />
      </Form.Item>
      <Form.Item
        name="orgUnitId"
        label={t('apiTokens.columns.orgUnit')}
        rules={[{ required: true }]}
        extra={t('apiTokens.orgUnitHint')}
      >
        <OrgUnitTreeSelect />
      </Form.Item>
      <Form.Item name="expiresAt" label={t('apiTokens.columns.expiresAt')} rules={[{ required: true }]}>
        <DatePicker showTime />
      </Form.Item>
    </FormModal>
  );
}

function SecretModal({ secret, onClose }: { secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (
    <Modal
      open
      title={t('apiTokens.secretTitle')}
      onCancel={onClose}
      onOk={onClose}
      okText={t('apiTokens.secretDone')}
      cancelButtonProps={{ style: { display: 'none' } }}
      maskClosable={false}
    >
      <Alert className="form-alert" type="warning" showIcon title={t('apiTokens.secretOnce')} />
      <Flex gap={8} align="center">
        <Typography.Text code data-testid="api-token-secret" style={{ wordBreak: 'break-all' }}>
          {secret}
        </Typography.Text>
        <Button
          icon={<CopyOutlined />}
          onClick={() =>
            void navigator.clipboard
              .writeText(secret)
              .then(() => message.success(t('apiTokens.copied')))
              .catch(() => message.error(t('apiTokens.copyFailed')))
          }
        >
          {t('apiTokens.copy')}
        </Button>
      </Flex>
    </Modal>
  );
}

export function ApiTokensPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('en') ? 'en' : 'zh';
  const queryClient = useQueryClient();
  const [issuing, setIssuing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({
    queryKey: tokensKey,
    queryFn: async () => (await api.get<{ items: ApiTokenView[] }>('/api-tokens')).items,
  });
  const uses = useQuery({
    queryKey: usesKey,
    queryFn: async () => (await api.get<{ items: ApiTokenUse[] }>('/api-tokens/uses?limit=50')).items,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: tokensKey });

  const columns: TableColumnsType<ApiTokenView> = [
    {
      title: t('apiTokens.columns.name'),
      dataIndex: 'name',
      render: (name: string, row) => (
        <>
          {name} <Typography.Text type="secondary">{row.hint}…</Typography.Text>
        </>
      ),
    },
    {
      title: t('apiTokens.columns.permissions'),
      dataIndex: 'permissions',
      render: (permissions: string[]) =>
        permissions.map((code) => <Tag key={code}>{permissionName(code, lang)}</Tag>),
    },
    { title: t('apiTokens.columns.orgUnit'), dataIndex: 'orgUnitName' },
    {
      title: t('apiTokens.columns.expiresAt'),
      dataIndex: 'expiresAt',
      render: (value: string) => formatDateTime(value),
    },
    {
      title: t('apiTokens.columns.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (value: string | null) => formatDateTime(value),
    },
    {
      title: t('apiTokens.columns.state'),
      dataIndex: 'state',
      render: (state: ApiTokenView['state']) => (
        <Tag color={STATE_COLOURS[state]}>
          {lang === 'zh' ? API_TOKEN_STATE_LABELS[state] : t(`apiTokens.state.${state}`)}
        </Tag>
      ),
    },
    {
      title: t('apiTokens.columns.actions'),
      key: 'actions',
      render: (_, row) =>
        row.state === 'revoked' ? null : (
          <Popconfirm
            title={t('apiTokens.revokeConfirm', { name: row.name })}
            onConfirm={async () => {
              await api.delete(`/api-tokens/${row.id}`);
              refresh();
            }}
          >
            <Button size="small" danger data-testid={`api-token-revoke-${row.name}`}>
              {t('apiTokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  const useColumns: TableColumnsType<ApiTokenUse> = [
    { title: t('apiTokens.uses.at'), dataIndex: 'at', render: (value: string) => formatDateTime(value) },
    { title: t('apiTokens.columns.name'), dataIndex: 'tokenName' },
    {
      title: t('apiTokens.uses.route'),
      key: 'route',
      render: (_, use) => `${use.method} ${use.route}`,
    },
    { title: t('apiTokens.uses.status'), dataIndex: 'status' },
    { title: t('apiTokens.uses.count'), dataIndex: 'uses', align: 'right' },
  ];

  return (
    <>
      <Alert className="form-alert" type="info" showIcon title={t('apiTokens.intro')} />
      <Flex justify="end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setIssuing(true)}>
          {t('apiTokens.issue')}
        </Button>
      </Flex>
      <Table<ApiTokenView>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={tokens.data ?? []}
        loading={tokens.isFetching}
        pagination={false}
        data-testid="api-tokens-table"
      />
      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('apiTokens.uses.title')}
      </Typography.Title>
      <Table<ApiTokenUse>
        rowKey={(use) => `${use.tokenId}-${use.at}-${use.route}`}
        size="small"
        columns={useColumns}
        dataSource={uses.data ?? []}
        loading={uses.isFetching}
        pagination={{ pageSize: 10 }}
      />
      {issuing && (
        <IssueModal
          onClose={() => setIssuing(false)}
          onIssued={(issued) => {
            setSecret(issued);
            refresh();
          }}
        />
      )}
      {secret && <SecretModal secret={secret} onClose={() => setSecret(null)} />}
    </>
  );
}
