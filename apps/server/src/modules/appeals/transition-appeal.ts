// 诉求流转 moving an appeal through its state machine (state-machine.ts) on core/transitions: the appeal
// locked with its forwards, the caller's standing decided on, then each action's effect — the forwards it
// writes, the appeal's change, its timeline entries, audit detail and notices.
import {
  UNRATED_WORD,
  type AppealTransitionRequest,
  type AppealView,
  type ForwardState,
} from '@qinqing/shared';
import { actsForFederation } from '../../core/access/appeal-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound } from '../../core/errors.ts';
import {
  runTransition,
  type TransitionEffect,
  type TransitionMachine,
  type TransitionNotice,
  type TransitionStep,
} from '../../core/transitions/transitions.ts';
import type { Tx } from '../../db/connection.ts';
import { departmentExists, findDepartment, resolveChannel } from '../channels/repository.ts';
import { closeTodos, notify } from '../notifications/service.ts';
import {
  acceptedProgressNotice,
  answeredNotice,
  answeredProgressNotice,
  closedProgressNotice,
  closedUnratedNotice,
  confirmedNotice,
  dissatisfiedNotice,
  forwardedNotice,
  forwardedProgressNotice,
  reopenedNotice,
  returnedNotice,
} from './appeal-notices.ts';
import { machineAppeal, OPEN_FORWARD, standingOn, type AppealStanding } from './appeal-standing.ts';
import { getAppeal } from './read-appeals.ts';
import {
  contactAccountsOf,
  findAppeal,
  findCategory,
  forwardsOf,
  insertEvent,
  insertForward,
  isStaffAccount,
  liaisonsOf,
  rateForwards,
  updateAppeal,
  updateForward,
  type AppealRecord,
  type AppealRow,
  type ForwardRecord,
  type ForwardRow,
} from './repository.ts';
import { decideAppeal, stateFromForwards, type MachineAppeal } from './state-machine.ts';

/** The appeal as locked for a transition, with all its forwards. */
interface LockedAppeal extends AppealRecord {
  forwards: ForwardRecord[];
}

/** What a person may ask (the API's requests), and the system's own move on an appeal nobody rated. */
type AppealRequest = AppealTransitionRequest | { action: 'close_unrated'; version: number };

type Step = TransitionStep<LockedAppeal, AppealStanding, AppealRequest>;

/** What one action does: the appeal's change, what its timeline and audit record say, whom it tells. */
interface Change {
  patch: Partial<AppealRow>;
  note?: string | null;
  detail?: Record<string, unknown>;
  /** Timeline entries instead of the one the action writes by default (one per department forwarded to…). */
  events?: { forwardId?: string; note?: string | null; detail?: Record<string, unknown> }[];
  notices?: TransitionNotice[];
  /** The to-dos it answers, when more than the action (TransitionEffect.done). */
  done?: string[];
}

interface AppealOutcome extends TransitionEffect {
  patch: Partial<AppealRow>;
  events: { forwardId: string | null; note: string | null; detail: Record<string, unknown> | null }[];
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
  const open = forwards.filter((f) => OPEN_FORWARD.includes(f.state));
  if (open.length > 0) patch.overdue = open.some((f) => f.resolveOverdue);
  return patch;
}

function currentRound(step: Step) {
  return step.subject.forwards.filter((f) => f.round === step.subject.round);
}

/** A department's action on its open forward, and the appeal's state once its round's forwards are so. */
async function departmentAction(
  step: Step,
  change: Partial<ForwardRecord>,
  event: { note: string | null; detail?: Record<string, unknown> },
): Promise<Change> {
  // decideAppeal allowed a department action only with the department's open forward.
  const forward = step.capacity.departmentForward!;
  const forwardPatch = {
    ...change,
    respondedAt: forward.respondedAt ?? step.now,
    handledBy: step.actor.userId,
  };
  await updateForward(step.tx, forward.id, forwardPatch, step.now);
  const round = currentRound(step).map((f) => (f.id === forward.id ? { ...f, ...forwardPatch } : f));
  const patch = fromForwards(step, round);
  patch.respondedAt = step.subject.respondedAt ?? step.now;
  const action = step.request.action;
  return {
    patch,
    events: [{ forwardId: forward.id, ...event }],
    done: [action, `${action}@${forward.departmentId}`],
  };
}

