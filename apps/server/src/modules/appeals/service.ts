// 诉求 appeals: raising one (idempotent), reading them within scope, and moving them through the state
// machine — every transition checked (state-machine.ts), versioned, written to the timeline and audited in
// one transaction, with the notifications it causes.
import type {
  AppealAction,
  AppealListQuery,
  AppealState,
  AppealSummary,
  AppealTransitionRequest,
  AppealView,
  CreateAppealRequest,
  ForwardState,
  InboxItem,
  InboxQuery,
} from '@qinqing/shared';
import { actsForFederation, appealRaisingScope, worksForDepartment } from '../../core/access/appeal-scope.ts';
import { federationSubtree } from '../../core/access/registry-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, forbidden, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { DbOrTx, Tx } from '../../db/connection.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import { notify } from '../notifications/service.ts';
import { resolveChannel } from '../channels/repository.ts';
import { chambersOfSecretary, findChamber } from '../chambers/repository.ts';
import { enterpriseVisited } from '../visits/repository.ts';
import {
  accountsOver,
  attachmentsOf,
  contactAccountsOf,
  currentForwardsOf,
  eventsOf,
  findAppeal,
  findByIdempotencyKey,
  findCategory,
  enterpriseWithin,
  forwardsOf,
  insertEvent,
  insertForward,
  isStaffAccount,
  liaisonsOf,
  listAppeals,
  listInbox,
  raiseWithEvent,
  rateForwards,
  updateAppeal,
  updateForward,
  type AppealRecord,
  type AppealRow,
  type AttachmentRecord,
  type EventRecord,
  type ForwardRecord,
  type ForwardRow,
} from './repository.ts';
import { allowedActions, capacityFor, isAllowed, stateFromForwards, type Capacity } from './state-machine.ts';

const DAY_MS = 86_400_000;
const OPEN: readonly string[] = ['pending', 'accepted'];

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

function reopenUntil(ctx: AppContext, appeal: AppealRow): Date | null {
  if (!appeal.confirmedAt || !['confirmed', 'closed'].includes(appeal.state)) return null;
  return new Date(appeal.confirmedAt.getTime() + ctx.config.appealReopenDays * DAY_MS);
}

function reopenable(ctx: AppContext, appeal: AppealRow): boolean {
  const until = reopenUntil(ctx, appeal);
  return until !== null && ctx.clock.now() <= until;
}

/** The capacities the caller holds on this appeal, and the open forward of their department, if any. */
function capacitiesOf(actor: Actor, appeal: AppealRecord, forwards: ForwardRecord[]) {
  const capacities = new Set<Capacity>();
  const federation = actsForFederation(actor, appeal.orgPath);
  if (federation) capacities.add('federation');
  const forward = forwards.find(
    (f) => f.round === appeal.round && OPEN.includes(f.state) && worksForDepartment(actor, f.departmentPath),
  );
  if (forward) capacities.add('department');
  const ownEnterprise =
    actor.roles.includes('enterprise_contact') && actor.enterpriseId === appeal.enterpriseId;
  if (actor.permissions.has('appeals.rate') && (ownEnterprise || federation)) capacities.add('enterprise');
  return { capacities, forward };
}

function presentForward(ctx: AppContext, forward: ForwardRecord) {
  const now = ctx.clock.now();
  return {
    id: forward.id,
    round: forward.round,
    departmentId: forward.departmentId,
    departmentName: forward.departmentName,
    channelId: forward.channelId,
    state: forward.state as ForwardState,
    forwardedAt: forward.forwardedAt.toISOString(),
    respondDueAt: forward.respondDueAt.toISOString(),
    resolveDueAt: forward.resolveDueAt.toISOString(),
    respondedAt: iso(forward.respondedAt),
    acceptedAt: iso(forward.acceptedAt),
    returnedAt: iso(forward.returnedAt),
    returnReason: forward.returnReason,
    answeredAt: iso(forward.answeredAt),
    answer: forward.answer,
    responseOverdue: forward.responseOverdue,
    resolveOverdue: forward.resolveOverdue,
    workingDaysLeft: OPEN.includes(forward.state)
      ? ctx.calendar.workingDaysBetween(now, forward.resolveDueAt)
      : null,
  };
}

