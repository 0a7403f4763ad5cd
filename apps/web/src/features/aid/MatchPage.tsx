// 互助对接 one match: the supply and the need side by side, whether each side accepted, their contacts once
// both did (the server leaves them out before), and the actions the caller may take (accept, decline, record
// the outcome with the quantity delivered).
import { Button, Card, Col, Descriptions, Form, InputNumber, Row, Space, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import {
  AID_MATCH_STATE_LABELS,
  type AidMatchAction,
  type AidMatchView,
  type AidPostView,
} from '@qinqing/shared';
import { DetailGate, DetailHeader } from '../../components/DetailPage.tsx';
import { FormModal } from '../../components/FormModal.tsx';
import { aidQueryKey, transitionMatch, useMatch } from './api.ts';

export function MatchPage() {
  const { id } = useParams();
  return <DetailGate result={useMatch(id)}>{(match) => <MatchDetail match={match} />}</DetailGate>;
}

function MatchDetail({ match }: { match: AidMatchView }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [fulfilling, setFulfilling] = useState(false);
  const [form] = Form.useForm<{ quantity: number }>();
  const run = async (action: AidMatchAction, extra: Record<string, unknown> = {}) => {
    await transitionMatch(match.id, { action, version: match.version, ...extra });
    await queryClient.invalidateQueries({ queryKey: aidQueryKey });
  };
  const side = (
    post: AidPostView,
    accepted: boolean,
    contact: AidMatchView['supplyContact'],
    label: string,
  ) => (
    <Card size="small" title={label}>
      <Descriptions size="small" column={1}>
        <Descriptions.Item label={t('aid.columns.enterprise')}>{post.enterprise.name}</Descriptions.Item>
        <Descriptions.Item label={t('aid.columns.title')}>{post.title}</Descriptions.Item>
        <Descriptions.Item label={t('aid.columns.quantity')}>
          {post.quantity} {post.unit}
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.columns.state')}>
          <Tag color={accepted ? 'success' : 'default'}>
            {accepted ? t('aid.match.accepted') : t('aid.match.waiting')}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('aid.match.contact')}>
          <span data-testid={`aid-contact-${post.side}`}>
            {contact ? `${contact.name} ${contact.mobile ?? ''}` : t('aid.match.masked')}
          </span>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
  return (
    <div data-testid="aid-match">
      <DetailHeader title={`${match.supply.title} → ${match.demand.enterprise.name}`}>
        <Tag data-testid="aid-match-state">{AID_MATCH_STATE_LABELS[match.state]}</Tag>
      </DetailHeader>
      <Space style={{ marginBottom: 16 }}>
        {match.actions.map((action) => (
          <Button
            key={action}
            type={action === 'decline' ? 'default' : 'primary'}
            data-testid={`aid-action-${action}`}
            onClick={() => (action === 'fulfil' ? setFulfilling(true) : void run(action))}
          >
            {t(`aid.match.actions.${action}`)}
          </Button>
        ))}
      </Space>
      <Row gutter={16}>
        <Col xs={24} md={12}>
          {side(match.supply, match.supplyAccepted, match.supplyContact, t('aid.match.supply'))}
        </Col>
        <Col xs={24} md={12}>
          {side(match.demand, match.demandAccepted, match.demandContact, t('aid.match.demand'))}
        </Col>
      </Row>
      {match.quantityDelivered !== null ? (
        <Card size="small" style={{ marginTop: 16 }}>
          <span data-testid="aid-delivered">
            {t('aid.match.delivered')}：{match.quantityDelivered} {match.demand.unit}（{match.deliveredOn}）
          </span>
        </Card>
      ) : null}
      {fulfilling ? (
        <FormModal<{ quantity: number }>
          title={t('aid.match.actions.fulfil')}
          form={form}
          okTestId="aid-fulfil-submit"
          initialValues={{ quantity: match.demand.quantity }}
          onClose={() => setFulfilling(false)}
          onSubmit={(values) => run('fulfil', { quantity: values.quantity })}
        >
          <Form.Item name="quantity" label={t('aid.fields.delivered')} rules={[{ required: true }]}>
            <InputNumber min={0.01} data-testid="aid-fulfil-quantity" />
          </Form.Item>
        </FormModal>
      ) : null}
    </div>
  );
}
