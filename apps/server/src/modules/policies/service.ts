// 惠企政策 policies: the library (staff write in their subtree, a department liaison drafts their
// department's), its transitions on core/transitions (publish, withdraw; expiry is the scheduler's), search
// with the registry's kernel, matching with a reason per condition and near misses, an enterprise's own
// view with marks and questions (which become appeals of category 政策咨询), redemption records and the
// figures. Every write audited in its transaction.
import {
  fenToYuan,
  POLICY_TRANSITIONS,
  POLICY_ACTIONS,
  yuanToFen,
  type BenefitKind,
  type CreatePolicyRequest,
  type ErrorDetail,
  type MyPolicy,
  type PolicyAction,
  type PolicyCondition,
  type PolicyLevel,
  type PolicyListQuery,
  type PolicyMark,
  type PolicyMatches,
  type PolicyState,
  type PolicySummary,
  type PolicyTransitionRequest,
  type PolicyView,
  type ReachFigures,
  type RecordRedemptionRequest,
  type RedemptionMode,
  type RedemptionView,
  type UpdatePolicyRequest,
} from '@qinqing/shared';
import { sql, type SQL } from 'drizzle-orm';
import { withinScope } from '../../core/access/access.ts';
import {
  managesPolicies,
  policyAudienceScope,
  policyEditScope,
  policyOwnerScope,
  policyReadScope,
} from '../../core/access/policy-scope.ts';
import { isFederationReader } from '../../core/access/registry-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, forbidden, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import { rate } from '../../core/measures/registry.ts';
import { bigrams, classifyQuery, normalizeText, searchKeysOf } from '../../core/search/search-keys.ts';
import { escapeLike } from '../../core/sql.ts';
import {
  runTransition,
  type TransitionEffect,
  type TransitionMachine,
} from '../../core/transitions/transitions.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { raiseAppeal } from '../appeals/raise-appeal.ts';
import {
  checkConditions,
  fitsSql,
  isStructured,
  judgeAll,
  manualConditions,
  type EnterpriseFacts,
} from './conditions.ts';
import { listPolicyAttachments } from './attachments-repository.ts';
import { keptBreakdown, keptCounts, keptPage, refreshKeptMatches } from './kept-matches-repository.ts';
import {
  chamberNames,
  enterpriseFacts,
  findPolicy,
  insertPolicy,
  listPolicies as listPolicyRows,
  matchBreakdown,
  matchCounts,
  matchPage,
  reachFigures,
  updatePolicy as updatePolicyRow,
  type PolicyRow,
  type PolicyWrite,
  type ReachRow,
} from './repository.ts';

export const today = (ctx: AppContext) => shanghaiDay(ctx.clock.now());

function fail(details: ErrorDetail[]): void {
  if (details.length > 0) throw new AppError('VALIDATION_FAILED', details);
}

const yuan = (fen: string | null) => (fen === null ? null : fenToYuan(fen));

export function presentSummary(row: PolicyRow): PolicySummary {
  return {
    id: row.id,
    title: row.title,
    documentNumber: row.document_number,
    issuer: row.issuer_name,
    level: row.level as PolicyLevel,
    benefitKind: row.benefit_kind as BenefitKind,
    redemption: row.redemption as RedemptionMode,
    state: row.state as PolicyState,
    orgUnit: { id: row.org_unit_id, name: row.org_unit_name },
    publishedOn: row.published_on,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    applicationOpensOn: row.application_opens_on,
    applicationClosesOn: row.application_closes_on,
    amountMin: yuan(row.amount_min_fen),
    amountMax: yuan(row.amount_max_fen),
    tags: row.tags,
    summary: row.summary,
    version: row.version,
  };
}

/** The deeper of two paths when one holds the other; undefined when they are apart. */
function deeper(a: string, b: string): string | undefined {
  if (a.startsWith(b)) return a;
  if (b.startsWith(a)) return b;
  return undefined;
}

async function presentView(ctx: AppContext, actor: Actor, row: PolicyRow): Promise<PolicyView> {
  const { rows } = await ctx.database.db.execute<{ editable: boolean; owned: boolean }>(
    sql`SELECT ${policyEditScope(actor)} AS editable, ${withinScope(sql`p.org_unit_id`, actor)} AS owned
          FROM policies p WHERE p.id = ${row.id}`,
  );
  const manages = managesPolicies(actor) && rows[0]?.owned === true;
  const state = row.state as PolicyState;
  return {
    ...presentSummary(row),
    attachments: await listPolicyAttachments(ctx.database.db, row.id),
    issuerUnitId: row.issuer_unit_id,
    fullText: row.full_text,
    contact: row.contact,
    conditions: row.conditions,
    actions: manages ? POLICY_ACTIONS.filter((action) => POLICY_TRANSITIONS[action].includes(state)) : [],
    canEdit: rows[0]?.editable === true,
    canPush: state === 'published' && actor.permissions.has('policies.push'),
    canRedeem: managesPolicies(actor) && state !== 'draft',
  };
}

// Writing ---------------------------------------------------------------------------------------------------

type PolicyInput = Omit<CreatePolicyRequest, 'orgUnitId'>;

