// 建言 suggestions to government: draft one from appeals, change it while a draft, submit it to a body
// (报送), record the body's decision (采纳, 部分采纳, 未采纳) with its date and document reference, and count
// them. Every write audited in its transaction; changes carry the version; submitting and deciding run on
// core/transitions.
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import {
  needsDocumentRef,
  type CreateSuggestionRequest,
  type ErrorDetail,
  type SuggestionListQuery,
  type SuggestionStats,
  type SuggestionStatsQuery,
  type SuggestionStatus,
  type SuggestionSummary,
  type SuggestionTransitionRequest,
  type SuggestionView,
  type UpdateSuggestionRequest,
} from '@qinqing/shared';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import {
  runTransition,
  type TransitionEffect,
  type TransitionMachine,
} from '../../core/transitions/transitions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { findOrgUnit } from '../org-units/repository.ts';
import { presentSuggestion, presentSuggestionSummary } from './presenter.ts';
import {
  authorName,
  countSuggestions,
  findSuggestion,
  insertSuggestion,
  linkedAppeals,
  listSuggestions as listRows,
  nextNumber,
  readableAppealIds,
  replaceLinks,
  updateSuggestionRow,
  type SuggestionRow,
} from './repository.ts';
import { assertEditable, decideSuggestion, statusAfter } from './state-machine.ts';

/** Today in Asia/Shanghai (no daylight saving): the day a date is "in the future" after. */
function today(ctx: AppContext): string {
  return shanghaiDay(ctx.clock.now());
}

function fail(details: ErrorDetail[]): void {
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}

async function loadView(db: DbOrTx, actor: Actor, id: string): Promise<SuggestionView> {
  const row = await findSuggestion(db, actor, id);
  if (!row) throw notFound();
  return presentSuggestion(row, await authorName(db, row.createdBy), await linkedAppeals(db, id));
}

/** Distinct ids, each readable by the actor and of the suggestion's unit; the others named by position. */
async function checkAppeals(
  db: DbOrTx,
  actor: Actor,
  unitPath: string,
  requested: readonly string[],
): Promise<string[]> {
  const ids = [...new Set(requested)];
  const readable = await readableAppealIds(db, actor, unitPath, ids);
  fail(
    requested.flatMap((id, index) =>
      readable.has(id)
        ? []
        : [{ path: `appealIds.${index}`, code: 'NOT_FOUND', message: '诉求不存在或不在您的管理范围内' }],
    ),
  );
  return ids;
}

/** A policy comment names the draft policy; a proposal has none. */
function policyTitleFor(kind: SuggestionRow['kind'], policyTitle: string | null | undefined): string | null {
  if (kind === 'proposal') return null;
  if (!policyTitle) {
    throw invalidField('policyTitle', 'POLICY_TITLE_REQUIRED', '政策征求意见须填写所征求意见的政策名称');
  }
  return policyTitle;
}

export async function listSuggestions(
  ctx: AppContext,
  actor: Actor,
  query: SuggestionListQuery,
): Promise<{ items: SuggestionSummary[]; total: number }> {
  const { rows, total } = await listRows(ctx.database.db, actor, query);
  return { items: rows.map(presentSuggestionSummary), total };
}

export function getSuggestion(ctx: AppContext, actor: Actor, id: string): Promise<SuggestionView> {
  return loadView(ctx.database.db, actor, id);
}

