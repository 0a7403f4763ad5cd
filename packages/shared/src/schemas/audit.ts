// The audit log as the audit administrator reads it: each record's action by name, who did it, the record
// it touched by its business key (appeal number, enterprise name and credit code, username…) and its
// detail as labelled fields; filters by action, person, record and time.
import { z } from 'zod';
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_OBJECT_TYPE_CODES,
  isAuditAction,
  type AuditAction,
  type AuditActionGroup,
} from '../audit-actions.ts';
import { pageOf, pageQuery } from './common.ts';

export * from '../audit-actions.ts';

export const AUDIT_RESULTS = ['success', 'failure', 'denied'] as const;

const localizedText = z.object({ zh: z.string(), en: z.string() });

/** One field of a record's detail: its label, and its value as a person reads it. */
export const auditDetailField = z.object({
  key: z.string(),
  label: localizedText,
  value: z.string(),
});
export type AuditDetailField = z.infer<typeof auditDetailField>;

export const auditEventView = z.object({
  id: z.string(),
  seq: z.number().int(),
  occurredAt: z.string(),
  actorId: z.string().nullable(),
  /** The username at the time (or the name typed at a failed sign-in); null for the system. */
  actorName: z.string().nullable(),
  /** The account's display name today, when it still exists. */
  actorDisplayName: z.string().nullable(),
  actorRoles: z.array(z.string()),
  ip: z.string().nullable(),
  action: z.string(),
  actionName: localizedText,
  actionGroup: z
    .enum(Object.keys(AUDIT_ACTION_GROUPS) as [AuditActionGroup, ...AuditActionGroup[]])
    .nullable(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  /**
   * The record by what people call it: `key` its business key (appeal number, enterprise name and credit
   * code…); `exists` false when it is gone, and then `key` is what the record itself still says of it or a
   * short id.
   */
  object: z.object({ typeName: localizedText, key: z.string(), exists: z.boolean() }).nullable(),
  result: z.enum(AUDIT_RESULTS),
  fields: z.array(auditDetailField),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEventView = z.infer<typeof auditEventView>;
export const auditEventPage = pageOf(auditEventView);

const AUDIT_ACTION_MESSAGE = '未知的操作，请从操作列表中选择';

/** Comma-separated action codes, each one the server writes. */
const auditActions = z
  .string()
  .trim()
  .max(2000)
  .transform((text, context) => {
    const codes = [
      ...new Set(
        text
          .split(',')
          .map((code) => code.trim())
          .filter(Boolean),
      ),
    ];
    const unknown = codes.filter((code) => !isAuditAction(code));
    if (unknown.length > 0) {
      context.addIssue({ code: 'custom', message: `${AUDIT_ACTION_MESSAGE}：${unknown.join('、')}` });
      return z.NEVER;
    }
    return codes as AuditAction[];
  });

const instant = (what: string) =>
  z.iso.datetime({ offset: true, error: `${what}须为带时区的时间，如 2026-01-01T00:00:00+08:00` });

export const auditFilter = {
  /** Who did it: part of the username or of the display name. */
  actor: z.string().trim().max(64, { error: '操作人最多 64 个字' }).optional(),
  action: auditActions.optional(),
  group: z
    .enum(Object.keys(AUDIT_ACTION_GROUPS) as [AuditActionGroup, ...AuditActionGroup[]], {
      error: '未知的操作分类',
    })
    .optional(),
  /** The record, by its business key: part of an appeal number, an enterprise name or credit code… */
  object: z.string().trim().max(100, { error: '对象最多 100 个字' }).optional(),
  objectType: z.enum(AUDIT_OBJECT_TYPE_CODES, { error: '未知的对象类型' }).optional(),
  objectId: z.string().trim().max(64).optional(),
  result: z.enum(AUDIT_RESULTS, { error: '结果须为 success、failure 或 denied' }).optional(),
  from: instant('开始时间').optional(),
  to: instant('结束时间').optional(),
};

const fromNotAfterTo = (filter: { from?: string; to?: string }) =>
  !filter.from || !filter.to || new Date(filter.from) <= new Date(filter.to);
const RANGE_ERROR = { error: '开始时间不能晚于结束时间', path: ['from'] };

export const auditListQuery = z
  .strictObject({ ...auditFilter, ...pageQuery })
  .refine(fromNotAfterTo, RANGE_ERROR);
export const auditExportQuery = z.strictObject(auditFilter).refine(fromNotAfterTo, RANGE_ERROR);
export type AuditFilterQuery = z.infer<typeof auditExportQuery>;

export const auditVerifyResult = z.object({
  checked: z.number().int(),
  ok: z.boolean(),
  firstBrokenSeq: z.number().int().nullable(),
  reason: z.string().nullable(),
});