/** Checks what needs more than the schema: dates in order, amounts in order, condition codes, the issuer. */
async function checkInput(db: DbOrTx, input: PolicyInput): Promise<void> {
  const details: ErrorDetail[] = [];
  if (input.expiresOn && input.expiresOn < input.effectiveOn)
    details.push({
      path: 'expiresOn',
      code: 'EXPIRES_BEFORE_EFFECTIVE',
      message: '失效日期不能早于生效日期',
    });
  if (
    input.applicationOpensOn &&
    input.applicationClosesOn &&
    input.applicationClosesOn < input.applicationOpensOn
  )
    details.push({
      path: 'applicationClosesOn',
      code: 'WINDOW_REVERSED',
      message: '申报截止日期不能早于申报开始日期',
    });
  if (input.amountMin && input.amountMax && yuanToFen(input.amountMax) < yuanToFen(input.amountMin))
    details.push({ path: 'amountMax', code: 'AMOUNT_REVERSED', message: '金额上限不能低于下限' });
  details.push(...(await checkConditions(db, input.conditions)));
  if (input.issuerUnitId) {
    const { rows } = await db.execute(
      sql`SELECT 1 FROM org_units WHERE id = ${input.issuerUnitId} AND kind = 'department'`,
    );
    if (rows.length === 0)
      details.push({ path: 'issuerUnitId', code: 'ISSUER_NOT_FOUND', message: '发文单位应为一个职能部门' });
  }
  fail(details);
}

/** The stored fields and search keys of a policy's input. */
export function policyWriteOf(input: PolicyInput): Omit<PolicyWrite, 'orgUnitId' | 'reachPath'> {
  const texts = [input.title, input.documentNumber ?? '', input.issuer, input.summary, input.fullText ?? ''];
  const normalized = texts.map(normalizeText).filter(Boolean);
  const titleKeys = searchKeysOf(input.title);
  return {
    title: input.title,
    documentNumber: input.documentNumber || null,
    issuerUnitId: input.issuerUnitId ?? null,
    issuerName: input.issuer,
    level: input.level,
    benefitKind: input.benefitKind,
    summary: input.summary,
    fullText: input.fullText || null,
    publishedOn: input.publishedOn ?? null,
    effectiveOn: input.effectiveOn,
    expiresOn: input.expiresOn ?? null,
    redemption: input.redemption,
    applicationOpensOn: input.applicationOpensOn ?? null,
    applicationClosesOn: input.applicationClosesOn ?? null,
    amountMinFen: input.amountMin ? yuanToFen(input.amountMin) : null,
    amountMaxFen: input.amountMax ? yuanToFen(input.amountMax) : null,
    contact: input.contact || null,
    tags: [...new Set(input.tags ?? [])],
    conditions: input.conditions,
    searchText: normalized.join(' '),
    searchBigrams: bigrams(normalized),
    titlePinyin: titleKeys.namePinyin,
    titleInitials: titleKeys.nameInitials,
  };
}

export async function createPolicy(
  ctx: AppContext,
  actor: Actor,
  input: CreatePolicyRequest,
  audit: AuditContext,
): Promise<PolicyView> {
  const { db } = ctx.database;
  await checkInput(db, input);
  // A liaison's policy is their department's; staff's their own unit unless they name one of their subtree.
  const ownerId = input.orgUnitId ?? actor.orgUnitId;
  const { rows } = await db.execute<{ id: string; path: string; kind: string; name: string }>(
    sql`SELECT u.id, u.path, u.kind, u.name FROM org_units u WHERE u.id = ${ownerId} AND ${policyOwnerScope(actor)}`,
  );
  const owner = rows[0];
  if (!owner)
    throw invalidField('orgUnitId', 'OWNER_NOT_FOUND', '所属单位应为本级或下级工商联（联络员：本部门）');
  // A department's policies reach the members of the federation it belongs to.
  const reachPath = owner.kind === 'department' ? owner.path.replace(/[^/]+\/$/, '') : owner.path;
  const values = policyWriteOf(input);
  return db.transaction(async (tx) => {
    const id = await insertPolicy(tx, {
      ...values,
      orgUnitId: owner.id,
      reachPath,
      createdBy: actor.userId,
      now: ctx.clock.now(),
    });
    await ctx.audit.record(tx, audit, {
      action: 'policy.created',
      objectType: 'policy',
      objectId: id,
      detail: { after: auditFields(values), orgUnitName: owner.name },
    });
    const row = await findPolicy(tx, sql`true`, id, { fullText: true });
    return presentView(ctx, actor, row!);
  });
}

/** What the audit record keeps of a policy (the full text by its length only). */
function auditFields(values: Omit<PolicyWrite, 'orgUnitId' | 'reachPath'>) {
  return {
    title: values.title,
    documentNumber: values.documentNumber,
    issuer: values.issuerName,
    level: values.level,
    benefitKind: values.benefitKind,
    effectiveOn: values.effectiveOn,
    expiresOn: values.expiresOn,
    redemption: values.redemption,
    applicationClosesOn: values.applicationClosesOn,
    conditions: values.conditions,
    fullTextLength: values.fullText?.length ?? 0,
  };
}

