// 组织机构 org units: the caller's subtree as a flat list, and creating or renaming a unit.
import { useQuery } from '@tanstack/react-query';
import type { OrgUnitKind, OrgUnitView } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export const orgUnitsQueryKey = ['org-units'] as const;

export function useOrgUnits() {
  return useQuery({
    queryKey: orgUnitsQueryKey,
    queryFn: async () => (await api.get<{ items: OrgUnitView[] }>('/org-units')).items,
  });
}

export interface CreateOrgUnit {
  parentId: string;
  kind: OrgUnitKind;
  name: string;
  code?: string;
}

export function createOrgUnit(body: CreateOrgUnit): Promise<{ orgUnit: OrgUnitView }> {
  return api.post('/org-units', body);
}

export interface UpdateOrgUnit {
  version: number;
  name?: string;
  code?: string;
}

export function updateOrgUnit(id: string, body: UpdateOrgUnit): Promise<{ orgUnit: OrgUnitView }> {
  return api.patch(`/org-units/${encodeURIComponent(id)}`, body);
}
