// The board as a kanban: one column per state of the loop (待受理 … 已办结), each with its count and the
// most urgent cards first; a card opens the appeal.
import { Badge, Button, Card, Empty, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { AppealState, AppealSummary } from '@qinqing/shared';
import { formatDateTime } from '../../components/format.ts';
import { LoadError } from '../../components/LoadError.tsx';
import { useAppeals, type AppealQuery } from './api.ts';
import { useCategoryName } from './AppealSelects.tsx';
import { OverdueKindTags, UrgencyTag } from './AppealTags.tsx';

/** The states an appeal passes through on its way to 已办结 (invalid and merged ones leave the loop). */
const COLUMNS: readonly AppealState[] = [
  'submitted',
  'valid',
  'forwarded',
  'in_progress',
  'returned',
  'answered',
  'confirmed',
  'closed',
];

const COLUMN_PAGE = 20;

const HEAD_COLORS: Partial<Record<AppealState, string>> = {
  submitted: '#faad14',
  valid: '#1677ff',
  forwarded: '#2f54eb',
  in_progress: '#13c2c2',
  returned: '#fa8c16',
  answered: '#08979c',
  confirmed: '#52c41a',
  closed: '#389e0d',
};

function KanbanCard({ appeal }: { appeal: AppealSummary }) {
  const { t } = useTranslation();
  const categoryName = useCategoryName();
  const navigate = useNavigate();
  const due = appeal.resolveDueAt ?? appeal.respondDueAt;
  return (
    <Card
      size="small"
      hoverable
      className={appeal.overdue ? 'kanban-card kanban-card-late' : 'kanban-card'}
      onClick={() => void navigate(`/appeals/${appeal.id}`)}
      data-testid="appeal-card"
    >
      <div className="kanban-card-number code-text">{appeal.number}</div>
      <div className="kanban-card-title">{appeal.title}</div>
      <div className="kanban-card-sub">{appeal.enterpriseName}</div>
      <Space size={4} wrap className="kanban-card-tags">
        <span className="muted">{categoryName(appeal.category, appeal.categoryName)}</span>
        <UrgencyTag urgency={appeal.urgency} />
        <OverdueKindTags appeal={appeal} />
      </Space>
      {due ? (
        <div className="kanban-card-due">
          {t('appeals.fields.due')}：{formatDateTime(due).slice(0, 16)}
        </div>
      ) : null}
    </Card>
  );
}

function KanbanColumn({ state, filters }: { state: AppealState; filters: AppealQuery }) {
  const { t } = useTranslation();
  const [pageSize, setPageSize] = useState(COLUMN_PAGE);
  const { data, error, isPending, refetch } = useAppeals({
    ...filters,
    state: [state],
    sort: 'due_asc',
    page: 1,
    pageSize,
  });
  return (
    <div className="kanban-column" data-testid={`kanban-column-${state}`}>
      <div className="kanban-column-head" style={{ borderTopColor: HEAD_COLORS[state] }}>
        <Typography.Text strong>{t(`appeals.state.${state}`)}</Typography.Text>
        <Badge count={data?.total ?? 0} showZero color="#8c8c8c" overflowCount={9999} />
      </div>
      <div className="kanban-column-body">
        {isPending ? (
          <Spin className="kanban-spin" />
        ) : error ? (
          <LoadError error={error} onRetry={() => void refetch()} />
        ) : data.items.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('appeals.board.emptyColumn')} />
        ) : (
          <>
            {data.items.map((appeal) => (
              <KanbanCard key={appeal.id} appeal={appeal} />
            ))}
            {data.total > data.items.length ? (
              <Button
                type="link"
                block
                onClick={() => setPageSize((size) => Math.min(size + COLUMN_PAGE, 200))}
              >
                {t('appeals.board.more', { rest: data.total - data.items.length })}
              </Button>
            ) : null}
          </>
        )}
      </div>
    </div>
  );
}

export function AppealKanban({ filters }: { filters: AppealQuery }) {
  const columns = filters.state ? COLUMNS.filter((state) => filters.state?.includes(state)) : COLUMNS;
  return (
    <div className="kanban" data-testid="appeal-kanban">
      {columns.map((state) => (
        <KanbanColumn key={state} state={state} filters={filters} />
      ))}
    </div>
  );
}