function inputOf(row: PolicyRow, fullText: string | null): PolicyInput {
  return {
    title: row.title,
    documentNumber: row.document_number,
    issuer: row.issuer_name,
    issuerUnitId: row.issuer_unit_id,
    level: row.level as PolicyLevel,
    benefitKind: row.benefit_kind as BenefitKind,
    summary: row.summary,
    fullText,
    publishedOn: row.published_on,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    redemption: row.redemption as RedemptionMode,
    applicationOpensOn: row.application_opens_on,
    applicationClosesOn: row.application_closes_on,
    amountMin: yuan(row.amount_min_fen),
    amountMax: yuan(row.amount_max_fen),
    contact: row.contact,
    tags: row.tags,
    conditions: row.conditions,
  };
}

export async function updatePolicy(
  ctx: AppContext,
  actor: Actor,
  id: string,
  patch: UpdatePolicyRequest,
  audit: AuditContext,
): Promise<PolicyView> {
  const { version, ...changes } = patch;
  return ctx.database.db.transaction(async (tx) => {
    const current = await findPolicy(tx, policyEditScope(actor), id, { lock: true, fullText: true });
    if (!current) {
      // Readable but not the caller's to change (a liaison's draft once published): 403, else 404.
      if (await findPolicy(tx, policyReadScope(actor), id)) throw forbidden();
      throw notFound();
    }
    if (current.version !== version) throw versionConflict();
    const merged: PolicyInput = { ...inputOf(current, current.full_text), ...stripUndefined(changes) };
    await checkInput(tx, merged);
    const values = policyWriteOf(merged);
    if (!(await updatePolicyRow(tx, id, version, values, ctx.clock.now()))) throw versionConflict();
    await ctx.audit.record(tx, audit, {
      action: 'policy.updated',
      objectType: 'policy',
      objectId: id,
      detail: {
        before: auditFields(policyWriteOf(inputOf(current, current.full_text))),
        after: auditFields(values),
      },
    });
    const row = await findPolicy(tx, sql`true`, id, { fullText: true });
    return presentView(ctx, actor, row!);
  });
}

function stripUndefined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// Reading ---------------------------------------------------------------------------------------------------

export async function getPolicy(ctx: AppContext, actor: Actor, id: string): Promise<PolicyView> {
  const row = await findPolicy(ctx.database.db, policyReadScope(actor), id, { fullText: true });
  if (!row) throw notFound();
  return presentView(ctx, actor, row);
}

/** The search box over title, number, issuer, summary and full text: fragments, traditional, pinyin. */
function searchClause(q: string): { where: SQL; rank: SQL } {
  const query = classifyQuery(q);
  if (query.kind === 'latin') {
    const fragment = `%${escapeLike(query.value)}%`;
    const prefix = `${escapeLike(query.value)}%`;
    return {
      where: sql`(p.title_initials LIKE ${fragment} OR p.title_pinyin LIKE ${fragment})`,
      rank: sql`CASE WHEN p.title_initials LIKE ${prefix} OR p.title_pinyin LIKE ${prefix} THEN 1 ELSE 2 END`,
    };
  }
  const value = normalizeText(q);
  const fragment = `%${escapeLike(value)}%`;
  const grams = bigrams([value]);
  // The bigram array narrows through its GIN index; LIKE confirms the characters are adjacent.
  const where =
    grams.length > 0 && [...value].length >= 2
      ? sql`(p.search_bigrams @> ${sql.param(grams)}::text[] AND p.search_text LIKE ${fragment})`
      : sql`p.search_text LIKE ${fragment}`;
  return {
    where,
    rank: sql`CASE WHEN p.search_text LIKE ${`${escapeLike(value)}%`} THEN 1 ELSE 2 END`,
  };
}