function summaryFields(
  appeal: AppealRow & { enterpriseName: string; categoryName: string },
  departments: AppealSummary['departments'],
): AppealSummary {
  return {
    id: appeal.id,
    number: appeal.number,
    title: appeal.title,
    enterpriseId: appeal.enterpriseId,
    enterpriseName: appeal.enterpriseName,
    orgUnitId: appeal.orgUnitId,
    category: appeal.categoryCode,
    categoryName: appeal.categoryName,
    source: appeal.source as AppealSummary['source'],
    urgency: appeal.urgency as AppealSummary['urgency'],
    state: appeal.state as AppealState,
    outcome: appeal.outcome as AppealSummary['outcome'],
    satisfaction: appeal.satisfaction as AppealSummary['satisfaction'],
    overdue: appeal.overdue,
    receivedAt: appeal.receivedAt.toISOString(),
    respondDueAt: iso(appeal.respondDueAt),
    resolveDueAt: iso(appeal.resolveDueAt),
    departments,
    version: appeal.version,
  };
}

async function loadView(ctx: AppContext, db: DbOrTx, actor: Actor, id: string): Promise<AppealView> {
  const appeal = await findAppeal(db, actor, id);
  if (!appeal) throw notFound();
  const [forwards, events, attachments] = await Promise.all([
    forwardsOf(db, id),
    eventsOf(db, id),
    attachmentsOf(db, id),
  ]);
  return viewOf(ctx, actor, appeal, forwards, events, attachments);
}

/** The appeal's page as the caller sees it, from its record, forwards, timeline and attachments. */
function viewOf(
  ctx: AppContext,
  actor: Actor,
  appeal: AppealRecord,
  forwards: ForwardRecord[],
  events: EventRecord[],
  attachments: AttachmentRecord[],
): AppealView {
  const { capacities, forward } = capacitiesOf(actor, appeal, forwards);
  const machine = { state: appeal.state as AppealState, reopenable: reopenable(ctx, appeal) };
  const current = forwards.filter((f) => f.round === appeal.round);
  return {
    ...summaryFields(
      appeal,
      current.map((f) => ({ id: f.departmentId, name: f.departmentName, state: f.state as ForwardState })),
    ),
    description: appeal.description,
    chamberId: appeal.chamberId,
    chamberName: appeal.chamberName,
    visitId: appeal.visitId,
    invalidReason: appeal.invalidReason,
    mergedIntoId: appeal.mergedIntoId,
    mergedIntoNumber: appeal.mergedIntoNumber,
    raisedByName: appeal.raisedByName,
    validatedAt: iso(appeal.validatedAt),
    forwardedAt: iso(appeal.forwardedAt),
    respondedAt: iso(appeal.respondedAt),
    answeredAt: iso(appeal.answeredAt),
    confirmedAt: iso(appeal.confirmedAt),
    ratedAt: iso(appeal.ratedAt),
    ratedVia: appeal.ratedVia as AppealView['ratedVia'],
    closedAt: iso(appeal.closedAt),
    reopenUntil: machine.reopenable ? iso(reopenUntil(ctx, appeal)) : null,
    reopenCount: appeal.reopenCount,
    round: appeal.round,
    forwards: forwards.map((f) => presentForward(ctx, f)),
    events: events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
    attachments: attachments.map((a) => ({ ...a, uploadedAt: a.uploadedAt.toISOString() })),
    allowedActions: allowedActions(
      machine,
      capacities,
      forward ? { state: forward.state as ForwardState } : undefined,
    ),
  };
}

export function getAppeal(ctx: AppContext, actor: Actor, id: string): Promise<AppealView> {
  return loadView(ctx, ctx.database.db, actor, id);
}

export async function listAppealSummaries(
  ctx: AppContext,
  actor: Actor,
  query: AppealListQuery,
): Promise<{ items: AppealSummary[]; total: number }> {
  const db = ctx.database.db;
  const { rows, total } = await listAppeals(db, actor, query);
  const forwards = await currentForwardsOf(
    db,
    rows.map((row) => row.id),
  );
  const byAppeal = new Map<string, AppealSummary['departments']>();
  for (const f of forwards) {
    const list = byAppeal.get(f.appealId) ?? [];
    list.push({ id: f.departmentId, name: f.departmentName, state: f.state as ForwardState });
    byAppeal.set(f.appealId, list);
  }
  return { items: rows.map((row) => summaryFields(row, byAppeal.get(row.id) ?? [])), total };
}

