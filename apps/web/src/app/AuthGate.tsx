// The sign-in gate: pages below it render only for a signed-in user; one who must still change the
// initial password is held on /change-password.
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadError } from '../components/LoadError.tsx';
import { FullPageSpin } from '../components/Loading.tsx';
import { loginPath } from '../features/auth/api.ts';
import { SessionProvider, useMe } from './session.tsx';

export function AuthGate() {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return <LoadError error={me.error} onRetry={() => void me.refetch()} />;
  if (!me.data) return <Navigate to={loginPath(location.pathname + location.search)} replace />;
  if (me.data.mustChangePassword && location.pathname !== '/change-password') {
    return <Navigate to="/change-password" replace />;
  }
  return (
    <SessionProvider user={me.data}>
      <Outlet />
    </SessionProvider>
  );
}
