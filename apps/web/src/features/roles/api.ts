// 角色 roles and 安全设置 security settings: the role catalogue with user counts, and the password,
// lockout and session policy the security administrator sets.
import { useQuery } from '@tanstack/react-query';
import type { Role, SecuritySettings } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export interface RoleView {
  code: Role;
  name: string;
  kind: 'admin' | 'business';
  permissions: string[];
  /** The permissions in words (name, group, what each allows), in the page's language. */
  permissionDetails: { code: string; name: string; group: string; groupName: string; description: string }[];
  userCount: number;
}

export const rolesQueryKey = ['roles'] as const;
export const securitySettingsQueryKey = ['settings', 'security'] as const;

export function useRoles() {
  return useQuery({
    queryKey: rolesQueryKey,
    queryFn: async () => (await api.get<{ items: RoleView[] }>('/roles')).items,
  });
}

export interface VersionedSettings {
  settings: SecuritySettings;
  version: number;
}

export function useSecuritySettings() {
  return useQuery({
    queryKey: securitySettingsQueryKey,
    queryFn: () => api.get<VersionedSettings>('/settings/security'),
  });
}

export function saveSecuritySettings(body: VersionedSettings): Promise<VersionedSettings> {
  return api.put('/settings/security', body);
}
