// 流转 transitions: the one pattern of every record that moves through a state machine (appeals,
// suggestions, …). A domain describes its machine (a `TransitionMachine`: how its row is locked, the pure
// decision, the effect, the save, its timeline); `runTransition` runs it in one transaction. core knows no
// domain, so each passes its pieces in, the notifier included.
import { isAuditAction, type AuditAction } from '@qinqing/shared';
import type { Tx } from '../../db/connection.ts';
import { retryOnDeadlock } from '../../db/errors.ts';
import type { AuditContext } from '../audit/audit-log.ts';
import type { Actor } from '../auth/sessions.ts';
import type { AppContext } from '../context.ts';
import { AppError, forbidden, notFound, versionConflict } from '../errors.ts';

/**
 * What a state machine answers for an action: allowed; `forbidden` when the caller holds no capacity the
 * action needs (403 FORBIDDEN); `not_now` when they do but the record's state does not allow it (409
 * INVALID_TRANSITION).
 */
export type Verdict = 'allowed' | 'forbidden' | 'not_now';

/** What every transition request carries: the action and the version the caller saw. */
export interface TransitionRequest {
  action: string;
  version: number;
}

/** A notification the transition causes; the runner adds the link and the object. */
export interface TransitionNotice {
  recipientIds: readonly string[];
  kind: string;
  title: string;
  body: string;
  webhookUrls?: readonly string[];
  /** A to-do: the actions it awaits on the record; done once any of them is taken. */
  awaits?: readonly string[];
}

/** What the runner needs of an effect; a domain's outcome adds what its save and timeline read. */
export interface TransitionEffect {
  /**
   * The audit record: its action (`<objectType>.<action>` unless given; either way one named in
   * `AUDIT_ACTIONS`) and detail.
   */
  audit: { action?: AuditAction; detail: Record<string, unknown> };
  notices?: readonly TransitionNotice[];
  /**
   * What the transition did, as to-dos await it: the action, and e.g. `accept@<department id>`; `*` ends
   * every open to-do of the record. Unset: the request's action.
   */
  done?: readonly string[];
}

/** Everything the effect, the save and the timeline see of one transition. */
export interface TransitionStep<Subject, Capacity, Request> {
  ctx: AppContext;
  tx: Tx;
  actor: Actor;
  id: string;
  /** The locked record as `lock` read it, before the change. */
  subject: Subject;
  capacity: Capacity;
  request: Request;
  now: Date;
}

/** notify() of modules/notifications, passed in: core imports no module. */
export type Notifier = (
  ctx: AppContext,
  tx: Tx,
  input: TransitionNotice & { link: string; objectType: string; objectId: string },
) => Promise<unknown>;

/** Marks done the record's open to-dos that await any of `done`, in the transition's transaction. */
export type TodoCloser = (
  ctx: AppContext,
  tx: Tx,
  object: { objectType: string; objectId: string; done: readonly string[] },
) => Promise<unknown>;

/** One domain's state machine, as the runner drives it. */
export interface TransitionMachine<
  Subject extends { version: number },
  State extends { state: string },
  Capacity,
  Request extends TransitionRequest,
  Outcome extends TransitionEffect,
> {
  /** The audit record's object type (and its action's prefix), the notifications' object. */
  objectType: string;
  /**
   * The record within the caller's scope, locked (SELECT … FOR UPDATE) to the transaction's end, with what
   * deciding needs; undefined: 404.
   */
  lock(tx: Tx, actor: Actor, id: string): Promise<Subject | undefined>;
  /** Where the record stands, as `decide` reads it. */
  stateOf(subject: Subject, ctx: AppContext): State;
  /** In what capacity the caller acts on this record. */
  capacityOf(actor: Actor, subject: Subject): Capacity;
  /** The pure decision: state × action × capacity. */
  decide(state: State, action: Request['action'], capacity: Capacity): Verdict;
  /**
   * The action's effect: checks what needs the record (400s), writes the rows it touches besides the
   * record, and answers the change. Whatever it throws rolls everything back.
   */
  apply(step: TransitionStep<Subject, Capacity, Request>): Promise<Outcome>;
  /**
   * Writes the change with the version raised by one, only where it is still the subject's: false when it
   * was not (409 VERSION_CONFLICT).
   */
  save(step: TransitionStep<Subject, Capacity, Request>, outcome: Outcome): Promise<boolean>;
  /** The domain's timeline entries of the transition, if it keeps a timeline. */
  writeTimeline?(step: TransitionStep<Subject, Capacity, Request>, outcome: Outcome): Promise<void>;
  /** Where notices go and what they link to; needed only by machines whose outcomes carry notices. */
  notifications?: { send: Notifier; link(id: string): string; closeTodos?: TodoCloser };
}

