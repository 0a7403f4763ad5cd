// 动态 an enterprise's timeline: events from any module (registration, membership changes, and later
// visits and appeals) shown newest first. Callers build the events; this only orders and draws them.
import { Empty, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';

export interface TimelineEvent {
  /** Unique within the list. */
  key: string;
  /** ISO date or date-time; the list is ordered by it. */
  at: string;
  title: ReactNode;
  description?: ReactNode;
  /** Ant Design timeline colour: blue, green, red, gray or any CSS colour. */
  color?: string;
  icon?: ReactNode;
}

function when(at: string): string {
  const time = dayjs(at);
  if (!time.isValid()) return at;
  return at.length <= 10 ? time.format('YYYY-MM-DD') : time.format('YYYY-MM-DD HH:mm');
}

export function EnterpriseTimeline({
  events,
  empty,
}: {
  events: readonly TimelineEvent[];
  empty?: ReactNode;
}) {
  if (events.length === 0) return <Empty description={empty} />;
  const ordered = [...events].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  return (
    <Timeline
      className="record-timeline"
      data-testid="enterprise-timeline"
      items={ordered.map((event) => ({
        key: event.key,
        color: event.color,
        icon: event.icon,
        content: (
          <div className="timeline-event">
            <div className="timeline-time">{when(event.at)}</div>
            <div className="timeline-title">{event.title}</div>
            {event.description ? (
              <Typography.Text type="secondary" className="timeline-description">
                {event.description}
              </Typography.Text>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