export async function listPolicies(ctx: AppContext, actor: Actor, query: PolicyListQuery) {
  const conditions: SQL[] = [policyReadScope(actor)];
  if (query.state) conditions.push(sql`p.state = ${query.state}`);
  if (query.level) conditions.push(sql`p.level = ${query.level}`);
  if (query.benefit) conditions.push(sql`p.benefit_kind = ${query.benefit}`);
  let order = sql`p.published_on DESC NULLS FIRST, p.created_at DESC, p.id`;
  if (query.q) {
    const search = searchClause(query.q);
    conditions.push(search.where);
    order = sql`${search.rank}, ${order}`;
  }
  const { rows, total } = await listPolicyRows(ctx.database.db, sql.join(conditions, sql` AND `), order, {
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows.map(presentSummary), total, page: query.page, pageSize: query.pageSize };
}

// Transitions -----------------------------------------------------------------------------------------------

interface PolicySubject {
  row: PolicyRow;
  owned: boolean;
  version: number;
}

type PolicyOutcome = TransitionEffect;

const policyMachine: TransitionMachine<
  PolicySubject,
  { state: PolicyState },
  boolean,
  PolicyTransitionRequest,
  PolicyOutcome
> = {
  objectType: 'policy',
  async lock(tx, actor, id) {
    const row = await findPolicy(tx, policyReadScope(actor), id, { lock: true });
    if (!row) return undefined;
    const { rows } = await tx.execute<{ owned: boolean }>(
      sql`SELECT ${withinScope(sql`p.org_unit_id`, actor)} AS owned FROM policies p WHERE p.id = ${id}`,
    );
    return { row, owned: rows[0]?.owned === true, version: row.version };
  },
  stateOf: (subject) => ({ state: subject.row.state as PolicyState }),
  capacityOf: (actor, subject) => managesPolicies(actor) && subject.owned,
  decide(state, action, manages) {
    if (!manages) return 'forbidden';
    return POLICY_TRANSITIONS[action as PolicyAction].includes(state.state) ? 'allowed' : 'not_now';
  },
  async apply({ subject, request, now, ctx }) {
    if (request.action === 'publish') {
      const day = shanghaiDay(now);
      if (subject.row.expires_on && subject.row.expires_on < day)
        throw invalidField(
          'expiresOn',
          'ALREADY_EXPIRED',
          `政策已于 ${subject.row.expires_on} 失效，不能发布`,
        );
      const problems = await checkConditions(ctx.database.db, subject.row.conditions);
      fail(problems);
    }
    return { audit: { detail: { title: subject.row.title, from: subject.row.state } } };
  },
  async save({ tx, id, subject, request, now }) {
    const day = shanghaiDay(now);
    const { rowCount } = await tx.execute(
      request.action === 'publish'
        ? sql`UPDATE policies SET state = 'published', published_at = ${now},
                published_on = coalesce(published_on, ${day}::date), version = version + 1, updated_at = ${now}
              WHERE id = ${id} AND version = ${subject.version}`
        : sql`UPDATE policies SET state = 'withdrawn', withdrawn_at = ${now}, version = version + 1,
                updated_at = ${now} WHERE id = ${id} AND version = ${subject.version}`,
    );
    return (rowCount ?? 0) > 0;
  },
};

export async function transitionPolicy(
  ctx: AppContext,
  actor: Actor,
  id: string,
  request: PolicyTransitionRequest,
  audit: AuditContext,
): Promise<PolicyView> {
  await runTransition(ctx, policyMachine, { actor, id, request, audit });
  return getPolicy(ctx, actor, id);
}

// Matching --------------------------------------------------------------------------------------------------

/**
 * Where matches are looked for: the policy's reach narrowed to what the caller sees. Staff and leaders by
 * name within their subtree, a secretary their chamber's members; anyone else (a liaison previewing their
 * department's draft) gets the counts over the whole reach without names.
 */
function matchScope(actor: Actor, reachPath: string): { path: string; audience: SQL | null; named: boolean } {
  if (isFederationReader(actor)) {
    const path = deeper(reachPath, actor.orgPath);
    if (path) return { path, audience: null, named: true };
  }
  if (actor.roles.includes('chamber_secretary'))
    return { path: reachPath, audience: policyAudienceScope(actor), named: true };
  return { path: reachPath, audience: null, named: false };
}

/** Where a match is read from: a saved policy's kept matches, or conditions judged over the live registry. */
type MatchSource = { kind: 'kept'; policyId: string } | { kind: 'live' };

function matchReader(source: MatchSource, conditions: readonly PolicyCondition[]) {
  const all = (audience: SQL | null) => audience ?? sql`true`;
  return source.kind === 'kept'
    ? {
        counts: (db: DbOrTx, path: string, audience: SQL | null) =>
          keptCounts(db, source.policyId, path, audience),
        page: (db: DbOrTx, path: string, audience: SQL | null, want: 0 | 1, limit: number) =>
          keptPage(db, source.policyId, path, audience, want, limit),
        breakdown: (db: DbOrTx, path: string, audience: SQL | null) =>
          keptBreakdown(db, source.policyId, path, audience),
      }
    : {
        counts: (db: DbOrTx, path: string, audience: SQL | null) =>
          matchCounts(db, conditions, path, all(audience)),
        page: (db: DbOrTx, path: string, audience: SQL | null, want: 0 | 1, limit: number) =>
          matchPage(db, conditions, path, all(audience), want, limit),
        breakdown: (db: DbOrTx, path: string, audience: SQL | null) =>
          matchBreakdown(db, conditions, path, all(audience)),
      };
}

async function matchesOf(
  db: DbOrTx,
  actor: Actor,
  conditions: readonly PolicyCondition[],
  reachPath: string,
  limit: number,
  source: MatchSource,
): Promise<PolicyMatches> {
  const scope = matchScope(actor, reachPath);
  const reader = matchReader(source, conditions);
  const structured = conditions.filter(isStructured);
  const counts = await reader.counts(db, scope.path, scope.audience);
  const names = await chamberNames(
    db,
    structured.filter((c) => c.field === 'chamber').flatMap((c) => c.values.map(String)),
  );
  const breakdown = await reader.breakdown(db, scope.path, scope.audience);
  // With one condition a near miss is everyone else: near misses mean something from two conditions on.
  const nearMissTotal = structured.length >= 2 ? counts.nearMissTotal : 0;
  if (!scope.named)
    return {
      ...counts,
      nearMissTotal,
      items: [],
      nearMisses: [],
      ...breakdown,
      manual: manualConditions(conditions),
    };
  const matched = await reader.page(db, scope.path, scope.audience, 0, limit);
  const near = nearMissTotal > 0 ? await reader.page(db, scope.path, scope.audience, 1, limit) : [];
  const facts = await enterpriseFacts(
    db,
    [...matched, ...near].map((row) => row.id),
  );
  const reasonsOf = (id: string) => judgeAll(conditions, facts.get(id)!, names);
  return {
    total: counts.total,
    nearMissTotal,
    items: matched.map((row) => ({
      enterprise: { id: row.id, name: row.name, uscc: row.uscc },
      reasons: reasonsOf(row.id),
    })),
    nearMisses: near.map((row) => {
      const reasons = reasonsOf(row.id);
      return {
        enterprise: { id: row.id, name: row.name, uscc: row.uscc },
        failed: reasons[row.first ?? 0]!,
        reasons,
      };
    }),
    ...breakdown,
    manual: manualConditions(conditions),
  };
}

export async function policyMatches(
  ctx: AppContext,
  actor: Actor,
  id: string,
  limit: number,
): Promise<PolicyMatches> {
  const row = await findPolicy(ctx.database.db, policyReadScope(actor), id);
  if (!row) throw notFound();
  // The kept matches are brought up to date and read in one transaction, so the figures agree.
  return ctx.database.db.transaction(async (tx) => {
    await refreshKeptMatches(
      tx,
      { id, conditions: row.conditions, reachPath: row.reach_path },
      ctx.clock.now(),
    );
    return matchesOf(tx, actor, row.conditions, row.reach_path, limit, { kind: 'kept', policyId: id });
  });
}

/** Conditions tried before they are saved: the caller's own federation is the reach. */
export async function previewMatches(
  ctx: AppContext,
  actor: Actor,
  conditions: PolicyCondition[],
  limit: number,
): Promise<PolicyMatches> {
  fail(await checkConditions(ctx.database.db, conditions));
  const { rows } = await ctx.database.db.execute<{ path: string; kind: string }>(
    sql`SELECT path, kind FROM org_units WHERE id = ${actor.orgUnitId}`,
  );
  const unit = rows[0]!;
  const reach = unit.kind === 'department' ? unit.path.replace(/[^/]+\/$/, '') : unit.path;
  return matchesOf(ctx.database.db, actor, conditions, reach, limit, { kind: 'live' });
}

// The enterprise's side ---------------------------------------------------------------------------------------

/** Every ancestor path of a path, itself included: `/a/b/` → `/a/`, `/a/b/`. */
function ancestorPaths(path: string): string[] {
  const parts = path.split('/').filter(Boolean);
  return parts.map((_, index) => `/${parts.slice(0, index + 1).join('/')}/`);
}

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
/** Within this many days a window counts as closing soon: those policies come first. */
const CLOSING_SOON_DAYS = 14;

interface OwnContext {
  enterpriseId: string;
  facts: EnterpriseFacts & { orgPath: string };
}

async function ownEnterprise(ctx: AppContext, actor: Actor): Promise<OwnContext> {
  if (!actor.enterpriseId) throw notFound();
  const facts = (await enterpriseFacts(ctx.database.db, [actor.enterpriseId])).get(actor.enterpriseId);
  if (!facts) throw notFound();
  return { enterpriseId: actor.enterpriseId, facts };
}

/** Published policies reaching the enterprise that fit it or were pushed to it, with why. */
async function fittingPolicies(
  ctx: AppContext,
  own: OwnContext,
  only?: string,
): Promise<{ item: MyPolicy; row: PolicyRow }[]> {
  const { db } = ctx.database;
  const { rows } = await db.execute<PolicyRow & { pushed: boolean; read: boolean; mark: PolicyMark | null }>(
    sql`SELECT p.id, p.org_unit_id, u.name AS org_unit_name, p.reach_path, p.title, p.document_number,
               p.issuer_unit_id, p.issuer_name, p.level, p.benefit_kind, p.summary, NULL::text AS full_text,
               p.published_on::text AS published_on, p.effective_on::text AS effective_on,
               p.expires_on::text AS expires_on, p.redemption, p.application_opens_on::text AS application_opens_on,
               p.application_closes_on::text AS application_closes_on, p.amount_min_fen::text AS amount_min_fen,
               p.amount_max_fen::text AS amount_max_fen, p.contact, p.tags, p.conditions, p.state, p.version,
               (r.policy_id IS NOT NULL) AS pushed, (rd.policy_id IS NOT NULL) AS read, mk.mark
          FROM policies p JOIN org_units u ON u.id = p.org_unit_id
          LEFT JOIN policy_recipients r ON r.policy_id = p.id AND r.enterprise_id = ${own.enterpriseId}
          LEFT JOIN policy_reads rd ON rd.policy_id = p.id AND rd.enterprise_id = ${own.enterpriseId}
          LEFT JOIN policy_marks mk ON mk.policy_id = p.id AND mk.enterprise_id = ${own.enterpriseId}
         WHERE p.state = 'published' AND p.reach_path = ANY (${sql.param(ancestorPaths(own.facts.orgPath))}::text[])
           AND (r.policy_id IS NOT NULL OR ${fitsSql(sql`p.conditions`, own.facts)})
           ${only ? sql`AND p.id = ${only}` : sql``}`,
  );
  const day = today(ctx);
  const names = await chamberNames(
    db,
    rows.flatMap((row) =>
      row.conditions.filter((c) => c.field === 'chamber').flatMap((c) => c.values.map(String)),
    ),
  );
  const result: { item: MyPolicy; row: PolicyRow }[] = [];
  for (const row of rows) {
    const reasons = judgeAll(row.conditions, own.facts, names);
    if (!row.pushed && !reasons.every((reason) => reason.met)) continue;
    const closes = row.application_closes_on;
    result.push({
      row,
      item: {
        policy: presentSummary(row),
        reasons,
        manual: manualConditions(row.conditions),
        read: row.read,
        pushed: row.pushed,
        mark: row.mark,
        closesInDays: closes && closes >= day ? daysBetween(day, closes) : null,
      },
    });
  }
  const soon = (item: MyPolicy) => item.closesInDays !== null && item.closesInDays <= CLOSING_SOON_DAYS;
  result.sort(
    (a, b) =>
      Number(soon(b.item)) - Number(soon(a.item)) ||
      (soon(a.item) ? a.item.closesInDays! - b.item.closesInDays! : 0) ||
      (b.item.policy.publishedOn ?? '').localeCompare(a.item.policy.publishedOn ?? '') ||
      a.item.policy.id.localeCompare(b.item.policy.id),
  );
  return result;
}

export async function myPolicies(ctx: AppContext, actor: Actor): Promise<{ items: MyPolicy[] }> {
  if (!actor.enterpriseId) return { items: [] };
  const own = await ownEnterprise(ctx, actor);
  return { items: (await fittingPolicies(ctx, own)).map((entry) => entry.item) };
}

/** One policy as the enterprise sees it; a policy that does not reach it is not found. */
export async function ownPolicy(ctx: AppContext, actor: Actor, id: string) {
  const own = await ownEnterprise(ctx, actor);
  const [entry] = await fittingPolicies(ctx, own, id);
  if (!entry) throw notFound();
  return { own, entry };
}

export async function myPolicy(ctx: AppContext, actor: Actor, id: string) {
  const { entry } = await ownPolicy(ctx, actor, id);
  const row = await findPolicy(ctx.database.db, sql`true`, id, { fullText: true });
  return { item: entry.item, policy: await presentView(ctx, actor, row!) };
}

/** The first time a contact of the enterprise opens the policy; later opens change nothing. */
export async function readPolicy(ctx: AppContext, actor: Actor, id: string): Promise<{ firstRead: boolean }> {
  const { own } = await ownPolicy(ctx, actor, id);
  const { rows } = await ctx.database.db.execute(
    sql`INSERT INTO policy_reads (policy_id, enterprise_id, first_reader_id, read_at)
        VALUES (${id}, ${own.enterpriseId}, ${actor.userId}, ${ctx.clock.now()})
        ON CONFLICT DO NOTHING RETURNING policy_id`,
  );
  return { firstRead: rows.length > 0 };
}

export async function markPolicy(
  ctx: AppContext,
  actor: Actor,
  id: string,
  mark: PolicyMark | null,
  audit: AuditContext,
): Promise<{ mark: PolicyMark | null }> {
  const { own } = await ownPolicy(ctx, actor, id);
  await ctx.database.db.transaction(async (tx) => {
    await tx.execute(
      mark
        ? sql`INSERT INTO policy_marks (policy_id, enterprise_id, mark, marked_by, marked_at)
              VALUES (${id}, ${own.enterpriseId}, ${mark}, ${actor.userId}, ${ctx.clock.now()})
              ON CONFLICT (policy_id, enterprise_id)
              DO UPDATE SET mark = EXCLUDED.mark, marked_by = EXCLUDED.marked_by, marked_at = EXCLUDED.marked_at`
        : sql`DELETE FROM policy_marks WHERE policy_id = ${id} AND enterprise_id = ${own.enterpriseId}`,
    );
    await ctx.audit.record(tx, audit, {
      action: 'policy.marked',
      objectType: 'policy',
      objectId: id,
      detail: { enterpriseId: own.enterpriseId, mark },
    });
  });
  return { mark };
}

/** A question about a policy: an appeal of category 政策咨询 through the service loop, linked to the policy. */
export async function askQuestion(
  ctx: AppContext,
  actor: Actor,
  id: string,
  question: string,
  audit: AuditContext,
): Promise<{ appealId: string; appealNumber: string }> {
  const { own, entry } = await ownPolicy(ctx, actor, id);
  const title = `政策咨询：${entry.row.title}`;
  const { appeal } = await raiseAppeal(
    ctx,
    actor,
    {
      enterpriseId: own.enterpriseId,
      category: 'policy',
      title: [...title].length > 100 ? `${[...title].slice(0, 99).join('')}…` : title,
      description: `${question}\n\n（关于政策《${entry.row.title}》${entry.row.document_number ? `，${entry.row.document_number}` : ''}）`,
      source: 'self_service',
      urgency: 'normal',
    },
    undefined,
    audit,
  );
  await ctx.database.db.transaction(async (tx) => {
    await tx.execute(
      sql`INSERT INTO policy_questions (appeal_id, policy_id, enterprise_id)
          VALUES (${appeal.id}, ${id}, ${own.enterpriseId})`,
    );
    await ctx.audit.record(tx, audit, {
      action: 'policy.question_asked',
      objectType: 'policy',
      objectId: id,
      detail: { appealId: appeal.id, number: appeal.number },
    });
  });
  return { appealId: appeal.id, appealNumber: appeal.number };
}

// Redemption ------------------------------------------------------------------------------------------------

interface RedemptionRow extends Record<string, unknown> {
  id: string;
  policy_id: string;
  policy_title: string;
  enterprise_id: string;
  enterprise_name: string;
  status: RedemptionView['status'];
  applied_on: string | null;
  decided_on: string | null;
  amount_fen: string | null;
  reject_reason: string | null;
  evidence: string | null;
  confirmed: boolean;
  version: number;
}

const presentRedemption = (row: RedemptionRow): RedemptionView => ({
  id: row.id,
  policyId: row.policy_id,
  policyTitle: row.policy_title,
  enterprise: { id: row.enterprise_id, name: row.enterprise_name },
  status: row.status,
  appliedOn: row.applied_on,
  decidedOn: row.decided_on,
  amount: yuan(row.amount_fen),
  rejectReason: row.reject_reason,
  evidence: row.evidence,
  confirmed: row.confirmed,
  version: row.version,
});

async function redemptions(db: DbOrTx, where: SQL): Promise<RedemptionView[]> {
  const { rows } = await db.execute<RedemptionRow>(
    sql`SELECT rr.id, rr.policy_id, p.title AS policy_title, rr.enterprise_id, e.name AS enterprise_name, rr.status,
               rr.applied_on::text AS applied_on, rr.decided_on::text AS decided_on, rr.amount_fen::text AS amount_fen,
               rr.reject_reason, rr.evidence, rr.confirmed, rr.version
          FROM policy_redemptions rr JOIN policies p ON p.id = rr.policy_id
          JOIN enterprises e ON e.id = rr.enterprise_id JOIN org_units u ON u.id = e.org_unit_id
         WHERE ${where} ORDER BY rr.updated_at DESC, rr.id LIMIT 1000`,
  );
  return rows.map(presentRedemption);
}

function checkRedemption(input: RecordRedemptionRequest): void {
  const details: ErrorDetail[] = [];
  if (input.status === 'approved' && !input.amount)
    details.push({ path: 'amount', code: 'AMOUNT_REQUIRED', message: '已兑现的申兑请填写获得金额（元）' });
  if (input.status === 'rejected' && !input.rejectReason)
    details.push({ path: 'rejectReason', code: 'REASON_REQUIRED', message: '未通过的申兑请填写原因' });
  if (input.appliedOn && input.decidedOn && input.decidedOn < input.appliedOn)
    details.push({ path: 'decidedOn', code: 'DECIDED_BEFORE_APPLIED', message: '兑现日期不能早于申报日期' });
  fail(details);
}

async function writeRedemption(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
  input: RecordRedemptionRequest,
  confirmed: boolean,
  audit: AuditContext,
): Promise<RedemptionView> {
  checkRedemption(input);
  // Approved without a day: approved today.
  if (input.status === 'approved' && !input.decidedOn) input = { ...input, decidedOn: today(ctx) };
  return ctx.database.db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ org_unit_id: string }>(
      sql`SELECT e.org_unit_id FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
           WHERE e.id = ${input.enterpriseId} AND e.merged_into_id IS NULL`,
    );
    if (!rows[0]) throw invalidField('enterpriseId', 'ENTERPRISE_NOT_FOUND', '企业不存在或不在管理范围内');
    const amountFen = input.amount ? yuanToFen(input.amount).toString() : null;
    const now = ctx.clock.now();
    // An enterprise's report never overwrites what staff confirmed.
    const { rows: written } = await tx.execute<{ id: string }>(
      sql`INSERT INTO policy_redemptions (policy_id, enterprise_id, org_unit_id, status, applied_on, decided_on,
            amount_fen, reject_reason, evidence, confirmed, recorded_by, confirmed_by, created_at, updated_at)
          VALUES (${policyId}, ${input.enterpriseId}, ${rows[0].org_unit_id}, ${input.status},
            ${input.appliedOn ?? null}, ${input.decidedOn ?? null}, ${amountFen}, ${input.rejectReason || null},
            ${input.evidence || null}, ${confirmed}, ${actor.userId}, ${confirmed ? actor.userId : null}, ${now}, ${now})
          ON CONFLICT (policy_id, enterprise_id) DO UPDATE SET status = EXCLUDED.status,
            applied_on = coalesce(EXCLUDED.applied_on, policy_redemptions.applied_on),
            decided_on = EXCLUDED.decided_on, amount_fen = EXCLUDED.amount_fen,
            reject_reason = EXCLUDED.reject_reason, evidence = coalesce(EXCLUDED.evidence, policy_redemptions.evidence),
            confirmed = EXCLUDED.confirmed, recorded_by = EXCLUDED.recorded_by,
            confirmed_by = EXCLUDED.confirmed_by, version = policy_redemptions.version + 1, updated_at = EXCLUDED.updated_at
          WHERE ${confirmed ? sql`true` : sql`NOT policy_redemptions.confirmed`}
          RETURNING id`,
    );
    if (!written[0])
      throw new AppError('CONFLICT', [
        {
          path: 'status',
          code: 'ALREADY_CONFIRMED',
          message: '工商联已确认该企业的申兑结果，如有变化请联系工商联',
        },
      ]);
    await ctx.audit.record(tx, audit, {
      action: 'policy.redemption_recorded',
      objectType: 'policy_redemption',
      objectId: written[0].id,
      detail: {
        policyId,
        enterpriseId: input.enterpriseId,
        status: input.status,
        amount: input.amount ?? null,
        confirmed,
      },
    });
    const [view] = await redemptions(tx, sql`rr.id = ${written[0].id}`);
    return view!;
  });
}