/** The staff who forwarded the appeal, and its raiser when staff: told of returns, answers and reopenings. */
async function staffOf(tx: Tx, appeal: LockedAppeal): Promise<string[]> {
  const ids = new Set<string>();
  for (const f of appeal.forwards) if (f.forwardedBy) ids.add(f.forwardedBy);
  if (appeal.raisedBy && (await isStaffAccount(tx, appeal.raisedBy))) ids.add(appeal.raisedBy);
  return [...ids];
}

async function forward(step: Step, departmentIds: string[], note: string | null): Promise<Change> {
  const { ctx, tx, subject: appeal, now } = step;
  const unique = [...new Set(departmentIds)];
  const open = currentRound(step).filter((f) => OPEN_FORWARD.includes(f.state));
  const category = await findCategory(tx, appeal.categoryCode, appeal.orgPath);
  const inserted: (ForwardRow & { departmentName: string })[] = [];
  const notices: TransitionNotice[] = [];
  for (const departmentId of unique) {
    const path = `departmentIds.${departmentIds.indexOf(departmentId)}`;
    if (open.some((f) => f.departmentId === departmentId)) {
      throw invalidField(path, 'ALREADY_FORWARDED', '该部门正在办理此诉求，无需重复转办');
    }
    const channel = await resolveChannel(tx, departmentId, appeal.orgPath, appeal.categoryCode);
    if (!channel) {
      // A department outside the federation's tree (a city's, its channel not opened to the district, or a
      // sibling district's) is not the forwarder's to reach: 404; an unknown id stays bad input below.
      if ((await departmentExists(tx, departmentId)) && !(await findDepartment(tx, step.actor, departmentId)))
        throw notFound();
      throw invalidField(path, 'NO_CHANNEL', '该部门没有可用的快捷通道，请先在“快捷通道”中为其设置通道');
    }
    // A forward nobody receives is lost: the department needs a liaison account, or the channel a webhook.
    const liaisons = await liaisonsOf(tx, departmentId);
    if (liaisons.length === 0 && !channel.webhookUrl) {
      throw new AppError('DEPARTMENT_HAS_NO_LIAISON', [
        {
          path,
          code: 'DEPARTMENT_HAS_NO_LIAISON',
          message: `${channel.departmentName}没有可用的联络员账号，转办后无人接收`,
        },
      ]);
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
      acrossLevels: channel.acrossLevels,
      respondDueAt: ctx.calendar.addWorkingDays(now, respondDays),
      resolveDueAt: ctx.calendar.addWorkingDays(now, resolveDays),
      updatedAt: now,
    });
    inserted.push({ ...row, departmentName: channel.departmentName });
    notices.push({
      recipientIds: liaisons,
      ...forwardedNotice(appeal, {
        departmentId,
        departmentName: channel.departmentName,
        respondDays,
        resolveDays,
      }),
      webhookUrls: channel.webhookUrl ? [channel.webhookUrl] : [],
    });
  }
  const round = [...currentRound(step), ...inserted];
  const openAfter = round.filter((f) => OPEN_FORWARD.includes(f.state));
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
    notices: [
      ...notices,
      {
        recipientIds: await contactAccountsOf(tx, appeal.enterpriseId),
        ...forwardedProgressNotice(
          appeal,
          inserted.map((f) => f.departmentName),
        ),
      },
    ],
  };
}

async function merge(step: Step, intoId: string, note: string | null): Promise<Change> {
  const { tx, subject: appeal, actor } = step;
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
    done: ['*'],
  };
}