export async function listInboxItems(
  ctx: AppContext,
  actor: Actor,
  query: InboxQuery,
): Promise<{ items: InboxItem[]; total: number }> {
  const { rows, total } = await listInbox(ctx.database.db, actor, query);
  return {
    items: rows.map((row) => ({
      ...row,
      urgency: row.urgency as InboxItem['urgency'],
      state: row.state as ForwardState,
      forwardedAt: row.forwardedAt.toISOString(),
      respondDueAt: row.respondDueAt.toISOString(),
      resolveDueAt: row.resolveDueAt.toISOString(),
    })),
    total,
  };
}

// Raising an appeal.

const IDEMPOTENCY_KEY = /^[\w.:-]{8,100}$/;

const enterpriseNotFound = () =>
  invalidField('enterpriseId', 'ENTERPRISE_NOT_FOUND', '企业不存在或不在您的管辖范围内');

async function checkVisit(tx: Tx, visitId: string, enterpriseId: string): Promise<void> {
  if ((await enterpriseVisited(tx, visitId)) !== enterpriseId) {
    throw invalidField('visitId', 'VISIT_MISMATCH', '所选走访不存在，或不是对该企业的走访');
  }
}

/** The chamber an appeal is raised through: the one given (in scope), or a secretary's own chamber. */
async function chamberOf(
  tx: Tx,
  actor: Actor,
  chamberId: string | undefined,
): Promise<{ id: string; name: string } | null> {
  if (chamberId) {
    const chamber = await findChamber(tx, actor, chamberId);
    if (!chamber) throw invalidField('chamberId', 'CHAMBER_NOT_FOUND', '所选商会不存在或不在您的管辖范围内');
    return { id: chamber.id, name: chamber.name };
  }
  if (!actor.roles.includes('chamber_secretary')) return null;
  // A secretary of one chamber raises through it; one over several must say which.
  const own = await chambersOfSecretary(tx, actor, 2);
  return own.length === 1 ? own[0]! : null;
}

export async function raiseAppeal(
  ctx: AppContext,
  actor: Actor,
  body: CreateAppealRequest,
  idempotencyKey: string | undefined,
  audit: AuditContext,
): Promise<{ appeal: AppealView; replayed: boolean }> {
  if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw invalidField(
      'Idempotency-Key',
      'INVALID_IDEMPOTENCY_KEY',
      'Idempotency-Key 请求头应为 8–100 个字母、数字或 . _ : - 字符（如一个 UUID）',
    );
  }
  const selfService = actor.roles.includes('enterprise_contact') && actor.enterpriseId === body.enterpriseId;
  if (selfService && !actor.permissions.has('appeals.triage') && body.source !== 'self_service') {
    throw invalidField(
      'source',
      'SOURCE_NOT_ALLOWED',
      '企业自行提出的诉求，来源应为 self_service（企业自主提交）',
    );
  }
  const raised = await ctx.database.db.transaction(async (tx) => {
    // Staff and leaders reach the enterprises of their subtree: the raising statement checks the path
    // itself. A secretary's or an enterprise's reach is asked of the database first.
    const subtree = actor.roles.includes('enterprise_contact')
      ? undefined
      : federationSubtree(actor, 'write');
    if (subtree === undefined && !(await enterpriseWithin(tx, appealRaisingScope(actor), body.enterpriseId)))
      throw enterpriseNotFound();
    if (body.visitId) await checkVisit(tx, body.visitId, body.enterpriseId);
    const chamber = await chamberOf(tx, actor, body.chamberId);
    const now = ctx.clock.now();
    const day = shanghaiDay(now);
    const event = {
      occurredAt: now,
      actorName: actor.displayName,
      action: 'raise',
      fromState: null,
      toState: 'submitted',
      note: null,
      detail: { source: body.source, urgency: body.urgency, category: body.category },
    };
    const { target, appeal, eventId } = await raiseWithEvent(tx, {
      enterpriseId: body.enterpriseId,
      categoryCode: body.category,
      withinPath: subtree ?? '/',
      chamberId: chamber?.id ?? null,
      visitId: body.visitId ?? null,
      title: body.title,
      description: body.description,
      source: body.source,
      urgency: body.urgency,
      raisedBy: actor.userId,
      raisedByName: actor.displayName,
      at: now,
      day,
      idempotencyKey: idempotencyKey ?? null,
      eventDetail: event.detail,
    });
    if (!target) throw enterpriseNotFound();
    if (target.mergedIntoId) {
      throw invalidField(
        'enterpriseId',
        'ENTERPRISE_MERGED',
        '该企业记录已合并到另一条记录，请为合并后的企业提出诉求',
      );
    }
    const category = target.category;
    if (!category || !category.active) {
      throw invalidField('category', 'UNKNOWN_CATEGORY', '诉求类别不存在或已停用，请从类别列表中选择');
    }
    if (!appeal || eventId === undefined)
      return { id: await replayedAppeal(tx, actor, idempotencyKey!, body) };
    // Raised by an enterprise or a chamber: the federation's staff over the enterprise are told.
    if (!actor.permissions.has('appeals.triage')) {
      await notify(ctx, tx, {
        recipientIds: await accountsOver(tx, 'federation_staff', target.orgPath),
        kind: 'appeal.raised',
        title: `新诉求待受理：${body.title}`,
        body: `${target.name}提出诉求 ${appeal.number}，请受理。`,
        link: `/appeals/${appeal.id}`,
        objectType: 'appeal',
        objectId: appeal.id,
      });
    }
    await ctx.audit.record(tx, audit, {
      action: 'appeal.raised',
      objectType: 'appeal',
      objectId: appeal.id,
      detail: {
        number: appeal.number,
        enterpriseId: target.id,
        category: category.code,
        source: body.source,
      },
    });
    // Everything the new appeal's page shows is at hand: no forwards or attachments yet, one event.
    const record: AppealRecord = {
      ...appeal,
      orgPath: target.orgPath,
      enterpriseName: target.name,
      categoryName: category.name,
      chamberName: chamber?.name ?? null,
      raisedByName: actor.displayName,
      mergedIntoNumber: null,
    };
    return {
      id: appeal.id,
      view: viewOf(ctx, actor, record, [], [{ ...event, id: eventId, departmentName: null }], []),
    };
  });
  if (raised.view) return { appeal: raised.view, replayed: false };
  return { appeal: await getAppeal(ctx, actor, raised.id), replayed: true };
}

