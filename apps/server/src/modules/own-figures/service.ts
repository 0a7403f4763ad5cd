// 本单位工作情况 own figures: a department's or a chamber's measures for one month, quarter or year, for the
// people who work there — a liaison or head their department, a chamber secretary their chamber. The unit
// is the caller's own (or one inside their subtree); any other unit, or one of another kind, is 404.
import {
  ownFigurePeriod,
  ownFigurePeriodOf,
  type ChamberFiguresQuery,
  type ChamberOwnFigures,
  type DepartmentFiguresQuery,
  type DepartmentOwnFigures,
  type OwnFigure,
} from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import type { MeasureEvaluation } from '../../core/measures/registry.ts';
import { chamberMemberList } from '../chambers/measures.ts';
import { MIN_VOLUME } from '../dashboard/fairness.ts';
import { findOrgUnitInScope } from '../org-units/repository.ts';
import {
  CHAMBER_FIGURES,
  chamberStandingSource,
  DEPARTMENT_FIGURES,
  departmentStandingSource,
} from './measures.ts';

const CHAMBER_KINDS = new Set(['chamber', 'association']);

/** The unit asked for, of one of `kinds`, in the caller's subtree; else 404. */
async function evaluationOf(
  ctx: AppContext,
  actor: Actor,
  unitId: string,
  kinds: ReadonlySet<string>,
  periodAsked: string | undefined,
) {
  const unit = await findOrgUnitInScope(ctx.database.db, actor, unitId);
  if (!unit || !kinds.has(unit.kind)) throw notFound();
  // The schema refused a period of another shape; none: this quarter.
  const period = periodAsked ?? ownFigurePeriodOf('quarter', shanghaiDay(ctx.clock.now()));
  const days = ownFigurePeriod(period)!;
  const evaluation = ctx.measures.evaluate(ctx.database.db, {
    unit: { id: unit.id, name: unit.name, path: unit.path },
    period: { from: days.from, to: days.to },
    listUnitId: undefined,
  });
  return { unit, period, days, evaluation };
}

async function figuresOf(
  ctx: AppContext,
  evaluation: MeasureEvaluation,
  ids: readonly string[],
): Promise<OwnFigure[]> {
  const values = await evaluation.values(ids);
  return values.map((value) => {
    const measure = ctx.measures.get(value.id);
    return {
      id: value.id,
      label: measure.label.zh,
      labelEn: measure.label.en,
      unit: measure.unit,
      definition: measure.definition,
      value: value.value,
      list: value.list,
    };
  });
}

export async function departmentOwnFigures(
  ctx: AppContext,
  actor: Actor,
  query: DepartmentFiguresQuery,
): Promise<DepartmentOwnFigures> {
  const { unit, period, days, evaluation } = await evaluationOf(
    ctx,
    actor,
    query.departmentId ?? actor.orgUnitId,
    new Set(['department']),
    query.period,
  );
  const [figures, standing] = await Promise.all([
    figuresOf(ctx, evaluation, DEPARTMENT_FIGURES),
    evaluation.data(departmentStandingSource),
  ]);
  return {
    unit: { id: unit.id, name: unit.name },
    federation: standing?.federation ?? null,
    period,
    periodLabel: days.labelZh,
    from: days.from,
    to: days.to,
    figures,
    ranking: {
      ranked: standing?.ranked ?? 0,
      sufficient: standing?.entry?.sufficient ?? false,
      minVolume: MIN_VOLUME,
    },
  };
}

export async function chamberOwnFigures(
  ctx: AppContext,
  actor: Actor,
  query: ChamberFiguresQuery,
): Promise<ChamberOwnFigures> {
  const { unit, period, days, evaluation } = await evaluationOf(
    ctx,
    actor,
    query.chamberId ?? actor.orgUnitId,
    CHAMBER_KINDS,
    query.period,
  );
  const [figures, standing] = await Promise.all([
    figuresOf(ctx, evaluation, CHAMBER_FIGURES),
    evaluation.data(chamberStandingSource),
  ]);
  return {
    unit: { id: unit.id, name: unit.name },
    federation: standing?.federation ?? null,
    period,
    periodLabel: days.labelZh,
    from: days.from,
    to: days.to,
    // chambers.activeMembers counts a subtree's chambers, so it names no list; of one chamber, its active
    // member enterprises are exactly the list behind it.
    figures: figures.map((figure) =>
      figure.id === 'chambers.activeMembers' ? { ...figure, list: chamberMemberList(unit.id) } : figure,
    ),
  };
}
