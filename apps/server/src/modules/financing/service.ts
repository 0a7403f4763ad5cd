// 融资对接 financing (银会企): needs stated by an enterprise contact, a chamber secretary or staff; the pipeline
// on core/transitions (vet, send to banks with the enterprise's consent, each bank's answer, the loan,
// withdrawal, chamber vouching, consent given or revoked); banks and their products; programs and their
// recommended enterprises; the figures. Every write audited in its transaction.
import {
  fenToYuan,
  yuanToFen,
  type BankView,
  type CreateNeedRequest,
  type CreateProductRequest,
  type CreateProgramRequest,
  type FinancingFigures,
  type FinancingStats,
  type FinancingStatsQuery,
  type NeedListQuery,
  type NeedPage,
  type NeedTransitionRequest,
  type NeedView,
  type ProductView,
  type ProgramEntryRequest,
  type ProgramView,
} from '@qinqing/shared';
import { sql } from 'drizzle-orm';
import { isBankManager, isFinancingStaff, needStateScope } from '../../core/access/financing-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound } from '../../core/errors.ts';
import { rate } from '../../core/measures/registry.ts';
import {
  runTransition,
  type TransitionEffect,
  type TransitionMachine,
  type TransitionNotice,
} from '../../core/transitions/transitions.ts';
import { sideBySide, type DbOrTx } from '../../db/connection.ts';
import { splitPeriod } from '../appeal-stats/service.ts';
import { findOrgUnitInScope } from '../org-units/repository.ts';
import { insertEvent as insertAppealEvent } from '../appeals/repository.ts';
import { closeTodos, notify } from '../notifications/service.ts';
import { presentNeed, presentNeedSummary, presentProduct } from './presenter.ts';
import {
  bankAnswersOf,
  bankInbox,
  bankManagersOf,
  contactsOf,
  eventsOf,
  financingFigures,
  findNeed,
  insertEvent,
  listBanks as listBankRows,
  listNeeds as listNeedRows,
  listPrograms as listProgramRows,
  productsOf,
  programEntries,
  rolledFigures,
  type FigureRow,
  type NeedRow,
} from './repository.ts';
import { decideNeed, needActionsFor, type NeedCapacity, type NeedMachineState } from './state-machine.ts';

const today = (ctx: AppContext) => shanghaiDay(ctx.clock.now());

// Needs --------------------------------------------------------------------------------------------------

function capacitiesOf(actor: Actor, row: NeedRow): Set<NeedCapacity> {
  const capacities = new Set<NeedCapacity>();
  if (isFinancingStaff(actor) && actor.permissions.has('financing.manage')) {
    // Staff act on needs of their subtree (the read scope gave it them through their unit, not a chamber).
    capacities.add('federation');
  }
  if (row.secretary_chamber_id && actor.permissions.has('financing.state')) capacities.add('chamber');
  if (
    actor.roles.includes('enterprise_contact') &&
    actor.enterpriseId === row.enterprise_id &&
    actor.permissions.has('financing.state')
  ) {
    capacities.add('enterprise');
  }
  if (isBankManager(actor) && row.own_bank_state !== null && actor.permissions.has('financing.answer')) {
    capacities.add('bank');
  }
  return capacities;
}

const stateOf = (row: NeedRow): NeedMachineState => ({
  state: row.state,
  bankState: row.own_bank_state,
  consent: row.consent,
  vouched: row.vouched_at !== null,
});

async function loadNeed(db: DbOrTx, actor: Actor, id: string): Promise<NeedView> {
  const row = await findNeed(db, actor, id);
  if (!row) throw notFound();
  const onlyBank = isBankManager(actor) ? actor.orgUnitId : undefined;
  const banks = await bankAnswersOf(db, id, onlyBank);
  const events = await eventsOf(db, id, onlyBank);
  return presentNeed(row, banks, events, needActionsFor(stateOf(row), capacitiesOf(actor, row)));
}