/** A retried request: the appeal raised earlier with this key, if the request is the same. */
async function replayedAppeal(tx: Tx, actor: Actor, key: string, body: CreateAppealRequest): Promise<string> {
  const existing = await findByIdempotencyKey(tx, actor.userId, key);
  if (!existing) throw new AppError('CONFLICT');
  const same =
    existing.enterpriseId === body.enterpriseId &&
    existing.categoryCode === body.category &&
    existing.title === body.title &&
    existing.description === body.description;
  if (!same) {
    throw new AppError('CONFLICT', [
      {
        path: 'Idempotency-Key',
        code: 'IDEMPOTENCY_KEY_REUSED',
        message: '该 Idempotency-Key 已用于另一条不同内容的诉求，请为新诉求使用新的 Key',
      },
    ]);
  }
  return existing.id;
}

// Transitions.

interface Step {
  appeal: AppealRecord;
  forwards: ForwardRecord[];
  forward: ForwardRecord | undefined;
  actor: Actor;
  now: Date;
  tx: Tx;
}

interface Outcome {
  patch: Partial<AppealRow>;
  /** Timeline entries besides the main one (e.g. one per department forwarded to). */
  events?: { forwardId?: string; note?: string | null; detail?: Record<string, unknown> }[];
  note?: string | null;
  detail?: Record<string, unknown>;
  /** Notifications to send inside the transaction once the appeal is updated. */
  notices?: Notice[];
}

interface Notice {
  recipientIds: string[];
  kind: string;
  title: string;
  body: string;
  webhookUrls?: string[];
}

/** The appeal's state, outcome and deadlines once the current round's forwards are as given. */
function fromForwards(
  step: Step,
  forwards: { state: string; respondDueAt: Date; resolveDueAt: Date; resolveOverdue: boolean }[],
) {
  const { state, outcome } = stateFromForwards(forwards.map((f) => f.state as ForwardState));
  const patch: Partial<AppealRow> = { state };
  if (state === 'answered') {
    patch.outcome = outcome;
    patch.answeredAt = step.now;
    patch.overdue = false;
  }
  const open = forwards.filter((f) => OPEN.includes(f.state));
  if (open.length > 0) patch.overdue = open.some((f) => f.resolveOverdue);
  return patch;
}

