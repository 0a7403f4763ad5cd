// 企业账号邀请 the staff page: the invitations with their states, a chamber invited in a batch (progress,
// letters to print, the list for the group chat) and the access requests to approve or reject.
import { useQueryClient } from '@tanstack/react-query';
import { App, Alert, Button, Card, Select, Space, Tabs, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  ACCESS_REQUEST_STATE_LABELS,
  INVITATION_STATE_LABELS,
  INVITATION_STATES,
  type AccessRequestView,
  type InvitationState,
  type InvitationView,
} from '@qinqing/shared';
import { downloadFile } from '../../api/download.ts';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { LocalPagedTable } from '../../components/PagedTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { labelLang } from '../../i18n/index.ts';
import { ResetLinkButton } from './InviteEnterpriseButton.tsx';
import {
  accessRequestsKey,
  decideAccessRequest,
  invitationsKey,
  startBatch,
  useAccessRequests,
  useBatch,
  useChamberOptions,
  useInvitations,
} from './api.ts';

const STATE_COLORS: Record<InvitationState, string> = { live: 'blue', used: 'green', expired: 'default' };

function InvitationsTab() {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const [state, setState] = useState<InvitationState | undefined>();
  const [page, setPage] = useState(1);
  const invitations = useInvitations({ state, page });
  const columns: TableColumnsType<InvitationView> = [
    { title: t('invitations.enterprise'), dataIndex: 'enterpriseName' },
    {
      title: t('invitations.state'),
      dataIndex: 'state',
      width: 100,
      render: (value: InvitationState) => (
        <Tag color={STATE_COLORS[value]} data-testid="invitation-state">
          {INVITATION_STATE_LABELS[value][lang]}
        </Tag>
      ),
    },
    { title: t('invitations.createdAt'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
    { title: t('invitations.expiresAt'), dataIndex: 'expiresAt', width: 170, render: formatDateTime },
    { title: t('invitations.usedAt'), dataIndex: 'usedAt', width: 170, render: formatDateTime },
    {
      title: t('invitations.account'),
      dataIndex: 'accountName',
      width: 200,
      render: (name: string | null, invitation) =>
        invitation.accountId ? (
          <Space size={4} data-testid="invitation-account">
            <span>{name}</span>
            <ResetLinkButton userId={invitation.accountId} />
          </Space>
        ) : null,
    },
    {
      title: t('invitations.emailed'),
      dataIndex: 'emailed',
      width: 90,
      render: (emailed: boolean) => (emailed ? '✓' : ''),
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select
        allowClear
        placeholder={t('invitations.allStates')}
        style={{ width: 160 }}
        data-testid="invitation-state-filter"
        value={state}
        onChange={(value?: InvitationState) => {
          setState(value);
          setPage(1);
        }}
        options={INVITATION_STATES.map((value) => ({ value, label: INVITATION_STATE_LABELS[value][lang] }))}
      />
      <LocalPagedTable<InvitationView>
        result={invitations}
        page={page}
        onPage={setPage}
        columns={columns}
        testId="invitations-table"
      />
    </Space>
  );
}

/** A batch's progress and, once done, its letters and list. */
export function BatchProgress({ batchId }: { batchId: string }) {
  const { t } = useTranslation();
  const { data } = useBatch(batchId);
  if (!data || data.status === 'queued' || data.status === 'running') {
    return (
      <Alert
        type="info"
        showIcon
        title={`${t('invitations.batchRunning')} ${Math.round((data?.progress ?? 0) * 100)}%`}
      />
    );
  }
  if (data.status === 'failed') {
    return (
      <Alert
        type="error"
        showIcon
        title={t('invitations.batchFailed', { message: data.error?.message ?? '' })}
      />
    );
  }
  return (
    <Space orientation="vertical">
      <Alert
        type="success"
        showIcon
        data-testid="batch-done"
        title={t('invitations.batchDone', data.counts)}
      />
      <Space>
        <Button
          type="primary"
          data-testid="print-letters"
          onClick={() => void downloadFile(data.lettersUrl!.replace(/^\/api/, ''), 'invitation-letters.docx')}
        >
          {t('invitations.printLetters')}
        </Button>
        <Button onClick={() => void downloadFile(data.listUrl!.replace(/^\/api/, ''), 'invitation-list.txt')}>
          {t('invitations.downloadList')}
        </Button>
      </Space>
    </Space>
  );
}

function BatchTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const { data: chambers } = useChamberOptions();
  const [chamberId, setChamberId] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const batchId = params.get('batch') ?? undefined;
  const start = async () => {
    if (!chamberId) return;
    setBusy(true);
    try {
      const id = await startBatch({ chamberId });
      setParams((previous) => {
        const next = new URLSearchParams(previous);
        next.set('batch', id);
        return next;
      });
      void queryClient.invalidateQueries({ queryKey: invitationsKey });
    } catch (error) {
      void message.error(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text>{t('invitations.chooseChamber')}</Typography.Text>
      <Space wrap>
        <Select
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: 280 }}
          placeholder={t('invitations.chamber')}
          data-testid="batch-chamber"
          value={chamberId}
          onChange={setChamberId}
          options={chambers?.map((chamber) => ({ value: chamber.id, label: chamber.name }))}
        />
        <Button type="primary" disabled={!chamberId} loading={busy} onClick={() => void start()}>
          {t('invitations.startBatch')}
        </Button>
      </Space>
      {batchId ? <BatchProgress batchId={batchId} /> : null}
    </Space>
  );
}

function RequestsTab() {
  const { t, i18n } = useTranslation();
  const lang = labelLang(i18n.language);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [page, setPage] = useState(1);
  const [link, setLink] = useState<string | undefined>();
  const requests = useAccessRequests({ page });
  const decide = async (request: AccessRequestView, action: 'approve' | 'reject') => {
    try {
      const answer = await decideAccessRequest(request.id, action, request.version);
      if (answer.setPasswordLink) setLink(answer.setPasswordLink);
      else void message.success(t('invitations.rejected'));
      void queryClient.invalidateQueries({ queryKey: accessRequestsKey });
    } catch (failure) {
      void message.error(errorText(failure));
    }
  };
  const columns: TableColumnsType<AccessRequestView> = [
    { title: t('invitations.enterprise'), dataIndex: 'enterpriseName' },
    { title: t('invitations.name'), dataIndex: 'name', width: 110 },
    { title: t('invitations.mobile'), dataIndex: 'mobile', width: 130 },
    { title: t('invitations.requestedAt'), dataIndex: 'createdAt', width: 170, render: formatDateTime },
    {
      title: t('invitations.state'),
      dataIndex: 'state',
      width: 100,
      render: (value: AccessRequestView['state']) => <Tag>{ACCESS_REQUEST_STATE_LABELS[value][lang]}</Tag>,
    },
    {
      key: 'actions',
      width: 150,
      render: (_, request) =>
        request.state === 'pending' ? (
          <Space>
            <Button size="small" type="primary" onClick={() => void decide(request, 'approve')}>
              {t('invitations.approve')}
            </Button>
            <Button size="small" danger onClick={() => void decide(request, 'reject')}>
              {t('invitations.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {link ? (
        <Alert
          type="success"
          showIcon
          closable={{ onClose: () => setLink(undefined) }}
          title={t('invitations.approved')}
          description={<Typography.Text copyable>{link}</Typography.Text>}
        />
      ) : null}
      <LocalPagedTable<AccessRequestView>
        result={requests}
        page={page}
        onPage={setPage}
        columns={columns}
        testId="access-requests-table"
      />
    </Space>
  );
}

export function InvitationsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? (params.get('batch') ? 'batch' : 'invitations');
  return (
    <>
      <PageHeader title={t('invitations.title')}>{t('invitations.intro')}</PageHeader>
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams({ tab: key })}
          items={[
            { key: 'invitations', label: t('invitations.tabs.invitations'), children: <InvitationsTab /> },
            { key: 'batch', label: t('invitations.tabs.batch'), children: <BatchTab /> },
            { key: 'requests', label: t('invitations.tabs.requests'), children: <RequestsTab /> },
          ]}
        />
      </Card>
    </>
  );
}
