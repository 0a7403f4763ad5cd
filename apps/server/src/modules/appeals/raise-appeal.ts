// Raising 诉求 an appeal: idempotent under an Idempotency-Key, the busiest write (one named statement checks
// the enterprise and category, numbers the appeal and inserts it with its first timeline event), audited
// and, when raised by an enterprise or a chamber, told to the federation's staff over it. Raised by staff
// who triage for the enterprise's federation, it starts accepted (受理 by the same person, on its timeline
// and in the audit log): nobody accepts their own appeal a second time.
import type { AppealView, CreateAppealRequest } from '@qinqing/shared';
import { appealRaisingScope } from '../../core/access/appeal-scope.ts';
import { federationSubtree } from '../../core/access/registry-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField } from '../../core/errors.ts';
import type { Tx } from '../../db/connection.ts';
import { retryOnDeadlock } from '../../db/errors.ts';
import { chambersOfSecretary, findChamber } from '../chambers/repository.ts';
import { notify } from '../notifications/service.ts';
import { enterpriseVisited } from '../visits/repository.ts';
import { acceptedProgressNotice, raisedNotice } from './appeal-notices.ts';
import { presentAppeal } from './present-appeal.ts';
import { getAppeal } from './read-appeals.ts';
import {
  accountsOver,
  appealContactFor,
  contactAccountsOf,
  enterpriseWithin,
  findByIdempotencyKey,
  raiseWithEvent,
  type AppealRecord,
  type EventRecord,
} from './repository.ts';

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
  // Raises meet other writes on the rollup rows their triggers keep: a deadlock PostgreSQL breaks by
  // failing this one rolled it all back (notices and outbox rows are rows of it), so it runs again.
  const raised = await retryOnDeadlock(() =>
    ctx.database.db.transaction(async (tx) => {
      // Staff and leaders reach the enterprises of their subtree: the raising statement checks the path
      // itself. A secretary's or an enterprise's reach is asked of the database first.
      const subtree = actor.roles.includes('enterprise_contact')
        ? undefined
        : federationSubtree(actor, 'write');
      if (
        subtree === undefined &&
        !(await enterpriseWithin(tx, appealRaisingScope(actor), body.enterpriseId))
      )
        throw enterpriseNotFound();
      if (body.visitId) await checkVisit(tx, body.visitId, body.enterpriseId);
      const chamber = await chamberOf(tx, actor, body.chamberId);
      // The contact named for it: refused below, once the enterprise is known to be in reach.
      const contact = await appealContactFor(
        tx,
        body.enterpriseId,
        body.contactId,
        selfService ? actor.displayName : undefined,
      );
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
      const { target, appeal, eventId, acceptedEventId } = await raiseWithEvent(tx, {
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
        contact: contact ?? null,
        // Staff who triage in their subtree accept what they raise there (an enterprise's own appeal waits).
        acceptingPath: !selfService && actor.permissions.has('appeals.triage') ? actor.orgPath : null,
      });
      if (!target) throw enterpriseNotFound();
      if (target.mergedIntoId) {
        throw invalidField(
          'enterpriseId',
          'ENTERPRISE_MERGED',
          '该企业记录已合并到另一条记录，请为合并后的企业提出诉求',
        );
      }
      if (contact === undefined) {
        throw invalidField(
          'contactId',
          'CONTACT_NOT_FOUND',
          '所选联系人不是该企业的联系人，请从该企业的联系人中选择',
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
          ...raisedNotice(appeal, target.name),
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
      const events: EventRecord[] = [{ ...event, id: eventId, departmentName: null }];
      if (acceptedEventId !== undefined) {
        // Accepted as it was raised: the 受理 by the same person, as the transition would record it.
        events.push({
          occurredAt: now,
          actorName: actor.displayName,
          action: 'mark_valid',
          fromState: 'submitted',
          toState: 'valid',
          note: null,
          detail: null,
          id: acceptedEventId,
          departmentName: null,
        });
        await ctx.audit.record(tx, audit, {
          action: 'appeal.mark_valid',
          objectType: 'appeal',
          objectId: appeal.id,
          detail: { number: appeal.number, from: 'submitted', to: 'valid' },
        });
        await notify(ctx, tx, {
          recipientIds: await contactAccountsOf(tx, target.id),
          ...acceptedProgressNotice(appeal),
          link: `/appeals/${appeal.id}`,
          objectType: 'appeal',
          objectId: appeal.id,
        });
      }
      // Everything the new appeal's page shows is at hand: no forwards or attachments yet, its events.
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
        view: presentAppeal(ctx, actor, record, [], events, []),
      };
    }),
  );
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
