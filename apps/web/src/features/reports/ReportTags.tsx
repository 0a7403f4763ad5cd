// How a report's type, status and revision look on the page: tags in the chosen language.
import { LoadingOutlined } from '@ant-design/icons';
import { Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ReportStatus, ReportTrigger, ReportType } from '@qinqing/shared';

const STATUS_COLORS: Record<ReportStatus, string> = {
  queued: 'default',
  running: 'processing',
  ready: 'success',
  failed: 'error',
};

const TYPE_COLORS: Record<ReportType, string> = {
  weekly: 'blue',
  monthly: 'cyan',
  quarterly: 'geekblue',
  'special-difficulties': 'volcano',
};

export function ReportStatusTag({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  const working = status === 'queued' || status === 'running';
  return (
    <Tag
      color={STATUS_COLORS[status]}
      icon={working ? <LoadingOutlined /> : undefined}
      data-testid="report-status"
    >
      {t(`reports.status.${status}`)}
    </Tag>
  );
}

export function ReportTypeTag({ type }: { type: ReportType }) {
  const { t } = useTranslation();
  return <Tag color={TYPE_COLORS[type]}>{t(`reports.type.${type}`)}</Tag>;
}

/** 第 2 版, marked as the newest, and how it came about (by the scheduler or on request). */
export function RevisionTag({
  revision,
  latest,
  trigger,
}: {
  revision: number;
  latest: boolean;
  trigger: ReportTrigger;
}) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <span>{t('reports.revision', { n: revision })}</span>
      {latest ? <Tag color="green">{t('reports.latest')}</Tag> : null}
      {trigger === 'scheduled' ? <Tag>{t('reports.trigger.scheduled')}</Tag> : null}
    </Space>
  );
}
