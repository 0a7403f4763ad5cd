// 指标 the measures API: the catalogue, and the values of chosen measures for an org unit's subtree (the
// caller's own, or a unit inside it) and a period (by default this quarter).
import {
  DASHBOARD_MAX_YEARS,
  MEASURES_PER_REQUEST,
  type MeasureCatalogue,
  type MeasureValues,
  type MeasureValuesQuery,
} from '@qinqing/shared';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { invalidField, notFound } from '../../core/errors.ts';
import { periodAsked } from '../../core/measures/period.ts';
import type { MeasureEvaluation } from '../../core/measures/registry.ts';
import { findOrgUnitInScope } from '../org-units/repository.ts';

export function catalogue(ctx: AppContext): MeasureCatalogue {
  return {
    items: ctx.measures.all().map((measure) => ({
      id: measure.id,
      label: measure.label.zh,
      labelEn: measure.label.en,
      unit: measure.unit,
      definition: measure.definition,
      hasList: measure.list !== undefined,
    })),
  };
}

/**
 * An evaluation of the measures for the caller's subtree or a unit inside it (outside or unknown: 404) and
 * the period asked (refused when inverted or longer than the dashboard reads).
 */
export async function evaluationFor(
  ctx: AppContext,
  actor: Actor,
  query: { orgUnitId?: string; from?: string; to?: string },
): Promise<MeasureEvaluation> {
  const period = periodAsked(query, ctx.clock.now(), DASHBOARD_MAX_YEARS);
  const unit = await findOrgUnitInScope(ctx.database.db, actor, query.orgUnitId ?? actor.orgUnitId);
  if (!unit) throw notFound();
  return ctx.measures.evaluate(ctx.database.db, {
    unit: { id: unit.id, name: unit.name, path: unit.path },
    period,
    // The lists default to the caller's own subtree: their links name a unit only when narrower.
    listUnitId: unit.id === actor.orgUnitId ? undefined : unit.id,
  });
}

export async function measureValues(
  ctx: AppContext,
  actor: Actor,
  query: MeasureValuesQuery,
): Promise<MeasureValues> {
  const ids = [...new Set(query.ids.split(',').map((id) => id.trim()))].filter((id) => id !== '');
  if (ids.length === 0) throw invalidField('querystring.ids', 'REQUIRED', '请指定指标编号（ids，逗号分隔）');
  if (ids.length > MEASURES_PER_REQUEST) {
    throw invalidField('querystring.ids', 'TOO_MANY', `一次最多查询 ${MEASURES_PER_REQUEST} 项指标`);
  }
  const unknown = ids.filter((id) => !ctx.measures.has(id));
  if (unknown.length > 0) {
    throw invalidField(
      'querystring.ids',
      'UNKNOWN_MEASURE',
      `没有这些指标：${unknown.join('、')}，请对照指标目录`,
    );
  }
  const evaluation = await evaluationFor(ctx, actor, query);
  const values = await evaluation.values(ids);
  return {
    orgUnit: { id: evaluation.ask.unit.id, name: evaluation.ask.unit.name },
    from: evaluation.ask.period.from,
    to: evaluation.ask.period.to,
    items: values.map((value) => {
      const measure = ctx.measures.get(value.id);
      return { ...value, label: measure.label.zh, unit: measure.unit };
    }),
  };
}
