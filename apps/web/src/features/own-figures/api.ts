// 本单位工作情况: a department's or a chamber's own figures, as GET /api/own-figures/… evaluates them.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { ChamberOwnFigures, DepartmentOwnFigures } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export type OwnFiguresKind = 'department' | 'chamber';

export function useOwnFigures(kind: OwnFiguresKind, period: string) {
  return useQuery({
    queryKey: ['own-figures', kind, period],
    queryFn: () =>
      api.get<DepartmentOwnFigures | ChamberOwnFigures>(`/own-figures/${kind}`, { query: { period } }),
    placeholderData: keepPreviousData,
  });
}
