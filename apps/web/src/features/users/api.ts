// 用户 accounts as the administrators manage them: list, create, edit, reset password, unlock, grant roles.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { Role, UserView } from '@qinqing/shared';
import { api, type Page } from '../../api/client.ts';

export const usersQueryKey = ['users'] as const;

export interface UserFilters {
  q?: string;
  orgUnitId?: string;
  role?: Role;
  page: number;
  pageSize: number;
}

export function useUsers(filters: UserFilters) {
  return useQuery({
    queryKey: [...usersQueryKey, filters],
    queryFn: () => api.get<Page<UserView>>('/users', { query: { ...filters } }),
    placeholderData: keepPreviousData,
  });
}

type UserEnvelope = { user: UserView };

export interface CreateUser {
  username: string;
  displayName: string;
  orgUnitId: string;
  email?: string;
  initialPassword: string;
}

export function createUser(body: CreateUser): Promise<UserEnvelope> {
  return api.post('/users', body);
}

export interface UpdateUser {
  version: number;
  displayName?: string;
  orgUnitId?: string;
  email?: string | null;
  disabled?: boolean;
}

const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

export function updateUser(id: string, body: UpdateUser): Promise<UserEnvelope> {
  return api.patch(userPath(id), body);
}

export function resetPassword(id: string, newPassword: string): Promise<UserEnvelope> {
  return api.post(`${userPath(id)}/password`, { newPassword });
}

export function unlockUser(id: string): Promise<UserEnvelope> {
  return api.post(`${userPath(id)}/unlock`, {});
}

export function grantRoles(id: string, version: number, roles: Role[]): Promise<UserEnvelope> {
  return api.put(`${userPath(id)}/roles`, { version, roles });
}
