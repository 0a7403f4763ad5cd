// Who belongs on the phone side, and where a desktop address leads there. The desktop's sign-in gate sends
// an account that is only an enterprise contact here; staff (any other role) stay on the desktop.
import type { CurrentUser } from '@qinqing/shared';

export const PHONE_BASE = '/m';

export function isContactOnly(user: Pick<CurrentUser, 'roles'>): boolean {
  return user.roles.length > 0 && user.roles.every((role) => role === 'enterprise_contact');
}

const APPEAL_PATH = /^\/appeals\/([0-9a-f-]{36})$/;
const POLICY_PATH = /^\/policies\/([0-9a-f-]{36})$/;

/**
 * The phone page for a desktop path: an appeal (the links of notifications and emails), raising one, the
 * notifications, a policy; anything else opens the contact's appeals.
 */
export function phonePathFor(desktopPath: string): string {
  const path = desktopPath.split(/[?#]/)[0] ?? '/';
  if (path === '/appeals/new') return `${PHONE_BASE}/appeals/new`;
  const appeal = APPEAL_PATH.exec(path);
  if (appeal) return `${PHONE_BASE}/appeals/${appeal[1]}`;
  if (path === '/notifications') return `${PHONE_BASE}/notifications`;
  // 惠企政策: a pushed policy's notice and the closing reminder open it in 适合我的政策.
  if (path === '/policies') return `${PHONE_BASE}/policies`;
  const policy = POLICY_PATH.exec(path);
  if (policy) return `${PHONE_BASE}/policies/${policy[1]}`;
  return `${PHONE_BASE}/`;
}
