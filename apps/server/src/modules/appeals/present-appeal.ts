// How an appeal is shown: in a list, in the liaison's inbox, and whole on its page with its forwards,
// timeline, attachments and the actions the caller may take now.
import {
  maskMobile,
  type AppealState,
  type AppealSummary,
  type AppealView,
  type ForwardState,
  type InboxItem,
} from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { mayUnmaskContact } from './appeal-contact.ts';
import { machineAppeal, OPEN_FORWARD, reopenUntil, standingOn } from './appeal-standing.ts';
import type {
  AppealRecord,
  AppealRow,
  AttachmentRecord,
  EventRecord,
  ForwardRecord,
  listInbox,
} from './repository.ts';
import { appealOverdue, forwardOverdue, type Overdue } from './overdue.ts';
import { allowedActions } from './state-machine.ts';

const iso = (value: Date | null | undefined) => (value ? value.toISOString() : null);

function presentForward(ctx: AppContext, forward: ForwardRecord) {
  const now = ctx.clock.now();
  const overdue = forwardOverdue(forward, now);
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
    responseOverdue: overdue.response,
    resolveOverdue: overdue.resolution,
    workingDaysLeft: OPEN_FORWARD.includes(forward.state)
      ? ctx.calendar.workingDaysBetween(now, forward.resolveDueAt)
      : null,
    calendarMissing: ctx.calendar.missingYearsBetween(forward.forwardedAt, forward.resolveDueAt).length > 0,
  };
}

/** An appeal in a list, with the departments of its current round and whether it is overdue now. */
export function presentAppealSummary(
  appeal: AppealRow & { enterpriseName: string; categoryName: string },
  departments: AppealSummary['departments'],
  overdue: Overdue,
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
    overdue: overdue.response || overdue.resolution,
    responseOverdue: overdue.response,
    resolveOverdue: overdue.resolution,
    receivedAt: appeal.receivedAt.toISOString(),
    respondDueAt: iso(appeal.respondDueAt),
    resolveDueAt: iso(appeal.resolveDueAt),
    departments,
    version: appeal.version,
  };
}

/** The appeal's page as the caller sees it, from its record, forwards, timeline and attachments. */
export function presentAppeal(
  ctx: AppContext,
  actor: Actor,
  appeal: AppealRecord,
  forwards: ForwardRecord[],
  events: EventRecord[],
  attachments: AttachmentRecord[],
): AppealView {
  const standing = standingOn(actor, appeal, forwards);
  const machine = machineAppeal(ctx, appeal);
  const current = forwards.filter((f) => f.round === appeal.round);
  return {
    ...presentAppealSummary(
      appeal,
      current.map((f) => ({ id: f.departmentId, name: f.departmentName, state: f.state as ForwardState })),
      appealOverdue(current, ctx.clock.now()),
    ),
    description: appeal.description,
    chamberId: appeal.chamberId,
    chamberName: appeal.chamberName,
    visitId: appeal.visitId,
    invalidReason: appeal.invalidReason,
    mergedIntoId: appeal.mergedIntoId,
    mergedIntoNumber: appeal.mergedIntoNumber,
    raisedByName: appeal.raisedByName,
    contact:
      appeal.contactName === null
        ? null
        : {
            id: appeal.contactId,
            name: appeal.contactName,
            position: appeal.contactPosition,
            mobile: appeal.contactMobile === null ? null : maskMobile(appeal.contactMobile),
          },
    contactUnmaskable: mayUnmaskContact(actor, appeal, forwards),
    validatedAt: iso(appeal.validatedAt),
    forwardedAt: iso(appeal.forwardedAt),
    respondedAt: iso(appeal.respondedAt),
    answeredAt: iso(appeal.answeredAt),
    confirmedAt: iso(appeal.confirmedAt),
    ratedAt: iso(appeal.ratedAt),
    ratedVia: appeal.ratedVia as AppealView['ratedVia'],
    closedAt: iso(appeal.closedAt),
    closedUnrated: appeal.closedUnrated,
    reopenUntil: machine.reopenable ? iso(reopenUntil(ctx, appeal)) : null,
    reopenCount: appeal.reopenCount,
    round: appeal.round,
    forwards: forwards.map((f) => presentForward(ctx, f)),
    events: events.map((e) => ({ ...e, occurredAt: e.occurredAt.toISOString() })),
    attachments: attachments.map((a) => ({ ...a, uploadedAt: a.uploadedAt.toISOString() })),
    allowedActions: allowedActions(machine, standing.capacities, standing.forward),
  };
}

type InboxRow = Awaited<ReturnType<typeof listInbox>>['rows'][number];

/** A forward in the liaison's inbox. */
export function presentInboxItem(row: InboxRow): InboxItem {
  return {
    ...row,
    urgency: row.urgency as InboxItem['urgency'],
    state: row.state as ForwardState,
    forwardedAt: row.forwardedAt.toISOString(),
    respondDueAt: row.respondDueAt.toISOString(),
    resolveDueAt: row.resolveDueAt.toISOString(),
  };
}
