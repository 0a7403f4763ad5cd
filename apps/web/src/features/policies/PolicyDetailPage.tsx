// One policy: its key facts and texts (shown as text, never as markup), its conditions, the matches with a
// reason per condition, the near misses naming the one condition they miss, counts by street and chamber;
// publishing and withdrawing, editing, the push dialog with the recipient count, the pushes with their
// reach, and the redemptions staff record.
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Progress,
  Radio,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  BENEFIT_KIND_LABELS,
  CONDITION_FIELD_LABELS,
  POLICY_ACTION_LABELS,
  POLICY_LEVEL_LABELS,
  PUSH_TARGET_LABELS,
  PUSH_TARGETS,
  REDEMPTION_MODE_LABELS,
  REDEMPTION_STATUS_LABELS,
  REDEMPTION_STATUSES,
  groupedYuan,
  type ConditionReason,
  type PolicyView,
  type PushTarget,
  type PushView,
  type RedemptionStatus,
  type RedemptionView,
} from '@qinqing/shared';
import { DetailGate, DetailHeader } from '../../components/DetailPage.tsx';
import { errorText } from '../../components/errors.ts';
import { FormModal } from '../../components/FormModal.tsx';
import { PolicyAttachmentsCard } from './PolicyAttachmentsCard.tsx';
import {
  countRecipients,
  policiesQueryKey,
  pushPolicy,
  recordRedemption,
  transitionPolicy,
  useMatches,
  usePolicy,
  usePushes,
  useRedemptions,
} from './api.ts';
import { LinkedEvents } from '../events/LinkedEvents.tsx';
import { PolicyStateTag } from './PoliciesPage.tsx';
import { PolicyFormDrawer } from './PolicyFormDrawer.tsx';
import { percent } from './PolicyReachPage.tsx';

const yuan = (amount: string | null) => (amount === null ? '—' : `${groupedYuan(amount)} 元`);

export function PolicyDetailPage() {
  const { id = '' } = useParams();
  const policy = usePolicy(id);
  return <DetailGate result={policy}>{(loaded) => <PolicyDetail policy={loaded} />}</DetailGate>;
}

function Reasons({ reasons }: { reasons: ConditionReason[] }) {
  return (
    <Space direction="vertical" size={0}>
      {reasons.map((reason) => (
        <Typography.Text key={reason.field} type={reason.met ? 'success' : 'danger'}>
          {reason.met ? '✓' : '✗'} {reason.text}
        </Typography.Text>
      ))}
    </Space>
  );
}

