// How an appeal's codes look on the page: state, forward state, urgency and overdue as coloured tags, and
// the working days left to a deadline.
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppealState, AppealUrgency, ForwardState } from '@qinqing/shared';

export const STATE_COLORS: Record<AppealState, string> = {
  submitted: 'gold',
  valid: 'blue',
  invalid: 'default',
  merged: 'default',
  forwarded: 'geekblue',
  in_progress: 'processing',
  returned: 'orange',
  answered: 'cyan',
  confirmed: 'green',
  closed: 'success',
};

const FORWARD_COLORS: Record<ForwardState, string> = {
  pending: 'gold',
  accepted: 'processing',
  returned: 'orange',
  resolved: 'success',
  unsolvable: 'purple',
  withdrawn: 'default',
};

const URGENCY_COLORS: Record<AppealUrgency, string | undefined> = {
  normal: undefined,
  urgent: 'orange',
  critical: 'red',
};

export function AppealStateTag({ state }: { state: AppealState }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATE_COLORS[state]} data-testid="appeal-state">
      {t(`appeals.state.${state}`)}
    </Tag>
  );
}

export function ForwardStateTag({ state }: { state: ForwardState }) {
  const { t } = useTranslation();
  return <Tag color={FORWARD_COLORS[state]}>{t(`appeals.forwardState.${state}`)}</Tag>;
}

export function UrgencyTag({ urgency }: { urgency: AppealUrgency }) {
  const { t } = useTranslation();
  return <Tag color={URGENCY_COLORS[urgency]}>{t(`appeals.urgency.${urgency}`)}</Tag>;
}

export function OverdueTag({ overdue }: { overdue: boolean }) {
  const { t } = useTranslation();
  return overdue ? (
    <Tag color="red" data-testid="appeal-overdue">
      {t('appeals.overdue')}
    </Tag>
  ) : null;
}

/** An appeal's overdue kinds, each its own tag: 超期未响应, 超期未办结 (appeals/overdue.ts decides). */
export function OverdueKindTags({
  appeal,
}: {
  appeal: { responseOverdue: boolean; resolveOverdue: boolean };
}) {
  const { t } = useTranslation();
  return (
    <>
      {appeal.responseOverdue ? (
        <Tag color="red" data-testid="appeal-overdue">
          {t('appeals.overdueKind.response')}
        </Tag>
      ) : null}
      {appeal.resolveOverdue ? (
        <Tag color="red" data-testid="appeal-overdue">
          {t('appeals.overdueKind.resolution')}
        </Tag>
      ) : null}
    </>
  );
}

/** 3 → "剩 3 个工作日"; −2 → "超期 2 个工作日". */
export function WorkingDaysLeft({ days }: { days: number | null }) {
  const { t } = useTranslation();
  if (days === null) return null;
  return days < 0 ? (
    <span className="appeal-late">{t('appeals.daysOverdue', { days: -days })}</span>
  ) : (
    <span className="muted">{t('appeals.daysLeft', { days })}</span>
  );
}
