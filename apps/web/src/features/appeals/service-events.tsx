// An enterprise's service loop on its timeline (动态): the visits made to it and the appeals it raised,
// dated and linked, for the enterprise page to show beside the registry's own events.
import { Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useSession } from '../../app/session.tsx';
import type { TimelineEvent } from '../enterprises/EnterpriseTimeline.tsx';
import { useVisits } from '../visits/api.ts';
import { VisitKindTag } from '../visits/VisitTags.tsx';
import { useAppeals } from './api.ts';
import { useCategoryName } from './AppealSelects.tsx';
import { AppealStateTag } from './AppealTags.tsx';

/** The most recent ones of each; the board and the visit list have the rest. */
const LIMIT = 50;

export function useServiceEvents(enterpriseId: string): TimelineEvent[] {
  const { t } = useTranslation();
  const { can } = useSession();
  const categoryName = useCategoryName();
  const visits = useVisits({ enterpriseId, page: 1, pageSize: LIMIT }, { enabled: can('visits.read') });
  const appeals = useAppeals({ enterpriseId, page: 1, pageSize: LIMIT }, { enabled: can('appeals.read') });
  const events: TimelineEvent[] = [];
  for (const visit of visits.data?.items ?? []) {
    if (visit.status === 'cancelled') continue;
    const done = visit.status === 'done';
    const on = (done ? visit.visitedOn : visit.plannedOn) ?? visit.createdAt;
    events.push({
      key: `visit-${visit.id}`,
      at: on,
      title: (
        <Space size={6} wrap>
          <Link to={`/visits?visit=${visit.id}`}>
            {done ? t('appeals.timeline.visited') : t('appeals.timeline.visitPlanned')}
          </Link>
          <VisitKindTag kind={visit.kind} />
        </Space>
      ),
      description: [visit.visitors.map((visitor) => visitor.name).join('、'), visit.notes]
        .filter(Boolean)
        .join('　'),
      color: done ? 'green' : 'gray',
    });
  }
  for (const appeal of appeals.data?.items ?? []) {
    events.push({
      key: `appeal-${appeal.id}`,
      at: appeal.receivedAt,
      title: (
        <Space size={6} wrap>
          {t('appeals.timeline.appeal')}
          <Link to={`/appeals/${appeal.id}`}>
            {appeal.number} {appeal.title}
          </Link>
          <AppealStateTag state={appeal.state} />
        </Space>
      ),
      description: categoryName(appeal.category, appeal.categoryName),
      color: appeal.overdue ? 'red' : 'blue',
    });
  }
  return events;
}