function currentRound(step: Step) {
  return step.forwards.filter((f) => f.round === step.appeal.round);
}

async function departmentAction(
  step: Step,
  change: Partial<ForwardRecord>,
  event: { note: string | null; detail?: Record<string, unknown> },
): Promise<Outcome> {
  const forward = step.forward!;
  const forwardPatch = {
    ...change,
    respondedAt: forward.respondedAt ?? step.now,
    handledBy: step.actor.userId,
  };
  await updateForward(step.tx, forward.id, forwardPatch, step.now);
  const round = currentRound(step).map((f) => (f.id === forward.id ? { ...f, ...forwardPatch } : f));
  const patch = fromForwards(step, round);
  patch.respondedAt = step.appeal.respondedAt ?? step.now;
  return { patch, events: [{ forwardId: forward.id, ...event }] };
}

async function staffOf(tx: Tx, appeal: AppealRecord, forwards: ForwardRecord[]): Promise<string[]> {
  const ids = new Set<string>();
  for (const f of forwards) if (f.forwardedBy) ids.add(f.forwardedBy);
  if (appeal.raisedBy && (await isStaffAccount(tx, appeal.raisedBy))) ids.add(appeal.raisedBy);
  return [...ids];
}

async function forward(
  ctx: AppContext,
  step: Step,
  departmentIds: string[],
  note: string | null,
): Promise<Outcome> {
  const { tx, appeal, now } = step;
  const unique = [...new Set(departmentIds)];
  const open = currentRound(step).filter((f) => OPEN.includes(f.state));
  const category = await findCategory(tx, appeal.categoryCode);
  const inserted: (ForwardRow & { departmentName: string })[] = [];
  const notices: Notice[] = [];
  for (const departmentId of unique) {
    const path = `departmentIds.${departmentIds.indexOf(departmentId)}`;
    if (open.some((f) => f.departmentId === departmentId)) {
      throw invalidField(path, 'ALREADY_FORWARDED', '该部门正在办理此诉求，无需重复转办');
    }
    const channel = await resolveChannel(tx, departmentId, appeal.orgPath, appeal.categoryCode);
    if (!channel) {
      throw invalidField(path, 'NO_CHANNEL', '该部门没有可用的快捷通道，请先在“快捷通道”中为其设置通道');
    }
    const respondDays = channel.respondDays ?? category!.respondDays;
    const resolveDays = channel.resolveDays ?? category!.resolveDays;
    const row = await insertForward(tx, {
      appealId: appeal.id,
      round: appeal.round,
      departmentId,
      channelId: channel.id,
      orgUnitId: appeal.orgUnitId,
      categoryCode: appeal.categoryCode,
      state: 'pending',
      forwardedAt: now,
      forwardedOn: shanghaiDay(now),
      forwardedBy: step.actor.userId,
      respondDueAt: ctx.calendar.addWorkingDays(now, respondDays),
      resolveDueAt: ctx.calendar.addWorkingDays(now, resolveDays),
      updatedAt: now,
    });
    inserted.push({ ...row, departmentName: channel.departmentName });
    notices.push({
      recipientIds: await liaisonsOf(tx, departmentId),
      kind: 'appeal.forwarded',
      title: `新转办诉求：${appeal.title}`,
      body: `诉求 ${appeal.number}（${appeal.enterpriseName}）已转至${channel.departmentName}，请在 ${respondDays} 个工作日内响应、${resolveDays} 个工作日内办结。`,
      webhookUrls: channel.webhookUrl ? [channel.webhookUrl] : [],
    });
  }
  const round = [...currentRound(step), ...inserted];
  const openAfter = round.filter((f) => OPEN.includes(f.state));
  const patch = fromForwards(step, round);
  patch.forwardedAt = appeal.forwardedAt ?? now;
  patch.respondDueAt = new Date(Math.min(...openAfter.map((f) => f.respondDueAt.getTime())));
  patch.resolveDueAt = new Date(Math.max(...openAfter.map((f) => f.resolveDueAt.getTime())));
  return {
    patch,
    note,
    detail: { departments: inserted.map((f) => f.departmentName) },
    events: inserted.map((f) => ({
      forwardId: f.id,
      detail: { respondDueAt: f.respondDueAt.toISOString(), resolveDueAt: f.resolveDueAt.toISOString() },
    })),
    notices,
  };
}

