// A page that needs a permission: without it the 403 page shows in its place, at the same URL.
import type { ReactNode } from 'react';
import type { Permission } from '@qinqing/shared';
import { ForbiddenPage } from '../components/StatusPages.tsx';
import { useSession } from './session.tsx';

export function RequirePermission({
  permission,
  children,
}: {
  permission?: Permission;
  children: ReactNode;
}) {
  const { can } = useSession();
  if (permission !== undefined && !can(permission)) return <ForbiddenPage />;
  return children;
}
