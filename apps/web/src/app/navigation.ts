// The side menu and the home page's shortcuts: each entry's path, icon and the permission it needs.
import {
  AccountBookOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BulbOutlined,
  CalendarOutlined,
  ClusterOutlined,
  DashboardOutlined,
  DesktopOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  FlagOutlined,
  FormOutlined,
  GiftOutlined,
  // events (issue 16)
  TrophyOutlined,
  HeartOutlined,
  InteractionOutlined,
  IdcardOutlined,
  InboxOutlined,
  KeyOutlined,
  LaptopOutlined,
  NodeIndexOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  TableOutlined,
  TeamOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import type { ComponentType } from 'react';
import type { Permission } from '@qinqing/shared';

export type NavId =
  | 'home'
  | 'enterprises'
  | 'people'
  | 'chambers'
  | 'party'
  | 'users'
  | 'orgUnits'
  | 'roles'
  | 'audit'
  | 'sessions'
  | 'changePassword'
  | 'visits'
  | 'visitPlans'
  | 'appeals'
  | 'myAppeals'
  | 'appealNew'
  | 'inbox'
  | 'appealStats'
  | 'ownDepartmentFigures'
  | 'ownChamberFigures'
  | 'suggestions'
  | 'donations'
  | 'channels'
  | 'calendar'
  | 'notifications'
  | 'ledgers'
  | 'reports'
  | 'dashboard'
  | 'invitations'
  | 'departmentFigures'
  | 'volunteers'
  | 'streetAdoption'
  // events (issue 16)
  | 'events'
  | 'eventDuty'
  | 'honours'
  // 惠企政策 policies
  | 'policies'
  // 服务包 service packages
  | 'servicePackages'
  // 融资 financing
  | 'financing'
  | 'bankWorkspace'
  // 互助 mutual aid
  | 'aid';

export interface NavEntry {
  id: NavId;
  path: string;
  icon: ComponentType;
  /** Absent: any signed-in user may open it. */
  permission?: Permission;
  /** A further condition on what the user may do (the enterprise's own view of the service loop). */
  when?: (can: (permission: Permission) => boolean) => boolean;
}

/** The enterprise's side of the service loop: it rates outcomes but never triages (an enterprise contact). */
const enterpriseSide = (can: (permission: Permission) => boolean) =>
  can('appeals.rate') && !can('appeals.triage');

/** The side menu, in order. */
export const MENU_ENTRIES: readonly NavEntry[] = [
  { id: 'home', path: '/', icon: DesktopOutlined },
  // What leaders open first: right under the workbench for everyone who may read it.
  { id: 'dashboard', path: '/dashboard', icon: DashboardOutlined, permission: 'dashboard.read' },
  { id: 'enterprises', path: '/enterprises', icon: BankOutlined, permission: 'registry.read' },
  { id: 'people', path: '/people', icon: IdcardOutlined, permission: 'registry.read' },
  { id: 'chambers', path: '/chambers', icon: ClusterOutlined, permission: 'registry.read' },
  { id: 'party', path: '/party-organizations', icon: FlagOutlined, permission: 'registry.read' },
  { id: 'visits', path: '/visits', icon: EnvironmentOutlined, permission: 'visits.read' },
  {
    id: 'visitPlans',
    path: '/visit-plans',
    icon: ScheduleOutlined,
    permission: 'visits.read',
    when: (can) => !enterpriseSide(can),
  },
  {
    id: 'appeals',
    path: '/appeals',
    icon: SolutionOutlined,
    permission: 'appeals.read',
    when: (can) => !enterpriseSide(can),
  },
  {
    id: 'myAppeals',
    path: '/appeals',
    icon: SolutionOutlined,
    permission: 'appeals.read',
    when: enterpriseSide,
  },
  {
    id: 'appealNew',
    path: '/appeals/new',
    icon: FormOutlined,
    permission: 'appeals.raise',
    when: enterpriseSide,
  },
  { id: 'inbox', path: '/inbox', icon: InboxOutlined, permission: 'appeals.handle' },
  { id: 'appealStats', path: '/appeals/stats', icon: BarChartOutlined, permission: 'appeals.stats' },
  {
    id: 'departmentFigures',
    path: '/department-figures',
    icon: BarChartOutlined,
    permission: 'appeals.departmentFigures',
  },
  {
    id: 'ownDepartmentFigures',
    path: '/own-figures/department',
    icon: BarChartOutlined,
    permission: 'figures.department',
  },
  {
    id: 'ownChamberFigures',
    path: '/own-figures/chamber',
    icon: BarChartOutlined,
    permission: 'figures.chamber',
  },
  { id: 'ledgers', path: '/ledgers', icon: TableOutlined, permission: 'ledgers.export' },
  { id: 'reports', path: '/reports', icon: FileTextOutlined, permission: 'reports.read' },
  { id: 'suggestions', path: '/suggestions', icon: BulbOutlined, permission: 'suggestions.read' },
  { id: 'donations', path: '/donations', icon: GiftOutlined, permission: 'donations.read' },
  { id: 'volunteers', path: '/volunteers', icon: HeartOutlined, permission: 'volunteers.read' },
  { id: 'streetAdoption', path: '/street-adoption', icon: NodeIndexOutlined, permission: 'streets.read' },
  // events (issue 16)
  { id: 'events', path: '/events', icon: ReadOutlined, permission: 'events.read' },
  {
    id: 'eventDuty',
    path: '/events/duty',
    icon: ScheduleOutlined,
    permission: 'events.read',
    when: (can) => can('events.manage') || can('dashboard.read'),
  },
  { id: 'honours', path: '/honours', icon: TrophyOutlined, permission: 'honours.read' },
  // 惠企政策 policies
  { id: 'policies', path: '/policies', icon: ReadOutlined, permission: 'policies.read' },
  // 服务包 service packages
  {
    id: 'servicePackages',
    path: '/service-packages',
    icon: GiftOutlined,
    permission: 'packages.read',
  },
  { id: 'channels', path: '/channels', icon: ApiOutlined, permission: 'serviceLoop.configure' },
  { id: 'invitations', path: '/invitations', icon: UserAddOutlined, permission: 'invitations.manage' },
  { id: 'users', path: '/users', icon: TeamOutlined, permission: 'users.read' },
  { id: 'orgUnits', path: '/org-units', icon: ApartmentOutlined },
  { id: 'roles', path: '/roles', icon: SafetyCertificateOutlined, permission: 'roles.read' },
  { id: 'calendar', path: '/calendar', icon: CalendarOutlined, permission: 'calendar.manage' },
  { id: 'audit', path: '/audit', icon: AuditOutlined, permission: 'audit.read' },
  // 融资 financing: the board for the federation side, the workspace for a bank's account manager.
  {
    id: 'financing',
    path: '/financing',
    icon: AccountBookOutlined,
    permission: 'financing.read',
    when: (can) => !can('financing.answer'),
  },
  { id: 'bankWorkspace', path: '/bank', icon: AccountBookOutlined, permission: 'financing.answer' },
  // 互助 mutual aid
  { id: 'aid', path: '/aid', icon: InteractionOutlined, permission: 'aid.read' },
];

/** Pages reached from the user menu rather than the side menu. */
export const ACCOUNT_ENTRIES: readonly NavEntry[] = [
  { id: 'notifications', path: '/notifications', icon: BellOutlined },
  { id: 'sessions', path: '/sessions', icon: LaptopOutlined },
  { id: 'changePassword', path: '/change-password', icon: KeyOutlined },
];

export function allowedEntries(
  entries: readonly NavEntry[],
  can: (permission: Permission) => boolean,
): NavEntry[] {
  return entries.filter(
    (entry) =>
      (entry.permission === undefined || can(entry.permission)) &&
      (entry.when === undefined || entry.when(can)),
  );
}

/** The menu entry a path belongs to (for the selected menu item): the longest match, so /appeals/stats is its own. */
export function entryOfPath(pathname: string): NavEntry | undefined {
  let best: NavEntry | undefined;
  for (const entry of [...MENU_ENTRIES, ...ACCOUNT_ENTRIES]) {
    const matches =
      entry.path === '/'
        ? pathname === '/'
        : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
    if (matches && (!best || entry.path.length > best.path.length)) best = entry;
  }
  return best;
}
