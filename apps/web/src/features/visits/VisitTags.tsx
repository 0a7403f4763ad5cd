// How a visit's codes look on the page: status and kind as coloured tags, what was brought as plain tags,
// and a visit plan's progress as a bar.
import { Progress, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VisitBrought, VisitKind, VisitStatus } from '@qinqing/shared';

/** As tag colours and as badge statuses. */
export const VISIT_STATUS_COLORS: Record<VisitStatus, 'processing' | 'success' | 'default'> = {
  planned: 'processing',
  done: 'success',
  cancelled: 'default',
};

const KIND_COLORS: Record<VisitKind, string> = {
  directed: 'red',
  care: 'orange',
  joint: 'geekblue',
  research: 'purple',
};

export function VisitStatusTag({ status }: { status: VisitStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={VISIT_STATUS_COLORS[status]} data-testid="visit-status">
      {t(`visits.status.${status}`)}
    </Tag>
  );
}

export function VisitKindTag({ kind }: { kind: VisitKind }) {
  const { t } = useTranslation();
  return <Tag color={KIND_COLORS[kind]}>{t(`visits.kind.${kind}`)}</Tag>;
}

export function BroughtTags({ brought }: { brought: readonly VisitBrought[] }) {
  const { t } = useTranslation();
  if (brought.length === 0) return <span className="muted">—</span>;
  return (
    <Space size={[0, 4]} wrap>
      {brought.map((item) => (
        <Tag key={item}>{t(`visits.brought.${item}`)}</Tag>
      ))}
    </Space>
  );
}

/** 0.8123 → "81.2%"; nothing to divide by → "—". */
export function percent(share: number | null): string {
  return share === null ? '—' : `${(share * 100).toFixed(1)}%`;
}

export function ShareBar({ share }: { share: number | null }) {
  if (share === null) return <span className="muted">—</span>;
  return (
    <Progress
      percent={Math.round(share * 1000) / 10}
      size="small"
      strokeColor="#b8141c"
      format={() => percent(share)}
      className="coverage-bar"
    />
  );
}

export function PlanProgress({ done, total }: { done: number; total: number }) {
  return (
    <Progress
      percent={total === 0 ? 0 : Math.round((done / total) * 1000) / 10}
      size="small"
      strokeColor="#b8141c"
      format={() => `${done}/${total}`}
      className="coverage-bar"
    />
  );
}
