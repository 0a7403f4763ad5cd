// 志愿服务 volunteers: people registered as volunteers (a registry person, or a member enterprise's staff),
// teams (志愿服务队), activities with sign-up and hours served per person, and blood drives (无偿献血).
// Hours travel as decimal strings with at most one decimal ("2.5") and are stored as whole minutes.
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { pageOf, pageQuery } from './common.ts';
import { isoDate } from './registry.ts';

/** pending 待确认 (recorded by a chamber secretary) → confirmed 已确认 (by federation staff) | void 已作废. */
export const ACTIVITY_STATUSES = ['pending', 'confirmed', 'void'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];
export const ACTIVITY_STATUS_LABELS: Record<ActivityStatus, { zh: string; en: string }> = {
  pending: { zh: '待确认', en: 'Pending' },
  confirmed: { zh: '已确认', en: 'Confirmed' },
  void: { zh: '已作废', en: 'Void' },
};
export const ACTIVITY_ACTIONS = ['confirm', 'void'] as const;
export type ActivityAction = (typeof ACTIVITY_ACTIONS)[number];
/** Which statuses each action may start from. */
export const ACTIVITY_TRANSITIONS: Readonly<Record<ActivityAction, readonly ActivityStatus[]>> = {
  confirm: ['pending'],
  void: ['pending', 'confirmed'],
};

/** The most one person serves at one activity: a day. */
export const MAX_MINUTES_SERVED = 24 * 60;
const HOURS = /^\d{1,2}(\.\d)?$/;

/** "2.5" → 150 minutes: a tenth of an hour is six minutes, so the conversion is exact. */
export function minutesOfHours(hours: string): number {
  const [whole = '0', tenth = '0'] = hours.split('.');
  return Number(whole) * 60 + Number(tenth) * 6;
}

/** 150 → "2.5": whole minutes shown as hours to a tenth (minutes that are not a multiple of six round down). */
export function hoursOfMinutes(minutes: number): string {
  const tenths = Math.floor(minutes / 6);
  const whole = Math.floor(tenths / 10);
  const tenth = tenths % 10;
  return tenth === 0 ? String(whole) : `${whole}.${tenth}`;
}

/** Hours served: a decimal string, more than 0 and at most 24, at most one decimal place. */
export const hoursServed = z.string().superRefine((value, ctx) => {
  if (value.trim().startsWith('-')) {
    ctx.addIssue({ code: 'custom', message: '服务时长不能为负数', params: { code: 'NEGATIVE_HOURS' } });
  } else if (!HOURS.test(value)) {
    ctx.addIssue({
      code: 'custom',
      message: '服务时长应为小时数，最多一位小数，如 2 或 2.5',
      params: { code: 'INVALID_HOURS' },
    });
  } else {
    const minutes = minutesOfHours(value);
    if (minutes <= 0 || minutes > MAX_MINUTES_SERVED) {
      ctx.addIssue({
        code: 'custom',
        message: '服务时长应大于 0 且不超过 24 小时',
        params: { code: 'HOURS_OUT_OF_RANGE' },
      });
    }
  }
});

const skills = z.array(line(30)).max(20, { message: '技能最多 20 项' }).default([]);

/** From the registry's people (personId), or an enterprise's staff (enterpriseId and name). */
export const createVolunteerRequest = z.strictObject({
  personId: z.string().uuid({ message: '人士编号格式不正确' }).optional(),
  enterpriseId: z.string().uuid({ message: '企业编号格式不正确' }).optional(),
  /** Required for an enterprise's staff; a registry person's name is the registry's. */
  name: line(50).optional(),
  /** Unset for a registry person: 中共党员 in the registry. Required for an enterprise's staff. */
  partyMember: z.boolean().optional(),
  skills,
  registeredOn: isoDate.optional(),
  teamIds: z
    .array(z.string().uuid({ message: '志愿服务队编号格式不正确' }))
    .max(20)
    .default([]),
});
export type CreateVolunteerRequest = z.infer<typeof createVolunteerRequest>;

const booleanQuery = z
  .enum(['true', 'false'], { message: '应为 true 或 false' })
  .transform((v) => v === 'true');

export const volunteerListQuery = z.strictObject({
  partyMember: booleanQuery.optional(),
  teamId: z.string().uuid().optional(),
  enterpriseId: z.string().uuid().optional(),
  q: optionalLine(50).optional(),
  ...pageQuery,
});
export type VolunteerListQuery = z.infer<typeof volunteerListQuery>;

export const volunteerView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  personId: z.string().uuid().nullable(),
  enterpriseId: z.string().uuid().nullable(),
  enterpriseName: z.string().nullable(),
  partyMember: z.boolean(),
  skills: z.array(z.string()),
  registeredOn: z.string(),
  teams: z.array(z.object({ id: z.string().uuid(), name: z.string() })),
  /** Confirmed service: hours (a decimal string) and times served. */
  hoursServed: z.string(),
  timesServed: z.number().int(),
});
export type VolunteerView = z.infer<typeof volunteerView>;
export const volunteerEnvelope = z.object({ volunteer: volunteerView });
export const volunteerPage = pageOf(volunteerView).extend({
  /** Of the filtered volunteers: how many, of which party members. */
  partyMembers: z.number().int(),
});

