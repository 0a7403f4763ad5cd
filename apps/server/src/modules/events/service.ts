// 教育培训 events: created by those who run them (staff in their subtree, a secretary for their chamber), with
// their sessions and audience; registrations (capacity, then the waiting list, promoted in order when a
// place frees); the state machine on core/transitions (close, reopen, cancel); the check-in token of a
// session and the check-ins it admits (one attendance per person and session, a retried nonce answered
// the same); the figures by group, a chamber's monthly duty, and the honours register. Writes audited.
import {
  EVENT_TRANSITIONS,
  builtInKindLabel,
  eventActionsFrom,
  maskMobile,
  type ActivityDuty,
  type ActivityDutyOverview,
  type AudienceConditions,
  type ChamberParticipation,
  type CheckInRequest,
  type CheckInSessionInfo,
  type CheckInToken,
  type CheckInView,
  type CreateEventRequest,
  type CreateHonourRequest,
  type DutyMonthState,
  type ErrorDetail,
  type EventListQuery,
  type EventPage,
  type EventState,
  type EventStats,
  type EventStatsQuery,
  type EventLinksRequest,
  type EventTransitionRequest,
  type EventView,
  type HonourList,
  type HonourView,
  type RegistrationRequest,
  type RegistrationView,
} from '@qinqing/shared';
import { sql } from 'drizzle-orm';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, forbidden, invalidField, notFound } from '../../core/errors.ts';
import { listPath, rate } from '../../core/measures/registry.ts';
import { runTransition, type TransitionMachine } from '../../core/transitions/transitions.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import { industryByCode, industryChildren } from '../../reference/industries.ts';
import { findOrgUnitInScope } from '../org-units/repository.ts';
import { CHECK_IN_TOKEN_MINUTES, signCheckInToken, verifyCheckInToken } from './check-in-token.ts';
import { choosableKind } from './kinds.ts';
import { inviteAudience } from './notices.ts';
import { presentEventSummary, presentEventView, presentHonour } from './presenter.ts';
import {
  chamberMonths,
  chamberParticipation,
  chambersInScope,
  existingEnterprises,
  findAttendance,
  findChamber,
  findCheckInSession,
  findEnterprise,
  findEvent,
  findHolder,
  findManagedSession,
  findOrganizer,
  findRegistrablePerson,
  kindLabelsAt,
  findRegistrant,
  findRegistration,
  findRegistrationByKey,
  findRegistrationByMobile,
  eventOpenTo,
  groupedFigures,
  insertAttendance,
  insertEvent,
  insertHonour,
  insertInvitees,
  insertRegistration,
  insertSessions,
  listEvents as listEventRows,
  listHonours as listHonourRows,
  managesEvent,
  eventLinks,
  linkableCampaign,
  linkablePolicies,
  saveEventLinks,
  programTotals,
  registeredCount,
  registrationsOf,
  sessionsOf,
  subtreeFigures,
  unitNames,
  updateEventState,
  type EventRow,
  type RegistrationRow,
} from './repository.ts';

/** Midnight in Beijing at the start of a day (YYYY-MM-DD). */
export const shanghaiStart = (day: string) => new Date(`${day}T00:00:00+08:00`);
const nextDay = (day: string) => new Date(shanghaiStart(day).getTime() + 86_400_000);

function fail(details: ErrorDetail[]): void {
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}

/** The year of today, or the period asked: refused when inverted. */
export function periodOf(
  ctx: AppContext,
  query: { from?: string; to?: string },
): { from: string; to: string } {
  const year = (query.to ?? query.from ?? shanghaiDay(ctx.clock.now())).slice(0, 4);
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  if (from > to) throw invalidField('from', 'PERIOD_REVERSED', '开始日期不能晚于结束日期');
  return { from, to };
}

// Events -------------------------------------------------------------------------------------------------

