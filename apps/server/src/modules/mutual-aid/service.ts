// 互助 mutual aid: members post supplies and needs (the title's words segmented by jieba for matching), the
// candidates of the other side for a post, brokered matches on core/transitions — each side accepts, and
// only when both have do their contacts appear; the outcome (quantity delivered, day) ends it — and the
// expiry of posts past their day, run by the scheduler. Every write audited in its transaction.
import {
  type AidCandidate,
  type AidMatchAction,
  type AidMatchState,
  type AidMatchTransitionRequest,
  type AidMatchView,
  type AidPostListQuery,
  type AidPostView,
  type CreateAidPostRequest,
} from '@qinqing/shared';
import { sql } from 'drizzle-orm';
import { aidBrokerScope, aidPostWriteScope } from '../../core/access/aid-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound } from '../../core/errors.ts';
import type { ScheduledTask } from '../../core/scheduler/scheduler.ts';
import {
  runTransition,
  type TransitionEffect,
  type TransitionMachine,
} from '../../core/transitions/transitions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { closeTodos, notify } from '../notifications/service.ts';
import {
  candidatesOf,
  contactOf,
  findMatch,
  findPost,
  listMatches as listMatchRows,
  listPosts as listPostRows,
  postById,
  type MatchRow,
  type PostRow,
} from './repository.ts';
import { titleWords } from './words.ts';

const today = (ctx: AppContext) => shanghaiDay(ctx.clock.now());

export function presentPost(row: PostRow): AidPostView {
  return {
    id: row.id,
    side: row.side,
    enterprise: { id: row.enterprise_id, name: row.enterprise_name },
    title: row.title,
    category: row.category,
    quantity: Number(row.quantity),
    unit: row.unit,
    place: row.place,
    validUntil: row.valid_until,
    urgent: row.urgent,
    state: row.state,
    createdAt: new Date(row.created_at).toISOString(),
    version: row.version,
  };
}

export async function createPost(
  ctx: AppContext,
  actor: Actor,
  input: CreateAidPostRequest,
  audit: AuditContext,
): Promise<AidPostView> {
  if (input.validUntil && input.validUntil < today(ctx)) {
    throw invalidField('validUntil', 'IN_PAST', '有效期不能早于今天');
  }
  const words = await titleWords(input.title);
  return ctx.database.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{
      id: string;
      org_unit_id: string;
      division_code: string | null;
      name: string;
    }>(
      sql`SELECT e.id, e.org_unit_id, e.division_code, e.name FROM enterprises e
        WHERE e.id = ${input.enterpriseId} AND e.merged_into_id IS NULL AND ${aidPostWriteScope(actor)}`,
    );
    const enterprise = rows[0];
    if (!enterprise)
      throw invalidField('enterpriseId', 'ENTERPRISE_NOT_FOUND', '企业不存在或不在您的管理范围内');
    const now = ctx.clock.now();
    const { rows: inserted } = await tx.execute<{ id: string }>(sql`INSERT INTO aid_posts (org_unit_id,
        enterprise_id, side, title, category, quantity, unit, place, division_code, valid_until, urgent, words,
        created_by, created_at, updated_at)
      VALUES (${enterprise.org_unit_id}, ${enterprise.id}, ${input.side}, ${input.title}, ${input.category},
        ${input.quantity}, ${input.unit}, ${input.place || null}, ${enterprise.division_code},
        ${input.validUntil ?? null}::date, ${input.urgent ?? false},
        ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(words)}::jsonb)), ${actor.userId}, ${now}, ${now})
      RETURNING id`);
    const id = inserted[0]!.id;
    await ctx.audit.record(tx, audit, {
      action: 'aid_post.created',
      objectType: 'aid_post',
      objectId: id,
      detail: { enterprise: enterprise.name, side: input.side, title: input.title, quantity: input.quantity },
    });
    return presentPost((await findPost(tx, actor, id))!);
  });
}

export async function getPost(ctx: AppContext, actor: Actor, id: string): Promise<AidPostView> {
  const row = await findPost(ctx.database.db, actor, id);
  if (!row) throw notFound();
  return presentPost(row);
}

export async function listPosts(ctx: AppContext, actor: Actor, query: AidPostListQuery) {
  const { rows, total } = await listPostRows(ctx.database.db, actor, query);
  return { items: rows.map(presentPost), total };
}