/** Staff record (and so confirm) a redemption of an enterprise of their subtree. */
export async function recordRedemption(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
  input: RecordRedemptionRequest,
  audit: AuditContext,
): Promise<RedemptionView> {
  const policy = await findPolicy(ctx.database.db, policyReadScope(actor), policyId);
  if (!policy) throw notFound();
  if (!managesPolicies(actor)) throw forbidden();
  if (policy.state === 'draft')
    throw new AppError('INVALID_TRANSITION', undefined, { state: 'draft', action: 'redeem' });
  const { rows } = await ctx.database.db.execute(
    sql`SELECT 1 FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
         WHERE e.id = ${input.enterpriseId} AND ${withinScope(sql`e.org_unit_id`, actor)}`,
  );
  if (rows.length === 0)
    throw invalidField('enterpriseId', 'ENTERPRISE_NOT_FOUND', '企业不存在或不在管理范围内');
  return writeRedemption(ctx, actor, policyId, input, true, audit);
}

/** An enterprise contact reports their own enterprise's outcome, for staff to confirm. */
export async function reportRedemption(
  ctx: AppContext,
  actor: Actor,
  policyId: string,
  input: Omit<RecordRedemptionRequest, 'enterpriseId'>,
  audit: AuditContext,
): Promise<RedemptionView> {
  const { own } = await ownPolicy(ctx, actor, policyId);
  return writeRedemption(ctx, actor, policyId, { ...input, enterpriseId: own.enterpriseId }, false, audit);
}

