// 登录 auth: signing in and out, changing one's own password, where to go after signing in. Who is
// signed in is the session's (app/session.tsx).
import type { CurrentUser, LoginChallenge } from '@qinqing/shared';
import { api } from '../../api/client.ts';

export function login(
  username: string,
  password: string,
  challenge?: { challengeId: string; challengeAnswer: string },
): Promise<{ user: CurrentUser }> {
  return api.post('/auth/login', { username, password, ...challenge }, { authRedirect: false });
}

/** A new image challenge (验证码), drawn by the server: asked for after repeated failed sign-ins. */
export function newChallenge(): Promise<LoginChallenge> {
  return api.post('/auth/challenge', {}, { authRedirect: false });
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
