// The sign-in gate: pages below it render only for a signed-in user; one who must still change the
// initial password is held on /change-password. An account that is only an enterprise contact is sent to
// the phone side (/m/, its own small page), to the same appeal when the address named one.
import { useEffect } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LoadError } from '../components/LoadError.tsx';
import { FullPageSpin } from '../components/Loading.tsx';
import { loginPath } from '../features/auth/api.ts';
import { isContactOnly, phonePathFor } from '../phone/contact.ts';
import { SessionProvider, useMe } from './session.tsx';

export function AuthGate() {
  const me = useMe();
  const location = useLocation();
  const toPhone = me.data ? isContactOnly(me.data) : false;
  useEffect(() => {
    if (toPhone) window.location.replace(phonePathFor(location.pathname));
  }, [toPhone, location.pathname]);
  if (me.isPending || toPhone) return <FullPageSpin />;
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