/** The candidates for a post: for those who may broker it, or its own enterprise. */
export async function matchesFor(ctx: AppContext, actor: Actor, id: string): Promise<AidCandidate[]> {
  const db = ctx.database.db;
  const own = actor.roles.includes('enterprise_contact') ? actor.enterpriseId : null;
  const post = await findPost(
    db,
    actor,
    id,
    own ? sql`(${aidBrokerScope(actor)} OR p.enterprise_id = ${own})` : aidBrokerScope(actor),
  );
  if (!post) throw notFound();
  const rows = await candidatesOf(db, post, today(ctx));
  return rows.map((row) => ({
    ...presentPost(row),
    commonWords: row.common_words,
    proximity: row.proximity,
    score: row.score,
  }));
}

// Matches ------------------------------------------------------------------------------------------------

type Side = 'supply' | 'demand' | 'broker';

function sidesOf(actor: Actor, row: MatchRow): Set<Side> {
  const sides = new Set<Side>();
  const own = actor.roles.includes('enterprise_contact') ? actor.enterpriseId : null;
  if (own && own === row.supply_enterprise_id) sides.add('supply');
  if (own && own === row.demand_enterprise_id) sides.add('demand');
  if (
    actor.permissions.has('aid.broker') &&
    (row.brokered_by === actor.userId || actor.roles.includes('federation_staff'))
  ) {
    sides.add('broker');
  }
  return sides;
}

const ACCEPTED = (row: MatchRow) => row.supply_accepted_at !== null && row.demand_accepted_at !== null;

function actionsFor(state: AidMatchState, sides: Set<Side>, row: MatchRow): AidMatchAction[] {
  const actions: AidMatchAction[] = [];
  const mayAccept =
    (sides.has('supply') && !row.supply_accepted_at) || (sides.has('demand') && !row.demand_accepted_at);
  if (state === 'proposed' && mayAccept) actions.push('accept');
  if (state === 'proposed' && (sides.has('supply') || sides.has('demand'))) actions.push('decline');
  if (state === 'accepted' && (sides.has('broker') || sides.has('demand'))) actions.push('fulfil');
  return actions;
}

async function presentMatch(db: DbOrTx, actor: Actor, row: MatchRow): Promise<AidMatchView> {
  const [supply, demand] = [await postById(db, row.supply_id), await postById(db, row.demand_id)];
  // The contacts only once both sides accepted: before, neither is read at all.
  const shown = ACCEPTED(row) && row.state !== 'declined';
  return {
    id: row.id,
    supply: presentPost(supply),
    demand: presentPost(demand),
    state: row.state,
    supplyAccepted: row.supply_accepted_at !== null,
    demandAccepted: row.demand_accepted_at !== null,
    supplyContact: shown ? await contactOf(db, row.supply_enterprise_id) : null,
    demandContact: shown ? await contactOf(db, row.demand_enterprise_id) : null,
    quantityDelivered: row.quantity_delivered === null ? null : Number(row.quantity_delivered),
    deliveredOn: row.delivered_on,
    actions: actionsFor(row.state, sidesOf(actor, row), row),
    version: row.version,
  };
}

export async function listMatches(ctx: AppContext, actor: Actor): Promise<AidMatchView[]> {
  const db = ctx.database.db;
  const views: AidMatchView[] = [];
  for (const row of await listMatchRows(db, actor)) views.push(await presentMatch(db, actor, row));
  return views;
}

export async function getMatch(ctx: AppContext, actor: Actor, id: string): Promise<AidMatchView> {
  const row = await findMatch(ctx.database.db, actor, id);
  if (!row) throw notFound();
  return presentMatch(ctx.database.db, actor, row);
}

