// The signed-in user and what they may do, for every page under the sign-in gate.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { permissionsOf, type CurrentUser, type Permission } from '@qinqing/shared';

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
