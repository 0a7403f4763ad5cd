// 会员名册 member registry: enterprises, their contacts and membership, as the API takes and gives them.
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { normalizeUscc, usccProblem, usccProblemMessage } from '../uscc.ts';
import { pageOf, pageQuery } from './common.ts';

export const ENTERPRISE_SIZES = ['large', 'medium', 'small', 'micro'] as const;
export type EnterpriseSize = (typeof ENTERPRISE_SIZES)[number];
export const ENTERPRISE_SIZE_LABELS: Record<EnterpriseSize, string> = {
  large: '大',
  medium: '中',
  small: '小',
  micro: '微',
};

export const MEMBERSHIP_TYPES = ['enterprise', 'individual', 'group'] as const;
export const MEMBERSHIP_TYPE_LABELS: Record<(typeof MEMBERSHIP_TYPES)[number], string> = {
  enterprise: '企业会员',
  individual: '个人会员',
  group: '团体会员',
};
export const MEMBERSHIP_STATUSES = ['applying', 'active', 'suspended', 'withdrawn'] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];
export const MEMBERSHIP_STATUS_LABELS: Record<MembershipStatus, string> = {
  applying: '申请中',
  active: '正常',
  suspended: '暂停',
  withdrawn: '退会',
};

/** Predefined tags; free tags are allowed too. */
export const PREDEFINED_TAGS = [
  '百强企业',
  '专精特新',
  '高新技术企业',
  '保供企业',
  '防疫物资生产',
  '规上企业',
  '上市企业',
] as const;

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** 138****1234: what a user without the unmask permission sees of a mobile number. */
export function maskMobile(mobile: string): string {
  return mobile.length === 11 ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : '****';
}

/** A unified social credit code: normalised (full-width, case, spaces), then its authority, type and check character verified. */
export const usccField = z
  .string()
  .max(64)
  .transform(normalizeUscc)
  .superRefine((code, ctx) => {
    const problem = usccProblem(code);
    if (!problem) return;
    ctx.addIssue({ code: 'custom', message: usccProblemMessage(code, problem), params: { code: problem } });
  });

/** A calendar date as the API takes it: YYYY-MM-DD. */
export const isoDate = z.iso.date({ message: '日期格式应为 YYYY-MM-DD' });

export const contactInput = z.strictObject({
  id: z.string().uuid().optional(),
  name: line(50),
  position: optionalLine(50).optional(),
  /** Omitted on an existing contact: keep the stored number (the editor may only have seen it masked). */
  mobile: z
    .string()
    .trim()
    .regex(MOBILE_PATTERN, { message: '手机号码格式不正确（11 位，以 1 开头）' })
    .optional(),
  email: z.string().trim().email({ message: '电子邮箱格式不正确' }).max(100).optional().or(z.literal('')),
  isPrimary: z.boolean().optional(),
});

const enterpriseFields = {
  name: line(200),
  formerNames: z.array(line(200)).max(20).optional(),
  legalRepresentative: optionalLine(50).optional(),
  registeredCapital: z.number().nonnegative().max(1e12).nullable().optional(),
  foundedOn: isoDate.nullable().optional(),
  industryCode: z
    .string()
    .regex(/^\d{4}$/, { message: '行业代码应为 GB/T 4754-2017 的 4 位小类代码' })
    .nullable()
    .optional(),
  size: z.enum(ENTERPRISE_SIZES).nullable().optional(),
  divisionCode: z
    .string()
    .regex(/^\d{6}(\d{3})?$/, { message: '行政区划代码应为 6 位（区县）或 9 位（街道）' })
    .nullable()
    .optional(),
  address: optionalLine(200).nullable().optional(),
  tags: z.array(line(20)).max(30).optional(),
  contacts: z.array(contactInput).max(20).optional(),
  membership: z
    .strictObject({
      type: z.enum(MEMBERSHIP_TYPES).optional(),
      status: z.enum(MEMBERSHIP_STATUSES).optional(),
      statusReason: optionalLine(200).optional(),
      statusOn: isoDate.optional(),
      joinedOn: isoDate.nullable().optional(),
    })
    .optional(),
};