export function getNeed(ctx: AppContext, actor: Actor, id: string): Promise<NeedView> {
  return loadNeed(ctx.database.db, actor, id);
}

export async function listNeeds(
  ctx: AppContext,
  actor: Actor,
  query: NeedListQuery,
): Promise<Omit<NeedPage, 'page' | 'pageSize'>> {
  const db = ctx.database.db;
  // A bank's inbox (its own bank asked for, or nothing narrower) reads its rows on their index.
  const inbox =
    isBankManager(actor) &&
    !query.state &&
    !query.q &&
    !query.enterpriseId &&
    (!query.bankId || query.bankId === actor.orgUnitId);
  const { rows, total } = inbox ? await bankInbox(db, actor, query) : await listNeedRows(db, actor, query);
  return { items: rows.map(presentNeedSummary), total };
}

export async function createNeed(
  ctx: AppContext,
  actor: Actor,
  input: CreateNeedRequest,
  audit: AuditContext,
): Promise<NeedView> {
  const amountFen = yuanToFen(input.amount);
  return ctx.database.db.transaction(async (tx) => {
    const { rows: enterprises } = await tx.execute<{ id: string; org_unit_id: string; name: string }>(
      sql`SELECT e.id, e.org_unit_id, e.name FROM enterprises e
        WHERE e.id = ${input.enterpriseId} AND e.merged_into_id IS NULL AND ${needStateScope(actor)}`,
    );
    const enterprise = enterprises[0];
    if (!enterprise)
      throw invalidField('enterpriseId', 'ENTERPRISE_NOT_FOUND', '企业不存在或不在您的管理范围内');
    if (input.preferredBankId && (await listBankRows(tx, actor, [input.preferredBankId])).length === 0) {
      throw invalidField('preferredBankId', 'BANK_NOT_FOUND', '意向银行不存在或不是本地区的合作银行');
    }
    if (input.preferredProductId) {
      const { rows } = await tx.execute<{ bank_id: string }>(
        sql`SELECT bank_id FROM bank_products WHERE id = ${input.preferredProductId} AND active`,
      );
      const bankId = rows[0]?.bank_id;
      if (!bankId || (input.preferredBankId && bankId !== input.preferredBankId)) {
        throw invalidField('preferredProductId', 'PRODUCT_NOT_FOUND', '意向产品不存在，或不属于所选意向银行');
      }
      if ((await listBankRows(tx, actor, [bankId])).length === 0) {
        throw invalidField('preferredProductId', 'PRODUCT_NOT_FOUND', '意向产品不属于本地区的合作银行');
      }
    }
    if (input.programId && (await listProgramRows(tx, actor, input.programId)).length === 0) {
      throw invalidField('programId', 'PROGRAM_NOT_FOUND', '专项项目不存在或不在您的范围内');
    }
    if (input.appealId) {
      const { rows } = await tx.execute<{ id: string }>(
        sql`SELECT id FROM appeals WHERE id = ${input.appealId} AND enterprise_id = ${enterprise.id}`,
      );
      if (rows.length === 0)
        throw invalidField('appealId', 'APPEAL_NOT_FOUND', '诉求不存在或不是该企业的诉求');
    }
    const now = ctx.clock.now();
    const { rows } = await tx.execute<{ id: string }>(sql`INSERT INTO financing_needs
        (org_unit_id, enterprise_id, amount_fen, term_months, purpose, collateral, urgency, preferred_bank_id,
         preferred_product_id, program_id, appeal_id, consent, consent_changed_at, created_by, created_at, updated_at)
      VALUES (${enterprise.org_unit_id}, ${enterprise.id}, ${amountFen}, ${input.termMonths}, ${input.purpose},
        ${input.collateral || null}, ${input.urgency ?? 'normal'}, ${input.preferredBankId ?? null},
        ${input.preferredProductId ?? null}, ${input.programId ?? null}, ${input.appealId ?? null},
        ${input.consentToShare}, ${now}, ${actor.userId}, ${now}, ${now})
      RETURNING id`);
    const id = rows[0]!.id;
    await insertEvent(tx, {
      needId: id,
      bankId: null,
      at: now,
      actorId: actor.userId,
      actorName: actor.displayName,
      action: 'created',
      note: input.consentToShare ? '企业已授权向推送银行共享数据' : '企业尚未授权共享数据',
    });
    await ctx.audit.record(tx, audit, {
      action: 'financing_need.created',
      objectType: 'financing_need',
      objectId: id,
      detail: {
        enterprise: enterprise.name,
        amount: fenToYuan(amountFen),
        termMonths: input.termMonths,
        consent: input.consentToShare,
        ...(input.appealId ? { appealId: input.appealId } : {}),
      },
    });
    return loadNeed(tx, actor, id);
  });
}