export async function createMatch(
  ctx: AppContext,
  actor: Actor,
  input: { supplyId: string; demandId: string },
  audit: AuditContext,
): Promise<AidMatchView> {
  return ctx.database.db.transaction(async (tx) => {
    // Both posts locked: one match a pair, and neither moves while it is made.
    const { rows } = await tx.execute<{
      id: string;
      side: string;
      state: string;
      org_unit_id: string;
      enterprise_id: string;
      category: string;
      brokerable: boolean;
    }>(
      sql`SELECT p.id, p.side, p.state, p.org_unit_id, p.enterprise_id, p.category, ${aidBrokerScope(actor)} AS brokerable
        FROM aid_posts p WHERE p.id IN (${input.supplyId}, ${input.demandId}) ORDER BY p.id FOR UPDATE`,
    );
    const supply = rows.find((row) => row.id === input.supplyId);
    const demand = rows.find((row) => row.id === input.demandId);
    if (!supply?.brokerable && !demand?.brokerable) throw notFound();
    if (!supply || supply.side !== 'supply')
      throw invalidField('supplyId', 'NOT_A_SUPPLY', '请选择一条供给信息');
    if (!demand || demand.side !== 'demand')
      throw invalidField('demandId', 'NOT_A_DEMAND', '请选择一条需求信息');
    if (supply.enterprise_id === demand.enterprise_id)
      throw invalidField('demandId', 'SAME_ENTERPRISE', '供需双方不能是同一家企业');
    for (const [post, field] of [
      [supply, 'supplyId'],
      [demand, 'demandId'],
    ] as const) {
      if (post.state !== 'open' && post.state !== 'matched')
        throw invalidField(field, 'POST_CLOSED', '该信息已完成、过期或撤下，不能再撮合');
    }
    const { rows: live } = await tx.execute(sql`SELECT 1 FROM aid_matches
      WHERE supply_id = ${supply.id} AND demand_id = ${demand.id} AND state <> 'declined'`);
    if (live.length > 0) {
      throw new AppError('CONFLICT', [
        { path: 'demandId', code: 'ALREADY_MATCHED', message: '这两条信息已撮合过' },
      ]);
    }
    const now = ctx.clock.now();
    const { rows: inserted } = await tx.execute<{
      id: string;
    }>(sql`INSERT INTO aid_matches (supply_id, demand_id,
        org_unit_id, brokered_by, created_at, updated_at)
      VALUES (${supply.id}, ${demand.id}, ${demand.org_unit_id}, ${actor.userId}, ${now}, ${now}) RETURNING id`);
    const id = inserted[0]!.id;
    await tx.execute(sql`UPDATE aid_posts SET state = 'matched', version = version + 1, updated_at = ${now}
      WHERE id IN (${supply.id}, ${demand.id}) AND state = 'open'`);
    await ctx.audit.record(tx, audit, {
      action: 'aid_match.created',
      objectType: 'aid_match',
      objectId: id,
      detail: { supplyId: supply.id, demandId: demand.id },
    });
    const contacts = await tx.execute<{ id: string }>(sql`SELECT id FROM users WHERE NOT disabled
      AND 'enterprise_contact' = ANY (roles) AND enterprise_id IN (${supply.enterprise_id}, ${demand.enterprise_id})`);
    await notify(ctx, tx, {
      recipientIds: contacts.rows.map((row) => row.id).filter((user) => user !== actor.userId),
      kind: 'aid_match.proposed',
      title: '互助对接待您确认',
      body: '工商联为您撮合了一条供需对接，双方确认后可看到对方联系方式。',
      link: `/aid/matches/${id}`,
      objectType: 'aid_match',
      objectId: id,
      awaits: ['accept', 'decline'],
    });
    const row = await findMatch(tx, actor, id);
    return presentMatch(tx, actor, row!);
  });
}

interface MatchOutcome extends TransitionEffect {
  change: Record<string, unknown>;
  postState?: 'fulfilled' | 'open';
}

const matchMachine: TransitionMachine<
  MatchRow,
  { state: AidMatchState; row: MatchRow },
  Set<Side>,
  AidMatchTransitionRequest,
  MatchOutcome
