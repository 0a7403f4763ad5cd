// The side menu and the home page's shortcuts: each entry's path, icon and the permission it needs.
import {
  ApartmentOutlined,
  AuditOutlined,
  BankOutlined,
  ClusterOutlined,
  DesktopOutlined,
  FlagOutlined,
  IdcardOutlined,
  KeyOutlined,
  LaptopOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
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
  | 'changePassword';

export interface NavEntry {
  id: NavId;
  path: string;
  icon: ComponentType;
  /** Absent: any signed-in user may open it. */
  permission?: Permission;
}

/** The side menu, in order. */
export const MENU_ENTRIES: readonly NavEntry[] = [
  { id: 'home', path: '/', icon: DesktopOutlined },
  { id: 'enterprises', path: '/enterprises', icon: BankOutlined, permission: 'registry.read' },
  { id: 'people', path: '/people', icon: IdcardOutlined, permission: 'registry.read' },
  { id: 'chambers', path: '/chambers', icon: ClusterOutlined, permission: 'registry.read' },
  { id: 'party', path: '/party-organizations', icon: FlagOutlined, permission: 'registry.read' },
  { id: 'users', path: '/users', icon: TeamOutlined, permission: 'users.read' },
  { id: 'orgUnits', path: '/org-units', icon: ApartmentOutlined },
  { id: 'roles', path: '/roles', icon: SafetyCertificateOutlined, permission: 'roles.read' },
  { id: 'audit', path: '/audit', icon: AuditOutlined, permission: 'audit.read' },
];

/** Pages reached from the user menu rather than the side menu. */
export const ACCOUNT_ENTRIES: readonly NavEntry[] = [
  { id: 'sessions', path: '/sessions', icon: LaptopOutlined },
  { id: 'changePassword', path: '/change-password', icon: KeyOutlined },
];

export function allowedEntries(
  entries: readonly NavEntry[],
  can: (permission: Permission) => boolean,
): NavEntry[] {
  return entries.filter((entry) => entry.permission === undefined || can(entry.permission));
}

/** The menu entry a path belongs to (for the selected menu item). */
export function entryOfPath(pathname: string): NavEntry | undefined {
  return [...MENU_ENTRIES, ...ACCOUNT_ENTRIES].find((entry) =>
    entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`),
  );
}