// The pipeline on core/transitions ----------------------------------------------------------------------

interface NeedOutcome extends TransitionEffect {
  /** The need's columns to set (besides version and updated_at). */
  change: Record<string, unknown>;
  events: { bankId: string | null; action: string; note?: string | null }[];
}

const requireField = <T>(value: T | null | undefined, field: string, message: string): T => {
  if (value === undefined || value === null || value === '') throw invalidField(field, 'REQUIRED', message);
  return value;
};

async function sendToBanks(step: Parameters<NonNullable<typeof needMachine.apply>>[0]): Promise<NeedOutcome> {
  const { tx, actor, subject, request, now, id } = step;
  const bankIds = [...new Set(requireField(request.bankIds, 'bankIds', '请选择要推送的银行'))];
  if (!subject.consent) {
    throw new AppError('CONSENT_REQUIRED', [
      { path: 'consent', code: 'CONSENT_REQUIRED', message: '企业尚未授权向银行共享数据，不能推送' },
    ]);
  }
  const banks = await listBankRows(tx, actor, bankIds);
  if (banks.length !== bankIds.length) {
    throw invalidField('bankIds', 'BANK_NOT_FOUND', '所选银行不存在或不是本地区的合作银行');
  }
  const { rows: already } = await tx.execute<{ bank_id: string }>(
    sql`SELECT bank_id FROM financing_need_banks WHERE need_id = ${id}`,
  );
  const sentBefore = new Set(already.map((row) => row.bank_id));
  const fresh = banks.filter((bank) => !sentBefore.has(bank.id));
  if (fresh.length === 0) throw invalidField('bankIds', 'ALREADY_SENT', '已推送给所选银行，无需重复推送');
  const notices: TransitionNotice[] = [];
  for (const bank of fresh) {
    await tx.execute(sql`INSERT INTO financing_need_banks (need_id, bank_id, state, sent_at, sent_by, updated_at)
      VALUES (${id}, ${bank.id}, 'sent', ${now}, ${actor.userId}, ${now})`);
    notices.push({
      recipientIds: await bankManagersOf(tx, bank.id),
      kind: 'financing_need.sent',
      title: `新的融资需求：${subject.enterprise_name}`,
      body: `${subject.enterprise_name}申请融资 ${fenToYuan(subject.amount_fen)} 元，期限 ${subject.term_months} 个月，请及时答复。`,
      awaits: [`answer@${bank.id}`],
    });
  }
  return {
    change: {
      state: subject.state === 'vetted' ? 'sent' : subject.state,
      first_sent_at: subject.state === 'vetted' ? now : undefined,
    },
    events: fresh.map((bank) => ({ bankId: bank.id, action: 'send', note: `推送至${bank.name}` })),
    audit: { detail: { enterprise: subject.enterprise_name, banks: fresh.map((bank) => bank.name) } },
    notices,
  };
}

