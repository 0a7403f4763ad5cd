// Security settings the security administrator may change at run time.
import { z } from 'zod';

export const securitySettings = z.strictObject({
  passwordMinLength: z.number().int().min(8).max(64),
  passwordRequireComplexity: z.boolean(),
  passwordMaxAgeDays: z.number().int().min(0).max(3650),
  /** The system, security and audit administrators' password lifetime (0: as everyone's). */
  adminPasswordMaxAgeDays: z.number().int().min(0).max(3650),
  lockoutThreshold: z.number().int().min(1).max(100),
  lockoutMinutes: z.number().int().min(1).max(1440),
  /** Failed sign-ins of one username before an image challenge is asked for (0: never). */
  loginChallengeThreshold: z.number().int().min(0).max(100),
  sessionIdleMinutes: z.number().int().min(1).max(1440),
  sessionAbsoluteHours: z.number().int().min(1).max(168),
});
export type SecuritySettings = z.infer<typeof securitySettings>;
export const securitySettingsEnvelope = z.object({ settings: securitySettings, version: z.number().int() });
export const updateSecuritySettingsRequest = z.strictObject({
  settings: securitySettings,
  version: z.number().int(),
});
