// 代表人士 people: entrepreneurs with their enterprises and positions, political affiliation, deputy
// status (人大代表/政协委员), roles in the federation's leadership, and contacts.
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { pageOf, pageQuery } from './common.ts';
import { isoDate, MOBILE_PATTERN } from './registry.ts';

export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender, string> = { male: '男', female: '女' };

/** 中共, the eight democratic parties, or 群众. */
export const POLITICAL_AFFILIATIONS = [
  'cpc',
  'rcck',
  'cdl',
  'cndca',
  'capd',
  'pwdp',
  'zgd',
  'jiusan',
  'tsl',
  'none',
] as const;
export type PoliticalAffiliation = (typeof POLITICAL_AFFILIATIONS)[number];
export const POLITICAL_AFFILIATION_LABELS: Record<PoliticalAffiliation, string> = {
  cpc: '中共党员',
  rcck: '民革',
  cdl: '民盟',
  cndca: '民建',
  capd: '民进',
  pwdp: '农工党',
  zgd: '致公党',
  jiusan: '九三学社',
  tsl: '台盟',
  none: '群众',
};

/** 人大代表 sit from the township up; 政协委员 from the district up. */
export const NPC_LEVELS = ['national', 'province', 'city', 'district', 'township'] as const;
export const CPPCC_LEVELS = ['national', 'province', 'city', 'district'] as const;

/** The federation's own leadership: 主席, 副主席, 常委, 执委. */
export const FEDERATION_ROLES = ['chair', 'vice_chair', 'standing_committee', 'executive_committee'] as const;
export type FederationRole = (typeof FEDERATION_ROLES)[number];
export const FEDERATION_ROLE_LABELS: Record<FederationRole, string> = {
  chair: '主席',
  vice_chair: '副主席',
  standing_committee: '常委',
  executive_committee: '执委',
};

/** 青年企业家: under this age (in years, from the birth year). */
export const YOUNG_ENTREPRENEUR_AGE = 45;

export const DEPUTY_FILTERS = ['npc', 'cppcc', 'any'] as const;

const gender = z.enum(GENDERS, { message: '性别应为 male（男）或 female（女）' });
const affiliation = z.enum(POLITICAL_AFFILIATIONS, {
  message: '政治面貌应为 cpc、rcck、cdl、cndca、capd、pwdp、zgd、jiusan、tsl 或 none 之一',
});
const federationRole = z.enum(FEDERATION_ROLES, {
  message:
    '工商联职务应为 chair（主席）、vice_chair（副主席）、standing_committee（常委）或 executive_committee（执委）',
});

export const positionInput = z.strictObject({
  enterpriseId: z.string().uuid({ message: '企业编号格式不正确' }),
  position: line(50),
});

export const federationRoleInput = z.strictObject({
  /** The federation unit whose leadership it is; the person's own unit when omitted. */
  orgUnitId: z.string().uuid().optional(),
  role: federationRole,
  termStart: isoDate.nullable().optional(),
  termEnd: isoDate.nullable().optional(),
});

const personFields = {
  name: line(50),
  gender: gender.nullable().optional(),
  birthYear: z
    .number({ message: '出生年份应为数字' })
    .int({ message: '出生年份应为整数' })
    .min(1900, { message: '出生年份不能早于 1900 年' })
    .max(2100, { message: '出生年份不正确' })
    .nullable()
    .optional(),
  politicalAffiliation: affiliation.optional(),
  npcLevel: z
    .enum(NPC_LEVELS, { message: '人大代表层级应为 national、province、city、district 或 township' })
    .nullable()
    .optional(),
  cppccLevel: z
    .enum(CPPCC_LEVELS, { message: '政协委员层级应为 national、province、city 或 district' })
    .nullable()
    .optional(),
  /** Omitted on a change: keep the stored number (the editor may only have seen it masked); null clears it. */
  mobile: z
    .string()
    .trim()
    .regex(MOBILE_PATTERN, { message: '手机号码格式不正确（11 位，以 1 开头）' })
    .nullable()
    .optional(),
  email: z
    .string()
    .trim()
    .email({ message: '电子邮箱格式不正确' })
    .max(100)
    .or(z.literal(''))
    .nullable()
    .optional(),
  positions: z.array(positionInput).max(20, { message: '任职企业最多 20 条' }).optional(),
  federationRoles: z.array(federationRoleInput).max(20, { message: '工商联职务最多 20 条' }).optional(),
};

export const createPersonRequest = z.strictObject({
  ...personFields,
  /** The federation unit the person is registered with; the caller's own unit when omitted. */
  orgUnitId: z.string().uuid().optional(),
});
export type CreatePersonRequest = z.infer<typeof createPersonRequest>;

export const updatePersonRequest = z.strictObject({
  ...personFields,
  name: line(50).optional(),
  orgUnitId: z.string().uuid().optional(),
  version: z.number().int(),
});
export type UpdatePersonRequest = z.infer<typeof updatePersonRequest>;

export const personPositionView = z.object({
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  position: z.string(),
});

export const personFederationRoleView = z.object({
  id: z.string().uuid(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  role: z.enum(FEDERATION_ROLES),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  /** The term has not ended (or has no end). */
  current: z.boolean(),
});

export const personChamberRoleView = z.object({
  chamberId: z.string().uuid(),
  chamberName: z.string(),
  role: z.string(),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
});

const personCore = {
  id: z.string().uuid(),
  name: z.string(),
  gender: z.enum(GENDERS).nullable(),
  birthYear: z.number().int().nullable(),
  age: z.number().int().nullable(),
  young: z.boolean(),
  politicalAffiliation: z.enum(POLITICAL_AFFILIATIONS),
  npcLevel: z.enum(NPC_LEVELS).nullable(),
  cppccLevel: z.enum(CPPCC_LEVELS).nullable(),
  mobile: z.string().nullable(),
  mobileMasked: z.boolean(),
  positions: z.array(personPositionView),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  version: z.number().int(),
};

export const personListItem = z.object({
  ...personCore,
  /** Current roles in the federation's leadership. */
  federationRoles: z.array(z.enum(FEDERATION_ROLES)),
});
export type PersonListItem = z.infer<typeof personListItem>;
export const personPage = pageOf(personListItem);

export const personView = z.object({
  ...personCore,
  email: z.string().nullable(),
  federationRoles: z.array(personFederationRoleView),
  chamberRoles: z.array(personChamberRoleView),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PersonView = z.infer<typeof personView>;
export const personEnvelope = z.object({ person: personView });

const booleanFlag = z
  .enum(['true', 'false'], { message: '应为 true 或 false' })
  .transform((v) => v === 'true');

export const personListQuery = z.strictObject({
  q: optionalLine(100).optional(),
  gender: gender.optional(),
  affiliation: affiliation.optional(),
  /** npc: 人大代表, cppcc: 政协委员, any: either. */
  deputy: z.enum(DEPUTY_FILTERS, { message: '代表委员筛选应为 npc、cppcc 或 any' }).optional(),
  /** true: under 45 (青年企业家); false: 45 and over. People without a birth year match neither. */
  young: booleanFlag.optional(),
  enterpriseId: z.string().uuid().optional(),
  /** People currently holding this role in the federation's leadership. */
  federationRole: federationRole.optional(),
  orgUnitId: z.string().uuid().optional(),
  ...pageQuery,
});
export type PersonListQuery = z.infer<typeof personListQuery>;

export const personUnmaskResponse = z.object({ personId: z.string(), mobile: z.string().nullable() });
