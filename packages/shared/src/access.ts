// Roles and permissions: the one list of who may do what. The server enforces it (core/access);
// the web app reads it to build menus and hide what a user may not do.

export const ADMIN_ROLES = ['system_admin', 'security_admin', 'audit_admin'] as const;
export const BUSINESS_ROLES = [
  'federation_staff',
  'federation_leader',
  'chamber_secretary',
  'department_liaison',
  'department_head',
  'enterprise_contact',
  // 融资 financing: a bank's account manager (客户经理), a partner outside the federation.
  'bank_manager',
] as const;
export const ROLES = [...ADMIN_ROLES, ...BUSINESS_ROLES] as const;
export type Role = (typeof ROLES)[number];
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const PERMISSIONS = [
  'users.read',
  'users.manage',
  'orgUnits.manage',
  'roles.read',
  'roles.grant',
  'settings.security',
  'audit.read',
  'audit.export',
  'registry.read',
  'registry.write',
  'registry.import',
  'registry.export',
  'registry.merge',
  'contacts.unmask',
  // The service loop (政企直联): visits, appeals, channels, the working-day calendar, suggestions.
  'visits.read',
  'visits.write',
  'appeals.read',
  'appeals.raise',
  'appeals.triage',
  'appeals.handle',
  'appeals.rate',
  'appeals.stats',
  'appeals.departmentFigures',
  // 本单位工作情况: a department's figures for its liaison and head, a chamber's for its secretary.
  'figures.department',
  'figures.chamber',
  'serviceLoop.configure',
  'calendar.manage',
  'suggestions.read',
  'suggestions.write',
  // What leaders read: the dashboard, the 台账 ledgers (.xlsx) and the reports (.docx).
  'dashboard.read',
  'ledgers.export',
  'reports.read',
  'reports.write',
  // An enterprise contact's own enterprise (the phone side's 我的企业): no other enterprise, ever.
  'ownEnterprise.read',
  // 邀请: invite an enterprise's contacts, decide their access requests, issue their password-reset links.
  'invitations.manage',
  // API tokens for outside systems (12345 hotline, a city platform, a bank): issued by the security
  // administrator; the hotline's intake is a permission no role holds, only a token can be given it.
  'apiTokens.manage',
  'appeals.hotline',
  // 志愿服务 volunteers, teams, activities and blood drives; confirming what a chamber secretary recorded.
  'volunteers.read',
  'volunteers.write',
  'volunteers.confirm',
  // 小巷管家 street segments, adoptions, matters and hotline cases, and their coverage.
  'streets.read',
  'streets.write',
  // 捐赠 donations: read within scope; record (pending until staff confirm); campaigns and confirmation.
  'donations.read',
  'donations.record',
  'donations.manage',
  // 教育培训 events (issue 16): read within scope; register people; run events (sessions, check-in, lists);
  // define the event kinds of a federation; honours (称号) read and recorded.
  'events.read',
  'events.register',
  'events.manage',
  'events.configure',
  'honours.read',
  'honours.write',
  // 惠企政策 policies: read within scope; draft (staff, a liaison for their department); publish, withdraw
  // and record redemptions; push (staff; a secretary to their own chamber); an enterprise's own view.
  'policies.read',
  'policies.draft',
  'policies.manage',
  'policies.push',
  'policies.mine',
  // 融资 financing: read needs within scope; state needs (an enterprise's own, a chamber's members'); vet and
  // send them to banks and run programs; a bank's answers and products.
  'financing.read',
  'financing.state',
  'financing.manage',
  'financing.answer',
  // 互助 mutual aid: read the board (others' contacts masked); post supplies and needs; broker matches.
  'aid.read',
  'aid.post',
  'aid.broker',
  // 服务包 service packages: read within scope; write and publish (staff); hand out (staff; a secretary to
  // their own chamber's members); an enterprise's own packages.
  'packages.read',
  'packages.write',
  'packages.handOut',
  'packages.mine',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What a route needs: `public` (anyone), `authenticated` (any signed-in user, even one who must still
 * change the initial password), `session` (signed in with a changed password), or a permission.
 */
export type RouteAccess = 'public' | 'authenticated' | 'session' | Permission;

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // 三员分立: the system administrator runs accounts and org units but sees no business data.
  // The working-day calendar is system reference data, not business data.
  system_admin: ['users.read', 'users.manage', 'orgUnits.manage', 'roles.read', 'calendar.manage'],
  // The security administrator grants roles and sets the security policy.
  security_admin: ['users.read', 'roles.read', 'roles.grant', 'settings.security', 'apiTokens.manage'],
  // The audit administrator reads and exports the audit log, nothing else.
  audit_admin: ['audit.read', 'audit.export'],
  // Business roles see registry rows only within their data scope (core/access/registry-scope.ts).
  federation_staff: [
    'registry.read',
    'registry.write',
    'registry.import',
    'registry.export',
    'registry.merge',
    'contacts.unmask',
    'visits.read',
    'visits.write',
    'appeals.read',
    'appeals.raise',
    'appeals.triage',
    'appeals.rate',
    'appeals.stats',
    'serviceLoop.configure',
    'suggestions.read',
    'suggestions.write',
    'dashboard.read',
    'ledgers.export',
    'reports.read',
    'reports.write',
    'invitations.manage',
    'volunteers.read',
    'volunteers.write',
    'volunteers.confirm',
    'streets.read',
    'streets.write',
    'donations.read',
    'donations.record',
    'donations.manage',
    // events (issue 16): the events of their subtree, the kinds their federation offers, honours recorded.
    'events.read',
    'events.register',
    'events.manage',
    'events.configure',
    'honours.read',
    'honours.write',
    // 惠企政策 policies
    'policies.read',
    'policies.draft',
    'policies.manage',
    'policies.push',
    // 融资 financing: needs of their subtree, vetted and sent to banks; programs.
    'financing.read',
    'financing.state',
    'financing.manage',
    // 互助 mutual aid: posts of their subtree; brokers matches.
    'aid.read',
    'aid.post',
    'aid.broker',
    // 服务包 service packages of their subtree: written, published, handed out.
    'packages.read',
    'packages.write',
    'packages.handOut',
  ],
  federation_leader: [
    'registry.read',
    'registry.export',
    'contacts.unmask',
    'visits.read',
    'appeals.read',
    'appeals.stats',
    'suggestions.read',
    'dashboard.read',
    'ledgers.export',
    'reports.read',
    'volunteers.read',
    'streets.read',
    'donations.read',
    // events (issue 16): read only.
    'events.read',
    'honours.read',
    // 惠企政策 policies
    'policies.read',
    // 融资 financing: reads needs and figures.
    'financing.read',
    // 互助 mutual aid: reads the board and its figures.
    'aid.read',
    // 服务包 service packages: read only.
    'packages.read',
  ],
  // A chamber secretary raises and follows their members' appeals and records visits to them.
  chamber_secretary: [
    'registry.read',
    'registry.write',
    'registry.export',
    'visits.read',
    'visits.write',
    'appeals.read',
    'appeals.raise',
    'invitations.manage',
    'figures.chamber',
    // Their chamber's and members' volunteer activities, pending until federation staff confirm them.
    'volunteers.read',
    'volunteers.write',
    // Their chamber's and members' donations, pending until federation staff confirm them.
    'donations.read',
    'donations.record',
    // events (issue 16): their chamber's events, run and attended; their members' honours read.
    'events.read',
    'events.register',
    'events.manage',
    'honours.read',
    // 惠企政策 policies: published ones reaching the chamber, pushed to its own members.
    'policies.read',
    'policies.push',
    // 融资 financing: states and vouches for their members’ needs.
    'financing.read',
    'financing.state',
    // 互助 mutual aid: their members’ posts; brokers them.
    'aid.read',
    'aid.post',
    'aid.broker',
    // 服务包 service packages: published ones handed to their own chamber's members.
    'packages.read',
    'packages.handOut',
  ],
  // A department liaison works the appeals forwarded to their department, and drafts its policies
  // (惠企政策) for staff to publish.
  department_liaison: [
    'registry.read',
    'appeals.read',
    'appeals.handle',
    'figures.department',
    'policies.read',
    'policies.draft',
  ],
  // A department head (部门负责人) reads what was forwarded to the department and its figures, and is
  // told of escalations; working the forwards is the liaison's, unless the account holds that role too.
  department_head: ['registry.read', 'appeals.read', 'appeals.departmentFigures', 'figures.department'],
  // An enterprise contact raises their own appeals, rates the outcome, may reopen.
  enterprise_contact: [
    'registry.read',
    'visits.read',
    'appeals.read',
    'appeals.raise',
    'appeals.rate',
    'ownEnterprise.read',
    // Its own enterprise's volunteers and what they served.
    'volunteers.read',
    // Its own donations: seen, and reported (pending until federation staff confirm them).
    'donations.read',
    'donations.record',
    // events (issue 16): events open to it, its own people registered; its own honours.
    'events.read',
    'events.register',
    'honours.read',
    // 惠企政策 the policies that fit it (适合我的政策), its marks, questions and redemption reports.
    'policies.mine',
    // 融资 financing: its own needs, with its consent to share.
    'financing.read',
    'financing.state',
    // 互助 mutual aid: its own posts, and others’ open posts without contacts.
    'aid.read',
    'aid.post',
    // 服务包 the service packages its enterprise holds.
    'packages.mine',
  ],
  // 融资 financing: a bank's account manager sees the needs sent to their bank while consent stands.
  bank_manager: ['financing.read', 'financing.answer'],
};

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  security_admin: { zh: '安全管理员', en: 'Security administrator' },
  audit_admin: { zh: '审计管理员', en: 'Audit administrator' },
  federation_staff: { zh: '工商联机关干部', en: 'Federation staff' },
  federation_leader: { zh: '工商联领导', en: 'Federation leader' },
  chamber_secretary: { zh: '商会秘书长', en: 'Chamber secretary' },
  department_liaison: { zh: '职能部门联络员', en: 'Department liaison' },
  department_head: { zh: '职能部门负责人', en: 'Department head' },
  enterprise_contact: { zh: '企业联系人', en: 'Enterprise contact' },
  // 融资 financing
  bank_manager: { zh: '银行客户经理', en: 'Bank account manager' },
};

const permissionSets = new Map<string, ReadonlySet<Permission>>();

/** The permissions of a set of roles (memoised: asked on every request). */
export function permissionsOf(roles: readonly Role[]): ReadonlySet<Permission> {
  const key = roles.join(',');
  let set = permissionSets.get(key);
  if (!set) {
    set = new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role] ?? []));
    permissionSets.set(key, set);
  }
  return set;
}

/**
 * 三员分立: an account may hold at most one of the three administrator roles, and an administrator holds
 * no business role (the system administrator, for one, must see no business data).
 */
export function violatesSeparationOfDuties(roles: readonly Role[]): boolean {
  const admin = roles.filter((role) => (ADMIN_ROLES as readonly string[]).includes(role)).length;
  return admin > 1 || (admin === 1 && roles.length > 1);
}
