// 小巷管家 as the pages read and change it: coverage by street, a street's segments, adoptions, matters and
// hotline cases, the .xlsx import.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  AdoptSegmentRequest,
  CreateStreetMatterRequest,
  StreetCoverage,
  StreetImportResult,
  StreetMatterView,
  StreetSegmentView,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export const streetsQueryKey = ['street-adoption'] as const;

export function useCoverage(orgUnitId?: string) {
  return useQuery({
    queryKey: [...streetsQueryKey, 'coverage', orgUnitId],
    queryFn: () => api.get<StreetCoverage>('/street-coverage', { query: { orgUnitId } }),
  });
}

export function useSegments(streetOrgUnitId: string | undefined) {
  return useQuery({
    queryKey: [...streetsQueryKey, 'segments', streetOrgUnitId],
    queryFn: () =>
      api.get<Page<StreetSegmentView>>('/street-segments', { query: { streetOrgUnitId, pageSize: 500 } }),
    enabled: Boolean(streetOrgUnitId),
    placeholderData: keepPreviousData,
  });
}

export function useMatters(query: {
  orgUnitId?: string;
  hotline?: boolean;
  from?: string;
  to?: string;
  page: number;
}) {
  return useQuery({
    queryKey: [...streetsQueryKey, 'matters', query],
    queryFn: () =>
      api.get<Page<StreetMatterView> & { hotlineCases: number; hotlinePersonTimes: number }>(
        '/street-matters',
        {
          query: { ...query, pageSize: 20 },
        },
      ),
    placeholderData: keepPreviousData,
  });
}

export const adoptSegment = (id: string, body: AdoptSegmentRequest) =>
  api.post<{ segment: StreetSegmentView }>(`/street-segments/${id}/adoptions`, body);
export const endAdoption = (id: string, body: { endedOn: string; reason: string }) =>
  api.post<{ segment: StreetSegmentView }>(`/street-adoptions/${id}/end`, body);
export const createMatter = (body: CreateStreetMatterRequest) =>
  api.post<{ matter: StreetMatterView }>('/street-matters', body);
export const importSegments = (streetOrgUnitId: string, file: File, dryRun: boolean) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<StreetImportResult>(
    `/street-segments/import?streetOrgUnitId=${streetOrgUnitId}&dryRun=${String(dryRun)}`,
    form,
  );
};
