// 捐赠活动/公益项目 one campaign or program: its organiser, period, target and beneficiaries, its totals —
// recorded, confirmed, directed and the directed share, donors, by kind and (a program) year by year — and
// its donations, where staff record more.
import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Row, Statistic, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { CAMPAIGN_KIND_LABELS, DONATION_KIND_LABELS } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { errorText } from '../../components/errors.ts';
import { BlockSpin } from '../../components/Loading.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { percent } from '../dashboard/charts.ts';
import { LinkedEvents } from '../events/LinkedEvents.tsx';
import { useCampaign } from './api.ts';
import { DonationFormModal, DonationsTable } from './DonationsPage.tsx';
import { yuan } from './format.ts';

export function CampaignDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const { can } = useSession();
  const [recording, setRecording] = useState(false);
  const { data: campaign, error } = useCampaign(id);
  if (error) return <Alert type="error" showIcon message={errorText(error)} />;
  if (!campaign) return <BlockSpin />;
  const totals = campaign.totals;
  return (
    <>
      <PageHeader title={campaign.name} />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('donations.campaign.kind')}>
          {CAMPAIGN_KIND_LABELS[campaign.kind]}
        </Descriptions.Item>
        <Descriptions.Item label={t('donations.campaign.organizer')}>
          {campaign.organizer.name}
        </Descriptions.Item>
        <Descriptions.Item label={t('donations.campaign.period')}>
          {campaign.startsOn} — {campaign.endsOn ?? t('donations.campaign.ongoing')}
        </Descriptions.Item>
        <Descriptions.Item label={t('donations.campaign.target')}>
          {campaign.target ? yuan(campaign.target) : '—'}
        </Descriptions.Item>
        {campaign.beneficiaryHouseholds !== null ? (
          <Descriptions.Item label={t('donations.campaign.households')}>
            {campaign.beneficiaryHouseholds}
          </Descriptions.Item>
        ) : null}
        {campaign.beneficiaryPersons !== null ? (
          <Descriptions.Item label={t('donations.campaign.persons')}>
            {campaign.beneficiaryPersons}
          </Descriptions.Item>
        ) : null}
        {campaign.beneficiaryStudents !== null ? (
          <Descriptions.Item label={t('donations.campaign.students')}>
            {campaign.beneficiaryStudents}
          </Descriptions.Item>
        ) : null}
        {campaign.description ? (
          <Descriptions.Item label={t('donations.campaign.description')}>
            {campaign.description}
          </Descriptions.Item>
        ) : null}
      </Descriptions>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }} data-testid="campaign-totals">
        <Col xs={12} md={8} xl={4}>
          <Card size="small">
            <Statistic
              title={t('donations.campaign.all')}
              value={yuan(totals.all.amount)}
              suffix={`/ ${totals.all.count}`}
            />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card size="small" data-testid="campaign-confirmed">
            <Statistic
              title={t('donations.campaign.confirmedTotal')}
              value={yuan(totals.confirmed.amount)}
              suffix={`/ ${totals.confirmed.count}`}
            />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card size="small" data-testid="campaign-directed">
            <Statistic title={t('donations.campaign.directed')} value={yuan(totals.directed.amount)} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card size="small" data-testid="campaign-directed-share">
            <Statistic title={t('donations.campaign.directedShare')} value={percent(totals.directedShare)} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card size="small">
            <Statistic title={t('donations.campaign.donors')} value={totals.donors} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('donations.campaign.byKind')}>
            <Table
              rowKey="kind"
              size="small"
              pagination={false}
              dataSource={totals.byKind}
              columns={[
                {
                  title: t('donations.fields.kind'),
                  dataIndex: 'kind',
                  render: (k: keyof typeof DONATION_KIND_LABELS) => DONATION_KIND_LABELS[k],
                },
                { title: '#', dataIndex: 'count', align: 'right' },
                {
                  title: t('donations.fields.amount'),
                  dataIndex: 'amount',
                  align: 'right',
                  render: (v: string) => yuan(v),
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('donations.campaign.byYear')}>
            <Table
              rowKey="year"
              size="small"
              pagination={false}
              dataSource={totals.byYear}
              columns={[
                { title: t('donations.campaign.period'), dataIndex: 'year' },
                { title: '#', dataIndex: 'count', align: 'right' },
                {
                  title: t('donations.fields.amount'),
                  dataIndex: 'amount',
                  align: 'right',
                  render: (v: string) => yuan(v),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title={t('donations.campaign.donations')}
        extra={
          can('donations.record') ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRecording(true)}
              data-testid="donation-record"
            >
              {t('donations.record')}
            </Button>
          ) : null
        }
      >
        <DonationsTable filters={{ campaignId: campaign.id }} />
      </Card>
      <div style={{ marginTop: 16 }}>
        <LinkedEvents campaignId={campaign.id} />
      </div>
      {recording ? (
        <DonationFormModal
          campaigns={[campaign]}
          campaignId={campaign.id}
          onClose={() => setRecording(false)}
        />
      ) : null}
    </>
  );
}