/** Staff who sent it, the need's author and the enterprise's contacts are told of a bank's answer. */
async function answerNotice(step: { tx: DbOrTx; subject: NeedRow; id: string }, title: string, body: string) {
  const { rows } = await step.tx.execute<{ sent_by: string | null }>(
    sql`SELECT DISTINCT sent_by FROM financing_need_banks WHERE need_id = ${step.id} AND sent_by IS NOT NULL`,
  );
  const recipients = new Set(rows.map((row) => row.sent_by!));
  if (step.subject.created_by) recipients.add(step.subject.created_by);
  for (const contact of await contactsOf(step.tx, step.subject.enterprise_id)) recipients.add(contact);
  return {
    recipientIds: [...recipients],
    kind: 'financing_need.answered',
    title,
    body,
  } satisfies TransitionNotice;
}

async function bankAnswer(step: Parameters<NonNullable<typeof needMachine.apply>>[0]): Promise<NeedOutcome> {
  const { tx, actor, subject, request, now, id } = step;
  const bankId = actor.orgUnitId;
  const name = subject.enterprise_name;
  const setRow = (columns: ReturnType<typeof sql>) =>
    tx.execute(sql`UPDATE financing_need_banks SET ${columns}, answered_at = coalesce(answered_at, ${now}),
      updated_at = ${now} WHERE need_id = ${id} AND bank_id = ${bankId}`);
  switch (request.action) {
    case 'accept':
      await setRow(sql`state = 'accepted'`);
      return {
        change: {},
        events: [{ bankId, action: 'accept' }],
        audit: { detail: { enterprise: name } },
        notices: [await answerNotice(step, `银行已受理：${name}`, `${name}的融资需求已被银行受理。`)],
        done: [`answer@${bankId}`],
      };
    case 'request_documents': {
      const note = requireField(request.note ?? request.reason, 'note', '请说明需补充的材料');
      await setRow(sql`state = 'documents_requested', documents_note = ${note}`);
      return {
        change: {},
        events: [{ bankId, action: 'request_documents', note }],
        audit: { detail: { enterprise: name, note } },
        notices: [await answerNotice(step, `银行要求补充材料：${name}`, note)],
        done: [`answer@${bankId}`],
      };
    }
    case 'approve': {
      const amount = requireField(request.amount, 'amount', '请填写审批金额');
      const rateText = requireField(request.rate, 'rate', '请填写审批利率（年化 %）');
      const term = requireField(request.termMonths, 'termMonths', '请填写审批期限（月）');
      const fen = yuanToFen(amount);
      await setRow(sql`state = 'approved', approved_amount_fen = ${fen}, approved_rate = ${rateText}::numeric,
        approved_term_months = ${term}, approved_at = ${now}`);
      const note = `审批 ${fenToYuan(fen)} 元，年利率 ${rateText}%，期限 ${term} 个月`;
      return {
        change: { state: 'approved' },
        events: [{ bankId, action: 'approve', note }],
        audit: { detail: { enterprise: name, amount: fenToYuan(fen), rate: rateText, termMonths: term } },
        notices: [await answerNotice(step, `银行已审批：${name}`, note)],
        done: [`answer@${bankId}`],
      };
    }
    case 'decline': {
      const reason = requireField(request.reason, 'reason', '请说明未予通过的原因');
      await setRow(sql`state = 'declined', decline_reason = ${reason}, declined_at = ${now}`);
      // The need ends declined when no bank's answer is open or approved any more.
      const { rows } = await tx.execute<{ open: number; approved: number }>(sql`SELECT
          count(*) FILTER (WHERE state IN ('sent', 'accepted', 'documents_requested'))::int AS open,
          count(*) FILTER (WHERE state = 'approved')::int AS approved
        FROM financing_need_banks WHERE need_id = ${id}`);
      const { open, approved } = rows[0]!;
      const state = open === 0 && approved === 0 ? 'declined' : approved > 0 ? 'approved' : 'sent';
      return {
        change: { state },
        events: [{ bankId, action: 'decline', note: reason }],
        audit: { detail: { enterprise: name, reason } },
        notices: [await answerNotice(step, `银行未予通过：${name}`, reason)],
        done: [`answer@${bankId}`],
      };
    }
    case 'grant': {
      const amount = requireField(request.amount, 'amount', '请填写实际放款金额');
      const grantedOn = requireField(request.grantedOn, 'grantedOn', '请填写放款日期');
      if (grantedOn > shanghaiDay(now)) throw invalidField('grantedOn', 'IN_FUTURE', '放款日期不能晚于今天');
      const fen = yuanToFen(amount);
      const { rows } = await tx.execute<{
        approved_rate: string;
      }>(sql`SELECT approved_rate::text AS approved_rate
        FROM financing_need_banks WHERE need_id = ${id} AND bank_id = ${bankId}`);
      await setRow(sql`state = 'granted', granted_amount_fen = ${fen}, granted_on = ${grantedOn}::date`);
      // The need is done: the other banks' open answers are closed.
      await tx.execute(sql`UPDATE financing_need_banks SET state = 'closed', updated_at = ${now}
        WHERE need_id = ${id} AND bank_id <> ${bankId} AND state IN ('sent', 'accepted', 'documents_requested', 'approved')`);
      const note = `放款 ${fenToYuan(fen)} 元（${grantedOn}）`;
      return {
        change: {
          state: 'granted',
          granted_bank_id: bankId,
          granted_amount_fen: fen,
          granted_rate: rows[0]!.approved_rate,
          granted_on: grantedOn,
        },
        events: [{ bankId, action: 'grant', note }],
        audit: { detail: { enterprise: name, amount: fenToYuan(fen), grantedOn } },
        notices: [await answerNotice(step, `已放款：${name}`, note)],
        done: ['*'],
      };
    }
    default:
      throw new Error(`not a bank action: ${request.action}`);
  }
}