export async function policyRedemptions(ctx: AppContext, actor: Actor, policyId: string) {
  const policy = await findPolicy(ctx.database.db, policyReadScope(actor), policyId);
  if (!policy) throw notFound();
  const audience = isFederationReader(actor)
    ? withinScope(sql`e.org_unit_id`, actor)
    : actor.roles.includes('chamber_secretary')
      ? policyAudienceScope(actor)
      : sql`false`;
  return { items: await redemptions(ctx.database.db, sql`rr.policy_id = ${policyId} AND ${audience}`) };
}

export async function myRedemptions(ctx: AppContext, actor: Actor) {
  if (!actor.enterpriseId) return { items: [] };
  return { items: await redemptions(ctx.database.db, sql`rr.enterprise_id = ${actor.enterpriseId}`) };
}

// Figures ---------------------------------------------------------------------------------------------------

export function presentFigures(
  row: Pick<ReachRow, 'pushed' | 'read' | 'interested' | 'applied' | 'approved' | 'amount_fen'> | undefined,
): ReachFigures {
  const pushed = row?.pushed ?? 0;
  return {
    pushed,
    read: row?.read ?? 0,
    readRate: rate(row?.read ?? 0, pushed),
    interested: row?.interested ?? 0,
    applied: row?.applied ?? 0,
    approved: row?.approved ?? 0,
    amount: fenToYuan(row?.amount_fen ?? '0'),
  };
}

