// 诉求详情 one appeal: its facts and deadlines, the forwards to departments with their answers, the
// timeline of everything that happened to it, its attachments, and the actions the caller may take now.
import { Alert, Card, Col, Descriptions, Row, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  APPEAL_ACTIONS,
  APPEAL_STATES,
  type AppealAction,
  type AppealEventView,
  type AppealForwardView,
  type AppealState,
  type AppealView,
} from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { DetailGate, DetailHeader } from '../../components/DetailPage.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useAppeal } from './api.ts';
import { AppealActions } from './AppealActions.tsx';
import { AppealContact } from './AppealContact.tsx';
import { useCategoryName } from './AppealSelects.tsx';
import { AppealStateTag, OverdueTag, UrgencyTag, WorkingDaysLeft } from './AppealTags.tsx';
import { AttachmentsCard } from './AttachmentsCard.tsx';
import { ForwardsTable } from './ForwardsTable.tsx';
import '../enterprises/registry.css';
import './appeals.css';

/** States in which the appeal's file is closed to new attachments. */
const SETTLED: ReadonlySet<AppealState> = new Set(['closed', 'invalid', 'merged']);

export function AppealDetailPage() {
  const { id = '' } = useParams();
  return <DetailGate result={useAppeal(id)}>{(appeal) => <AppealDetail appeal={appeal} />}</DetailGate>;
}

function AppealDetail({ appeal }: { appeal: AppealView }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const canUpload =
    !SETTLED.has(appeal.state) && (can('appeals.raise') || can('appeals.triage') || can('appeals.handle'));
  return (
    <div data-testid="appeal-detail">
      <DetailHeader
        title={
          <>
            <span className="code-text appeal-number" data-testid="appeal-number">
              {appeal.number}
            </span>
            {appeal.title}
          </>
        }
      >
        <AppealStateTag state={appeal.state} />
        <UrgencyTag urgency={appeal.urgency} />
        <OverdueTag overdue={appeal.overdue} />
        {/* 融资 financing: a financing appeal becomes a need in one click; its outcome answers the appeal. */}
        {appeal.category === 'financing' && can('financing.state') ? (
          <Link
            to={`/financing?fromAppeal=${appeal.id}&enterpriseId=${appeal.enterpriseId}`}
            data-testid="appeal-to-financing"
          >
            {t('financing.fromAppeal')}
          </Link>
        ) : null}
      </DetailHeader>
      {appeal.state === 'merged' && appeal.mergedIntoId ? (
        <Alert
          className="form-alert"
          type="info"
          showIcon
          title={t('appeals.detail.mergedInto', { number: appeal.mergedIntoNumber ?? '' })}
          action={<Link to={`/appeals/${appeal.mergedIntoId}`}>{t('appeals.detail.openMerged')}</Link>}
        />
      ) : null}
      {appeal.state === 'invalid' && appeal.invalidReason ? (
        <Alert
          className="form-alert"
          type="warning"
          showIcon
          title={t('appeals.detail.invalidReason', { reason: appeal.invalidReason })}
        />
      ) : null}
      <Card className="summary-card">
        <div className="summary">
          <Typography.Paragraph className="appeal-description" data-testid="appeal-description">
            {appeal.description}
          </Typography.Paragraph>
          <div className="summary-actions">
            <AppealActions appeal={appeal} />
          </div>
        </div>
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={10}>
          <Card title={t('appeals.detail.facts')} className="full-height">
            <Facts appeal={appeal} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={t('appeals.detail.timeline')} className="full-height">
            <AppealTimeline events={appeal.events} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card title={t('appeals.detail.forwards')}>
            <AppealForwards forwards={appeal.forwards} />
          </Card>
        </Col>
        <Col xs={24}>
          <AttachmentsCard appealId={appeal.id} attachments={appeal.attachments} canUpload={canUpload} />
        </Col>
      </Row>
    </div>
  );
}