function PolicyDetail({ policy }: { policy: PolicyView }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [pushing, setPushing] = useState(false);
  const [redeeming, setRedeeming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: policiesQueryKey });

  const move = (action: 'publish' | 'withdraw') =>
    modal.confirm({
      title: `${POLICY_ACTION_LABELS[action]}《${policy.title}》？`,
      okText: POLICY_ACTION_LABELS[action],
      onOk: async () => {
        try {
          await transitionPolicy(policy.id, { action, version: policy.version });
          void message.success(
            action === 'publish' ? t('policies.detail.published') : t('policies.detail.withdrawn'),
          );
          await refresh();
        } catch (error) {
          void message.error(errorText(error));
        }
      },
    });

  return (
    <>
      <DetailHeader title={policy.title}>
        <PolicyStateTag state={policy.state} />
        {policy.canEdit ? (
          <Button onClick={() => setEditing(true)} data-testid="policy-edit">
            {t('common.edit')}
          </Button>
        ) : null}
        {policy.actions.map((action) => (
          <Button
            key={action}
            type={action === 'publish' ? 'primary' : 'default'}
            danger={action === 'withdraw'}
            onClick={() => move(action)}
            data-testid={`policy-${action}`}
          >
            {POLICY_ACTION_LABELS[action]}
          </Button>
        ))}
        {policy.canPush ? (
          <Button type="primary" onClick={() => setPushing(true)} data-testid="policy-push">
            {t('policies.detail.push')}
          </Button>
        ) : null}
      </DetailHeader>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('policies.detail.facts')}>
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('policies.fields.documentNumber')}>
                {policy.documentNumber ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.issuer')}>{policy.issuer}</Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.level')}>
                {POLICY_LEVEL_LABELS[policy.level]}
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.benefitKind')}>
                {BENEFIT_KIND_LABELS[policy.benefitKind]}
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.redemption')}>
                {REDEMPTION_MODE_LABELS[policy.redemption]}
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.effectiveOn')}>
                {policy.effectiveOn} – {policy.expiresOn ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.applicationClosesOn')}>
                {policy.applicationOpensOn ?? ''} – {policy.applicationClosesOn ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.amountMax')}>
                {policy.amountMax ? `${yuan(policy.amountMin ?? '0')} – ${yuan(policy.amountMax)}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.contact')}>
                {policy.contact ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('policies.fields.tags')}>
                {policy.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Descriptions.Item>
            </Descriptions>
            <Typography.Paragraph style={{ marginTop: 12, whiteSpace: 'pre-wrap' }}>
              {policy.summary}
            </Typography.Paragraph>
            {policy.fullText ? (
              <Typography.Paragraph
                style={{ whiteSpace: 'pre-wrap', maxHeight: 320, overflow: 'auto' }}
                data-testid="policy-full-text"
              >
                {policy.fullText}
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Matches policy={policy} />
        </Col>
        <Col span={24}>
          <PolicyAttachmentsCard policy={policy} />
        </Col>
        <Col span={24}>
          <Pushes policy={policy} />
        </Col>
        <Col span={24}>
          <Redemptions policy={policy} onRecord={() => setRedeeming(true)} />
        </Col>
        <Col span={24}>
          <LinkedEvents policyId={policy.id} />
        </Col>
      </Row>
      {editing ? <PolicyFormDrawer policy={policy} onClose={() => setEditing(false)} /> : null}
      {pushing ? <PushDialog policy={policy} onClose={() => setPushing(false)} /> : null}
      {redeeming ? <RedemptionDialog policy={policy} onClose={() => setRedeeming(false)} /> : null}
    </>
  );
}

function Matches({ policy }: { policy: PolicyView }) {
  const { t } = useTranslation();
  const matches = useMatches(policy.id, policy.version);
  const data = matches.data;
  return (
    <Card title={t('policies.detail.matches')} loading={matches.isPending} data-testid="policy-matches">
      <Space direction="vertical" style={{ width: '100%' }}>
        <div>
          {policy.conditions.length === 0
            ? t('policies.detail.noConditions')
            : policy.conditions.map((condition, index) => (
                <Tag key={index}>
                  {CONDITION_FIELD_LABELS[condition.field]}：{condition.values.map(String).join('、')}
                </Tag>
              ))}
        </div>
        {data ? (
          <>
            <Typography.Text strong data-testid="policy-match-summary">
              {t('policies.detail.matchesSummary', { total: data.total, near: data.nearMissTotal })}
            </Typography.Text>
            {data.manual.length > 0 ? (
              <Typography.Text type="secondary">
                {t('policies.detail.manual')}：{data.manual.join('；')}
              </Typography.Text>
            ) : null}
            <List
              size="small"
              dataSource={data.items.slice(0, 10)}
              renderItem={(item) => (
                <List.Item>
                  <List.Item.Meta
                    title={item.enterprise.name}
                    description={<Reasons reasons={item.reasons} />}
                  />
                </List.Item>
              )}
            />
            {data.nearMisses.length > 0 ? (
              <>
                <Typography.Title level={5}>{t('policies.detail.nearMisses')}</Typography.Title>
                <List
                  size="small"
                  data-testid="policy-near-misses"
                  dataSource={data.nearMisses.slice(0, 10)}
                  renderItem={(item) => (
                    <List.Item>
                      <List.Item.Meta
                        title={item.enterprise.name}
                        description={
                          <Typography.Text type="danger">
                            {t('policies.detail.failed')}：{item.failed.text}
                          </Typography.Text>
                        }
                      />
                    </List.Item>
                  )}
                />
              </>
            ) : null}
            <Space wrap align="start">
              <Table
                size="small"
                rowKey="orgUnitId"
                pagination={false}
                title={() => t('policies.detail.byStreet')}
                dataSource={data.byStreet}
                columns={[
                  { dataIndex: 'name', title: t('policies.detail.byStreet') },
                  { dataIndex: 'count', title: '#', align: 'right' },
                ]}
              />
              <Table
                size="small"
                rowKey="chamberId"
                pagination={false}
                title={() => t('policies.detail.byChamber')}
                dataSource={data.byChamber}
                columns={[
                  { dataIndex: 'name', title: t('policies.detail.byChamber') },
                  { dataIndex: 'count', title: '#', align: 'right' },
                ]}
              />
            </Space>
          </>
        ) : null}
      </Space>
    </Card>
  );
}

/** A push's reach figure, or a dash while the push runs (the server counts its reach once it has finished). */
function counted<T>(show: (value: T) => ReactNode = (value) => String(value)) {
  return (value: T, push: PushView): ReactNode => (push.figures ? show(value) : '—');
}

function Pushes({ policy }: { policy: PolicyView }) {
  const { t } = useTranslation();
  const pushes = usePushes(policy.id);
  const columns: TableColumnsType<PushView> = [
    {
      title: t('policies.push.target'),
      dataIndex: 'target',
      width: 140,
      render: (target: PushTarget) => PUSH_TARGET_LABELS[target],
    },
    {
      title: t('policies.columns.publishedOn'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => at.slice(0, 16).replace('T', ' '),
    },
    {
      title: t('policies.push.progress'),
      dataIndex: 'progress',
      width: 140,
      render: (progress: number, push) => (
        <Progress
          percent={Math.round(progress * 100)}
          size="small"
          status={push.status === 'failed' ? 'exception' : undefined}
        />
      ),
    },
    { title: t('policies.push.targeted'), dataIndex: 'targeted', width: 90, align: 'right' },
    { title: t('policies.push.notified'), dataIndex: 'notified', width: 100, align: 'right' },
    {
      title: t('policies.figures.read'),
      dataIndex: ['figures', 'read'],
      width: 70,
      align: 'right',
      render: counted(),
    },
    {
      title: t('policies.figures.readRate'),
      dataIndex: ['figures', 'readRate'],
      width: 80,
      align: 'right',
      render: counted(percent),
    },
    {
      title: t('policies.figures.interested'),
      dataIndex: ['figures', 'interested'],
      width: 80,
      align: 'right',
      render: counted(),
    },
    {
      title: t('policies.figures.approved'),
      dataIndex: ['figures', 'approved'],
      width: 70,
      align: 'right',
      render: counted(),
    },
    {
      title: t('policies.figures.amount'),
      dataIndex: ['figures', 'amount'],
      width: 130,
      align: 'right',
      render: counted(yuan),
    },
  ];
  return (
    <Card title={t('policies.detail.pushes')}>
      <Table<PushView>
        rowKey="id"
        size="small"
        loading={pushes.isPending}
        dataSource={pushes.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 1000 }}
        data-testid="policy-pushes"
      />
    </Card>
  );
}

function Redemptions({ policy, onRecord }: { policy: PolicyView; onRecord: () => void }) {
  const { t } = useTranslation();
  const redemptions = useRedemptions(policy.id);
  const columns: TableColumnsType<RedemptionView> = [
    { title: t('policies.redemption.enterprise'), dataIndex: ['enterprise', 'name'], ellipsis: true },
    {
      title: t('policies.redemption.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: RedemptionStatus) => REDEMPTION_STATUS_LABELS[status],
    },
    {
      title: t('policies.redemption.appliedOn'),
      dataIndex: 'appliedOn',
      width: 110,
      render: (d) => d ?? '—',
    },
    {
      title: t('policies.redemption.decidedOn'),
      dataIndex: 'decidedOn',
      width: 110,
      render: (d) => d ?? '—',
    },
    { title: t('policies.redemption.amount'), dataIndex: 'amount', width: 140, align: 'right', render: yuan },
    {
      title: t('policies.redemption.rejectReason'),
      dataIndex: 'rejectReason',
      width: 160,
      render: (d) => d ?? '—',
    },
    {
      title: t('policies.redemption.confirmed'),
      dataIndex: 'confirmed',
      width: 130,
      render: (confirmed: boolean) =>
        confirmed ? t('policies.redemption.confirmed') : t('policies.redemption.reported'),
    },
  ];
  return (
    <Card
      title={t('policies.detail.redemptions')}
      extra={
        policy.canRedeem ? (
          <Button onClick={onRecord} data-testid="policy-redeem">
            {t('policies.detail.recordRedemption')}
          </Button>
        ) : null
      }
    >
      <Table<RedemptionView>
        rowKey="id"
        size="small"
        loading={redemptions.isPending}
        dataSource={redemptions.data?.items ?? []}
        columns={columns}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="policy-redemptions"
      />
    </Card>
  );
}

interface PushValues {
  target: PushTarget;
  chamberId?: string;
  enterpriseIds?: string[];
}

function PushDialog({ policy, onClose }: { policy: PolicyView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<PushValues>();
  const target = Form.useWatch('target', form) ?? 'matched';
  const chamberId = Form.useWatch('chamberId', form);
  const chosen = Form.useWatch('enterpriseIds', form);
  // The list to choose from: the first 200 matches and near misses (the most the API answers).
  const matches = useMatches(policy.id, policy.version, 200);
  const [count, setCount] = useState<{ recipients: number; alreadyReached: number } | null>(null);
  // The chosen list as one key, so that the count is asked again only when the choice changes.
  const chosenKey = (chosen ?? []).join(',');
  useEffect(() => {
    const enterpriseIds = chosenKey ? chosenKey.split(',') : [];
    if ((target === 'chamber' && !chamberId) || (target === 'list' && enterpriseIds.length === 0)) {
      setCount(null);
      return;
    }
    let current = true;
    countRecipients(policy.id, {
      target,
      ...(target === 'chamber' ? { chamberId } : {}),
      ...(target === 'list' ? { enterpriseIds } : {}),
    }).then(
      (answer) => current && setCount(answer),
      () => current && setCount(null),
    );
    return () => {
      current = false;
    };
  }, [policy.id, target, chamberId, chosenKey]);

  const submit = async (values: PushValues) => {
    await pushPolicy(policy.id, {
      target: values.target,
      ...(values.target === 'chamber' ? { chamberId: values.chamberId } : {}),
      ...(values.target === 'list' ? { enterpriseIds: values.enterpriseIds } : {}),
    });
    void message.success(t('policies.push.started'));
    await queryClient.invalidateQueries({ queryKey: policiesQueryKey });
    onClose();
  };

  return (
    <FormModal<PushValues>
      title={t('policies.push.title')}
      form={form}
      initialValues={{ target: 'matched' }}
      onSubmit={submit}
      onClose={onClose}
      okText={t('policies.push.confirm')}
      okTestId="policy-push-confirm"
    >
      <Form.Item name="target" label={t('policies.push.target')}>
        <Radio.Group
          options={PUSH_TARGETS.map((value) => ({
            value,
            label: PUSH_TARGET_LABELS[value],
          }))}
        />
      </Form.Item>
      {target === 'list' ? (
        <Form.Item
          name="enterpriseIds"
          label={t('policies.push.enterprises')}
          extra={t('policies.push.listHint')}
          rules={[{ required: true, message: t('policies.push.listRequired') }]}
        >
          <Select
            mode="multiple"
            showSearch
            optionFilterProp="label"
            loading={matches.isPending}
            data-testid="policy-push-enterprises"
            options={[
              {
                label: t('policies.push.matchedGroup', { count: matches.data?.total ?? 0 }),
                options: (matches.data?.items ?? []).map((item) => ({
                  value: item.enterprise.id,
                  label: item.enterprise.name,
                })),
              },
              {
                label: t('policies.push.nearGroup', { count: matches.data?.nearMissTotal ?? 0 }),
                options: (matches.data?.nearMisses ?? []).map((item) => ({
                  value: item.enterprise.id,
                  label: `${item.enterprise.name}（${item.failed.text}）`,
                })),
              },
            ]}
          />
        </Form.Item>
      ) : null}
      {target === 'chamber' ? (
        <Form.Item name="chamberId" label={t('policies.push.chamber')} rules={[{ required: true }]}>
          <Select
            options={(matches.data?.byChamber ?? []).map((chamber) => ({
              value: chamber.chamberId,
              label: chamber.name,
            }))}
          />
        </Form.Item>
      ) : null}
      {count ? (
        <Typography.Paragraph data-testid="policy-push-count">
          {t('policies.push.count', { count: count.recipients, already: count.alreadyReached })}
        </Typography.Paragraph>
      ) : null}
    </FormModal>
  );
}

interface RedemptionValues {
  enterpriseId: string;
  status: RedemptionStatus;
  appliedOn?: Dayjs | null;
  decidedOn?: Dayjs | null;
  amount?: string;
  rejectReason?: string;
  evidence?: string;
}

function RedemptionDialog({ policy, onClose }: { policy: PolicyView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<RedemptionValues>();
  const status = Form.useWatch('status', form);
  const matches = useMatches(policy.id, policy.version);
  const day = (value: Dayjs | null | undefined) => (value ? value.format('YYYY-MM-DD') : null);
  const submit = async (values: RedemptionValues) => {
    await recordRedemption(policy.id, {
      enterpriseId: values.enterpriseId,
      status: values.status,
      appliedOn: day(values.appliedOn),
      decidedOn: day(values.decidedOn),
      amount: values.amount?.trim() || null,
      rejectReason: values.rejectReason?.trim() || null,
      evidence: values.evidence?.trim() || null,
    });
    void message.success(t('policies.redemption.saved'));
    await queryClient.invalidateQueries({ queryKey: policiesQueryKey });
    onClose();
  };
  return (
    <FormModal<RedemptionValues>
      title={t('policies.detail.recordRedemption')}
      form={form}
      initialValues={{ status: 'approved' }}
      onSubmit={submit}
      onClose={onClose}
      okTestId="policy-redeem-save"
    >
      <Form.Item name="enterpriseId" label={t('policies.redemption.enterprise')} rules={[{ required: true }]}>
        <Select
          showSearch
          optionFilterProp="label"
          data-testid="policy-redeem-enterprise"
          options={(matches.data?.items ?? []).map((item) => ({
            value: item.enterprise.id,
            label: item.enterprise.name,
          }))}
        />
      </Form.Item>
      <Form.Item name="status" label={t('policies.redemption.status')}>
        <Radio.Group
          options={REDEMPTION_STATUSES.map((value) => ({ value, label: REDEMPTION_STATUS_LABELS[value] }))}
        />
      </Form.Item>
      <Space wrap>
        <Form.Item name="appliedOn" label={t('policies.redemption.appliedOn')}>
          <DatePicker />
        </Form.Item>
        <Form.Item name="decidedOn" label={t('policies.redemption.decidedOn')}>
          <DatePicker data-testid="policy-redeem-decided" />
        </Form.Item>
      </Space>
      {status === 'approved' ? (
        <Form.Item name="amount" label={t('policies.redemption.amount')}>
          <Input inputMode="decimal" data-testid="policy-redeem-amount" />
        </Form.Item>
      ) : null}
      {status === 'rejected' ? (
        <Form.Item name="rejectReason" label={t('policies.redemption.rejectReason')}>
          <Input maxLength={500} />
        </Form.Item>
      ) : null}
      <Form.Item name="evidence" label={t('policies.redemption.evidence')}>
        <Input maxLength={500} />
      </Form.Item>
    </FormModal>
  );
}