export async function createEvent(
  ctx: AppContext,
  actor: Actor,
  input: CreateEventRequest,
  audit: AuditContext,
): Promise<EventView> {
  const details: ErrorDetail[] = [];
  const sessions = input.sessions.map((s, i) => {
    const startsAt = new Date(s.startsAt);
    const endsAt = new Date(s.endsAt);
    if (endsAt.getTime() <= startsAt.getTime())
      details.push({
        path: `sessions.${i}.endsAt`,
        code: 'SESSION_ENDS_BEFORE_START',
        message: `第 ${i + 1} 场的结束时间应晚于开始时间`,
      });
    return { startsAt, endsAt, place: s.place || null, onlineUrl: s.onlineUrl || null };
  });
  sessions.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const audience = input.audience ?? { kind: 'all_members' as const };
  if (audience.kind === 'chamber' && !audience.chamberId)
    details.push({
      path: 'audience.chamberId',
      code: 'CHAMBER_REQUIRED',
      message: '面向商会会员的活动须指定商会',
    });
  if (audience.kind === 'invited' && !audience.enterpriseIds?.length)
    details.push({
      path: 'audience.enterpriseIds',
      code: 'INVITEES_REQUIRED',
      message: '邀请名单至少要有一家企业',
    });
  if (
    audience.kind === 'conditions' &&
    !Object.values(audience.conditions ?? {}).some((v) => v !== undefined)
  )
    details.push({
      path: 'audience.conditions',
      code: 'CONDITIONS_REQUIRED',
      message: '按条件确定参加对象时，请至少给出规模、行业或标签之一',
    });
  fail(details);
  const conditions = audience.kind === 'conditions' ? storedConditions(audience.conditions ?? {}) : {};
  return ctx.database.db.transaction(async (tx) => {
    const organizer = await findOrganizer(tx, actor, input.organizerId ?? actor.orgUnitId);
    if (!organizer)
      throw invalidField(
        'organizerId',
        'ORGANIZER_NOT_FOUND',
        '组织单位应为本级或下级工商联、商会（商会秘书长：本商会）',
      );
    // The organiser's federation's kinds: a retired or unknown one is refused, a built-in code still works.
    const kindLabel = await choosableKind(tx, organizer, input.kind);
    let chamber: { id: string; name: string } | undefined;
    if (audience.kind === 'chamber') {
      chamber = await findChamber(tx, audience.chamberId!);
      if (!chamber) throw invalidField('audience.chamberId', 'CHAMBER_NOT_FOUND', '指定的商会不存在');
    }
    const invitees = audience.kind === 'invited' ? [...new Set(audience.enterpriseIds)] : [];
    const found = await existingEnterprises(tx, invitees);
    const missing = invitees.findIndex((id) => !found.has(id));
    if (missing >= 0)
      throw invalidField(
        `audience.enterpriseIds.${missing}`,
        'ENTERPRISE_NOT_FOUND',
        '邀请名单中的企业不存在',
      );
    const now = ctx.clock.now();
    const values = {
      orgUnitId: organizer.id,
      title: input.title,
      kind: input.kind,
      theme: input.theme || null,
      description: input.description || null,
      program: input.program || null,
      capacity: input.capacity ?? null,
      audience: audience.kind,
      audienceChamberId: chamber?.id ?? null,
      audienceConditions: conditions,
      startsAt: sessions[0]!.startsAt,
      endsAt: new Date(Math.max(...sessions.map((s) => s.endsAt.getTime()))),
    };
    const id = await insertEvent(tx, { ...values, createdBy: actor.userId, now });
    await insertSessions(tx, id, sessions);
    await insertInvitees(tx, id, invitees);
    const links = await resolveLinks(tx, actor, input.policyIds ?? [], input.campaignId ?? null);
    await saveEventLinks(tx, id, links);
    await inviteAudience(ctx, tx, {
      id,
      title: input.title,
      kindLabel,
      startsAt: values.startsAt,
      organizerName: organizer.name,
    });
    await ctx.audit.record(tx, audit, {
      action: 'event.created',
      objectType: 'event',
      objectId: id,
      detail: {
        after: {
          ...values,
          organizerName: organizer.name,
          kindName: kindLabel,
          sessions: sessions.length,
          invited: invitees.length,
          policies: links.policyTitles,
          campaignName: links.campaignName,
        },
      },
    });
    return loadEvent(tx, actor, id);
  });
}

/**
 * The audience conditions as stored: the industry prefix with the code prefixes it stands for
 * (`industryPrefixes`, a section letter's divisions) — the registry's codes are digits, which
 * event_open_to matches. An unknown industry is refused by field.
 */
function storedConditions(conditions: AudienceConditions): Record<string, unknown> {
  const prefix = conditions.industryPrefix;
  if (!prefix) return conditions;
  const prefixes = /^[A-Z]$/.test(prefix)
    ? (industryChildren(prefix) ?? []).map((division) => division.code)
    : industryByCode(prefix)
      ? [prefix]
      : [];
  if (prefixes.length === 0)
    throw invalidField(
      'audience.conditions.industryPrefix',
      'INDUSTRY_UNKNOWN',
      `行业“${prefix}”不在国民经济行业分类（GB/T 4754-2017）中`,
    );
  return { ...conditions, industryPrefixes: prefixes };
}