const needMachine: TransitionMachine<
  NeedRow,
  NeedMachineState,
  Set<NeedCapacity>,
  NeedTransitionRequest,
  NeedOutcome
> = {
  objectType: 'financing_need',
  lock: (tx, actor, id) => findNeed(tx, actor, id, { forUpdate: true }),
  stateOf,
  capacityOf: capacitiesOf,
  decide: (state, action, capacities) => decideNeed(state, action, capacities),
  async apply(step) {
    const { tx, actor, subject, request, now, id } = step;
    const name = subject.enterprise_name;
    switch (request.action) {
      case 'vet':
        return {
          change: { state: 'vetted', vetted_at: now },
          events: [{ bankId: null, action: 'vet', note: request.note ?? null }],
          audit: { detail: { enterprise: name } },
        };
      case 'send':
        return sendToBanks(step);
      case 'withdraw': {
        const reason = requireField(request.reason, 'reason', '请说明撤回原因');
        await tx.execute(sql`UPDATE financing_need_banks SET state = 'closed', updated_at = ${now}
          WHERE need_id = ${id} AND state IN ('sent', 'accepted', 'documents_requested', 'approved')`);
        return {
          change: { state: 'withdrawn', withdrawn_at: now, withdraw_reason: reason },
          events: [{ bankId: null, action: 'withdraw', note: reason }],
          audit: { detail: { enterprise: name, reason } },
          done: ['*'],
        };
      }
      case 'vouch':
        return {
          change: {
            vouched_chamber_id: subject.secretary_chamber_id,
            vouch_note: request.note || null,
            vouched_by: actor.userId,
            vouched_at: now,
          },
          events: [{ bankId: null, action: 'vouch', note: request.note || null }],
          audit: { detail: { enterprise: name, note: request.note || null } },
        };
      case 'give_consent':
      case 'revoke_consent': {
        const consent = request.action === 'give_consent';
        await tx.execute(sql`UPDATE financing_need_banks SET consent = ${consent} WHERE need_id = ${id}`);
        return {
          change: { consent, consent_changed_at: now },
          events: [
            {
              bankId: null,
              action: request.action,
              note: consent ? '企业授权向推送银行共享数据' : '企业撤回共享授权：银行不再能查看该需求',
            },
          ],
          audit: { detail: { enterprise: name, consent } },
        };
      }
      default:
        return bankAnswer(step);
    }
  },
  async save({ tx, id, subject, now }, outcome) {
    const sets = Object.entries(outcome.change)
      .filter(([, value]) => value !== undefined)
      .map(([column, value]) => sql`${sql.identifier(column)} = ${value}`);
    const { rows } = await tx.execute(
      sql`UPDATE financing_needs SET ${sql.join(
        [...sets, sql`version = version + 1`, sql`updated_at = ${now}`],
        sql`, `,
      )} WHERE id = ${id} AND version = ${subject.version} RETURNING id`,
    );
    return rows.length === 1;
  },
  async writeTimeline({ tx, id, actor, now, subject }, outcome) {
    // A need raised from an appeal (融资 category) answers it: its outcome goes on the appeal's timeline.
    const ended = outcome.change.state;
    if (subject.appeal_id && (ended === 'granted' || ended === 'declined' || ended === 'withdrawn')) {
      const note =
        ended === 'granted'
          ? `融资需求已放款 ${fenToYuan(outcome.change.granted_amount_fen as bigint)} 元`
          : ended === 'declined'
            ? '融资需求未获合作银行审批通过'
            : `融资需求已撤回：${String(outcome.change.withdraw_reason ?? '')}`;
      await insertAppealEvent(tx, {
        appealId: subject.appeal_id,
        occurredAt: now,
        actorId: actor.userId,
        actorName: actor.displayName,
        action: 'financing_outcome',
        note,
        detail: { financingNeedId: id, state: ended },
      });
    }
    for (const event of outcome.events) {
      await insertEvent(tx, {
        needId: id,
        bankId: event.bankId,
        at: now,
        actorId: actor.userId,
        actorName: actor.displayName,
        action: event.action,
        note: event.note ?? null,
      });
    }
  },
  notifications: { send: notify, link: (id) => `/financing/needs/${id}`, closeTodos },
};

