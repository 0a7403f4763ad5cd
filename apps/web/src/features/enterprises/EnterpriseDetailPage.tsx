// 企业详情 one member enterprise: a summary, tabs for profile, membership, contacts, chambers, people, party
// organization and timeline (the tab is kept in the URL), and by permission: edit, change the membership
// status, merge a duplicate into it.
import { EditOutlined, MergeCellsOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Space, Tabs } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { EnterpriseView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { DetailGate, DetailHeader } from '../../components/DetailPage.tsx';
import { InviteEnterpriseButton } from '../invitations/InviteEnterpriseButton.tsx';
import { useEnterprise } from './api.ts';
import { ContactsTab } from './ContactsTab.tsx';
import { EnterpriseFormDrawer } from './EnterpriseFormDrawer.tsx';
import {
  ChambersTab,
  MembershipTab,
  PartyTab,
  PeopleTab,
  ProfileTab,
  TimelineTab,
} from './EnterpriseTabs.tsx';
import { DonorHistory } from '../donations/DonorHistory.tsx';
// events (issue 16)
import { HolderHonours } from '../events/HolderHonours.tsx';
import { MergeModal } from './MergeModal.tsx';
import { EnterpriseTags, MembershipStatusTag } from './RegistryTags.tsx';
import { StatusChangeModal } from './StatusChangeModal.tsx';
import './registry.css';

/** One key fact in the summary: a muted label and its value. */
function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fact">
      <span className="fact-label">{label}</span>
      <span className="fact-value">{children}</span>
    </div>
  );
}

const TABS = ['profile', 'membership', 'contacts', 'chambers', 'people', 'party', 'timeline'] as const;
type TabKey = (typeof TABS)[number];

type Dialog = { kind: 'edit'; contact?: number } | { kind: 'status' } | { kind: 'merge' };

export function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const result = useEnterprise(id);
  return (
    <DetailGate result={result}>
      {(enterprise) => <EnterpriseDetail enterprise={enterprise} onReload={() => void result.refetch()} />}
    </DetailGate>
  );
}

function EnterpriseDetail({ enterprise, onReload }: { enterprise: EnterpriseView; onReload: () => void }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const [searchParams, setSearchParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const requested = searchParams.get('tab');
  const tab: TabKey = TABS.find((key) => key === requested) ?? 'profile';
  const merged = enterprise.mergedIntoId !== null;
  const canWrite = can('registry.write') && !merged;

  return (
    <div data-testid="enterprise-detail">
      <DetailHeader title={enterprise.name}>
        <MembershipStatusTag status={enterprise.membership.status} />
      </DetailHeader>
      {merged ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={t('enterprises.detail.merged')}
          action={
            <Link to={`/enterprises/${enterprise.mergedIntoId}`}>{t('enterprises.detail.openMerged')}</Link>
          }
        />
      ) : null}
      <Card className="summary-card">
        <div className="summary">
          <div className="facts">
            <Fact label={t('enterprises.fields.uscc')}>
              <span className="code-text">{enterprise.uscc}</span>
            </Fact>
            <Fact label={t('enterprises.fields.legalRepresentative')}>
              {enterprise.legalRepresentative ?? '—'}
            </Fact>
            <Fact label={t('enterprises.fields.industry')}>{enterprise.industryName ?? '—'}</Fact>
            <Fact label={t('enterprises.fields.size')}>
              {enterprise.size ? t(`registry.size.${enterprise.size}`) : '—'}
            </Fact>
            <Fact label={t('enterprises.fields.orgUnit')}>{enterprise.orgUnitName}</Fact>
            {enterprise.tags.length > 0 ? (
              <Fact label={t('enterprises.fields.tags')}>
                <EnterpriseTags tags={enterprise.tags} />
              </Fact>
            ) : null}
          </div>
          <Space wrap className="summary-actions">
            {canWrite ? (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setDialog({ kind: 'edit' })}
                data-testid="enterprise-edit"
              >
                {t('common.edit')}
              </Button>
            ) : null}
            {canWrite ? (
              <Button
                icon={<SwapOutlined />}
                onClick={() => setDialog({ kind: 'status' })}
                data-testid="status-change"
              >
                {t('enterprises.membership.change')}
              </Button>
            ) : null}
            {can('invitations.manage') && !merged ? (
              <InviteEnterpriseButton enterpriseId={enterprise.id} />
            ) : null}
            {can('registry.merge') && !merged ? (
              <Button
                icon={<MergeCellsOutlined />}
                onClick={() => setDialog({ kind: 'merge' })}
                data-testid="enterprise-merge"
              >
                {t('enterprises.merge.open')}
              </Button>
            ) : null}
          </Space>
        </div>
      </Card>
      <Card className="tabs-card">
        <Tabs
          activeKey={tab}
          onChange={(key) => {
            const next = new URLSearchParams(searchParams);
            if (key === 'profile') next.delete('tab');
            else next.set('tab', key);
            setSearchParams(next, { replace: true });
          }}
          destroyOnHidden
          items={[
            {
              key: 'profile',
              label: t('enterprises.tabs.profile'),
              children: <ProfileTab enterprise={enterprise} />,
            },
            {
              key: 'membership',
              label: t('enterprises.tabs.membership'),
              children: <MembershipTab enterprise={enterprise} />,
            },
            {
              key: 'contacts',
              label: t('enterprises.tabs.contacts'),
              children: (
                <ContactsTab
                  enterprise={enterprise}
                  onEdit={canWrite ? (index) => setDialog({ kind: 'edit', contact: index }) : undefined}
                />
              ),
            },
            {
              key: 'chambers',
              label: t('enterprises.tabs.chambers'),
              children: <ChambersTab enterprise={enterprise} />,
            },
            {
              key: 'people',
              label: t('enterprises.tabs.people'),
              children: <PeopleTab enterprise={enterprise} />,
            },
            {
              key: 'party',
              label: t('enterprises.tabs.party'),
              children: <PartyTab enterprise={enterprise} />,
            },
            {
              key: 'timeline',
              label: t('enterprises.tabs.timeline'),
              children: <TimelineTab enterprise={enterprise} />,
            },
          ]}
        />
      </Card>
      <DonorHistory donorId={enterprise.id} />
      <HolderHonours holderId={enterprise.id} />
      {dialog?.kind === 'edit' ? (
        <EnterpriseFormDrawer
          enterprise={enterprise}
          focusContact={dialog.contact}
          onClose={() => setDialog(null)}
          onReload={onReload}
        />
      ) : null}
      {dialog?.kind === 'status' ? (
        <StatusChangeModal enterprise={enterprise} onClose={() => setDialog(null)} />
      ) : null}
      {dialog?.kind === 'merge' ? (
        <MergeModal enterprise={enterprise} onClose={() => setDialog(null)} onReload={onReload} />
      ) : null}
    </div>
  );
}