async function loadEvent(db: DbOrTx, actor: Actor, id: string): Promise<EventView> {
  const row = await findEvent(db, actor, id);
  if (!row) throw notFound();
  // One after the other: `db` may be a transaction (createEvent answers from its own).
  const sessions = await sessionsOf(db, id);
  const links = await eventLinks(db, id);
  const program = row.program ? await programTotals(db, row.org_unit_id, row.program) : null;
  return presentEventView(
    row,
    sessions,
    row.manages ? eventActionsFrom(row.state as EventState) : [],
    program,
    links,
  );
}

/**
 * The policies and campaign an event of the actor's may be linked to: published policies and campaigns the
 * actor reads (else 400 naming the item).
 */
async function resolveLinks(
  tx: DbOrTx,
  actor: Actor,
  policyIds: readonly string[],
  campaignId: string | null,
): Promise<{
  policyIds: string[];
  campaignId: string | null;
  policyTitles: string[];
  campaignName: string | null;
}> {
  const unique = [...new Set(policyIds)];
  const found = await linkablePolicies(tx, actor, unique);
  const missing = policyIds.findIndex((policyId) => !found.has(policyId));
  if (missing >= 0)
    throw invalidField(
      `policyIds.${missing}`,
      'POLICY_NOT_FOUND',
      '关联的政策不存在、尚未发布或不在您的范围内',
    );
  let campaign: { id: string; name: string } | undefined;
  if (campaignId) {
    campaign = await linkableCampaign(tx, actor, campaignId);
    if (!campaign)
      throw invalidField('campaignId', 'CAMPAIGN_NOT_FOUND', '关联的捐赠活动不存在或不在您的范围内');
  }
  return {
    policyIds: unique,
    campaignId: campaign?.id ?? null,
    policyTitles: unique.map((policyId) => found.get(policyId)!),
    campaignName: campaign?.name ?? null,
  };
}

/** Replaces the policies and campaign of an event the actor runs (a reader who does not: 403). */
export async function setEventLinks(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: EventLinksRequest,
  audit: AuditContext,
): Promise<EventView> {
  await ctx.database.db.transaction(async (tx) => {
    const event = await findEvent(tx, actor, id, { forUpdate: true });
    if (!event) throw notFound();
    if (!event.manages) throw forbidden();
    const before = await eventLinks(tx, id);
    const links = await resolveLinks(tx, actor, input.policyIds, input.campaignId);
    await saveEventLinks(tx, id, links);
    await ctx.audit.record(tx, audit, {
      action: 'event.links_changed',
      objectType: 'event',
      objectId: id,
      detail: {
        title: event.title,
        before: {
          policies: before.policies.map((p) => p.title),
          campaignName: before.campaign?.name ?? null,
        },
        after: { policies: links.policyTitles, campaignName: links.campaignName },
      },
    });
  });
  return getEvent(ctx, actor, id);
}

export function getEvent(ctx: AppContext, actor: Actor, id: string): Promise<EventView> {
  return loadEvent(ctx.database.db, actor, id);
}

export async function listEvents(ctx: AppContext, actor: Actor, query: EventListQuery): Promise<EventPage> {
  if (query.from && query.to && query.from > query.to)
    throw invalidField('from', 'PERIOD_REVERSED', '开始日期不能晚于结束日期');
  const { rows, total } = await listEventRows(ctx.database.db, actor, query, {
    fromAt: query.from ? shanghaiStart(query.from) : null,
    toAt: query.to ? nextDay(query.to) : null,
  });
  return { items: rows.map(presentEventSummary), total, page: query.page, pageSize: query.pageSize };
}

const eventMachine: TransitionMachine<
  EventRow,
  { state: EventState },
  boolean,
  EventTransitionRequest,
  { audit: { detail: Record<string, unknown> }; to: EventState }
> = {
  objectType: 'event',
  lock: (tx, actor, id) => findEvent(tx, actor, id, { forUpdate: true }),
  stateOf: (row) => ({ state: row.state as EventState }),
  capacityOf: (_actor, row) => row.manages,
  decide: (current, action, manages) =>
    !manages ? 'forbidden' : EVENT_TRANSITIONS[action].includes(current.state) ? 'allowed' : 'not_now',
  apply({ subject, request }) {
    const to: EventState = ({ close: 'closed', reopen: 'open', cancel: 'cancelled' } as const)[
      request.action
    ];
    return Promise.resolve({ to, audit: { detail: { title: subject.title, from: subject.state, to } } });
  },
  save: ({ tx, id, subject, now }, outcome) => updateEventState(tx, id, outcome.to, now, subject.version),
};

