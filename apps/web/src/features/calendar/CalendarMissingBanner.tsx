// The warning staff and administrators see from 1 November while next year's working calendar is not
// entered (GET /api/calendar/status): its deadlines are counted Monday–Friday and marked 日历缺失.
import { useQuery } from '@tanstack/react-query';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CalendarStatus, Role } from '@qinqing/shared';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { calendarQueryKey } from './api.ts';

const TOLD: readonly Role[] = [
  'federation_staff',
  'federation_leader',
  'system_admin',
  'security_admin',
  'audit_admin',
];

export function CalendarMissingBanner() {
  const { t } = useTranslation();
  const { user, can } = useSession();
  const told = user.roles.some((role) => TOLD.includes(role));
  const { data } = useQuery({
    queryKey: [...calendarQueryKey, 'status'],
    queryFn: () => api.get<CalendarStatus>('/calendar/status'),
    enabled: told,
    staleTime: 10 * 60_000,
  });
  if (!told || !data?.missingNextYear) return null;
  const year = data.missingNextYear;
  return (
    <Alert
      className="calendar-missing-banner"
      type="warning"
      showIcon
      banner
      data-testid="calendar-missing-banner"
      title={t('calendar.missing.title', { year })}
      description={
        <>
          {t('calendar.missing.body', { year })}{' '}
          {can('calendar.manage') ? (
            <Link to={`/calendar?year=${year}`}>{t('calendar.missing.load')}</Link>
          ) : (
            t('calendar.missing.askAdmin')
          )}
        </>
      }
    />
  );
}
