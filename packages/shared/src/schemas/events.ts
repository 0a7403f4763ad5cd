// 教育培训 events, education and training: activities of a federation unit or a chamber (kinds below) with
// their sessions and audience, registrations (capacity and a waiting list), check-in by a signed, expiring
// token per session, the figures in 人次 (person-times), persons and enterprises, a chamber's monthly
// activity duty (每月至少一次活动), and the register of honours (称号).
import { z } from 'zod';
import { line, optionalLine } from '../text.ts';
import { ENTERPRISE_SIZES, MOBILE_PATTERN } from './registry.ts';

export const EVENT_KINDS = [
  'education',
  'training',
  'lecture',
  'site_visit',
  'symposium',
  'salon',
  'bank_meeting',
  'policy_briefing',
  'job_fair',
  'other',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];
export const EVENT_KIND_LABELS: Record<EventKind, string> = {
  education: '理想信念教育实践活动',
  training: '培训班',
  lecture: '讲座/宣讲会',
  site_visit: '参观学习',
  symposium: '座谈会',
  salon: '沙龙',
  bank_meeting: '银企对接会',
  policy_briefing: '政策解读会',
  job_fair: '招聘会',
  other: '其他',
};

/**
 * An event's kind as the API takes it: a built-in code above or a code a federation added (custom_N).
 * Which codes may be chosen for a new event is the organiser's federation's (its kinds in effect, not retired).
 */
export const eventKindCode = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]{1,39}$/, { message: '活动类型不在可选范围内' });
/** The built-in label of a code, or null for a code a federation added. */
export function builtInKindLabel(code: string): string | null {
  return (EVENT_KINDS as readonly string[]).includes(code) ? EVENT_KIND_LABELS[code as EventKind] : null;
}

export const EVENT_AUDIENCES = ['all_members', 'chamber', 'conditions', 'invited'] as const;
export type EventAudience = (typeof EVENT_AUDIENCES)[number];
export const EVENT_AUDIENCE_LABELS: Record<EventAudience, string> = {
  all_members: '全体会员',
  chamber: '商会会员',
  conditions: '符合条件的会员企业',
  invited: '邀请名单',
};

/** open 报名中 → closed 报名截止; open or closed → cancelled 已取消; closed → open (重新开放报名). */
export const EVENT_STATES = ['open', 'closed', 'cancelled'] as const;
export type EventState = (typeof EVENT_STATES)[number];
export const EVENT_STATE_LABELS: Record<EventState, string> = {
  open: '报名中',
  closed: '报名截止',
  cancelled: '已取消',
};
export const EVENT_ACTIONS = ['close', 'reopen', 'cancel'] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];
export const EVENT_ACTION_LABELS: Record<EventAction, string> = {
  close: '截止报名',
  reopen: '重新开放报名',
  cancel: '取消活动',
};
/** The state machine, whole: the states each action may start from. */
export const EVENT_TRANSITIONS: Readonly<Record<EventAction, readonly EventState[]>> = {
  close: ['open'],
  reopen: ['closed'],
  cancel: ['open', 'closed'],
};
export function eventActionsFrom(state: EventState): EventAction[] {
  return EVENT_ACTIONS.filter((action) => EVENT_TRANSITIONS[action].includes(state));
}

export const REGISTRATION_STATUSES = ['registered', 'waitlisted', 'cancelled'] as const;
export type RegistrationStatus = (typeof REGISTRATION_STATUSES)[number];
export const REGISTRATION_STATUS_LABELS: Record<RegistrationStatus, string> = {
  registered: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
};

export const CHECK_IN_METHODS = ['qr', 'staff', 'import'] as const;
export type CheckInMethod = (typeof CHECK_IN_METHODS)[number];
export const CHECK_IN_METHOD_LABELS: Record<CheckInMethod, string> = {
  qr: '扫码签到',
  staff: '工作人员签到',
  import: '线上名单导入',
};

export const HONOUR_LEVELS = ['national', 'province', 'city', 'district', 'street'] as const;
export type HonourLevel = (typeof HONOUR_LEVELS)[number];
export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = {
  national: '国家级',
  province: '省级',
  city: '市级',
  district: '区级',
  street: '街道级',
};

export const EVENT_GROUPINGS = ['kind', 'organizer', 'orgUnit', 'month'] as const;
export type EventGrouping = (typeof EVENT_GROUPINGS)[number];

const uuid = (what: string) => z.string().uuid({ message: `${what}编号格式不正确` });
const instant = (what: string) =>
  z.iso.datetime({ offset: true, error: `${what}须为带时区的时间，如 2026-12-01T09:00:00+08:00` });
