// 商会/协会 chambers and associations: org units of kind chamber/association with a profile (type,
// founding and registration), a leadership (会长, 副会长, 秘书长, 执委) and member enterprises.
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { pageOf, pageQuery } from './common.ts';
import { isoDate, MEMBERSHIP_STATUSES, usccField } from './registry.ts';

/** 街道商会, 行业商会, 异地商会, 协会. */
export const CHAMBER_TYPES = ['street', 'industry', 'out_of_town', 'association'] as const;
export type ChamberType = (typeof CHAMBER_TYPES)[number];
export const CHAMBER_TYPE_LABELS: Record<ChamberType, string> = {
  street: '街道商会',
  industry: '行业商会',
  out_of_town: '异地商会',
  association: '协会',
};

export const CHAMBER_LEADER_ROLES = [
  'president',
  'vice_president',
  'secretary_general',
  'executive',
] as const;
export type ChamberLeaderRole = (typeof CHAMBER_LEADER_ROLES)[number];
export const CHAMBER_LEADER_ROLE_LABELS: Record<ChamberLeaderRole, string> = {
  president: '会长',
  vice_president: '副会长',
  secretary_general: '秘书长',
  executive: '执委',
};

/** A member enterprise's place in the chamber: 会长单位, 副会长单位, 理事单位, 会员单位. */
export const CHAMBER_MEMBER_ROLES = ['president', 'vice_president', 'director', 'member'] as const;
export type ChamberMemberRole = (typeof CHAMBER_MEMBER_ROLES)[number];
export const CHAMBER_MEMBER_ROLE_LABELS: Record<ChamberMemberRole, string> = {
  president: '会长单位',
  vice_president: '副会长单位',
  director: '理事单位',
  member: '会员单位',
};

const chamberType = z.enum(CHAMBER_TYPES, {
  message:
    '商会类型应为 street（街道商会）、industry（行业商会）、out_of_town（异地商会）或 association（协会）',
});
const leaderRole = z.enum(CHAMBER_LEADER_ROLES, {
  message:
    '职务应为 president（会长）、vice_president（副会长）、secretary_general（秘书长）或 executive（执委）',
});
const memberRole = z.enum(CHAMBER_MEMBER_ROLES, {
  message: '会员身份应为 president、vice_president、director 或 member',
});

const profileFields = {
  foundedOn: isoDate.nullable().optional(),
  /** 社会团体登记证号 (or the unified social credit code of the registered body). */
  registrationNo: optionalLine(50).nullable().optional(),
  registeredOn: isoDate.nullable().optional(),
  address: optionalLine(200).nullable().optional(),
};

export const createChamberRequest = z.strictObject({
  /** The federation unit the chamber hangs under. */
  parentId: z.string().uuid({ message: '上级工商联编号格式不正确' }),
  name: line(100),
  chamberType,
  code: optionalLine(32).optional(),
  ...profileFields,
});
export type CreateChamberRequest = z.infer<typeof createChamberRequest>;

export const updateChamberRequest = z.strictObject({
  version: z.number().int(),
  name: line(100).optional(),
  chamberType: chamberType.optional(),
  ...profileFields,
});
export type UpdateChamberRequest = z.infer<typeof updateChamberRequest>;

export const chamberLeaderView = z.object({
  id: z.string().uuid(),
  personId: z.string().uuid(),
  personName: z.string(),
  role: z.enum(CHAMBER_LEADER_ROLES),
  termStart: z.string().nullable(),
  termEnd: z.string().nullable(),
  /** Why the term was ended (换届, 辞职…); null while it runs or when it ended as planned. */
  endReason: z.string().nullable(),
  current: z.boolean(),
});
export type ChamberLeaderView = z.infer<typeof chamberLeaderView>;

const chamberCore = {
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(['chamber', 'association']),
  /** Null for a chamber whose profile has not been filled in yet. */
  chamberType: z.enum(CHAMBER_TYPES).nullable(),
  parentId: z.string().uuid().nullable(),
  parentName: z.string().nullable(),
  memberCount: z.number().int(),
  /** The profile's version (0 while there is no profile); send it back on a change. */
  version: z.number().int(),
};

export const chamberListItem = z.object({ ...chamberCore, presidentName: z.string().nullable() });
export type ChamberListItem = z.infer<typeof chamberListItem>;
export const chamberPage = pageOf(chamberListItem);

