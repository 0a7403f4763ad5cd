// Accounts as the administrators see them.
import { z } from 'zod';
import { ROLES } from '../access.ts';
import { line, optionalLine, secret } from '../text.ts';
import { pageOf, pageQuery } from './common.ts';

export const username = z
  .string()
  .trim()
  .regex(/^[a-zA-Z][a-zA-Z0-9_.-]{2,31}$/, {
    message: '用户名须以字母开头，3–32 位字母、数字、下划线、点或连字符',
  });

/** Where email notifications go; optional. */
export const userEmail = z.string().trim().email({ message: '电子邮箱格式不正确' }).max(254);

export const userView = z.object({
  id: z.string().uuid(),
  username: z.string(),
  displayName: z.string(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  enterpriseId: z.string().uuid().nullable(),
  email: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type UserView = z.infer<typeof userView>;
export const userPage = pageOf(userView);

export const userListQuery = z.strictObject({
  q: optionalLine(64).optional(),
  orgUnitId: z.string().uuid().optional(),
  role: z.enum(ROLES).optional(),
  ...pageQuery,
});

export const createUserRequest = z.strictObject({
  username,
  displayName: line(64),
  orgUnitId: z.string().uuid(),
  enterpriseId: z.string().uuid().optional(),
  email: userEmail.optional(),
  initialPassword: secret(128),
});

export const updateUserRequest = z.strictObject({
  version: z.number().int(),
  displayName: line(64).optional(),
  orgUnitId: z.string().uuid().optional(),
  enterpriseId: z.string().uuid().nullable().optional(),
  email: userEmail.nullable().optional(),
  disabled: z.boolean().optional(),
});

export const resetPasswordRequest = z.strictObject({ newPassword: secret(128) });

export const grantRolesRequest = z.strictObject({
  version: z.number().int(),
  roles: z.array(z.enum(ROLES)).max(ROLES.length),
});

export const roleView = z.object({
  code: z.enum(ROLES),
  name: z.string(),
  kind: z.enum(['admin', 'business']),
  permissions: z.array(z.string()),
  /** The permissions in words, in the request's language: name, group and what each allows. */
  permissionDetails: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      group: z.string(),
      groupName: z.string(),
      description: z.string(),
    }),
  ),
  userCount: z.number().int(),
});
export const roleList = z.object({ items: z.array(roleView) });

export const userEnvelopeAdmin = z.object({ user: userView });