async function merge(step: Step, intoId: string, note: string | null): Promise<Outcome> {
  const { tx, appeal, actor } = step;
  if (intoId === appeal.id) throw invalidField('intoId', 'SELF_MERGE', '不能把诉求合并到它自己');
  const target = await findAppeal(tx, actor, intoId, { lock: true });
  if (!target || !actsForFederation(actor, target.orgPath)) {
    throw invalidField('intoId', 'TARGET_NOT_FOUND', '合并目标诉求不存在或不在您的管辖范围内');
  }
  if (['invalid', 'merged'].includes(target.state)) {
    throw invalidField('intoId', 'TARGET_CLOSED', '合并目标诉求已无效或已被合并，请选择另一条诉求');
  }
  await insertEvent(tx, {
    appealId: target.id,
    occurredAt: step.now,
    actorId: actor.userId,
    actorName: actor.displayName,
    action: 'merged_from',
    note,
    detail: { appealId: appeal.id, number: appeal.number },
  });
  return {
    patch: { state: 'merged', mergedIntoId: target.id },
    note,
    detail: { intoId: target.id, into: target.number },
  };
}

async function decide(ctx: AppContext, step: Step, request: AppealTransitionRequest): Promise<Outcome> {
  const { appeal, now, tx, actor } = step;
  switch (request.action) {
    case 'mark_valid':
      return { patch: { state: 'valid', validatedAt: now }, note: request.note ?? null };
    case 'mark_invalid':
      return { patch: { state: 'invalid', invalidReason: request.reason }, note: request.reason };
    case 'merge':
      return merge(step, request.intoId, request.note ?? null);
    case 'forward':
      return forward(ctx, step, request.departmentIds, request.note ?? null);
    case 'accept':
      return departmentAction(step, { state: 'accepted', acceptedAt: now }, { note: request.note ?? null });
    case 'reply':
      return departmentAction(step, {}, { note: request.note });
    case 'return': {
      const outcome = await departmentAction(
        step,
        { state: 'returned', returnedAt: now, returnReason: request.reason },
        { note: request.reason },
      );
      outcome.notices = [
        {
          recipientIds: await staffOf(tx, appeal, step.forwards),
          kind: 'appeal.returned',
          title: `诉求被退回：${appeal.title}`,
          body: `${step.forward!.departmentName}退回了诉求 ${appeal.number}：${request.reason}`,
        },
      ];
      return outcome;
    }
    case 'resolve':
    case 'explain_unsolvable': {
      const state = request.action === 'resolve' ? 'resolved' : 'unsolvable';
      const outcome = await departmentAction(
        step,
        { state, answeredAt: now, answer: request.note },
        { note: request.note },
      );
      if (outcome.patch.state === 'answered') {
        outcome.notices = [
          {
            recipientIds: await staffOf(tx, appeal, step.forwards),
            kind: 'appeal.answered',
            title: `诉求已答复，请确认：${appeal.title}`,
            body: `诉求 ${appeal.number} 已由承办部门${state === 'resolved' ? '办结' : '解释说明（无法解决）'}，请确认并回访企业。`,
          },
        ];
      }
      return outcome;
    }
    case 'confirm':
      return {
        patch: { state: 'confirmed', confirmedAt: now },
        note: request.note ?? null,
        notices: [
          {
            recipientIds: await contactAccountsOf(tx, appeal.enterpriseId),
            kind: 'appeal.confirmed',
            title: `请评价诉求办理结果：${appeal.title}`,
            body: `您的诉求 ${appeal.number} 已办结，请对办理结果作出评价（满意/基本满意/不满意）。`,
          },
        ],
      };
    case 'rate': {
      const own = actor.roles.includes('enterprise_contact') && actor.enterpriseId === appeal.enterpriseId;
      const via = own ? 'self_service' : request.via;
      if (!via || (!own && via === 'self_service')) {
        throw invalidField(
          'via',
          'RATING_CHANNEL_REQUIRED',
          '代企业评价时须注明回访方式：phone（电话）或 visit（走访）',
        );
      }
      const rounded = currentRound(step).filter((f) => ['resolved', 'unsolvable'].includes(f.state));
      await rateForwards(
        tx,
        rounded.map((f) => f.id),
        request.satisfaction,
        now,
      );
      const notices: Notice[] =
        request.satisfaction === 'dissatisfied'
          ? [
              {
                recipientIds: await staffOf(tx, appeal, step.forwards),
                kind: 'appeal.dissatisfied',
                title: `企业对办理结果不满意：${appeal.title}`,
                body: `诉求 ${appeal.number} 被评为“不满意”，企业可在 ${ctx.config.appealReopenDays} 天内申请重新办理。`,
              },
            ]
          : [];
      return {
        patch: {
          state: 'closed',
          satisfaction: request.satisfaction,
          ratedAt: now,
          ratedVia: via,
          closedAt: now,
        },
        note: request.note ?? null,
        detail: { satisfaction: request.satisfaction, via },
        notices,
      };
    }
    case 'reopen':
      return {
        patch: {
          state: 'valid',
          round: appeal.round + 1,
          reopenCount: appeal.reopenCount + 1,
          outcome: null,
          answeredAt: null,
          confirmedAt: null,
          satisfaction: null,
          ratedAt: null,
          ratedVia: null,
          closedAt: null,
          overdue: false,
          respondDueAt: null,
          resolveDueAt: null,
        },
        note: request.reason,
        notices: [
          {
            recipientIds: await staffOf(tx, appeal, step.forwards),
            kind: 'appeal.reopened',
            title: `诉求重新办理：${appeal.title}`,
            body: `诉求 ${appeal.number} 已重新打开：${request.reason}`,
          },
        ],
      };
  }
}

