// 动态 an enterprise's timeline: events from any module (registration, membership changes, and later
// visits and appeals) shown newest first, by their instants (a day and a time with its zone compare as
// times, not as strings). The record's beginning (登记入库) is drawn first in time, at the bottom, even when
// history entered later was dated before it (visits typed in from paper). Callers build the events; this
// only orders and draws them.
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
  /** The record's beginning: the oldest event, whatever its time says. */
  origin?: boolean;
}

/** Newest first; the origin last; events at one instant keep their given order. */
export function orderTimeline(events: readonly TimelineEvent[]): TimelineEvent[] {
  const instant = (event: TimelineEvent) => (event.origin ? -Infinity : dayjs(event.at).valueOf() || 0);
  return [...events].sort((a, b) => instant(b) - instant(a));
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
  const ordered = orderTimeline(events);
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