export const createTeamRequest = z.strictObject({
  name: line(100),
  foundedOn: isoDate,
  /** A federation unit or chamber in the caller's scope; unset: the caller's own unit. */
  orgUnitId: z.string().uuid().optional(),
});
export type CreateTeamRequest = z.infer<typeof createTeamRequest>;

export const teamView = z.object({
  id: z.string().uuid(),
  name: z.string(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  foundedOn: z.string(),
  members: z.number().int(),
  partyMembers: z.number().int(),
  hoursServed: z.string(),
  personTimes: z.number().int(),
});
export type TeamView = z.infer<typeof teamView>;
export const teamEnvelope = z.object({ team: teamView });
export const teamList = z.object({ items: z.array(teamView) });

export const addTeamMembersRequest = z.strictObject({
  volunteerIds: z
    .array(z.string().uuid({ message: '志愿者编号格式不正确' }))
    .min(1)
    .max(200),
});

export const createActivityRequest = z.strictObject({
  title: line(200),
  heldOn: isoDate,
  place: optionalLine(200).nullable().optional(),
  description: optionalLine(2000).nullable().optional(),
  teamId: z.string().uuid({ message: '志愿服务队编号格式不正确' }).nullable().optional(),
  /** A federation unit or chamber in the caller's scope; unset: the caller's own unit. */
  orgUnitId: z.string().uuid().optional(),
});
export type CreateActivityRequest = z.infer<typeof createActivityRequest>;

export const activitySignupRequest = z.strictObject({
  volunteerIds: z
    .array(z.string().uuid({ message: '志愿者编号格式不正确' }))
    .min(1)
    .max(500),
});
export type ActivitySignupRequest = z.infer<typeof activitySignupRequest>;

/** Hours per person; a volunteer not yet signed up is signed up by it. Recording again replaces the hours. */
export const activityServiceRequest = z.strictObject({
  entries: z
    .array(
      z.strictObject({
        volunteerId: z.string().uuid({ message: '志愿者编号格式不正确' }),
        hours: hoursServed,
      }),
    )
    .min(1, { message: '请至少填写一位志愿者的服务时长' })
    .max(500),
});
export type ActivityServiceRequest = z.infer<typeof activityServiceRequest>;

export const activityTransitionRequest = z.strictObject({
  action: z.enum(ACTIVITY_ACTIONS, { message: '操作应为 confirm（确认）或 void（作废）' }),
  version: z.number().int(),
  reason: optionalLine(200).optional(),
});
export type ActivityTransitionRequest = z.infer<typeof activityTransitionRequest>;

export const activityListQuery = z.strictObject({
  status: z.enum(ACTIVITY_STATUSES).optional(),
  teamId: z.string().uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  ...pageQuery,
});
export type ActivityListQuery = z.infer<typeof activityListQuery>;

export const activityParticipant = z.object({
  volunteerId: z.string().uuid(),
  name: z.string(),
  enterpriseName: z.string().nullable(),
  partyMember: z.boolean(),
  /** Null until served. */
  hours: z.string().nullable(),
});

export const activityView = z.object({
  id: z.string().uuid(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  description: z.string().nullable(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  teamId: z.string().uuid().nullable(),
  teamName: z.string().nullable(),
  status: z.enum(ACTIVITY_STATUSES),
  version: z.number().int(),
  signedUp: z.number().int(),
  /** 人次: volunteers with hours served. */
  personTimes: z.number().int(),
  hoursServed: z.string(),
  participants: z.array(activityParticipant).optional(),
});
export type ActivityView = z.infer<typeof activityView>;
export const activityEnvelope = z.object({ activity: activityView });
export const activityPage = pageOf(activityView);

export const createBloodDriveRequest = z.strictObject({
  title: line(200),
  heldOn: isoDate,
  place: optionalLine(200).nullable().optional(),
  registered: z
    .number({ message: '报名人数应为整数' })
    .int({ message: '报名人数应为整数' })
    .min(0, { message: '报名人数不能为负数' })
    .max(100_000),
  donated: z
    .number({ message: '献血人数应为整数' })
    .int({ message: '献血人数应为整数' })
    .min(0, { message: '献血人数不能为负数' })
    .max(100_000),
  orgUnitId: z.string().uuid().optional(),
});
export type CreateBloodDriveRequest = z.infer<typeof createBloodDriveRequest>;

export const updateBloodDriveRequest = z.strictObject({
  version: z.number().int(),
  registered: z.number().int().min(0, { message: '报名人数不能为负数' }).max(100_000).optional(),
  donated: z.number().int().min(0, { message: '献血人数不能为负数' }).max(100_000).optional(),
});
export type UpdateBloodDriveRequest = z.infer<typeof updateBloodDriveRequest>;

export const bloodDriveView = z.object({
  id: z.string().uuid(),
  title: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  registered: z.number().int(),
  donated: z.number().int(),
  version: z.number().int(),
});
export type BloodDriveView = z.infer<typeof bloodDriveView>;
export const bloodDriveEnvelope = z.object({ bloodDrive: bloodDriveView });
export const bloodDriveList = z.object({
  items: z.array(bloodDriveView),
  registered: z.number().int(),
  donated: z.number().int(),
});

export const bloodDriveListQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
});