export async function transitionAppeal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  request: AppealTransitionRequest,
  audit: AuditContext,
): Promise<AppealView> {
  await ctx.database.db.transaction(async (tx) => {
    const appeal = await findAppeal(tx, actor, id, { lock: true });
    if (!appeal) throw notFound();
    if (appeal.version !== request.version) throw versionConflict();
    const forwards = await forwardsOf(tx, id);
    const { capacities, forward } = capacitiesOf(actor, appeal, forwards);
    const action: AppealAction = request.action;
    const needed = capacityFor(action);
    // Acting in a capacity one cannot hold is refused; one that exists but not now is an illegal transition.
    if (!capacities.has(needed) && !(needed === 'department' && actor.permissions.has('appeals.handle'))) {
      throw forbidden();
    }
    const machine = { state: appeal.state as AppealState, reopenable: reopenable(ctx, appeal) };
    if (
      !isAllowed(action, machine, capacities, forward ? { state: forward.state as ForwardState } : undefined)
    ) {
      throw new AppError('INVALID_TRANSITION', undefined, { state: appeal.state, action });
    }
    const now = ctx.clock.now();
    const outcome = await decide(ctx, { appeal, forwards, forward, actor, now, tx }, request);
    if (!(await updateAppeal(tx, id, appeal.version, outcome.patch, now))) throw versionConflict();
    const toState = outcome.patch.state ?? appeal.state;
    const base = {
      appealId: id,
      occurredAt: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action,
    };
    if (outcome.events?.length) {
      for (const event of outcome.events) {
        await insertEvent(tx, {
          ...base,
          forwardId: event.forwardId ?? null,
          fromState: appeal.state,
          toState,
          note: event.note ?? outcome.note ?? null,
          detail: event.detail ?? outcome.detail ?? null,
        });
      }
    } else {
      await insertEvent(tx, {
        ...base,
        fromState: appeal.state,
        toState,
        note: outcome.note ?? null,
        detail: outcome.detail ?? null,
      });
    }
    await ctx.audit.record(tx, audit, {
      action: `appeal.${action}`,
      objectType: 'appeal',
      objectId: id,
      detail: {
        number: appeal.number,
        from: appeal.state,
        to: toState,
        note: outcome.note ?? undefined,
        ...outcome.detail,
      },
    });
    for (const notice of outcome.notices ?? []) {
      const recipients = notice.recipientIds.filter((recipient) => recipient !== actor.userId);
      if (recipients.length === 0 && !notice.webhookUrls?.length) continue;
      await notify(ctx, tx, {
        recipientIds: recipients,
        kind: notice.kind,
        title: notice.title,
        body: notice.body,
        link: `/appeals/${id}`,
        objectType: 'appeal',
        objectId: id,
        webhookUrls: notice.webhookUrls,
      });
    }
  });
  return getAppeal(ctx, actor, id);
}
