// 志愿服务 as the pages read and change it: volunteers, teams, activities (sign-up, hours, confirm), blood
// drives. Every query sits under one key, so a change refreshes them all.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  ActivityServiceRequest,
  ActivityTransitionRequest,
  ActivityView,
  BloodDriveView,
  CreateActivityRequest,
  CreateBloodDriveRequest,
  CreateTeamRequest,
  CreateVolunteerRequest,
  PersonListItem,
  TeamView,
  VolunteerView,
} from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export const volunteersQueryKey = ['volunteers'] as const;

export function useVolunteers(query: { partyMember?: boolean; q?: string; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...volunteersQueryKey, 'list', query],
    queryFn: () =>
      api.get<Page<VolunteerView> & { partyMembers: number }>('/volunteers', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useTeams() {
  return useQuery({
    queryKey: [...volunteersQueryKey, 'teams'],
    queryFn: () => api.get<{ items: TeamView[] }>('/volunteer-teams'),
  });
}

export function useActivities(query: { page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...volunteersQueryKey, 'activities', query],
    queryFn: () => api.get<Page<ActivityView>>('/volunteer-activities', { query: { ...query } }),
    placeholderData: keepPreviousData,
  });
}

export function useActivity(id: string | undefined) {
  return useQuery({
    queryKey: [...volunteersQueryKey, 'activity', id],
    queryFn: async () => (await api.get<{ activity: ActivityView }>(`/volunteer-activities/${id}`)).activity,
    enabled: Boolean(id),
  });
}

export function useBloodDrives() {
  return useQuery({
    queryKey: [...volunteersQueryKey, 'blood-drives'],
    queryFn: () => api.get<{ items: BloodDriveView[]; registered: number; donated: number }>('/blood-drives'),
  });
}

export function searchPeople(q: string) {
  return api.get<Page<PersonListItem>>('/people', { query: { q, pageSize: 20 } });
}

export const createVolunteer = (body: CreateVolunteerRequest) =>
  api.post<{ volunteer: VolunteerView }>('/volunteers', body);
export const createTeam = (body: CreateTeamRequest) => api.post<{ team: TeamView }>('/volunteer-teams', body);
export const addTeamMembers = (teamId: string, volunteerIds: string[]) =>
  api.post<{ team: TeamView }>(`/volunteer-teams/${teamId}/members`, { volunteerIds });
export const createActivity = (body: CreateActivityRequest) =>
  api.post<{ activity: ActivityView }>('/volunteer-activities', body);
export const recordService = (id: string, body: ActivityServiceRequest) =>
  api.post<{ activity: ActivityView }>(`/volunteer-activities/${id}/service`, body);
export const transitionActivity = (id: string, body: ActivityTransitionRequest) =>
  api.post<{ activity: ActivityView }>(`/volunteer-activities/${id}/transitions`, body);
export const createBloodDrive = (body: CreateBloodDriveRequest) =>
  api.post<{ bloodDrive: BloodDriveView }>('/blood-drives', body);