/** The default audit action of a transition, refused when the audit log has no name for it. */
function namedAction(action: string): AuditAction {
  if (!isAuditAction(action)) throw new Error(`${action}: an audit action without a name in AUDIT_ACTIONS`);
  return action;
}

/**
 * Runs one transition in one transaction: the record locked, its version checked (409 VERSION_CONFLICT),
 * the decision (403, 409 INVALID_TRANSITION), the effect, the save with the version raised, the timeline,
 * the audit record, the record's to-dos the action answers marked done, and the notifications (not to the
 * actor; none to nobody). Answers the outcome.
 */
export async function runTransition<
  Subject extends { version: number },
  State extends { state: string },
  Capacity,
  Request extends TransitionRequest,
  Outcome extends TransitionEffect,
>(
  ctx: AppContext,
  machine: TransitionMachine<Subject, State, Capacity, Request, Outcome>,
  call: { actor: Actor; id: string; request: Request; audit: AuditContext },
): Promise<Outcome> {
  // The whole transaction was rolled back and nothing left it (notices are rows of it): run it again.
  return retryOnDeadlock(() => transitionOnce(ctx, machine, call));
}

async function transitionOnce<
  Subject extends { version: number },
  State extends { state: string },
  Capacity,
  Request extends TransitionRequest,
  Outcome extends TransitionEffect,
>(
  ctx: AppContext,
  machine: TransitionMachine<Subject, State, Capacity, Request, Outcome>,
  call: { actor: Actor; id: string; request: Request; audit: AuditContext },
): Promise<Outcome> {
  const { actor, id, request } = call;
  return ctx.database.db.transaction(async (tx) => {
    const subject = await machine.lock(tx, actor, id);
    if (!subject) throw notFound();
    if (subject.version !== request.version) throw versionConflict();
    const state = machine.stateOf(subject, ctx);
    const capacity = machine.capacityOf(actor, subject);
    const verdict = machine.decide(state, request.action, capacity);
    if (verdict === 'forbidden') throw forbidden();
    if (verdict === 'not_now') {
      throw new AppError('INVALID_TRANSITION', undefined, { state: state.state, action: request.action });
    }
    const step = { ctx, tx, actor, id, subject, capacity, request, now: ctx.clock.now() };
    const outcome = await machine.apply(step);
    if (!(await machine.save(step, outcome))) throw versionConflict();
    await machine.writeTimeline?.(step, outcome);
    await ctx.audit.record(tx, call.audit, {
      action: outcome.audit.action ?? namedAction(`${machine.objectType}.${request.action}`),
      objectType: machine.objectType,
      objectId: id,
      detail: outcome.audit.detail,
    });
    await machine.notifications?.closeTodos?.(ctx, tx, {
      objectType: machine.objectType,
      objectId: id,
      done: outcome.done ?? [request.action],
    });
    for (const notice of outcome.notices ?? []) {
      const recipientIds = notice.recipientIds.filter((recipient) => recipient !== actor.userId);
      if (recipientIds.length === 0 && !notice.webhookUrls?.length) continue;
      if (!machine.notifications) throw new Error(`${machine.objectType}: notices without a notifier`);
      await machine.notifications.send(ctx, tx, {
        ...notice,
        recipientIds,
        link: machine.notifications.link(id),
        objectType: machine.objectType,
        objectId: id,
      });
    }
    return outcome;
  });
}