export const mobileNumber = z
  .string()
  .trim()
  .regex(MOBILE_PATTERN, { message: '手机号码应为 11 位数字，以 1 开头' });

export const eventSessionInput = z.strictObject({
  startsAt: instant('开始时间'),
  endsAt: instant('结束时间'),
  place: optionalLine(200).optional(),
  onlineUrl: z.string().trim().url({ message: '线上链接格式不正确' }).max(500).optional(),
});
export type EventSessionInput = z.infer<typeof eventSessionInput>;

export const audienceConditions = z.strictObject({
  sizes: z.array(z.enum(ENTERPRISE_SIZES)).max(4).optional(),
  /**
   * GB/T 4754 section letter (C 制造业: its divisions) or a code prefix of 2–4 digits (27, 2710), as the
   * registry's codes are written.
   */
  industryPrefix: z
    .string()
    .trim()
    .regex(/^(?:[A-T]|[0-9]{2,4})$/, {
      message: '行业应为门类字母（如 C）或 2–4 位行业代码（如 27、2710）',
    })
    .optional(),
  tags: z.array(line(30)).max(10).optional(),
});
export type AudienceConditions = z.infer<typeof audienceConditions>;

export const eventAudienceInput = z.strictObject({
  kind: z.enum(EVENT_AUDIENCES, {
    message: '参加对象应为 all_members、chamber、conditions 或 invited',
  }),
  chamberId: uuid('商会').optional(),
  conditions: audienceConditions.optional(),
  enterpriseIds: z.array(uuid('企业')).max(5000).optional(),
});
export type EventAudienceInput = z.infer<typeof eventAudienceInput>;

export const createEventRequest = z.strictObject({
  title: line(100),
  kind: eventKindCode,
  theme: optionalLine(200).optional(),
  description: optionalLine(4000).optional(),
  program: optionalLine(100).optional(),
  /** A federation unit or a chamber of the caller's subtree; the caller's unit by default. */
  organizerId: uuid('组织单位').optional(),
  capacity: z.number().int().min(1, '名额应至少为 1').max(100_000).optional(),
  audience: eventAudienceInput.optional(),
  sessions: z.array(eventSessionInput).min(1, '至少要有一场').max(100),
  /** Published policies the event explains (a 政策解读会), readable by the caller. */
  policyIds: z.array(uuid('政策')).max(20, '关联政策最多 20 项').optional(),
  /** The campaign (捐赠活动 or 公益项目) the event belongs to, readable by the caller. */
  campaignId: uuid('捐赠活动').optional(),
});
export type CreateEventRequest = z.infer<typeof createEventRequest>;

/** The event's links replaced: its policies and campaign (null: none). */
export const eventLinksRequest = z.strictObject({
  policyIds: z.array(uuid('政策')).max(20, '关联政策最多 20 项'),
  campaignId: uuid('捐赠活动').nullable(),
});
export type EventLinksRequest = z.infer<typeof eventLinksRequest>;

export const eventListQuery = z.strictObject({
  from: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  kind: eventKindCode.optional(),
  organizerId: uuid('组织单位').optional(),
  /** Events organised in this unit's subtree (the figures' drill-down). */
  orgUnitId: uuid('组织单位').optional(),
  /** Events linked to this policy (its briefings) or campaign. */
  policyId: uuid('政策').optional(),
  campaignId: uuid('捐赠活动').optional(),
  /** Only events the caller (an enterprise contact) registered people to. */
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});
export type EventListQuery = z.infer<typeof eventListQuery>;

export const eventFigures = z.object({
  /** 人次: check-ins over all sessions. */
  personTimes: z.number().int(),
  persons: z.number().int(),
  enterprises: z.number().int(),
});
export type EventFigures = z.infer<typeof eventFigures>;

export const eventSessionView = z.object({
  id: z.string().uuid(),
  seq: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  attendance: z.number().int(),
});
export type EventSessionView = z.infer<typeof eventSessionView>;

export const eventSummary = z.object({
  id: z.string().uuid(),
  title: z.string(),
  kind: z.string(),
  /** The kind's label in effect at the organiser (its federation's name for it). */
  kindLabel: z.string(),
  state: z.enum(EVENT_STATES),
  organizer: z.object({ id: z.string().uuid(), name: z.string(), kind: z.string() }),
  program: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  capacity: z.number().int().nullable(),
  registered: z.number().int(),
  waitlisted: z.number().int(),
  figures: eventFigures,
  version: z.number().int(),
});
export type EventSummary = z.infer<typeof eventSummary>;