async function rate(
  step: Step,
  request: Extract<AppealTransitionRequest, { action: 'rate' }>,
): Promise<Change> {
  const { ctx, tx, subject: appeal, actor, now } = step;
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
    notices: [
      { recipientIds: await contactAccountsOf(tx, appeal.enterpriseId), ...closedProgressNotice(appeal) },
      ...(request.satisfaction === 'dissatisfied'
        ? [
            {
              recipientIds: await staffOf(tx, appeal),
              ...dissatisfiedNotice(appeal, ctx.config.appealReopenDays),
            },
          ]
        : []),
    ],
  };
}

async function changeOf(step: Step): Promise<Change> {
  const { subject: appeal, now, tx, request } = step;
  switch (request.action) {
    case 'mark_valid':
      return {
        patch: { state: 'valid', validatedAt: now },
        note: request.note ?? null,
        notices: [
          {
            recipientIds: await contactAccountsOf(tx, appeal.enterpriseId),
            ...acceptedProgressNotice(appeal),
          },
        ],
      };
    case 'mark_invalid':
      return {
        patch: { state: 'invalid', invalidReason: request.reason },
        note: request.reason,
        done: ['*'],
      };
    case 'merge':
      return merge(step, request.intoId, request.note ?? null);
    case 'forward':
      return forward(step, request.departmentIds, request.note ?? null);
    case 'accept':
      return departmentAction(step, { state: 'accepted', acceptedAt: now }, { note: request.note ?? null });
    case 'reply':
      return departmentAction(step, {}, { note: request.note });
    case 'return': {
      const change = await departmentAction(
        step,
        { state: 'returned', returnedAt: now, returnReason: request.reason },
        { note: request.reason },
      );
      const department = step.capacity.departmentForward!.departmentName;
      change.notices = [
        { recipientIds: await staffOf(tx, appeal), ...returnedNotice(appeal, department, request.reason) },
      ];
      return change;
    }
    case 'resolve':
    case 'explain_unsolvable': {
      const state = request.action === 'resolve' ? 'resolved' : 'unsolvable';
      const change = await departmentAction(
        step,
        { state, answeredAt: now, answer: request.note },
        { note: request.note },
      );
      if (change.patch.state === 'answered') {
        const outcome = change.patch.outcome === 'unsolvable' ? 'unsolvable' : 'resolved';
        change.notices = [
          { recipientIds: await staffOf(tx, appeal), ...answeredNotice(appeal, state) },
          {
            recipientIds: await contactAccountsOf(tx, appeal.enterpriseId),
            ...answeredProgressNotice(appeal, outcome, request.note),
          },
        ];
      }
      return change;
    }
    case 'confirm':
      return {
        patch: { state: 'confirmed', confirmedAt: now },
        note: request.note ?? null,
        notices: [
          { recipientIds: await contactAccountsOf(tx, appeal.enterpriseId), ...confirmedNotice(appeal) },
        ],
      };
    case 'rate':
      return rate(step, request);
    case 'close_unrated': {
      const days = step.ctx.config.ratingCloseDays;
      return {
        patch: { state: 'closed', closedAt: now, closedUnrated: true },
        note: `确认后 ${days} 天内企业未评价，系统按${UNRATED_WORD.zh}处理`,
        detail: { days },
        notices: [
          {
            recipientIds: await contactAccountsOf(tx, appeal.enterpriseId),
            ...closedUnratedNotice(appeal, days),
          },
        ],
        // The enterprise's 请评价 to-do is over: it may still reopen within the reopen window.
        done: ['close_unrated', 'rate'],
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
          ratingRemindedAt: null,
          closedUnrated: false,
        },
        note: request.reason,
        notices: [{ recipientIds: await staffOf(tx, appeal), ...reopenedNotice(appeal, request.reason) }],
      };
  }
}

const appealMachine: TransitionMachine<
  LockedAppeal,
  MachineAppeal,
  AppealStanding,
  AppealRequest,
  AppealOutcome
