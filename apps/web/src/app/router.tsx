// Routes: /login outside the sign-in gate, everything else inside it and inside the layout. Pages load
// on demand; a page that needs a permission shows 403 in place when the user lacks it.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Permission } from '@qinqing/shared';
import { queryClient } from '../api/query-client.ts';
import { FullPageSpin } from '../components/Loading.tsx';
import { NotFoundPage } from '../components/StatusPages.tsx';
import { AppLayout, type RouteHandle } from './AppLayout.tsx';
import { AuthGate } from './AuthGate.tsx';
import { installAuthRedirects } from './auth-redirects.ts';
import { RequirePermission } from './RequirePermission.tsx';
import type { NavId } from './navigation.ts';

const LoginPage = lazy(() =>
  import('../features/auth/LoginPage.tsx').then((m) => ({ default: m.LoginPage })),
);
const ChangePasswordPage = lazy(() =>
  import('../features/auth/ChangePasswordPage.tsx').then((m) => ({ default: m.ChangePasswordPage })),
);
const HomePage = lazy(() => import('../features/home/HomePage.tsx').then((m) => ({ default: m.HomePage })));
const UsersPage = lazy(() =>
  import('../features/users/UsersPage.tsx').then((m) => ({ default: m.UsersPage })),
);
const OrgUnitsPage = lazy(() =>
  import('../features/org-units/OrgUnitsPage.tsx').then((m) => ({ default: m.OrgUnitsPage })),
);
const RolesPage = lazy(() =>
  import('../features/roles/RolesPage.tsx').then((m) => ({ default: m.RolesPage })),
);
const AuditPage = lazy(() =>
  import('../features/audit/AuditPage.tsx').then((m) => ({ default: m.AuditPage })),
);
const SessionsPage = lazy(() =>
  import('../features/sessions/SessionsPage.tsx').then((m) => ({ default: m.SessionsPage })),
);

function page(
  path: string,
  crumb: NavId,
  Page: LazyExoticComponent<ComponentType>,
  permission?: Permission,
): RouteObject {
  const handle: RouteHandle = { crumb };
  return {
    path,
    handle,
    element: (
      <RequirePermission permission={permission}>
        <Page />
      </RequirePermission>
    ),
  };
}

const routes: RouteObject[] = [
  {
    path: '/login',
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <LoginPage />
      </Suspense>
    ),
  },
  {
    element: <AuthGate />,
    children: [
      {
        element: <AppLayout />,
        children: [
          page('/', 'home', HomePage),
          page('/users', 'users', UsersPage, 'users.read'),
          page('/org-units', 'orgUnits', OrgUnitsPage),
          page('/roles', 'roles', RolesPage, 'roles.read'),
          page('/audit', 'audit', AuditPage, 'audit.read'),
          page('/sessions', 'sessions', SessionsPage),
          page('/change-password', 'changePassword', ChangePasswordPage),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
installAuthRedirects(router, queryClient);