export const eventView = eventSummary.extend({
  theme: z.string().nullable(),
  description: z.string().nullable(),
  audience: z.object({
    kind: z.enum(EVENT_AUDIENCES),
    chamber: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
    conditions: audienceConditions,
    invited: z.number().int(),
  }),
  sessions: z.array(eventSessionView),
  /** The policies it explains and the campaign it belongs to (names only: links open to those who read them). */
  policies: z.array(
    z.object({ id: z.string().uuid(), title: z.string(), documentNumber: z.string().nullable() }),
  ),
  campaign: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  actions: z.array(z.enum(EVENT_ACTIONS)),
  /** Whether the caller runs this event (registers anyone, checks in, gets the check-in tokens). */
  manages: z.boolean(),
  /**
   * A recurring program's totals over all its years (连续N年，累计X人次): its non-cancelled events in the
   * organiser's subtree. Null for an event of no program.
   */
  programTotals: z
    .object({
      years: z.number().int(),
      firstYear: z.number().int().nullable(),
      events: z.number().int(),
      personTimes: z.number().int(),
      persons: z.number().int(),
    })
    .nullable(),
});
export type EventView = z.infer<typeof eventView>;
export const eventEnvelope = z.object({ event: eventView });
export const eventPage = z.object({
  items: z.array(eventSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type EventPage = z.infer<typeof eventPage>;

export const eventTransitionRequest = z.strictObject({
  action: z.enum(EVENT_ACTIONS, { message: '操作应为 close、reopen 或 cancel' }),
  version: z.number().int().min(1),
});
export type EventTransitionRequest = z.infer<typeof eventTransitionRequest>;

export const registrationRequest = z.strictObject({
  personName: line(50),
  post: optionalLine(50).optional(),
  mobile: mobileNumber.optional(),
  enterpriseId: uuid('企业').optional(),
  personId: uuid('人士').optional(),
});
export type RegistrationRequest = z.infer<typeof registrationRequest>;

export const registrationView = z.object({
  id: z.string().uuid(),
  eventId: z.string().uuid(),
  personName: z.string(),
  post: z.string().nullable(),
  /** Masked (138****1234) for those who may not unmask contacts, except an enterprise's own people. */
  mobile: z.string().nullable(),
  enterprise: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  personId: z.string().uuid().nullable(),
  status: z.enum(REGISTRATION_STATUSES),
  walkIn: z.boolean(),
  createdAt: z.string(),
  /** The sessions this person is checked in to. */
  checkedInSessionIds: z.array(z.string().uuid()),
});
export type RegistrationView = z.infer<typeof registrationView>;
export const registrationEnvelope = z.object({ registration: registrationView });
export const registrationList = z.object({ items: z.array(registrationView) });
export type RegistrationList = z.infer<typeof registrationList>;

export const checkInToken = z.object({ token: z.string(), expiresAt: z.string(), sessionId: z.string() });
export type CheckInToken = z.infer<typeof checkInToken>;

export const checkInRequest = z.strictObject({
  token: z.string().min(1).max(300),
  /** One per attempt on a device: a retry sends the same nonce and is answered the same check-in. */
  nonce: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, { message: 'nonce 应为 8–64 位字母、数字、- 或 _' }),
  registrationId: uuid('报名').optional(),
  mobile: mobileNumber.optional(),
  /** With a mobile number not registered: a walk-in (现场报名) under this name. */
  personName: optionalLine(50).optional(),
});
export type CheckInRequest = z.infer<typeof checkInRequest>;

export const checkInView = z.object({
  id: z.string().uuid(),
  sessionId: z.string().uuid(),
  registrationId: z.string().uuid(),
  personName: z.string(),
  enterpriseName: z.string().nullable(),
  method: z.enum(CHECK_IN_METHODS),
  checkedInAt: z.string(),
  walkIn: z.boolean(),
  event: z.object({ id: z.string().uuid(), title: z.string(), sessionSeq: z.number().int() }),
});
export type CheckInView = z.infer<typeof checkInView>;
export const checkInEnvelope = z.object({ checkIn: checkInView });

/** What the phone check-in page shows before anyone identifies: the session the token admits to. */
export const checkInSessionInfo = z.object({
  event: z.object({ id: z.string().uuid(), title: z.string(), organizer: z.string() }),
  session: z.object({
    id: z.string().uuid(),
    seq: z.number().int(),
    startsAt: z.string(),
    endsAt: z.string(),
    place: z.string().nullable(),
  }),
  expiresAt: z.string(),
});
export type CheckInSessionInfo = z.infer<typeof checkInSessionInfo>;
export const checkInSessionQuery = z.strictObject({ token: z.string().min(1).max(300) });

export const eventStatsQuery = z.strictObject({
  groupBy: z.enum(EVENT_GROUPINGS, { message: '分组应为 kind、organizer、orgUnit 或 month' }).default('kind'),
  from: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  to: z.iso.date({ message: '日期格式应为 YYYY-MM-DD' }).optional(),
  orgUnitId: uuid('组织单位').optional(),
});
export type EventStatsQuery = z.infer<typeof eventStatsQuery>;

export const eventStats = z.object({
  groupBy: z.enum(EVENT_GROUPINGS),
  orgUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  total: eventFigures.extend({ events: z.number().int() }),
  items: z.array(
    eventFigures.extend({
      key: z.string(),
      label: z.string(),
      events: z.number().int(),
      link: z.string(),
    }),
  ),
});
export type EventStats = z.infer<typeof eventStats>;

export const activityDutyQuery = z.strictObject({
  year: z.coerce
    .number()
    .int()
    .min(2000, '年份应在 2000–2100 之间')
    .max(2100, '年份应在 2000–2100 之间')
    .optional(),
});
export const DUTY_MONTH_STATES = ['met', 'missed', 'pending', 'upcoming'] as const;
export type DutyMonthState = (typeof DUTY_MONTH_STATES)[number];
export const DUTY_MONTH_STATE_LABELS: Record<DutyMonthState, string> = {
  met: '已开展',
  missed: '未开展',
  pending: '本月进行中',
  upcoming: '未到',
};
/**
 * 会员参与率 a chamber's member participation in a year: its live members, those of them with someone
 * checked in at any event of the year (whoever organised it), and the share (null without members).
 */
export const chamberParticipation = z.object({
  members: z.number().int(),
  reached: z.number().int(),
  rate: z.number().nullable(),
});
export type ChamberParticipation = z.infer<typeof chamberParticipation>;
export const activityDuty = z.object({
  chamber: z.object({ id: z.string().uuid(), name: z.string() }),
  year: z.number().int(),
  participation: chamberParticipation,
  months: z.array(
    z.object({
      month: z.number().int(),
      events: z.number().int(),
      personTimes: z.number().int(),
      state: z.enum(DUTY_MONTH_STATES),
    }),
  ),
  missedMonths: z.array(z.number().int()),
});
export type ActivityDuty = z.infer<typeof activityDuty>;

/** Chambers of the caller's subtree with the months of the year they held no activity. */
export const activityDutyOverview = z.object({
  year: z.number().int(),
  items: z.array(
    z.object({
      chamber: z.object({ id: z.string().uuid(), name: z.string() }),
      months: z.array(
        z.object({ month: z.number().int(), events: z.number().int(), state: z.enum(DUTY_MONTH_STATES) }),
      ),
      missedMonths: z.array(z.number().int()),
      participation: chamberParticipation,
    }),
  ),
});
export type ActivityDutyOverview = z.infer<typeof activityDutyOverview>;

export const createHonourRequest = z.strictObject({
  enterpriseId: uuid('企业').optional(),
  personId: uuid('人士').optional(),
  title: line(100),
  level: z.enum(HONOUR_LEVELS, { message: '级别应为 national、province、city、district 或 street' }),
  issuer: line(100),
  year: z.number().int().min(1949, '年份应在 1949 年之后').max(2200),
  evidence: optionalLine(500).optional(),
});
export type CreateHonourRequest = z.infer<typeof createHonourRequest>;
export const honourListQuery = z.strictObject({
  holderId: uuid('获得者').optional(),
  level: z.enum(HONOUR_LEVELS).optional(),
  year: z.coerce.number().int().min(1949).max(2200).optional(),
});
export const honourView = z.object({
  id: z.string().uuid(),
  holder: z.object({ kind: z.enum(['enterprise', 'person']), id: z.string().uuid(), name: z.string() }),
  title: z.string(),
  level: z.enum(HONOUR_LEVELS),
  issuer: z.string(),
  year: z.number().int(),
  evidence: z.string().nullable(),
  createdAt: z.string(),
});
export type HonourView = z.infer<typeof honourView>;
export const honourEnvelope = z.object({ honour: honourView });
export const honourList = z.object({
  items: z.array(honourView),
  byLevel: z.array(z.object({ level: z.enum(HONOUR_LEVELS), count: z.number().int() })),
});
export type HonourList = z.infer<typeof honourList>;

export const attendanceImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'], { message: 'dryRun 应为 true 或 false' })
    .transform((v) => v === 'true')
    .optional(),
});
/** matched 匹配报名 (checked in now); walk_in 未报名，按现场参加计入; already 此前已签到 (nothing new). */
export const ATTENDANCE_IMPORT_OUTCOMES = ['matched', 'walk_in', 'already'] as const;
export type AttendanceImportOutcome = (typeof ATTENDANCE_IMPORT_OUTCOMES)[number];
export const ATTENDANCE_IMPORT_OUTCOME_LABELS: Record<AttendanceImportOutcome, string> = {
  matched: '匹配报名',
  walk_in: '未报名，按现场参加',
  already: '已签到',
};
/** An online session's attendance list imported: what was recorded, already there, added as walk-ins, refused. */
export const attendanceImportResult = z.object({
  dryRun: z.boolean(),
  recorded: z.number().int(),
  already: z.number().int(),
  walkIns: z.number().int(),
  rejected: z.array(
    z.object({ row: z.number().int(), values: z.array(z.string()), field: z.string(), reason: z.string() }),
  ),
  /** Every accepted row and what it does (the preview of a dry run, the record of an import). */
  rows: z.array(
    z.object({
      row: z.number().int(),
      personName: z.string(),
      mobile: z.string().nullable(),
      outcome: z.enum(ATTENDANCE_IMPORT_OUTCOMES),
      /** The registration the row was matched to, by name (a walk-in: the name added). */
      registrationId: z.string().uuid().nullable(),
    }),
  ),
});
export type AttendanceImportResult = z.infer<typeof attendanceImportResult>;

