// 党组织 party organizations of enterprises and chambers, and the two coverage ratios (两个覆盖): of
// member enterprises by party organizations and by party work.
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { pageOf, pageQuery } from './common.ts';
import { isoDate } from './registry.ts';

/** 独立党支部, 联合党支部, 党总支, 党委, 功能型党组织, or only a party-building instructor (党建指导员). */
export const PARTY_ORGANIZATION_FORMS = [
  'independent_branch',
  'joint_branch',
  'general_branch',
  'committee',
  'functional',
  'instructor_only',
] as const;
export type PartyOrganizationForm = (typeof PARTY_ORGANIZATION_FORMS)[number];
export const PARTY_ORGANIZATION_FORM_LABELS: Record<PartyOrganizationForm, string> = {
  independent_branch: '独立党支部',
  joint_branch: '联合党支部',
  general_branch: '党总支',
  committee: '党委',
  functional: '功能型党组织',
  instructor_only: '党建指导员',
};

export const PARTY_OWNER_KINDS = ['enterprise', 'chamber'] as const;
export type PartyOwnerKind = (typeof PARTY_OWNER_KINDS)[number];

const form = z.enum(PARTY_ORGANIZATION_FORMS, {
  message:
    '组织形式应为 independent_branch、joint_branch、general_branch、committee、functional 或 instructor_only 之一',
});

const partyFields = {
  name: line(100),
  form,
  /** 书记; for instructor_only, the party-building instructor (党建指导员). */
  secretaryName: optionalLine(50).nullable().optional(),
  memberCount: z
    .number({ message: '党员人数应为数字' })
    .int({ message: '党员人数应为整数' })
    .min(0, { message: '党员人数不能为负数' })
    .max(100_000, { message: '党员人数过大' })
    .optional(),
  foundedOn: isoDate.nullable().optional(),
};

export const createPartyOrganizationRequest = z
  .strictObject({
    /** Exactly one owner: an enterprise or a chamber. */
    enterpriseId: z.string().uuid({ message: '企业编号格式不正确' }).optional(),
    chamberId: z.string().uuid({ message: '商会编号格式不正确' }).optional(),
    ...partyFields,
  })
  .superRefine((value, ctx) => {
    if ((value.enterpriseId === undefined) === (value.chamberId === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['enterpriseId'],
        message: '须指定所属企业或所属商会（二者选一）',
        params: { code: 'OWNER_REQUIRED' },
      });
    }
  });
export type CreatePartyOrganizationRequest = z.infer<typeof createPartyOrganizationRequest>;

export const updatePartyOrganizationRequest = z.strictObject({
  version: z.number().int(),
  ...partyFields,
  name: line(100).optional(),
  form: form.optional(),
});
export type UpdatePartyOrganizationRequest = z.infer<typeof updatePartyOrganizationRequest>;

export const partyOrganizationView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  form: z.enum(PARTY_ORGANIZATION_FORMS),
  ownerKind: z.enum(PARTY_OWNER_KINDS),
  enterpriseId: z.string().uuid().nullable(),
  chamberId: z.string().uuid().nullable(),
  ownerName: z.string(),
  secretaryName: z.string().nullable(),
  memberCount: z.number().int(),
  foundedOn: z.string().nullable(),
  orgUnitId: z.string().uuid(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PartyOrganizationView = z.infer<typeof partyOrganizationView>;
export const partyOrganizationEnvelope = z.object({ partyOrganization: partyOrganizationView });
export const partyOrganizationPage = pageOf(partyOrganizationView);

export const partyOrganizationListQuery = z.strictObject({
  q: optionalLine(100).optional(),
  ownerKind: z.enum(PARTY_OWNER_KINDS, { message: '所属类型应为 enterprise 或 chamber' }).optional(),
  form: form.optional(),
  enterpriseId: z.string().uuid().optional(),
  chamberId: z.string().uuid().optional(),
  ...pageQuery,
});
export type PartyOrganizationListQuery = z.infer<typeof partyOrganizationListQuery>;

export const COVERAGE_GROUPINGS = ['chamber', 'orgUnit'] as const;
export const coverageQuery = z.strictObject({
  groupBy: z
    .enum(COVERAGE_GROUPINGS, { message: '分组方式应为 chamber（按商会）或 orgUnit（按组织）' })
    .default('orgUnit'),
});

const coverageCounts = {
  /** Member enterprises counted: active membership, not merged into another record. */
  enterprises: z.number().int(),
  /** …with a party organization of their own (any form but instructor_only): 组织覆盖. */
  organized: z.number().int(),
  /** …with any party organization record, a party-building instructor included: 工作覆盖. */
  covered: z.number().int(),
  /** organized / enterprises, 0–1 to four decimals; null when there are no enterprises. */
  organizationCoverage: z.number().nullable(),
  /** covered / enterprises, 0–1 to four decimals; null when there are no enterprises. */
  workCoverage: z.number().nullable(),
};
export const coverageRow = z.object({ id: z.string().uuid(), name: z.string(), ...coverageCounts });
export type CoverageRow = z.infer<typeof coverageRow>;
export const coverageResult = z.object({
  groupBy: z.enum(COVERAGE_GROUPINGS),
  rows: z.array(coverageRow),
  total: z.object(coverageCounts),
});
export type CoverageResult = z.infer<typeof coverageResult>;
