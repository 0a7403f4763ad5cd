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
const DepartmentFiguresPage = lazy(() =>
  import('../features/department-figures/DepartmentFiguresPage.tsx').then((m) => ({
    default: m.DepartmentFiguresPage,
  })),
);
const OwnDepartmentFiguresPage = lazy(() =>
  import('../features/own-figures/OwnFiguresPage.tsx').then((m) => ({ default: m.OwnDepartmentFiguresPage })),
);
const OwnChamberFiguresPage = lazy(() =>
  import('../features/own-figures/OwnFiguresPage.tsx').then((m) => ({ default: m.OwnChamberFiguresPage })),
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
const VisitsPage = lazy(() =>
  import('../features/visits/VisitsPage.tsx').then((m) => ({ default: m.VisitsPage })),
);
const VisitPlansPage = lazy(() =>
  import('../features/visits/VisitPlansPage.tsx').then((m) => ({ default: m.VisitPlansPage })),
);
const AppealsPage = lazy(() =>
  import('../features/appeals/AppealsPage.tsx').then((m) => ({ default: m.AppealsPage })),
);
const NewAppealPage = lazy(() =>
  import('../features/appeals/NewAppealPage.tsx').then((m) => ({ default: m.NewAppealPage })),
);
const AppealDetailPage = lazy(() =>
  import('../features/appeals/AppealDetailPage.tsx').then((m) => ({ default: m.AppealDetailPage })),
);
const AppealStatsPage = lazy(() =>
  import('../features/appeals/AppealStatsPage.tsx').then((m) => ({ default: m.AppealStatsPage })),
);
const InboxPage = lazy(() =>
  import('../features/appeals/InboxPage.tsx').then((m) => ({ default: m.InboxPage })),
);
const CalendarPage = lazy(() =>
  import('../features/calendar/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })),
);
const NotificationsPage = lazy(() =>
  import('../features/notifications/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
// events (issue 16)
const EventsPage = lazy(() =>
  import('../features/events/EventsPage.tsx').then((m) => ({ default: m.EventsPage })),
);
const EventDetailPage = lazy(() =>
  import('../features/events/EventDetailPage.tsx').then((m) => ({ default: m.EventDetailPage })),
);
const AttendanceImportPage = lazy(() =>
  import('../features/events/AttendanceImportPage.tsx').then((m) => ({ default: m.AttendanceImportPage })),
);
const DutyPage = lazy(() => import('../features/events/DutyPage.tsx').then((m) => ({ default: m.DutyPage })));
const HonoursPage = lazy(() =>
  import('../features/events/HonoursPage.tsx').then((m) => ({ default: m.HonoursPage })),
);
// 融资 financing
const FinancingPage = lazy(() =>
  import('../features/financing/FinancingPage.tsx').then((m) => ({ default: m.FinancingPage })),
);
const NeedDetailPage = lazy(() =>
  import('../features/financing/NeedDetailPage.tsx').then((m) => ({ default: m.NeedDetailPage })),
);
const BankWorkspacePage = lazy(() =>
  import('../features/financing/BankWorkspacePage.tsx').then((m) => ({ default: m.BankWorkspacePage })),
);
const ProgramsPage = lazy(() =>
  import('../features/financing/ProgramsPage.tsx').then((m) => ({ default: m.ProgramsPage })),
);
// 互助 mutual aid
const AidPage = lazy(() => import('../features/aid/AidPage.tsx').then((m) => ({ default: m.AidPage })));
const AidMatchPage = lazy(() =>
  import('../features/aid/MatchPage.tsx').then((m) => ({ default: m.MatchPage })),
);
const DonationsPage = lazy(() =>
  import('../features/donations/DonationsPage.tsx').then((m) => ({ default: m.DonationsPage })),
);
const CampaignDetailPage = lazy(() =>
  import('../features/donations/CampaignDetailPage.tsx').then((m) => ({ default: m.CampaignDetailPage })),
);
const SuggestionsPage = lazy(() =>
  import('../features/suggestions/SuggestionsPage.tsx').then((m) => ({ default: m.SuggestionsPage })),
);
const LedgersPage = lazy(() =>
  import('../features/ledgers/LedgersPage.tsx').then((m) => ({ default: m.LedgersPage })),
);
const ReportsPage = lazy(() =>
  import('../features/reports/ReportsPage.tsx').then((m) => ({ default: m.ReportsPage })),
);
const ReportDetailPage = lazy(() =>
  import('../features/reports/ReportDetailPage.tsx').then((m) => ({ default: m.ReportDetailPage })),
);
const DashboardPage = lazy(() =>
  import('../features/dashboard/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
const InvitationsPage = lazy(() =>
  import('../features/invitations/InvitationsPage.tsx').then((m) => ({ default: m.InvitationsPage })),
);
// The public pages an enterprise contact opens from a link on a phone: small, outside the signed-in shell.
const AcceptInvitationPage = lazy(() =>
  import('../features/invitations/public/AcceptInvitationPage.tsx').then((m) => ({
    default: m.AcceptInvitationPage,
  })),
);
const RequestAccessPage = lazy(() =>
  import('../features/invitations/public/RequestAccessPage.tsx').then((m) => ({
    default: m.RequestAccessPage,
  })),
);
const SetPasswordPage = lazy(() =>
  import('../features/invitations/public/SetPasswordPage.tsx').then((m) => ({ default: m.SetPasswordPage })),
);
// 服务包 service packages
const ServicePackagesPage = lazy(() =>
  import('../features/service-packages/ServicePackagesPage.tsx').then((m) => ({
    default: m.ServicePackagesPage,
  })),
);
const ServicePackageDetailPage = lazy(() =>
  import('../features/service-packages/ServicePackageDetailPage.tsx').then((m) => ({
    default: m.ServicePackageDetailPage,
  })),
);
// 惠企政策 policies
const PoliciesPage = lazy(() =>
  import('../features/policies/PoliciesPage.tsx').then((m) => ({ default: m.PoliciesPage })),
);
const PolicyReachPage = lazy(() =>
  import('../features/policies/PolicyReachPage.tsx').then((m) => ({ default: m.PolicyReachPage })),
);
const PolicyDetailPage = lazy(() =>
  import('../features/policies/PolicyDetailPage.tsx').then((m) => ({ default: m.PolicyDetailPage })),
);
const VolunteersPage = lazy(() =>
  import('../features/volunteers/VolunteersPage.tsx').then((m) => ({ default: m.VolunteersPage })),
);
const StreetAdoptionPage = lazy(() =>
  import('../features/street-adoption/StreetAdoptionPage.tsx').then((m) => ({
    default: m.StreetAdoptionPage,
  })),
);
const StreetMattersPage = lazy(() =>
  import('../features/street-adoption/StreetMattersPage.tsx').then((m) => ({ default: m.StreetMattersPage })),
);
const ChannelsPage = lazy(() =>
  import('../features/channels/ChannelsPage.tsx').then((m) => ({ default: m.ChannelsPage })),
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
  ...(
    [
      ['/invite/:code', AcceptInvitationPage],
      ['/request-access', RequestAccessPage],
      ['/set-password/:code', SetPasswordPage],
    ] as const
  ).map(([path, Page]) => ({
    path,
    element: (
      <Suspense fallback={<FullPageSpin />}>
        <Page />
      </Suspense>
    ),
  })),
  {
    element: <AuthGate />,
    children: [
      {
        element: <AppLayout />,
        children: [
          page('/', 'home', HomePage),
          page('/dashboard', 'dashboard', DashboardPage, 'dashboard.read'),
          page('/enterprises', 'enterprises', EnterprisesPage, 'registry.read'),
          page('/enterprises/import', 'enterprises', ImportPage, 'registry.write', 'enterpriseImport'),
          page('/enterprises/:id', 'enterprises', EnterpriseDetailPage, 'registry.read', 'enterpriseDetail'),
          page('/people', 'people', PeoplePage, 'registry.read'),
          page('/people/:id', 'people', PersonDetailPage, 'registry.read', 'personDetail'),
          page('/chambers', 'chambers', ChambersPage, 'registry.read'),
          page('/chambers/:id', 'chambers', ChamberDetailPage, 'registry.read', 'chamberDetail'),
          page('/party-organizations', 'party', PartyOrganizationsPage, 'registry.read'),
          page('/visits', 'visits', VisitsPage, 'visits.read'),
          page('/visit-plans', 'visitPlans', VisitPlansPage, 'visits.read'),
          page('/appeals', 'appeals', AppealsPage, 'appeals.read'),
          page('/appeals/new', 'appealNew', NewAppealPage, 'appeals.raise'),
          page('/appeals/stats', 'appealStats', AppealStatsPage, 'appeals.stats'),
          page(
            '/department-figures',
            'departmentFigures',
            DepartmentFiguresPage,
            'appeals.departmentFigures',
          ),
          page(
            '/own-figures/department',
            'ownDepartmentFigures',
            OwnDepartmentFiguresPage,
            'figures.department',
          ),
          page('/own-figures/chamber', 'ownChamberFigures', OwnChamberFiguresPage, 'figures.chamber'),
          page('/appeals/:id', 'appeals', AppealDetailPage, 'appeals.read', 'appealDetail'),
          page('/inbox', 'inbox', InboxPage, 'appeals.handle'),
          page('/suggestions', 'suggestions', SuggestionsPage, 'suggestions.read'),
          page('/donations', 'donations', DonationsPage, 'donations.read'),
          page('/campaigns/:id', 'donations', CampaignDetailPage, 'donations.read', 'campaignDetail'),
          page('/volunteers', 'volunteers', VolunteersPage, 'volunteers.read'),
          page('/street-adoption', 'streetAdoption', StreetAdoptionPage, 'streets.read'),
          page(
            '/street-adoption/matters',
            'streetAdoption',
            StreetMattersPage,
            'streets.read',
            'streetMatters',
          ),
          page('/ledgers', 'ledgers', LedgersPage, 'ledgers.export'),
          page('/reports', 'reports', ReportsPage, 'reports.read'),
          page('/reports/:id', 'reports', ReportDetailPage, 'reports.read'),
          page('/channels', 'channels', ChannelsPage, 'appeals.read'),
          page('/invitations', 'invitations', InvitationsPage, 'invitations.manage'),
          page('/users', 'users', UsersPage, 'users.read'),
          page('/org-units', 'orgUnits', OrgUnitsPage),
          page('/roles', 'roles', RolesPage, 'roles.read'),
          page('/audit', 'audit', AuditPage, 'audit.read'),
          // Anyone may look at the working-day calendar; only calendar.manage holders have it in the menu.
          page('/calendar', 'calendar', CalendarPage),
          page('/notifications', 'notifications', NotificationsPage),
          page('/sessions', 'sessions', SessionsPage),
          page('/change-password', 'changePassword', ChangePasswordPage),
          // events (issue 16)
          page('/events', 'events', EventsPage, 'events.read'),
          page('/events/duty', 'eventDuty', DutyPage, 'events.read'),
          page('/events/:id', 'events', EventDetailPage, 'events.read', 'eventDetail'),
          page(
            '/events/:id/attendance-import',
            'events',
            AttendanceImportPage,
            'events.manage',
            'attendanceImport',
          ),
          page('/honours', 'honours', HonoursPage, 'honours.read'),
          // 惠企政策 policies
          page('/policies', 'policies', PoliciesPage, 'policies.read'),
          page('/policies/reach', 'policies', PolicyReachPage, 'policies.read', 'policyReach'),
          page('/policies/:id', 'policies', PolicyDetailPage, 'policies.read', 'policyDetail'),
          // 服务包 service packages
          page('/service-packages', 'servicePackages', ServicePackagesPage, 'packages.read'),
          page(
            '/service-packages/:id',
            'servicePackages',
            ServicePackageDetailPage,
            'packages.read',
            'servicePackageDetail',
          ),
          // 融资 financing
          page('/financing', 'financing', FinancingPage, 'financing.read'),
          page('/financing/needs/:id', 'financing', NeedDetailPage, 'financing.read', 'needDetail'),
          page('/financing/programs', 'financing', ProgramsPage, 'financing.read', 'financingPrograms'),
          page('/bank', 'bankWorkspace', BankWorkspacePage, 'financing.answer'),
          // 互助 mutual aid
          page('/aid', 'aid', AidPage, 'aid.read'),
          page('/aid/matches/:id', 'aid', AidMatchPage, 'aid.read', 'aidMatch'),
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];

export const router = createBrowserRouter(routes);
installAuthRedirects(router, queryClient);