export async function transitionNeed(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: NeedTransitionRequest,
  audit: AuditContext,
): Promise<NeedView> {
  await runTransition(ctx, needMachine, { actor, id, request: input, audit });
  return getNeed(ctx, actor, id);
}

// Banks and products ---------------------------------------------------------------------------------------

export async function listBanks(ctx: AppContext, actor: Actor): Promise<BankView[]> {
  const rows = await listBankRows(ctx.database.db, actor);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    parent: { id: row.parent_id, name: row.parent_name },
    products: row.products,
  }));
}

export async function listProducts(ctx: AppContext, actor: Actor, bankId: string): Promise<ProductView[]> {
  if ((await listBankRows(ctx.database.db, actor, [bankId])).length === 0) throw notFound();
  return (await productsOf(ctx.database.db, bankId)).map(presentProduct);
}

/** A bank's account manager adds a product of their own bank. */
export async function createProduct(
  ctx: AppContext,
  actor: Actor,
  bankId: string,
  input: CreateProductRequest,
  audit: AuditContext,
): Promise<ProductView> {
  if (!isBankManager(actor) || actor.orgUnitId !== bankId) throw notFound();
  if (Number(input.rateMax) < Number(input.rateMin))
    throw invalidField('rateMax', 'RANGE_REVERSED', '最高利率不能低于最低利率');
  if (input.termMaxMonths < input.termMinMonths)
    throw invalidField('termMaxMonths', 'RANGE_REVERSED', '最长期限不能短于最短期限');
  const minFen = yuanToFen(input.amountMin);
  const maxFen = yuanToFen(input.amountMax);
  if (maxFen < minFen) throw invalidField('amountMax', 'RANGE_REVERSED', '最高额度不能低于最低额度');
  return ctx.database.db.transaction(async (tx) => {
    const { rows: taken } = await tx.execute(
      sql`SELECT 1 FROM bank_products WHERE bank_id = ${bankId} AND name = ${input.name}`,
    );
    if (taken.length > 0) throw invalidField('name', 'NAME_TAKEN', '本行已有同名产品');
    const now = ctx.clock.now();
    const { rows } = await tx.execute<{ id: string }>(sql`INSERT INTO bank_products (bank_id, name, kind,
        rate_min, rate_max, term_min_months, term_max_months, amount_min_fen, amount_max_fen, eligibility,
        created_by, created_at, updated_at)
      VALUES (${bankId}, ${input.name}, ${input.kind}, ${input.rateMin}::numeric, ${input.rateMax}::numeric,
        ${input.termMinMonths}, ${input.termMaxMonths}, ${minFen}, ${maxFen}, ${input.eligibility || null},
        ${actor.userId}, ${now}, ${now}) RETURNING id`);
    const id = rows[0]!.id;
    await ctx.audit.record(tx, audit, {
      action: 'bank_product.created',
      objectType: 'bank_product',
      objectId: id,
      detail: { name: input.name, kind: input.kind, rateMin: input.rateMin, rateMax: input.rateMax },
    });
    return presentProduct((await productsOf(tx, bankId, id))[0]!);
  });
}

