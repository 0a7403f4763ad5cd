// 关联活动 the events linked to a policy (its 政策解读会) or a campaign, on that record's page (events, issue
// 16): when, what, who organised it and its 人次, each opening the event.
import { Card, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { EventSummary } from '@qinqing/shared';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useEvents } from './api.ts';

export function LinkedEvents({ policyId, campaignId }: { policyId?: string; campaignId?: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const readable = can('events.read');
  const { data } = useEvents({ policyId, campaignId }, 1, 50, readable);
  if (!readable || !data || data.items.length === 0) return null;
  return (
    <Card title={t('events.linked.title')} data-testid="linked-events">
      <Table<EventSummary>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={data.items}
        columns={[
          {
            title: t('events.fields.time'),
            dataIndex: 'startsAt',
            width: 160,
            render: (at: string) => formatDateTime(at),
          },
          {
            title: t('events.fields.title'),
            render: (_: unknown, e) => <Link to={`/events/${e.id}`}>{e.title}</Link>,
          },
          { title: t('events.fields.kind'), render: (_: unknown, e) => e.kindLabel },
          { title: t('events.fields.organizer'), render: (_: unknown, e) => e.organizer.name },
          {
            title: t('events.figures.personTimes'),
            align: 'right',
            render: (_: unknown, e) => e.figures.personTimes,
          },
        ]}
      />
    </Card>
  );
}