export const chamberView = z.object({
  ...chamberCore,
  code: z.string().nullable(),
  foundedOn: z.string().nullable(),
  registrationNo: z.string().nullable(),
  registeredOn: z.string().nullable(),
  address: z.string().nullable(),
  leaders: z.array(chamberLeaderView),
});
export type ChamberView = z.infer<typeof chamberView>;
export const chamberEnvelope = z.object({ chamber: chamberView });

export const chamberListQuery = z.strictObject({
  q: optionalLine(100).optional(),
  type: chamberType.optional(),
  parentId: z.string().uuid().optional(),
  ...pageQuery,
});
export type ChamberListQuery = z.infer<typeof chamberListQuery>;

export const chamberMemberView = z.object({
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  uscc: z.string(),
  membershipStatus: z.enum(MEMBERSHIP_STATUSES),
  role: z.enum(CHAMBER_MEMBER_ROLES),
  joinedOn: z.string().nullable(),
});
export type ChamberMemberView = z.infer<typeof chamberMemberView>;
export const chamberMemberPage = pageOf(chamberMemberView);
export const chamberMemberEnvelope = z.object({ member: chamberMemberView });

export const chamberMemberListQuery = z.strictObject({
  q: optionalLine(100).optional(),
  role: memberRole.optional(),
  ...pageQuery,
});
export type ChamberMemberListQuery = z.infer<typeof chamberMemberListQuery>;

/**
 * The enterprise by id (picked from a list) or by its credit code: a chamber secretary sees only their
 * members, so a new member is named by the code it gives them, looked up in the chamber's federation.
 */
export const addChamberMemberRequest = z
  .strictObject({
    enterpriseId: z.string().uuid({ message: '企业编号格式不正确' }).optional(),
    uscc: usccField.optional(),
    role: memberRole.optional(),
    joinedOn: isoDate.nullable().optional(),
  })
  .refine((body) => (body.enterpriseId === undefined) !== (body.uscc === undefined), {
    path: ['enterpriseId'],
    message: '请选择企业，或填写其统一社会信用代码（二者选一）',
  });
export type AddChamberMemberRequest = z.infer<typeof addChamberMemberRequest>;

export const updateChamberMemberRequest = z.strictObject({
  role: memberRole.optional(),
  joinedOn: isoDate.nullable().optional(),
});
export type UpdateChamberMemberRequest = z.infer<typeof updateChamberMemberRequest>;

/** Ending a membership (退会): the day it ended and why; the live membership becomes history. */
export const endChamberMemberRequest = z.strictObject({
  leftOn: isoDate,
  reason: line(200),
});
export type EndChamberMemberRequest = z.infer<typeof endChamberMemberRequest>;

/** A membership that ended, as the chamber's history shows it. */
export const formerChamberMemberView = z.object({
  id: z.string().uuid(),
  enterpriseId: z.string().uuid(),
  enterpriseName: z.string(),
  uscc: z.string(),
  role: z.enum(CHAMBER_MEMBER_ROLES),
  joinedOn: z.string().nullable(),
  leftOn: z.string(),
  reason: z.string(),
});
export type FormerChamberMemberView = z.infer<typeof formerChamberMemberView>;
export const formerChamberMemberList = z.object({ items: z.array(formerChamberMemberView) });

export const chamberMemberParams = z.strictObject({
  id: z.string().uuid(),
  enterpriseId: z.string().uuid(),
});
export const chamberLeaderParams = z.strictObject({ id: z.string().uuid(), leaderId: z.string().uuid() });

export const chamberLeaderList = z.object({ items: z.array(chamberLeaderView) });
export const chamberLeaderEnvelope = z.object({ leader: chamberLeaderView });

export const addChamberLeaderRequest = z.strictObject({
  personId: z.string().uuid({ message: '人员编号格式不正确' }),
  role: leaderRole,
  termStart: isoDate.nullable().optional(),
  termEnd: isoDate.nullable().optional(),
});
export type AddChamberLeaderRequest = z.infer<typeof addChamberLeaderRequest>;

export const updateChamberLeaderRequest = z.strictObject({
  role: leaderRole.optional(),
  termStart: isoDate.nullable().optional(),
  termEnd: isoDate.nullable().optional(),
});
export type UpdateChamberLeaderRequest = z.infer<typeof updateChamberLeaderRequest>;

/** Ending a leader's term (免职, 换届): its last day and why; the appointment stays as history. */
export const endChamberLeaderRequest = z.strictObject({
  termEnd: isoDate,
  reason: line(200),
});
export type EndChamberLeaderRequest = z.infer<typeof endChamberLeaderRequest>;