export async function transitionEvent(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: EventTransitionRequest,
  audit: AuditContext,
): Promise<EventView> {
  await runTransition(ctx, eventMachine, { actor, id, request: input, audit });
  return getEvent(ctx, actor, id);
}

// Registrations ------------------------------------------------------------------------------------------

/** Who the attendee is across events: the registry's person, else the mobile, else the name in the enterprise. */
export function personKeyOf(r: {
  personId?: string | null;
  mobile?: string | null;
  enterpriseId?: string | null;
  personName: string;
}): string {
  if (r.personId) return `p:${r.personId}`;
  if (r.mobile) return `m:${r.mobile}`;
  return `n:${r.enterpriseId ?? ''}:${r.personName.replace(/\s+/g, '')}`;
}

function presentRegistration(row: RegistrationRow, actor: Actor): RegistrationView {
  const own = actor.enterpriseId !== null && row.enterprise_id === actor.enterpriseId;
  const mobile =
    row.mobile && !own && !actor.permissions.has('contacts.unmask') ? maskMobile(row.mobile) : row.mobile;
  return {
    id: row.id,
    eventId: row.event_id,
    personName: row.person_name,
    post: row.post,
    mobile,
    enterprise: row.enterprise_id ? { id: row.enterprise_id, name: row.enterprise_name ?? '' } : null,
    personId: row.person_id,
    status: row.status,
    walkIn: row.walk_in,
    createdAt: new Date(row.created_at).toISOString(),
    checkedInSessionIds: row.checked_in_session_ids,
  };
}

export async function register(
  ctx: AppContext,
  actor: Actor,
  eventId: string,
  input: RegistrationRequest,
  audit: AuditContext,
): Promise<RegistrationView> {
  const db = ctx.database.db;
  const id = await db.transaction(async (tx) => {
    // The event locked: capacity is decided one registration at a time.
    const event = await findEvent(tx, actor, eventId, { forUpdate: true });
    if (!event) throw notFound();
    if (event.state !== 'open') {
      throw new AppError('CONFLICT', [
        { path: 'eventId', code: 'REGISTRATION_CLOSED', message: '该活动已截止报名或已取消' },
      ]);
    }
    // An enterprise contact registers its own people: the enterprise is theirs whatever was sent.
    const enterpriseId =
      actor.roles.includes('enterprise_contact') && !event.manages
        ? actor.enterpriseId
        : (input.enterpriseId ?? null);
    let enterprise: { id: string; name: string } | undefined;
    if (enterpriseId) {
      enterprise = event.manages
        ? await findEnterprise(tx, enterpriseId)
        : await findRegistrant(tx, actor, enterpriseId);
      if (!enterprise)
        throw invalidField('enterpriseId', 'ENTERPRISE_NOT_FOUND', '企业不存在或不在您的管理范围内');
      if (!event.manages && !(await eventOpenTo(tx, eventId, enterpriseId)))
        throw invalidField('enterpriseId', 'NOT_IN_AUDIENCE', '该活动不面向这家企业');
    } else if (!event.manages) {
      throw invalidField('enterpriseId', 'ENTERPRISE_REQUIRED', '请指定参加人员所在企业');
    }
    // A person picked from the registry: one of the enterprise's own people (an enterprise contact cannot
    // name another enterprise's), who keeps their registry identity across events.
    let personId: string | null = null;
    let mobile = input.mobile ?? null;
    let post = input.post || null;
    if (input.personId) {
      const person = await findRegistrablePerson(tx, actor, input.personId, enterprise?.id ?? null);
      if (!person) throw invalidField('personId', 'PERSON_NOT_FOUND', '人士不存在，或不在该企业任职');
      personId = person.id;
      mobile ??= person.mobile;
      post ??= person.position;
    }
    const full = event.capacity !== null && (await registeredCount(tx, eventId)) >= event.capacity;
    const values = {
      eventId,
      personName: input.personName,
      post,
      mobile,
      enterpriseId: enterprise?.id ?? null,
      personId,
      personKey: personKeyOf({
        personId,
        mobile,
        enterpriseId: enterprise?.id,
        personName: input.personName,
      }),
      status: full ? ('waitlisted' as const) : ('registered' as const),
      walkIn: false,
    };
    const id = await insertRegistration(tx, { ...values, registeredBy: actor.userId, now: ctx.clock.now() });
    if (!id) {
      const existing = await findRegistrationByKey(tx, eventId, values.personKey);
      throw new AppError(
        'CONFLICT',
        [{ path: 'personName', code: 'ALREADY_REGISTERED', message: `${input.personName} 已报名该活动` }],
        { registrationId: existing?.id },
      );
    }
    await ctx.audit.record(tx, audit, {
      action: 'event.registered',
      objectType: 'event_registration',
      objectId: id,
      detail: {
        eventId,
        title: event.title,
        personName: values.personName,
        enterpriseName: enterprise?.name ?? null,
        status: values.status,
      },
    });
    return id;
  });
  return presentRegistration((await findRegistration(db, id))!, actor);
}

