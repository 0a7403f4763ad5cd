// Routes: /login outside the sign-in gate, everything else inside it and inside the layout. Pages load
// on demand; a page that needs a permission shows 403 in place when the user lacks it.
import { lazy, Suspense, type ComponentType, type LazyExoticComponent } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { Permission } from '@qinqing/shared';
import { queryClient } from '../api/query-client.ts';
import { FullPageSpin } from '../components/Loading.tsx';
import { NotFoundPage } from '../components/StatusPages.tsx';
import { AppLayout, type RouteHandle, type SubCrumb } from './AppLayout.tsx';
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
const EnterprisesPage = lazy(() =>
  import('../features/enterprises/EnterprisesPage.tsx').then((m) => ({ default: m.EnterprisesPage })),
);
const EnterpriseDetailPage = lazy(() =>
  import('../features/enterprises/EnterpriseDetailPage.tsx').then((m) => ({
    default: m.EnterpriseDetailPage,
  })),
);
const ImportPage = lazy(() =>
  import('../features/imports/ImportPage.tsx').then((m) => ({ default: m.ImportPage })),
);
const PeoplePage = lazy(() =>
  import('../features/people/PeoplePage.tsx').then((m) => ({ default: m.PeoplePage })),
);
const PersonDetailPage = lazy(() =>
  import('../features/people/PersonDetailPage.tsx').then((m) => ({ default: m.PersonDetailPage })),
);
const ChambersPage = lazy(() =>
  import('../features/chambers/ChambersPage.tsx').then((m) => ({ default: m.ChambersPage })),
);
const ChamberDetailPage = lazy(() =>
  import('../features/chambers/ChamberDetailPage.tsx').then((m) => ({ default: m.ChamberDetailPage })),
);
const PartyOrganizationsPage = lazy(() =>
  import('../features/party/PartyOrganizationsPage.tsx').then((m) => ({ default: m.PartyOrganizationsPage })),
);

function page(
  path: string,
  crumb: NavId,
  Page: LazyExoticComponent<ComponentType>,
  permission?: Permission,
  sub?: SubCrumb,
): RouteObject {
  const handle: RouteHandle = { crumb, sub };
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
          page('/enterprises', 'enterprises', EnterprisesPage, 'registry.read'),
          page('/enterprises/import', 'enterprises', ImportPage, 'registry.import', 'enterpriseImport'),
          page('/enterprises/:id', 'enterprises', EnterpriseDetailPage, 'registry.read', 'enterpriseDetail'),
          page('/people', 'people', PeoplePage, 'registry.read'),
          page('/people/:id', 'people', PersonDetailPage, 'registry.read', 'personDetail'),
          page('/chambers', 'chambers', ChambersPage, 'registry.read'),
          page('/chambers/:id', 'chambers', ChamberDetailPage, 'registry.read', 'chamberDetail'),
          page('/party-organizations', 'party', PartyOrganizationsPage, 'registry.read'),
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
