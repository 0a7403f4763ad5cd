// The audit log as the audit administrator reads it.
import { z } from 'zod';
import { pageOf, pageQuery } from './common.ts';

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;

export const auditEventView = z.object({
  id: z.string(),
  seq: z.number().int(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRoles: z.array(z.string()),
  ip: z.string().nullable(),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  result: z.enum(AUDIT_RESULTS),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventView = z.infer<typeof auditEventView>;
export const auditEventPage = pageOf(auditEventView);

export const auditFilter = {
  actor: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  objectType: z.string().trim().max(64).optional(),
  objectId: z.string().trim().max(64).optional(),
  result: z.enum(AUDIT_RESULTS).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};
export const auditListQuery = z.strictObject({ ...auditFilter, ...pageQuery });
export const auditExportQuery = z.strictObject(auditFilter);

export const auditVerifyResult = z.object({
  checked: z.number().int(),
  ok: z.boolean(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