/** Cancels a registration (by those who run the event, or its own enterprise); the first on the waiting list takes the place. */
export async function cancelRegistration(
  ctx: AppContext,
  actor: Actor,
  id: string,
  audit: AuditContext,
): Promise<RegistrationView> {
  const db = ctx.database.db;
  await db.transaction(async (tx) => {
    const current = await findRegistration(tx, id);
    if (!current) throw notFound();
    const event = await findEvent(tx, actor, current.event_id, { forUpdate: true });
    const own = actor.enterpriseId !== null && current.enterprise_id === actor.enterpriseId;
    if (!event || (!event.manages && !own)) throw notFound();
    if (current.status === 'cancelled') return;
    const now = ctx.clock.now();
    await tx.execute(
      sql`UPDATE event_registrations SET status = 'cancelled', cancelled_at = ${now} WHERE id = ${id}`,
    );
    let promoted: string | null = null;
    if (current.status === 'registered' && !current.walk_in) {
      const { rows } = await tx.execute<{ id: string }>(
        sql`UPDATE event_registrations SET status = 'registered'
               WHERE id = (SELECT id FROM event_registrations WHERE event_id = ${current.event_id} AND status = 'waitlisted'
                           ORDER BY created_at, id LIMIT 1)
               RETURNING id`,
      );
      promoted = rows[0]?.id ?? null;
    }
    await ctx.audit.record(tx, audit, {
      action: 'event.registration_cancelled',
      objectType: 'event_registration',
      objectId: id,
      detail: { eventId: current.event_id, title: event.title, personName: current.person_name, promoted },
    });
  });
  return presentRegistration((await findRegistration(db, id))!, actor);
}

export async function listRegistrations(
  ctx: AppContext,
  actor: Actor,
  eventId: string,
): Promise<{ items: RegistrationView[] }> {
  const event = await findEvent(ctx.database.db, actor, eventId);
  if (!event) throw notFound();
  const rows = await registrationsOf(ctx.database.db, actor, eventId, event.manages);
  return { items: rows.map((row) => presentRegistration(row, actor)) };
}

// Check-in -----------------------------------------------------------------------------------------------

export async function issueCheckInToken(
  ctx: AppContext,
  key: Buffer,
  actor: Actor,
  sessionId: string,
): Promise<CheckInToken> {
  const session = await findManagedSession(ctx.database.db, actor, sessionId);
  if (!session) throw notFound();
  const { token, expiresAt } = signCheckInToken(
    key,
    sessionId,
    new Date(ctx.clock.now().getTime() + CHECK_IN_TOKEN_MINUTES * 60_000),
  );
  return { token, expiresAt: expiresAt.toISOString(), sessionId };
}

export async function checkInSessionInfo(
  ctx: AppContext,
  key: Buffer,
  token: string,
): Promise<CheckInSessionInfo> {
  const { sessionId, expiresAt } = verifyCheckInToken(key, token, ctx.clock.now());
  const session = await findCheckInSession(ctx.database.db, sessionId);
  if (!session) throw new AppError('CHECK_IN_TOKEN_INVALID');
  return {
    event: { id: session.event_id, title: session.title, organizer: session.organizer_name },
    session: {
      id: session.session_id,
      seq: session.seq,
      startsAt: new Date(session.starts_at).toISOString(),
      endsAt: new Date(session.ends_at).toISOString(),
      place: session.place,
    },
    expiresAt: expiresAt.toISOString(),
  };
}

/**
 * One check-in: the token names the session (nothing is read or written for a forged or expired one); the
 * attendee is a registration (ticked by those who run the event, or the contact's own), a registered mobile
 * number, or a walk-in under a name. Answers `created` false with the existing check-in on a repeat.
 */
