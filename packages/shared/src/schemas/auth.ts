// Auth: login, the signed-in user, password change and the user's own sessions.
import { z } from 'zod';
import { ROLES } from '../access.ts';
import { line, secret } from '../text.ts';

export const loginRequest = z.strictObject({ username: line(64), password: secret(128) });

export const currentUser = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  orgUnitId: z.string().uuid(),
  /** An enterprise contact's own enterprise. */
  enterpriseId: z.string().uuid().nullable(),
  mustChangePassword: z.boolean(),
});
export type CurrentUser = z.infer<typeof currentUser>;

export const userEnvelope = z.object({ user: currentUser });

export const changePasswordRequest = z.strictObject({
  currentPassword: secret(128),
  newPassword: secret(128),
});

export const sessionView = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionView = z.infer<typeof sessionView>;
export const sessionList = z.object({ items: z.array(sessionView) });