> = {
  objectType: 'appeal',
  async lock(tx, actor, id) {
    const appeal = await findAppeal(tx, actor, id, { lock: true });
    return appeal && { ...appeal, forwards: await forwardsOf(tx, id) };
  },
  stateOf: (appeal, ctx) => machineAppeal(ctx, appeal),
  capacityOf: (actor, appeal) => standingOn(actor, appeal, appeal.forwards),
  decide: decideAppeal,
  async apply(step) {
    const change = await changeOf(step);
    const note = change.note ?? null;
    const detail = change.detail ?? null;
    return {
      patch: change.patch,
      events: change.events?.length
        ? change.events.map((event) => ({
            forwardId: event.forwardId ?? null,
            note: event.note ?? note,
            detail: event.detail ?? detail,
          }))
        : [{ forwardId: null, note, detail }],
      audit: {
        detail: {
          number: step.subject.number,
          from: step.subject.state,
          to: change.patch.state ?? step.subject.state,
          note: change.note ?? undefined,
          ...change.detail,
        },
      },
      notices: change.notices,
      done: change.done,
    };
  },
  save: ({ tx, id, subject, now }, outcome) => updateAppeal(tx, id, subject.version, outcome.patch, now),
  async writeTimeline(step, outcome) {
    for (const event of outcome.events) {
      await insertEvent(step.tx, {
        appealId: step.id,
        forwardId: event.forwardId,
        occurredAt: step.now,
        actorId: step.capacity.capacities.has('system') ? null : step.actor.userId,
        actorName: step.actor.displayName,
        action: step.request.action,
        fromState: step.subject.state,
        toState: outcome.patch.state ?? step.subject.state,
        note: event.note,
        detail: event.detail,
      });
    }
  },
  notifications: { send: notify, link: (id) => `/appeals/${id}`, closeTodos },
};

/** The scheduler, acting on any appeal as the system (no account, so nobody is spared its notices). */
const SYSTEM_ACTOR: Actor = {
  sessionId: 'system',
  userId: '',
  username: 'system',
  displayName: '系统',
  roles: [],
  permissions: new Set(),
  orgUnitId: '',
  orgPath: '/',
  enterpriseId: null,
  mustChangePassword: false,
};

const SYSTEM_AUDIT: AuditContext = {
  actorId: null,
  actorName: 'system',
  actorRoles: [],
  ip: null,
  requestId: null,
};

/** The appeal machine as the system runs it: any appeal, in the system capacity alone. */
const systemMachine: typeof appealMachine = {
  ...appealMachine,
  lock: async (tx, _actor, id) => {
    const appeal = await findAppeal(tx, SYSTEM_ACTOR, id, { lock: true, system: true });
    return appeal && { ...appeal, forwards: await forwardsOf(tx, id) };
  },
  capacityOf: () => ({
    capacities: new Set(['system']),
    forward: undefined,
    liaison: false,
    departmentForward: undefined,
  }),
};

/**
 * Closes a confirmed appeal the enterprise did not rate in time as 未评价办结 (modules/appeals/unrated.ts):
 * its timeline entry, audit record and notices as every transition's. A version moved meanwhile (rated or
 * reopened just now) is 409, left for the next run to see.
 */
export async function closeUnratedAppeal(ctx: AppContext, id: string, version: number): Promise<void> {
  await runTransition(ctx, systemMachine, {
    actor: SYSTEM_ACTOR,
    id,
    request: { action: 'close_unrated', version },
    audit: SYSTEM_AUDIT,
  });
}

export async function transitionAppeal(
  ctx: AppContext,
  actor: Actor,
  id: string,
  request: AppealTransitionRequest,
  audit: AuditContext,
): Promise<AppealView> {
  await runTransition(ctx, appealMachine, { actor, id, request, audit });
  // A return across levels ends the department's sight of the appeal: the answer is still what they did.
  return getAppeal(ctx, actor, id, { justActed: request.action === 'return' });
}
