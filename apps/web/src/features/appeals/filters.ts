// The board's filters as URL query parameters: a reload or a shared link shows the same appeals.
import {
  APPEAL_OUTCOMES,
  APPEAL_SOURCES,
  APPEAL_STATES,
  APPEAL_URGENCIES,
  SATISFACTIONS,
  type AppealOutcome,
  type AppealSource,
  type AppealState,
  type AppealUrgency,
  type Satisfaction,
} from '@qinqing/shared';
import {
  cleanParams,
  DATE,
  matching,
  oneOf,
  pagingFrom,
  pagingParams,
  UUID,
} from '../../components/list-query.ts';
import type { AppealQuery, AppealSort } from './api.ts';

const BOARD_PAGE_SIZE = 20;

const CATEGORY = /^[a-z][a-z0-9_]{1,31}$/;
const SORTS: readonly AppealSort[] = ['received_desc', 'received_asc', 'due_asc'];

export type BoardView = 'table' | 'kanban';

export function boardView(params: URLSearchParams): BoardView {
  return params.get('view') === 'kanban' ? 'kanban' : 'table';
}

function list<T extends string>(value: string | null, keep: (item: string) => item is T): T[] | undefined {
  const items = (value ?? '').split(',').filter(keep);
  return items.length > 0 ? items : undefined;
}

const isState = (item: string): item is AppealState => (APPEAL_STATES as readonly string[]).includes(item);
const isCategory = (item: string): item is string => CATEGORY.test(item);
const isSatisfaction = (item: string): item is Satisfaction =>
  (SATISFACTIONS as readonly string[]).includes(item);

export function queryFromParams(params: URLSearchParams): AppealQuery {
  const overdue = params.get('overdue');
  return {
    q: params.get('q')?.trim().slice(0, 100) || undefined,
    state: list(params.get('state'), isState),
    category: list(params.get('category'), isCategory),
    urgency: oneOf<AppealUrgency>(APPEAL_URGENCIES, params.get('urgency')),
    source: oneOf<AppealSource>(APPEAL_SOURCES, params.get('source')),
    departmentId: matching(UUID, params.get('departmentId')),
    enterpriseId: matching(UUID, params.get('enterpriseId')),
    overdue: overdue === 'true' ? true : undefined,
    from: matching(DATE, params.get('from')),
    to: matching(DATE, params.get('to')),
    orgUnitId: matching(UUID, params.get('orgUnitId')),
    outcome: oneOf<AppealOutcome>(APPEAL_OUTCOMES, params.get('outcome')),
    satisfaction: list(params.get('satisfaction'), isSatisfaction),
    sort: oneOf<AppealSort>(SORTS, params.get('sort')),
    ...pagingFrom(params, BOARD_PAGE_SIZE),
  };
}

/** The URL parameters of a board query and view; defaults are left out so the plain board has a clean URL. */
export function paramsFromQuery(query: AppealQuery, view: BoardView): Record<string, string> {
  return cleanParams({
    ...query,
    state: query.state?.join(','),
    category: query.category?.join(','),
    satisfaction: query.satisfaction?.join(','),
    overdue: query.overdue ? 'true' : undefined,
    ...pagingParams(query, BOARD_PAGE_SIZE),
    view: view === 'kanban' ? 'kanban' : undefined,
  });
}