export async function checkIn(
  ctx: AppContext,
  key: Buffer,
  actor: Actor | undefined,
  input: CheckInRequest,
  audit: AuditContext,
): Promise<{ created: boolean; checkIn: CheckInView }> {
  const now = ctx.clock.now();
  const { sessionId } = verifyCheckInToken(key, input.token, now);
  const db = ctx.database.db;
  const session = await findCheckInSession(db, sessionId);
  if (!session) throw new AppError('CHECK_IN_TOKEN_INVALID');
  if (session.state === 'cancelled')
    throw new AppError('CONFLICT', [{ path: 'token', code: 'EVENT_CANCELLED', message: '该活动已取消' }]);
  const manages = actor ? await managesEvent(db, actor, session.event_id) : false;
  let registration: RegistrationRow | undefined;
  let walkIn = false;
  if (input.registrationId) {
    registration = await findRegistration(db, input.registrationId);
    const own =
      actor?.enterpriseId != null &&
      actor.roles.includes('enterprise_contact') &&
      registration?.enterprise_id === actor.enterpriseId;
    if (!registration || registration.event_id !== session.event_id || !(manages || own)) throw notFound();
  } else if (input.mobile) {
    registration = await findRegistrationByMobile(db, session.event_id, input.mobile);
    if (!registration) {
      if (!input.personName) {
        throw new AppError('NOT_FOUND', [
          {
            path: 'mobile',
            code: 'NOT_REGISTERED',
            message: '未找到该手机号的报名；现场参加请填写姓名后再签到',
          },
        ]);
      }
      walkIn = true;
    }
  } else if (input.personName && manages) {
    walkIn = true;
  } else {
    throw invalidField('mobile', 'ATTENDEE_REQUIRED', '请填写报名时的手机号码');
  }
  const method = manages ? ('staff' as const) : ('qr' as const);

  // A registered attendee checking in on their own is one INSERT; a walk-in or a staff tick writes its
  // registration or audit record beside it, in one transaction.
  // `audited`: the transaction that audit records go in (set whenever a walk-in or staff tick is recorded).
  const record = async (
    tx: DbOrTx,
    audited: Tx | null,
  ): Promise<{ created: boolean; checkIn: CheckInView }> => {
    if (walkIn) {
      const enterpriseId =
        actor?.roles.includes('enterprise_contact') && !manages ? actor.enterpriseId : null;
      const values = {
        eventId: session.event_id,
        personName: input.personName!,
        post: null,
        mobile: input.mobile ?? null,
        enterpriseId,
        personId: null,
        personKey: personKeyOf({ mobile: input.mobile, enterpriseId, personName: input.personName! }),
        status: 'registered' as const,
        walkIn: true,
        registeredBy: actor?.userId ?? null,
        now,
      };
      const id = await insertRegistration(tx, values);
      registration = id
        ? await findRegistration(tx, id)
        : await findRegistrationByKey(tx, session.event_id, values.personKey);
      if (id) {
        await ctx.audit.record(audited!, audit, {
          action: 'event.registered',
          objectType: 'event_registration',
          objectId: id,
          detail: {
            eventId: session.event_id,
            title: session.title,
            personName: values.personName,
            walkIn: true,
          },
        });
      }
    }
    const attendee = registration!;
    const inserted = await insertAttendance(tx, {
      eventId: session.event_id,
      sessionId,
      registration: attendee,
      personKey: personKeyOf({
        personId: attendee.person_id,
        mobile: attendee.mobile,
        enterpriseId: attendee.enterprise_id,
        personName: attendee.person_name,
      }),
      nonce: input.nonce,
      method,
      recordedBy: actor?.userId ?? null,
      now,
    });
    if (!inserted) {
      const existing = await findAttendance(tx, sessionId, {
        nonce: input.nonce,
        registrationId: attendee.id,
      });
      return { created: false, checkIn: await presentCheckIn(tx, existing!, session, attendee) };
    }
    // A self check-in is its own record (who, when, which device's nonce); one made by staff is audited.
    if (method === 'staff') {
      await ctx.audit.record(audited!, audit, {
        action: 'event.checked_in',
        objectType: 'event_registration',
        objectId: attendee.id,
        detail: {
          eventId: session.event_id,
          title: session.title,
          session: session.seq,
          personName: attendee.person_name,
        },
      });
    }
    return { created: true, checkIn: await presentCheckIn(tx, inserted, session, attendee) };
  };
  return walkIn || method === 'staff' ? db.transaction((tx) => record(tx, tx)) : record(db, null);
}

async function presentCheckIn(
  db: DbOrTx,
  attendance: {
    id: string;
    session_id: string;
    registration_id: string;
    method: 'qr' | 'staff' | 'import';
    checked_in_at: Date;
  },
  session: { event_id: string; title: string; seq: number },
  known: RegistrationRow,
): Promise<CheckInView> {
  // A retried nonce may have been another registration's check-in: then that one is read.
  const registration =
    known.id === attendance.registration_id
      ? known
      : (await findRegistration(db, attendance.registration_id))!;
  return {
    id: attendance.id,
    sessionId: attendance.session_id,
    registrationId: attendance.registration_id,
    personName: registration.person_name,
    enterpriseName: registration.enterprise_name,
    method: attendance.method,
    checkedInAt: new Date(attendance.checked_in_at).toISOString(),
    walkIn: registration.walk_in,
    event: { id: session.event_id, title: session.title, sessionSeq: session.seq },
  };
}