// Programs ------------------------------------------------------------------------------------------------

async function loadProgram(db: DbOrTx, actor: Actor, id: string): Promise<ProgramView> {
  const [row] = await listProgramRows(db, actor, id);
  if (!row) throw notFound();
  const entries = await programEntries(db, actor, id);
  return {
    id: row.id,
    name: row.name,
    conditions: row.conditions,
    orgUnit: { id: row.org_unit_id, name: row.org_unit_name },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    entries: entries.map((entry) => ({
      enterprise: { id: entry.enterprise_id, name: entry.enterprise_name },
      outcome: entry.outcome,
      amount: entry.amount_fen === null ? null : fenToYuan(entry.amount_fen),
      note: entry.note,
    })),
  };
}

export function getProgram(ctx: AppContext, actor: Actor, id: string): Promise<ProgramView> {
  return loadProgram(ctx.database.db, actor, id);
}

export async function listPrograms(ctx: AppContext, actor: Actor) {
  const rows = await listProgramRows(ctx.database.db, actor);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    conditions: row.conditions,
    orgUnit: { id: row.org_unit_id, name: row.org_unit_name },
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    entries: row.entries,
  }));
}

export async function createProgram(
  ctx: AppContext,
  actor: Actor,
  input: CreateProgramRequest,
  audit: AuditContext,
): Promise<ProgramView> {
  if (input.endsOn && input.endsOn < input.startsOn)
    throw invalidField('endsOn', 'ENDS_BEFORE_START', '结束日期不能早于开始日期');
  return ctx.database.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: string }>(sql`INSERT INTO financing_programs
        (org_unit_id, name, conditions, starts_on, ends_on, created_by, created_at)
      VALUES (${actor.orgUnitId}, ${input.name}, ${input.conditions || null}, ${input.startsOn}::date,
        ${input.endsOn ?? null}::date, ${actor.userId}, ${ctx.clock.now()}) RETURNING id`);
    const id = rows[0]!.id;
    await ctx.audit.record(tx, audit, {
      action: 'financing_program.created',
      objectType: 'financing_program',
      objectId: id,
      detail: { name: input.name, startsOn: input.startsOn },
    });
    return loadProgram(tx, actor, id);
  });
}