export const createEnterpriseRequest = z.strictObject({
  ...enterpriseFields,
  uscc: usccField,
  orgUnitId: z.string().uuid().optional(),
});
export type CreateEnterpriseRequest = z.infer<typeof createEnterpriseRequest>;

export const updateEnterpriseRequest = z.strictObject({
  ...enterpriseFields,
  name: line(200).optional(),
  uscc: usccField.optional(),
  orgUnitId: z.string().uuid().optional(),
  version: z.number().int(),
});
export type UpdateEnterpriseRequest = z.infer<typeof updateEnterpriseRequest>;

export const contactView = z.object({
  id: z.string(),
  name: z.string(),
  position: z.string().nullable(),
  mobile: z.string().nullable(),
  mobileMasked: z.boolean(),
  email: z.string().nullable(),
  isPrimary: z.boolean(),
});

export const enterpriseView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  formerNames: z.array(z.string()),
  uscc: z.string(),
  legalRepresentative: z.string().nullable(),
  registeredCapital: z.number().nullable(),
  foundedOn: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  size: z.enum(ENTERPRISE_SIZES).nullable(),
  divisionCode: z.string().nullable(),
  divisionName: z.string().nullable(),
  address: z.string().nullable(),
  tags: z.array(z.string()),
  contacts: z.array(contactView),
  membership: z.object({
    type: z.enum(MEMBERSHIP_TYPES),
    status: z.enum(MEMBERSHIP_STATUSES),
    statusReason: z.string().nullable(),
    statusOn: z.string().nullable(),
    joinedOn: z.string().nullable(),
  }),
  chambers: z.array(z.object({ id: z.string(), name: z.string(), role: z.string() })),
  hasPartyOrganization: z.boolean(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  mergedIntoId: z.string().uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnterpriseView = z.infer<typeof enterpriseView>;
export const enterpriseEnvelope = z.object({ enterprise: enterpriseView });

export const enterpriseListItem = enterpriseView
  .pick({
    id: true,
    name: true,
    uscc: true,
    industryCode: true,
    industryName: true,
    size: true,
    divisionCode: true,
    tags: true,
    orgUnitId: true,
    orgUnitName: true,
    version: true,
  })
  .extend({
    membershipStatus: z.enum(MEMBERSHIP_STATUSES),
    legalRepresentative: z.string().nullable(),
  });
export type EnterpriseListItem = z.infer<typeof enterpriseListItem>;
/** totalExact false: a search matched more than the server counts; the total is that cap ("more than"). */
export const enterprisePage = pageOf(enterpriseListItem).extend({ totalExact: z.boolean() });
export type EnterprisePage = z.infer<typeof enterprisePage>;

export const PARTY_ORG_FILTERS = ['organized', 'instructor_only', 'none'] as const;

export const enterpriseFilter = {
  q: optionalLine(100).optional(),
  industry: z
    .string()
    .regex(/^[A-T]$|^\d{2,4}$/)
    .optional(),
  size: z.enum(ENTERPRISE_SIZES).optional(),
  division: z
    .string()
    .regex(/^\d{2,9}$/)
    .optional(),
  chamberId: z.string().uuid().optional(),
  orgUnitId: z.string().uuid().optional(),
  tag: z.string().trim().max(20).optional(),
  status: z.enum(MEMBERSHIP_STATUSES).optional(),
  party: z.enum(PARTY_ORG_FILTERS).optional(),
  /** Joined (入会, joined_on) on or after / on or before: what the dashboard's 新入会 counts. */
  joinedFrom: isoDate.optional(),
  joinedTo: isoDate.optional(),
  /** Left (退会: withdrawn, on the status's day) on or after / on or before. */
  leftFrom: isoDate.optional(),
  leftTo: isoDate.optional(),
  sort: z.enum(['pinyin', 'recent']).default('pinyin'),
};
export const enterpriseListQuery = z.strictObject({ ...enterpriseFilter, ...pageQuery });
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;
export const enterpriseExportQuery = z.strictObject(enterpriseFilter);

export const mergeEnterpriseRequest = z.strictObject({
  /** The duplicate to merge into this record; it is kept, marked merged, and its links move here. */
  duplicateId: z.string().uuid(),
  version: z.number().int(),
});

export const unmaskResponse = z.object({ contactId: z.string(), mobile: z.string().nullable() });