/** A chamber's own group robot for its events' invitations: a URL sets it, null removes it. */
export const chamberEventRobotRequest = z.strictObject({
  webhookUrl: z
    .string()
    .trim()
    .max(1000, '机器人地址过长')
    .regex(/^https?:\/\/\S+$/, '机器人地址须以 http:// 或 https:// 开头')
    .nullable(),
});
export type ChamberEventRobotRequest = z.infer<typeof chamberEventRobotRequest>;
/** Whether the chamber has a robot, and its host only (the URL carries the robot's key). */
export const chamberEventRobot = z.object({
  chamberId: z.string().uuid(),
  set: z.boolean(),
  host: z.string().nullable(),
});
export type ChamberEventRobot = z.infer<typeof chamberEventRobot>;

// 活动类型 event kinds configured per federation: the built-in kinds renamed, reordered or retired, and kinds
// of its own; a unit sees the nearest definition up its tree over the built-in one.
export const eventKindView = z.object({
  code: z.string(),
  label: z.string(),
  sort: z.number().int(),
  /** false: retired (停用) — kept on the events that have it, not offered for new ones. */
  active: z.boolean(),
  builtIn: z.boolean(),
  /** The federation whose definition is in effect; null: the built-in one. */
  definedBy: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  /** Defined at the asked unit's own level (what its version counts); false: inherited or built-in. */
  own: z.boolean(),
  /** The own definition's version, 0 when the unit has none (the first change sends 0). */
  version: z.number().int(),
});
export type EventKindView = z.infer<typeof eventKindView>;
export const eventKindList = z.object({
  items: z.array(eventKindView),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  /** May the caller define kinds at this unit (a federation of their subtree, the settings permission). */
  editable: z.boolean(),
});
export type EventKindList = z.infer<typeof eventKindList>;
export const eventKindQuery = z.strictObject({ orgUnitId: uuid('组织单位').optional() });
const kindSort = z
  .number()
  .int({ message: '排序应为整数' })
  .min(0, '排序应在 0–9999 之间')
  .max(9999, '排序应在 0–9999 之间');
export const createEventKindRequest = z.strictObject({
  /** The federation unit to define it at; the caller's own by default. */
  orgUnitId: uuid('组织单位').optional(),
  label: line(30),
  sort: kindSort.optional(),
});
export type CreateEventKindRequest = z.infer<typeof createEventKindRequest>;
export const updateEventKindRequest = z.strictObject({
  orgUnitId: uuid('组织单位').optional(),
  label: line(30),
  sort: kindSort,
  active: z.boolean({ message: '请指明是否启用' }),
  version: z.number().int().min(0),
});
export type UpdateEventKindRequest = z.infer<typeof updateEventKindRequest>;
export const eventKindEnvelope = z.object({ kind: eventKindView });