/** Recommends an enterprise of the caller's subtree into a program, or records its outcome there. */
export async function recordProgramEntry(
  ctx: AppContext,
  actor: Actor,
  programId: string,
  input: ProgramEntryRequest,
  audit: AuditContext,
): Promise<ProgramView> {
  return ctx.database.db.transaction(async (tx) => {
    const { rows: programs } = await tx.execute<{ id: string }>(sql`SELECT p.id FROM financing_programs p
      WHERE p.id = ${programId} AND p.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${actor.orgPath + '%'})
      FOR UPDATE`);
    if (programs.length === 0) throw notFound();
    const { rows: enterprises } = await tx.execute<{ name: string }>(sql`SELECT e.name FROM enterprises e
      WHERE e.id = ${input.enterpriseId} AND e.merged_into_id IS NULL AND ${needStateScope(actor)}`);
    if (enterprises.length === 0)
      throw invalidField('enterpriseId', 'ENTERPRISE_NOT_FOUND', '企业不存在或不在您的管理范围内');
    const outcome = input.outcome ?? 'recommended';
    const amountFen = input.amount ? yuanToFen(input.amount) : null;
    if (outcome === 'granted' && amountFen === null)
      throw invalidField('amount', 'REQUIRED', '已获贷款的企业请填写贷款金额');
    const now = ctx.clock.now();
    const { rows } = await tx.execute<{ inserted: boolean }>(sql`INSERT INTO financing_program_entries
        (program_id, enterprise_id, outcome, amount_fen, note, recommended_by, recommended_at, updated_at)
      VALUES (${programId}, ${input.enterpriseId}, ${outcome}, ${amountFen}, ${input.note || null},
        ${actor.userId}, ${now}, ${now})
      ON CONFLICT (program_id, enterprise_id) DO UPDATE SET outcome = EXCLUDED.outcome,
        amount_fen = EXCLUDED.amount_fen, note = coalesce(EXCLUDED.note, financing_program_entries.note),
        updated_at = EXCLUDED.updated_at
      RETURNING (xmax = 0) AS inserted`);
    await ctx.audit.record(tx, audit, {
      action: rows[0]!.inserted ? 'financing_program.recommended' : 'financing_program.outcome',
      objectType: 'financing_program',
      objectId: programId,
      detail: {
        enterprise: enterprises[0]!.name,
        outcome,
        ...(amountFen !== null ? { amount: fenToYuan(amountFen) } : {}),
      },
    });
    return loadProgram(tx, actor, programId);
  });
}

// Figures -------------------------------------------------------------------------------------------------

export function figuresOf(row: FigureRow | undefined): FinancingFigures {
  if (!row) {
    return {
      needs: 0,
      amountAsked: '0.00',
      vouched: 0,
      sent: 0,
      approved: 0,
      approvedAmount: '0.00',
      granted: 0,
      grantedAmount: '0.00',
      approvalRate: null,
      medianDaysToLoan: null,
      averageRate: null,
    };
  }
  return {
    needs: row.needs,
    amountAsked: fenToYuan(row.amount_asked),
    vouched: row.vouched,
    sent: row.sent,
    approved: row.approved,
    approvedAmount: fenToYuan(row.approved_amount),
    granted: row.granted,
    grantedAmount: fenToYuan(row.granted_amount),
    approvalRate: rate(row.approved, row.approved + row.declined),
    medianDaysToLoan: row.median_days,
    averageRate: row.average_rate,
  };
}

export async function financingStats(
  ctx: AppContext,
  actor: Actor,
  query: FinancingStatsQuery,
): Promise<FinancingStats> {
  const year = (query.to ?? query.from ?? today(ctx)).slice(0, 4);
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  if (from > to) throw invalidField('from', 'PERIOD_REVERSED', '开始日期不能晚于结束日期');
  let unitPath = actor.orgPath;
  if (query.orgUnitId) {
    const unit = await findOrgUnitInScope(ctx.database.db, actor, query.orgUnitId);
    if (!unit) throw notFound();
    unitPath = unit.path;
  }
  const db = ctx.database.db;
  const [[total], groups] = await sideBySide(db, [
    () => rolledFigures(db, unitPath, splitPeriod(from, to, 'rollups')),
    () =>
      query.groupBy === 'bank'
        ? rolledFigures(db, unitPath, splitPeriod(from, to, 'rollups'), 'bank')
        : financingFigures(db, unitPath, { from, to }, query.groupBy),
  ]);
  return {
    from,
    to,
    groupBy: query.groupBy,
    total: figuresOf(total),
    groups: groups.map((row) => ({
      key: row.key,
      label: row.label ?? row.key ?? '未归类',
      ...figuresOf(row),
    })),
  };
}
