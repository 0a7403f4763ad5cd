// One visit (走访) in a drawer: who went where, when, what was brought and found; for those who record
// visits, changing it, recording a planned one as done, calling it off, and raising an appeal from it on
// the spot (由此走访提出诉求).
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Drawer, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { VisitView } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { DetailGate } from '../../components/DetailPage.tsx';
import { errorText } from '../../components/errors.ts';
import { formatDateTime } from '../../components/format.ts';
import { refreshVisits, updateVisit, useVisit } from './api.ts';
import { BroughtTags, VisitKindTag, VisitStatusTag } from './VisitTags.tsx';

function names(items: readonly { name: string }[]): string {
  return items.length > 0 ? items.map((item) => item.name).join('、') : '—';
}

function VisitActions({
  visit,
  onEdit,
}: {
  visit: VisitView;
  onEdit: (visit: VisitView, recording: boolean) => void;
}) {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const writable = can('visits.write') && visit.status !== 'cancelled';

  const cancel = async () => {
    try {
      await updateVisit(visit.id, { version: visit.version, status: 'cancelled' });
      await refreshVisits(queryClient);
      void message.success(t('visits.detail.cancelled'));
    } catch (failure) {
      void message.error(errorText(failure));
    }
  };

  return (
    <Space wrap>
      {can('appeals.raise') && visit.status === 'done' ? (
        <Button
          type="primary"
          onClick={() =>
            void navigate(
              `/appeals/new?enterpriseId=${encodeURIComponent(visit.enterpriseId)}&visitId=${encodeURIComponent(visit.id)}`,
            )
          }
          data-testid="visit-raise-appeal"
        >
          {t('visits.detail.raiseAppeal')}
        </Button>
      ) : null}
      {writable && visit.status === 'planned' ? (
        <Button type="primary" onClick={() => onEdit(visit, true)} data-testid="visit-record">
          {t('visits.detail.record')}
        </Button>
      ) : null}
      {writable ? (
        <Button onClick={() => onEdit(visit, false)} data-testid="visit-edit">
          {t('visits.detail.edit')}
        </Button>
      ) : null}
      {writable ? (
        <Popconfirm
          title={t('visits.detail.cancelConfirm')}
          okText={t('common.confirm')}
          cancelText={t('common.cancel')}
          onConfirm={() => cancel()}
        >
          <Button danger data-testid="visit-cancel">
            {t('visits.detail.cancel')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}

export function VisitDetailDrawer({
  visitId,
  onClose,
  onEdit,
}: {
  visitId: string;
  onClose: () => void;
  onEdit: (visit: VisitView, recording: boolean) => void;
}) {
  const { t } = useTranslation();
  const result = useVisit(visitId);
  return (
    <Drawer open size={640} title={t('visits.detail.title')} onClose={onClose} data-testid="visit-detail">
      <DetailGate result={result}>
        {(visit) => (
          <Space orientation="vertical" size={16} className="full-width">
            <Space wrap>
              <Typography.Title level={5} className="visit-detail-title">
                <Link to={`/enterprises/${visit.enterpriseId}`}>{visit.enterpriseName}</Link>
              </Typography.Title>
              <VisitStatusTag status={visit.status} />
              <VisitKindTag kind={visit.kind} />
            </Space>
            <VisitActions visit={visit} onEdit={onEdit} />
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('visits.fields.visitedOn')}>
                {visit.visitedOn ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.fields.plannedOn')}>
                {visit.plannedOn ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.fields.visitors')}>
                {names(visit.visitors)}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.fields.leaderNames')}>
                {visit.leaderNames.length > 0 ? visit.leaderNames.join('、') : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.fields.departments')}>
                {names(visit.departments)}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.fields.brought')}>
                <BroughtTags brought={visit.brought} />
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.fields.notes')}>
                <div className="visit-notes">{visit.notes ?? '—'}</div>
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.fields.orgUnit')}>{visit.orgUnitName}</Descriptions.Item>
              <Descriptions.Item label={t('visits.fields.plan')}>
                {visit.planId ? <Link to={`/visit-plans?plan=${visit.planId}`}>{visit.planName}</Link> : '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('visits.fields.updatedAt')}>
                {formatDateTime(visit.updatedAt)}
              </Descriptions.Item>
            </Descriptions>
          </Space>
        )}
      </DetailGate>
    </Drawer>
  );
}
