// 会话 session: who is signed in (GET /auth/me) and what their roles let them do. The sign-in gate waits
// on the query and provides the session; every page below it reads it with useSession(), without
// reaching into the auth feature.
import { useQuery } from '@tanstack/react-query';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { permissionsOf, type CurrentUser, type Permission } from '@qinqing/shared';
import { api, isApiError } from '../api/client.ts';

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

export interface Session {
  user: CurrentUser;
  permissions: ReadonlySet<Permission>;
  can: (permission: Permission) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ user, children }: { user: CurrentUser; children: ReactNode }) {
  const session = useMemo<Session>(() => {
    const permissions = permissionsOf(user.roles);
    return { user, permissions, can: (permission) => permissions.has(permission) };
  }, [user]);
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside the sign-in gate');
  return session;
}