export async function createSuggestion(
  ctx: AppContext,
  actor: Actor,
  input: CreateSuggestionRequest,
  audit: AuditContext,
): Promise<SuggestionView> {
  const policyTitle = policyTitleFor(input.kind, input.policyTitle);
  return ctx.database.db.transaction(async (tx) => {
    // A suggestion belongs to its author's federation unit.
    const unit = await findOrgUnit(tx, actor.orgUnitId);
    if (!unit) throw notFound();
    const appealIds = await checkAppeals(tx, actor, unit.path, input.appealIds);
    const now = ctx.clock.now();
    const number = await nextNumber(tx, Number(today(ctx).slice(0, 4)));
    const id = await insertSuggestion(tx, {
      orgUnitId: unit.id,
      number,
      kind: input.kind,
      title: input.title,
      body: input.body,
      policyTitle,
      targetBody: input.targetBody,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await replaceLinks(tx, id, appealIds);
    await ctx.audit.record(tx, audit, {
      action: 'suggestion.created',
      objectType: 'suggestion',
      objectId: id,
      detail: {
        after: {
          number,
          kind: input.kind,
          title: input.title,
          policyTitle,
          targetBody: input.targetBody,
          appealIds,
        },
      },
    });
    return loadView(tx, actor, id);
  });
}

/** The stored row, in scope, locked, at the version the caller saw. */
async function lockCurrent(tx: DbOrTx, actor: Actor, id: string, version: number): Promise<SuggestionRow> {
  const current = await findSuggestion(tx, actor, id, { forUpdate: true });
  if (!current) throw notFound();
  if (current.version !== version) throw versionConflict();
  return current;
}

export async function updateSuggestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateSuggestionRequest,
  audit: AuditContext,
): Promise<SuggestionView> {
  return ctx.database.db.transaction(async (tx) => {
    const current = await lockCurrent(tx, actor, id, input.version);
    assertEditable(current.status);
    const kind = input.kind ?? current.kind;
    const policyTitle = policyTitleFor(
      kind,
      input.policyTitle === undefined ? current.policyTitle : input.policyTitle,
    );
    const before = (await linkedAppeals(tx, id)).map((appeal) => appeal.id).sort();
    const appealIds =
      input.appealIds === undefined
        ? undefined
        : (await checkAppeals(tx, actor, current.orgUnitPath, input.appealIds)).sort();
    const diff = changes(
      {
        kind: current.kind,
        title: current.title,
        body: current.body,
        policyTitle: current.policyTitle,
        targetBody: current.targetBody,
        appealIds: before,
      },
      {
        kind: input.kind,
        title: input.title,
        body: input.body,
        policyTitle,
        targetBody: input.targetBody,
        appealIds,
      },
    );
    if (!diff) return loadView(tx, actor, id);
    await updateSuggestionRow(
      tx,
      id,
      { kind, title: input.title, body: input.body, policyTitle, targetBody: input.targetBody },
      ctx.clock.now(),
    );
    if (appealIds) await replaceLinks(tx, id, appealIds);
    await ctx.audit.record(tx, audit, {
      action: 'suggestion.updated',
      objectType: 'suggestion',
      objectId: id,
      detail: { number: current.number, ...diff },
    });
    return loadView(tx, actor, id);
  });
}

/** Date rules of a transition that need the stored row: not in the future, decided after submitted. */
function checkDates(input: SuggestionTransitionRequest, current: SuggestionRow, now: string): void {
  const details: ErrorDetail[] = [];
  if (input.action === 'submit') {
    if (input.submittedOn > now)
      details.push({ path: 'submittedOn', code: 'DATE_IN_FUTURE', message: '报送日期不能晚于今天' });
  } else {
    if (input.decidedOn > now)
      details.push({ path: 'decidedOn', code: 'DATE_IN_FUTURE', message: '采纳结果日期不能晚于今天' });
    if (current.submittedOn && input.decidedOn < current.submittedOn) {
      details.push({
        path: 'decidedOn',
        code: 'DECIDED_BEFORE_SUBMITTED',
        message: `采纳结果日期不能早于报送日期（${current.submittedOn}）`,
      });
    }
    if (needsDocumentRef(input.outcome) && !input.documentRef) {
      details.push({
        path: 'documentRef',
        code: 'DOCUMENT_REF_REQUIRED',
        message: '采纳或部分采纳须填写采纳文件文号',
      });
    }
  }
  fail(details);
}

type SuggestionChange = Parameters<typeof updateSuggestionRow>[2];

const suggestionMachine: TransitionMachine<
  SuggestionRow,
  { state: SuggestionStatus },
  null,
  SuggestionTransitionRequest,
  TransitionEffect & { change: SuggestionChange }
> = {
  objectType: 'suggestion',
  lock: (tx, actor, id) => findSuggestion(tx, actor, id, { forUpdate: true }),
  stateOf: (current) => ({ state: current.status }),
  // Who may is the route's permission and the lock's scope: no capacity of its own on the suggestion.
  capacityOf: () => null,
  decide: decideSuggestion,
  async apply({ ctx, subject: current, request: input }) {
    checkDates(input, current, today(ctx));
    const status = statusAfter(input);
    const note = input.note || null;
    const set =
      input.action === 'submit'
        ? { submittedOn: input.submittedOn }
        : {
            decidedOn: input.decidedOn,
            documentRef: input.documentRef || null,
            decisionNote: note,
          };
    return {
      change: { ...set, status },
      audit: {
        action: input.action === 'submit' ? 'suggestion.submitted' : 'suggestion.decided',
        detail: {
          number: current.number,
          from: current.status,
          to: status,
          ...set,
          ...(input.action === 'submit' && note ? { note } : {}),
          // A corrected decision keeps what it replaced.
          ...(current.decidedOn
            ? {
                replaced: {
                  status: current.status,
                  decidedOn: current.decidedOn,
                  documentRef: current.documentRef,
                },
              }
            : {}),
        },
      },
    };
  },
  save: ({ tx, id, subject, now }, outcome) =>
    updateSuggestionRow(tx, id, outcome.change, now, subject.version),
};

export async function transitionSuggestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: SuggestionTransitionRequest,
  audit: AuditContext,
): Promise<SuggestionView> {
  await runTransition(ctx, suggestionMachine, { actor, id, request: input, audit });
  return getSuggestion(ctx, actor, id);
}

/** 1 January of the year of `day`. */
const startOfYear = (day: string) => `${day.slice(0, 4)}-01-01`;

export async function getSuggestionStats(
  ctx: AppContext,
  actor: Actor,
  query: SuggestionStatsQuery,
): Promise<SuggestionStats> {
  const to = query.to ?? today(ctx);
  const from = query.from ?? startOfYear(to);
  if (from > to) throw invalidField('from', 'PERIOD_REVERSED', '开始日期不能晚于结束日期');
  const counts = await countSuggestions(ctx.database.db, actor, { from, to });
  const decided = counts.adopted + counts.partlyAdopted + counts.notAdopted;
  const adoptionRate =
    decided === 0 ? null : Math.round(((counts.adopted + counts.partlyAdopted) / decided) * 10_000) / 10_000;
  return { from, to, ...counts, adoptionRate };
}