// Figures ------------------------------------------------------------------------------------------------

/** The figures and the chambers' duty are the federation's and the secretaries' (not an enterprise contact's). */
function assertFigureReader(actor: Actor): void {
  if (
    !actor.roles.some(
      (r) => r === 'federation_staff' || r === 'federation_leader' || r === 'chamber_secretary',
    )
  )
    throw forbidden();
}

export async function eventStats(ctx: AppContext, actor: Actor, query: EventStatsQuery): Promise<EventStats> {
  assertFigureReader(actor);
  const period = periodOf(ctx, query);
  const db = ctx.database.db;
  const unit = await findOrgUnitInScope(db, actor, query.orgUnitId ?? actor.orgUnitId);
  if (!unit) throw notFound();
  const range = { fromAt: shanghaiStart(period.from), toAt: nextDay(period.to) };
  const [groups, totals] = await Promise.all([
    groupedFigures(db, unit, range, query.groupBy),
    subtreeFigures(db, unit, range),
  ]);
  const names =
    query.groupBy === 'orgUnit' ? await unitNames(db, groups.map((g) => g.key).filter(Boolean)) : new Map();
  // By kind: the asked unit's federation's labels (a kind added below it: the adding federation's).
  const kindLabels =
    query.groupBy === 'kind'
      ? await kindLabelsAt(
          db,
          unit.path,
          groups.map((g) => g.key),
        )
      : new Map();
  const base = { from: period.from, to: period.to };
  const linkOf = (key: string) => {
    switch (query.groupBy) {
      case 'kind':
        return listPath('/events', { ...base, kind: key });
      case 'organizer':
        return listPath('/events', { ...base, organizerId: key });
      case 'orgUnit':
        return listPath('/events', { ...base, organizerId: key });
      case 'month': {
        const [y, m] = key.split('-').map(Number) as [number, number];
        const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
        return listPath('/events', { from: `${key}-01`, to: last });
      }
    }
  };
  return {
    groupBy: query.groupBy,
    orgUnit: { id: unit.id, name: unit.name },
    from: period.from,
    to: period.to,
    total: {
      events: totals.held,
      personTimes: totals.person_times,
      persons: totals.persons,
      enterprises: totals.enterprises,
    },
    items: groups.map((g) => ({
      key: g.key,
      label:
        query.groupBy === 'kind'
          ? (kindLabels.get(g.key) ?? builtInKindLabel(g.key) ?? g.key)
          : query.groupBy === 'orgUnit'
            ? g.key === unit.id
              ? `${unit.name}（本级）`
              : (names.get(g.key) ?? g.key)
            : query.groupBy === 'month'
              ? g.key
              : g.label,
      events: g.events,
      personTimes: g.person_times,
      persons: g.persons,
      enterprises: g.enterprises,
      link: linkOf(g.key),
    })),
  };
}

/** Each month's state for a chamber: held, missed (a past month without an activity), this month, to come. */
function monthStates(
  year: number,
  today: string,
  counts: Map<number, { events: number; personTimes: number }>,
): { month: number; events: number; personTimes: number; state: DutyMonthState }[] {
  const thisYear = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  return Array.from({ length: 12 }, (_, i) => {
    const month = i + 1;
    const c = counts.get(month) ?? { events: 0, personTimes: 0 };
    const position = year < thisYear ? -1 : year > thisYear ? 1 : Math.sign(month - thisMonth);
    const state: DutyMonthState =
      c.events > 0 ? 'met' : position < 0 ? 'missed' : position === 0 ? 'pending' : 'upcoming';
    return { month, events: c.events, personTimes: c.personTimes, state };
  });
}

/** A chamber's member participation: reached ÷ members (null without members). */
function participationOf(row: { members: number; reached: number } | undefined): ChamberParticipation {
  const members = row?.members ?? 0;
  const reached = row?.reached ?? 0;
  return { members, reached, rate: rate(reached, members) };
}

