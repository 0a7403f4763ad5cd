// What happens when the server says the session is gone or the password must be changed first: go to
// /login (remembering the page) or /change-password, and drop what was cached for the old session.
import type { QueryClient } from '@tanstack/react-query';
import type { createBrowserRouter } from 'react-router';
import { setAuthFailureHandler } from '../api/client.ts';
import { loginPath } from '../features/auth/api.ts';
import { meQueryKey } from './session.tsx';

type Router = ReturnType<typeof createBrowserRouter>;

export interface LoginState {
  reason?: 'expired' | 'unauthenticated' | 'signed-out';
}

/** Forgets the signed-in user and every answer fetched for them. */
export function forgetSession(queryClient: QueryClient): void {
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'auth' });
  queryClient.setQueryData(meQueryKey, null);
}

export function installAuthRedirects(router: Router, queryClient: QueryClient): void {
  let redirecting = false;
  setAuthFailureHandler((failure) => {
    const { pathname, search } = router.state.location;
    if (failure === 'password-change') {
      void queryClient.invalidateQueries({ queryKey: meQueryKey });
      if (pathname !== '/change-password') void router.navigate('/change-password', { replace: true });
      return;
    }
    // Several queries can fail at once; one trip to the login page is enough.
    if (redirecting || pathname === '/login') return;
    redirecting = true;
    const state: LoginState = { reason: failure };
    void router
      .navigate(loginPath(pathname + search), { replace: true, state, flushSync: true })
      .then(() => forgetSession(queryClient))
      .finally(() => {
        redirecting = false;
      });
  });
}
