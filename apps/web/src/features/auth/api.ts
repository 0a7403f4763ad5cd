// 登录与会话 auth: who is signed in, signing in and out, changing one's own password.
import { useQuery } from '@tanstack/react-query';
import type { CurrentUser } from '@qinqing/shared';
import { api, isApiError } from '../../api/client.ts';

export const meQueryKey = ['auth', 'me'] as const;

/** The signed-in user, or null when nobody is signed in (a 401 here is an answer, not an error). */
export async function fetchMe(): Promise<CurrentUser | null> {
  try {
    const { user } = await api.get<{ user: CurrentUser }>('/auth/me', { authRedirect: false });
    return user;
  } catch (error) {
    if (isApiError(error) && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: fetchMe, staleTime: Infinity });
}

export function login(username: string, password: string): Promise<{ user: CurrentUser }> {
  return api.post('/auth/login', { username, password }, { authRedirect: false });
}

export function logout(): Promise<void> {
  return api.post('/auth/logout', {}, { authRedirect: false });
}

export function changePassword(currentPassword: string, newPassword: string): Promise<{ user: CurrentUser }> {
  return api.post('/auth/password', { currentPassword, newPassword });
}

/** Where to go after signing in: only a path inside this app, never another site or the login page. */
export function safeRedirect(value: string | null | undefined): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value === '/login' || value.startsWith('/login?') || value.startsWith('/change-password')) return '/';
  return value;
}

export function loginPath(returnTo: string): string {
  const target = safeRedirect(returnTo);
  return target === '/' ? '/login' : `/login?redirect=${encodeURIComponent(target)}`;
}
