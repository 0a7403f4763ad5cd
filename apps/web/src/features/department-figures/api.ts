// 本部门办理情况: the department head's figures, as GET /api/department-figures counts them.
import { useQuery } from '@tanstack/react-query';
import type { DepartmentFigures } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export function useDepartmentFigures() {
  return useQuery({
    queryKey: ['department-figures'],
    queryFn: () => api.get<DepartmentFigures>('/department-figures'),
  });
}
