// 互助统计 mutual aid's figures by category for a subtree and a period: posts (supplies, needs) with the
// quantities posted, matches brokered, fulfilled, the enterprises helped and the quantities delivered — each
// quantity per unit of measure ("为40家企业解决口罩5万余个" is the 防疫物资 row: 40 enterprises, 50,000 个).
import {
  AID_CATEGORIES,
  type AidCategory,
  type AidFigures,
  type AidStats,
  type AidStatsQuery,
} from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { invalidField, notFound } from '../../core/errors.ts';
import { findOrgUnitInScope } from '../org-units/repository.ts';
import { aidCategoryFacts, type CategoryFactRow } from './repository.ts';

type UnitSums = Map<string, number>;
interface Tally {
  posts: number;
  supplies: number;
  demands: number;
  matches: number;
  fulfilled: number;
  enterprisesHelped: number;
  delivered: UnitSums;
  supplied: UnitSums;
  demanded: UnitSums;
}

const emptyTally = (): Tally => ({
  posts: 0,
  supplies: 0,
  demands: 0,
  matches: 0,
  fulfilled: 0,
  enterprisesHelped: 0,
  delivered: new Map(),
  supplied: new Map(),
  demanded: new Map(),
});

function add(sums: UnitSums, unit: string | null, quantity: string | null): void {
  const key = unit ?? '';
  sums.set(key, (sums.get(key) ?? 0) + Number(quantity ?? 0));
}

/** Adds a fact to its tally; enterprises helped are counted where they are given (distinct, never summed). */
function count(tally: Tally, fact: CategoryFactRow): void {
  switch (fact.kind) {
    case 'post':
      tally.posts += fact.n;
      if (fact.side === 'supply') {
        tally.supplies += fact.n;
        add(tally.supplied, fact.unit, fact.quantity);
      } else {
        tally.demands += fact.n;
        add(tally.demanded, fact.unit, fact.quantity);
      }
      break;
    case 'match':
      tally.matches += fact.n;
      break;
    case 'fulfilled':
      tally.fulfilled += fact.n;
      add(tally.delivered, fact.unit, fact.quantity);
      break;
    case 'helped':
      tally.enterprisesHelped = fact.n;
      break;
  }
}

// Quantities to two decimals, the largest first.
const byUnit = (sums: UnitSums) =>
  [...sums]
    .map(([unit, quantity]) => ({ unit, quantity: Math.round(quantity * 100) / 100 }))
    .sort((a, b) => b.quantity - a.quantity || a.unit.localeCompare(b.unit));

const figuresOf = (tally: Tally): AidFigures => ({
  ...tally,
  delivered: byUnit(tally.delivered),
  supplied: byUnit(tally.supplied),
  demanded: byUnit(tally.demanded),
});

/**
 * Mutual aid's figures of a subtree and period, in total and by category, from one query: what /api/aid/stats
 * answers and the measures `aid.*` read (measures.ts), so the page, the dashboard and the reports agree.
 */
export async function aidFigures(
  db: DbOrTx,
  unitPath: string,
  period: { from: string; to: string },
): Promise<Pick<AidStats, 'total' | 'categories'>> {
  const facts = await aidCategoryFacts(db, unitPath, period);
  const total = emptyTally();
  const categories = new Map<AidCategory, Tally>();
  for (const fact of facts) {
    if (fact.category === null) {
      count(total, fact);
      continue;
    }
    let tally = categories.get(fact.category);
    if (!tally) categories.set(fact.category, (tally = emptyTally()));
    count(tally, fact);
    // The total's enterprises helped come from their own row (one enterprise helped in two categories is one).
    if (fact.kind !== 'helped') count(total, fact);
  }
  return {
    total: figuresOf(total),
    categories: AID_CATEGORIES.filter((category) => categories.has(category)).map((category) => ({
      category,
      ...figuresOf(categories.get(category)!),
    })),
  };
}

export async function aidStats(ctx: AppContext, actor: Actor, query: AidStatsQuery): Promise<AidStats> {
  const year = (query.to ?? query.from ?? shanghaiDay(ctx.clock.now())).slice(0, 4);
  const from = query.from ?? `${year}-01-01`;
  const to = query.to ?? `${year}-12-31`;
  if (from > to) throw invalidField('from', 'PERIOD_REVERSED', '开始日期不能晚于结束日期');
  let unitPath = actor.orgPath;
  if (query.orgUnitId) {
    const unit = await findOrgUnitInScope(ctx.database.db, actor, query.orgUnitId);
    if (!unit) throw notFound();
    unitPath = unit.path;
  }
  return { from, to, ...(await aidFigures(ctx.database.db, unitPath, { from, to })) };
}