> = {
  objectType: 'aid_match',
  lock: (tx, actor, id) => findMatch(tx, actor, id, { forUpdate: true }),
  stateOf: (row) => ({ state: row.state, row }),
  capacityOf: sidesOf,
  decide(state, action, sides) {
    const allowed = actionsFor(state.state, sides, state.row).includes(action);
    if (allowed) return 'allowed';
    const could =
      action === 'fulfil'
        ? sides.has('broker') || sides.has('demand')
        : sides.has('supply') || sides.has('demand');
    return could ? 'not_now' : 'forbidden';
  },
  async apply({ subject, request, actor, now, ctx }) {
    const own = actor.enterpriseId;
    switch (request.action) {
      case 'accept': {
        const change: Record<string, unknown> = {};
        if (own === subject.supply_enterprise_id && !subject.supply_accepted_at)
          change.supply_accepted_at = now;
        if (own === subject.demand_enterprise_id && !subject.demand_accepted_at)
          change.demand_accepted_at = now;
        const both =
          (subject.supply_accepted_at ?? change.supply_accepted_at) &&
          (subject.demand_accepted_at ?? change.demand_accepted_at);
        if (both) change.state = 'accepted';
        return { change, audit: { detail: { both: Boolean(both) } } };
      }
      case 'decline':
        return {
          change: {
            state: 'declined',
            declined_side: own === subject.supply_enterprise_id ? 'supply' : 'demand',
          },
          postState: 'open',
          audit: { detail: {} },
          done: ['*'],
        };
      case 'fulfil': {
        if (request.quantity === undefined) throw invalidField('quantity', 'REQUIRED', '请填写实际对接数量');
        const deliveredOn = request.deliveredOn ?? today(ctx);
        if (deliveredOn > today(ctx)) throw invalidField('deliveredOn', 'IN_FUTURE', '对接日期不能晚于今天');
        return {
          change: { state: 'fulfilled', quantity_delivered: request.quantity, delivered_on: deliveredOn },
          postState: 'fulfilled',
          audit: { detail: { quantity: request.quantity, deliveredOn } },
          done: ['*'],
        };
      }
    }
  },
  async save({ tx, id, subject, now }, outcome) {
    const sets = Object.entries(outcome.change).map(
      ([column, value]) => sql`${sql.identifier(column)} = ${value}`,
    );
    const { rows } = await tx.execute(
      sql`UPDATE aid_matches SET ${sql.join(
        [...sets, sql`version = version + 1`, sql`updated_at = ${now}`],
        sql`, `,
      )} WHERE id = ${id} AND version = ${subject.version} RETURNING id`,
    );
    if (rows.length === 1 && outcome.postState) {
      // A declined match frees its posts (unless another live match holds them); a fulfilled one ends them.
      await tx.execute(sql`UPDATE aid_posts p SET state = ${outcome.postState}, version = version + 1, updated_at = ${now}
        WHERE p.id IN (${subject.supply_id}, ${subject.demand_id}) AND p.state = 'matched'
          AND (${outcome.postState}::text = 'fulfilled' OR NOT EXISTS (SELECT 1 FROM aid_matches m
            WHERE m.id <> ${id} AND m.state IN ('proposed', 'accepted') AND (m.supply_id = p.id OR m.demand_id = p.id)))`);
    }
    return rows.length === 1;
  },
  notifications: { send: notify, link: (id) => `/aid/matches/${id}`, closeTodos },
};

export async function transitionMatch(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AidMatchTransitionRequest,
  audit: AuditContext,
): Promise<AidMatchView> {
  await runTransition(ctx, matchMachine, { actor, id, request: input, audit });
  return getMatch(ctx, actor, id);
}

// Expiry -----------------------------------------------------------------------------------------------

const SYSTEM: AuditContext = {
  actorId: null,
  actorName: 'system',
  actorRoles: [],
  ip: null,
  requestId: null,
};

/** Open posts past their day become expired, each audited; answers how many. */
export async function expireAidPosts(ctx: AppContext, now: Date): Promise<number> {
  return ctx.database.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ id: string; title: string }>(sql`UPDATE aid_posts
      SET state = 'expired', version = version + 1, updated_at = ${now}
      WHERE state = 'open' AND valid_until < ${shanghaiDay(now)}::date RETURNING id, title`);
    for (const row of rows) {
      await ctx.audit.record(tx, SYSTEM, {
        action: 'aid_post.expired',
        objectType: 'aid_post',
        objectId: row.id,
        detail: { title: row.title },
      });
    }
    return rows.length;
  });
}

export function aidExpiryTask(ctx: AppContext): ScheduledTask {
  return {
    name: 'aid.expirePosts',
    intervalMs: 60 * 60_000,
    run: async ({ now }) => {
      await expireAidPosts(ctx, now);
    },
  };
}