function Facts({ appeal }: { appeal: AppealView }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  // The deadline that matters now: the earliest of the open forwards of this round.
  const open = appeal.forwards.filter(
    (forward) =>
      forward.round === appeal.round && (forward.state === 'pending' || forward.state === 'accepted'),
  );
  const daysLeft = open.reduce<number | null>(
    (least, forward) =>
      forward.workingDaysLeft === null
        ? least
        : least === null
          ? forward.workingDaysLeft
          : Math.min(least, forward.workingDaysLeft),
    null,
  );
  const items = [
    {
      key: 'enterprise',
      label: t('appeals.fields.enterprise'),
      children: <Link to={`/enterprises/${appeal.enterpriseId}`}>{appeal.enterpriseName}</Link>,
    },
    { key: 'contact', label: t('appeals.fields.contact'), children: <AppealContact appeal={appeal} /> },
    {
      key: 'category',
      label: t('appeals.fields.category'),
      children: categoryName(appeal.category, appeal.categoryName),
    },
    {
      key: 'source',
      label: t('appeals.fields.source'),
      children: (
        <Space size={6}>
          {t(`appeals.source.${appeal.source}`)}
          {appeal.visitId ? <span className="muted">{t('appeals.detail.fromVisit')}</span> : null}
        </Space>
      ),
    },
    ...(appeal.chamberName
      ? [{ key: 'chamber', label: t('appeals.fields.chamber'), children: appeal.chamberName }]
      : []),
    { key: 'raisedBy', label: t('appeals.fields.raisedBy'), children: appeal.raisedByName ?? '—' },
    { key: 'receivedAt', label: t('appeals.fields.receivedAt'), children: formatDateTime(appeal.receivedAt) },
    {
      key: 'respondDueAt',
      label: t('appeals.fields.respondDueAt'),
      children: formatDateTime(appeal.respondDueAt),
    },
    {
      key: 'resolveDueAt',
      label: t('appeals.fields.resolveDueAt'),
      children: (
        <Space size={8} wrap>
          {formatDateTime(appeal.resolveDueAt)}
          <WorkingDaysLeft days={daysLeft} />
        </Space>
      ),
    },
    ...(appeal.answeredAt
      ? [
          {
            key: 'answeredAt',
            label: t('appeals.fields.answeredAt'),
            children: formatDateTime(appeal.answeredAt),
          },
        ]
      : []),
    ...(appeal.outcome
      ? [
          {
            key: 'outcome',
            label: t('appeals.fields.outcome'),
            children: t(`appeals.outcome.${appeal.outcome}`),
          },
        ]
      : []),
    ...(appeal.satisfaction
      ? [
          {
            key: 'satisfaction',
            label: t('appeals.fields.satisfaction'),
            children: (
              <span data-testid="appeal-satisfaction">
                {t(`appeals.satisfaction.${appeal.satisfaction}`)}
                {appeal.ratedVia ? `（${t(`appeals.ratingChannel.${appeal.ratedVia}`)}）` : ''}
              </span>
            ),
          },
        ]
      : []),
    ...(appeal.closedUnrated
      ? [
          {
            key: 'satisfaction',
            label: t('appeals.fields.satisfaction'),
            children: <Tag data-testid="appeal-closed-unrated">{t('appeals.closedUnrated')}</Tag>,
          },
        ]
      : []),
    ...(appeal.reopenUntil
      ? [
          {
            key: 'reopenUntil',
            label: t('appeals.fields.reopenUntil'),
            children: formatDateTime(appeal.reopenUntil),
          },
        ]
      : []),
    ...(appeal.reopenCount > 0
      ? [{ key: 'reopenCount', label: t('appeals.fields.reopenCount'), children: appeal.reopenCount }]
      : []),
  ];
  return <Descriptions bordered size="small" column={1} items={items} data-testid="appeal-facts" />;
}

function AppealForwards({ forwards }: { forwards: readonly AppealForwardView[] }) {
  const { t } = useTranslation();
  return (
    <ForwardsTable
      forwards={forwards}
      leading={[
        { title: t('appeals.fields.department'), dataIndex: 'departmentName', width: 170, fixed: 'left' },
        { title: t('appeals.forward.round'), dataIndex: 'round', width: 70, align: 'center' },
      ]}
      trailing={[
        {
          title: t('appeals.forward.respondedAt'),
          dataIndex: 'respondedAt',
          width: 165,
          render: (value: string | null) => formatDateTime(value),
        },
        {
          title: t('appeals.fields.answeredAt'),
          dataIndex: 'answeredAt',
          width: 165,
          render: (value: string | null) => formatDateTime(value),
        },
        {
          title: t('appeals.forward.answer'),
          key: 'answer',
          width: 280,
          render: (_, forward) =>
            forward.returnReason ? (
              <span>
                <Typography.Text type="warning">{t('appeals.forward.returnReason')}：</Typography.Text>
                {forward.returnReason}
              </span>
            ) : (
              (forward.answer ?? '—')
            ),
        },
      ]}
      testId="appeal-forwards"
    />
  );
}

const isAction = (value: string): value is AppealAction =>
  (APPEAL_ACTIONS as readonly string[]).includes(value);
const isState = (value: string | null): value is AppealState =>
  value !== null && (APPEAL_STATES as readonly string[]).includes(value);

/** What one event says: the action's name, or for events the server adds itself (created, reminders…) its own. */
function useEventLabel() {
  const { t, i18n } = useTranslation();
  return (event: AppealEventView) => {
    if (isAction(event.action)) return t(`appeals.action.${event.action}`);
    const key = `appeals.event.${event.action}`;
    return i18n.exists(key) ? t(key as 'appeals.event.raise') : event.action;
  };
}

const EVENT_COLORS: Partial<Record<string, string>> = {
  mark_invalid: 'gray',
  return: 'orange',
  resolve: 'green',
  confirm: 'green',
  rate: 'green',
  reopen: 'red',
};

function AppealTimeline({ events }: { events: readonly AppealEventView[] }) {
  const { t } = useTranslation();
  const label = useEventLabel();
  const ordered = [...events].sort((a, b) =>
    a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : a.id - b.id,
  );
  return (
    <Timeline
      className="record-timeline"
      data-testid="appeal-timeline"
      items={ordered.map((event) => ({
        key: event.id,
        color: EVENT_COLORS[event.action] ?? (event.action.includes('overdue') ? 'red' : 'blue'),
        content: (
          <div className="timeline-event" data-testid="appeal-event">
            <div className="timeline-time">
              {formatDateTime(event.occurredAt)}
              {event.actorName ? ` · ${event.actorName}` : ''}
            </div>
            <div className="timeline-title">
              {label(event)}
              {event.departmentName ? <span className="muted"> · {event.departmentName}</span> : null}
              {isState(event.toState) && event.toState !== event.fromState ? (
                <span className="muted"> → {t(`appeals.state.${event.toState}`)}</span>
              ) : null}
            </div>
            {event.note ? (
              <Typography.Text type="secondary" className="timeline-description">
                {event.note}
              </Typography.Text>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