/** The pushed enterprises the actor counts: of the policies they read, enterprises of their audience. */
export function countedRecipients(actor: Actor, extra: SQL = sql`true`): SQL {
  return sql`(SELECT r.* FROM policy_recipients r JOIN policies p ON p.id = r.policy_id
               JOIN enterprises e ON e.id = r.enterprise_id JOIN org_units u ON u.id = e.org_unit_id
              WHERE ${policyReadScope(actor)} AND ${policyAudienceScope(actor)} AND ${extra})`;
}

export async function policyStats(ctx: AppContext, actor: Actor, groupBy: 'policy' | 'orgUnit' | 'chamber') {
  const { db } = ctx.database;
  const recipients = countedRecipients(actor);
  const [total] = await reachFigures(db, recipients, { key: sql`'all'`, name: sql`'合计'` });
  const group =
    groupBy === 'policy'
      ? {
          key: sql`r.policy_id::text`,
          name: sql`(SELECT title FROM policies WHERE id = r.policy_id)`,
        }
      : groupBy === 'orgUnit'
        ? { key: sql`e.org_unit_id::text`, name: sql`(SELECT name FROM org_units WHERE id = e.org_unit_id)` }
        : {
            key: sql`cm.chamber_id::text`,
            name: sql`(SELECT name FROM org_units WHERE id = cm.chamber_id)`,
            join: sql`JOIN chamber_memberships cm ON cm.enterprise_id = r.enterprise_id`,
          };
  const rows = await reachFigures(db, recipients, group);
  return {
    groupBy,
    total: presentFigures(total),
    groups: rows.map((row) => ({ key: row.key, name: row.name, ...presentFigures(row) })),
  };
}
