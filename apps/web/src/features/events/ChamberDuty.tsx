// 商会月度活动 a chamber's monthly activity duty on its own page (events, issue 16): this year's months, how
// many activities each held, the past months without one in red, its members' participation in the year's
// events (会员参与率), and the way to its events.
import { Card, Space, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DUTY_MONTH_STATE_LABELS, type ActivityDuty } from '@qinqing/shared';
import { api } from '../../api/client.ts';
import { useSession } from '../../app/session.tsx';
import { percent } from '../dashboard/charts.ts';
import { eventsQueryKey } from './api.ts';
import { ChamberRobot } from './ChamberRobot.tsx';

export const DUTY_COLORS = { met: 'green', missed: 'red', pending: 'gold', upcoming: 'default' } as const;

export function ChamberDuty({ chamberId }: { chamberId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { data } = useQuery({
    queryKey: [...eventsQueryKey, 'chamber-duty', chamberId],
    queryFn: () => api.get<ActivityDuty>(`/chambers/${chamberId}/activity-duty`),
    // The figures are the federation's and the secretaries'; anyone else gets none and sees no card.
    enabled: can('events.read'),
    retry: false,
  });
  if (!data) return null;
  return (
    <Card
      title={t('events.duty.chamberTitle', { year: data.year })}
      data-testid="chamber-duty"
      extra={
        <Space size={4} wrap>
          <ChamberRobot chamberId={chamberId} />
          <Link to={`/events?organizerId=${chamberId}&from=${data.year}-01-01&to=${data.year}-12-31`}>
            {t('events.duty.events')}
          </Link>
        </Space>
      }
    >
      <Space wrap size={[6, 6]}>
        {data.months.map((month) => (
          <Tag
            key={month.month}
            color={DUTY_COLORS[month.state]}
            title={`${DUTY_MONTH_STATE_LABELS[month.state]}：${month.events} 场、${month.personTimes} 人次`}
            data-testid={`chamber-duty-${month.month}`}
            data-state={month.state}
          >
            {month.month}月 {month.state === 'missed' ? '✕' : month.events || '·'}
          </Tag>
        ))}
      </Space>
      <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} data-testid="chamber-participation">
        {t('events.duty.participation', {
          reached: data.participation.reached,
          members: data.participation.members,
          rate: percent(data.participation.rate),
        })}
      </Typography.Paragraph>
      <Typography.Paragraph
        type={data.missedMonths.length ? 'danger' : 'secondary'}
        style={{ marginTop: 12, marginBottom: 0 }}
        data-testid="chamber-duty-missed"
      >
        {data.missedMonths.length
          ? t('events.duty.chamberMissed', { months: data.missedMonths.map((m) => `${m}月`).join('、') })
          : t('events.duty.chamberMet')}
      </Typography.Paragraph>
    </Card>
  );
}