export async function activityDuty(
  ctx: AppContext,
  actor: Actor,
  chamberId: string,
  year: number | undefined,
): Promise<ActivityDuty> {
  assertFigureReader(actor);
  const db = ctx.database.db;
  const [chamber] = await chambersInScope(db, actor, chamberId);
  if (!chamber) throw notFound();
  const today = shanghaiDay(ctx.clock.now());
  const y = year ?? Number(today.slice(0, 4));
  const [rows, participation] = await Promise.all([
    chamberMonths(db, [chamber.id], y),
    chamberParticipation(db, [chamber.id], y),
  ]);
  const months = monthStates(
    y,
    today,
    new Map(rows.map((r) => [r.month, { events: r.events, personTimes: r.person_times }])),
  );
  return {
    chamber: { id: chamber.id, name: chamber.name },
    year: y,
    participation: participationOf(participation[0]),
    months,
    missedMonths: months.filter((m) => m.state === 'missed').map((m) => m.month),
  };
}

export async function activityDutyOverview(
  ctx: AppContext,
  actor: Actor,
  year: number | undefined,
): Promise<ActivityDutyOverview> {
  assertFigureReader(actor);
  const db = ctx.database.db;
  const chambers = await chambersInScope(db, actor);
  const today = shanghaiDay(ctx.clock.now());
  const y = year ?? Number(today.slice(0, 4));
  const ids = chambers.map((c) => c.id);
  const [rows, participation] = chambers.length
    ? await Promise.all([chamberMonths(db, ids, y), chamberParticipation(db, ids, y)])
    : [[], []];
  return {
    year: y,
    items: chambers.map((chamber) => {
      const counts = new Map(
        rows
          .filter((r) => r.chamber_id === chamber.id)
          .map((r) => [r.month, { events: r.events, personTimes: r.person_times }]),
      );
      const months = monthStates(y, today, counts);
      return {
        chamber: { id: chamber.id, name: chamber.name },
        months: months.map(({ month, events, state }) => ({ month, events, state })),
        missedMonths: months.filter((m) => m.state === 'missed').map((m) => m.month),
        participation: participationOf(participation.find((p) => p.chamber_id === chamber.id)),
      };
    }),
  };
}

// Honours ------------------------------------------------------------------------------------------------

export async function recordHonour(
  ctx: AppContext,
  actor: Actor,
  input: CreateHonourRequest,
  audit: AuditContext,
): Promise<HonourView> {
  if (Boolean(input.enterpriseId) === Boolean(input.personId))
    throw invalidField('enterpriseId', 'ONE_HOLDER', '请指定获得称号的企业或人士（二者之一）');
  const kind = input.enterpriseId ? ('enterprise' as const) : ('person' as const);
  if (input.year > Number(shanghaiDay(ctx.clock.now()).slice(0, 4)))
    throw invalidField('year', 'YEAR_IN_FUTURE', '获得年度不能晚于今年');
  return ctx.database.db.transaction(async (tx) => {
    const holder = await findHolder(tx, actor, kind, (input.enterpriseId ?? input.personId)!);
    if (!holder)
      throw invalidField(
        kind === 'enterprise' ? 'enterpriseId' : 'personId',
        'HOLDER_NOT_FOUND',
        '企业或人士不存在或不在您的管理范围内',
      );
    const row = await insertHonour(tx, {
      orgUnitId: holder.org_unit_id,
      enterpriseId: input.enterpriseId ?? null,
      personId: input.personId ?? null,
      holderName: holder.name,
      title: input.title,
      level: input.level,
      issuer: input.issuer,
      year: input.year,
      evidence: input.evidence || null,
      recordedBy: actor.userId,
      now: ctx.clock.now(),
    });
    if (!row) {
      throw new AppError('CONFLICT', [
        { path: 'title', code: 'HONOUR_EXISTS', message: `${holder.name} 的该称号（同年度、同级别）已登记` },
      ]);
    }
    await ctx.audit.record(tx, audit, {
      action: 'honour.recorded',
      objectType: 'honour',
      objectId: row.id,
      detail: {
        holderName: holder.name,
        title: input.title,
        level: input.level,
        issuer: input.issuer,
        year: input.year,
      },
    });
    return presentHonour(row);
  });
}

export async function listHonours(
  ctx: AppContext,
  actor: Actor,
  query: { holderId?: string; level?: string; year?: number },
): Promise<HonourList> {
  const rows = await listHonourRows(ctx.database.db, actor, query);
  const byLevel = new Map<string, number>();
  for (const row of rows) byLevel.set(row.level, (byLevel.get(row.level) ?? 0) + 1);
  return {
    items: rows.map(presentHonour),
    byLevel: (['national', 'province', 'city', 'district', 'street'] as const)
      .filter((level) => byLevel.has(level))
      .map((level) => ({ level, count: byLevel.get(level)! })),
  };
}
