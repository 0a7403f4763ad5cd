// 小巷管家 street adoption: a street's main streets and alleys (added one by one or imported), adopted by an
// enterprise or a person as its 管家 (one live adoption a segment: a second is 409), ended with a reason;
// matters handled on a segment and 12345 hotline complaints assisted, with the people who helped; and the
// coverage of a district's or a street's segments (adopted ÷ all). Every write audited in its transaction.
import type {
  AdoptSegmentRequest,
  CoverageFigures,
  CreateStreetMatterRequest,
  CreateStreetSegmentRequest,
  EndAdoptionRequest,
  StreetCoverage,
  StreetMatterListQuery,
  StreetMatterView,
  StreetSegmentListQuery,
  StreetSegmentView,
} from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { pathInScope } from '../../core/access/access.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound } from '../../core/errors.ts';
import { rate } from '../../core/measures/registry.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { findOrgUnit } from '../org-units/repository.ts';
import {
  coverageByStreet,
  endAdoption,
  findAdopter,
  findAdoptionForUpdate,
  findMatter,
  findSegment,
  findStreet,
  insertAdoption,
  insertMatter,
  insertSegment,
  listMatters as listMatterRows,
  listSegments as listSegmentRows,
  volunteerNames,
  type MatterRow,
  type SegmentRow,
  type StreetCoverageRow,
} from './repository.ts';

function today(ctx: AppContext): string {
  return shanghaiDay(ctx.clock.now());
}

function notInFuture(ctx: AppContext, field: string, day: string): void {
  if (day > today(ctx)) throw invalidField(field, 'DATE_IN_FUTURE', '日期不能晚于今天');
}

export function presentSegment(row: SegmentRow): StreetSegmentView {
  return {
    id: row.id,
    streetOrgUnitId: row.street_org_unit_id,
    streetName: row.street_name,
    kind: row.kind,
    name: row.name,
    extent: row.extent,
    lengthM: row.length_m,
    adoption: row.adoption_id
      ? {
          id: row.adoption_id,
          adopterEnterpriseId: row.adopter_enterprise_id,
          adopterPersonId: row.adopter_person_id,
          adopterName: row.adopter_name ?? '',
          adoptedOn: row.adopted_on!,
          endedOn: null,
        }
      : null,
    matters: row.matters,
  };
}

function presentMatter(row: MatterRow): StreetMatterView {
  return {
    id: row.id,
    segmentId: row.segment_id,
    segmentName: row.segment_name,
    segmentKind: row.segment_kind,
    streetOrgUnitId: row.street_org_unit_id,
    streetName: row.street_name,
    handledOn: row.handled_on,
    kind: row.kind,
    description: row.description,
    hotlineCaseNumber: row.hotline_case_number,
    helpers: row.helpers,
  };
}

export async function listSegments(ctx: AppContext, actor: Actor, query: StreetSegmentListQuery) {
  if (!(await findStreet(ctx.database.db, actor, query.streetOrgUnitId))) throw notFound();
  const { rows, total } = await listSegmentRows(ctx.database.db, actor, query);
  return { items: rows.map(presentSegment), total, page: query.page, pageSize: query.pageSize };
}

export async function createSegment(
  ctx: AppContext,
  actor: Actor,
  input: CreateStreetSegmentRequest,
  audit: AuditContext,
): Promise<StreetSegmentView> {
  return ctx.database.db.transaction(async (tx) => {
    const street = await findStreet(tx, actor, input.streetOrgUnitId, 'write');
    if (!street) {
      throw invalidField('streetOrgUnitId', 'NOT_FOUND', '街道不存在或不在您的管理范围内（须为街道工商联）');
    }
    const values = {
      kind: input.kind,
      name: input.name,
      extent: input.extent || null,
      lengthM: input.lengthM ?? null,
    };
    const id = await insertSegment(tx, street.id, values, actor.userId);
    if (!id) {
      throw new AppError('CONFLICT', [
        { path: 'name', code: 'SEGMENT_EXISTS', message: '该街道已登记同类型同名的路段' },
      ]);
    }
    await ctx.audit.record(tx, audit, {
      action: 'street_segment.created',
      objectType: 'street_segment',
      objectId: id,
      detail: { after: { streetOrgUnitId: street.id, ...values } },
    });
    return presentSegment((await findSegment(tx, actor, id))!);
  });
}

export async function adoptSegment(
  ctx: AppContext,
  actor: Actor,
  segmentId: string,
  input: AdoptSegmentRequest,
  audit: AuditContext,
): Promise<StreetSegmentView> {
  if (Boolean(input.enterpriseId) === Boolean(input.personId)) {
    throw invalidField('enterpriseId', 'ADOPTER_REQUIRED', '请选择认领的企业或人士（二选一）');
  }
  notInFuture(ctx, 'adoptedOn', input.adoptedOn);
  return ctx.database.db.transaction(async (tx) => {
    // The segment's row lock makes two adoptions of one segment take turns: the second sees the first.
    const segment = await findSegment(tx, actor, segmentId, { mode: 'write', forUpdate: true });
    if (!segment) throw notFound();
    if (segment.adoption_id) {
      throw new AppError('CONFLICT', [
        {
          path: 'segmentId',
          code: 'SEGMENT_ALREADY_ADOPTED',
          message: `该路段已由“${segment.adopter_name ?? ''}”认领，须先结束原认领`,
        },
      ]);
    }
    const adopter = await findAdopter(tx, actor, input);
    if (!adopter) {
      const field = input.enterpriseId ? 'enterpriseId' : 'personId';
      throw invalidField(
        field,
        'NOT_FOUND',
        input.enterpriseId ? '企业不存在或不在您的管理范围内' : '人士不存在或不在您的管理范围内',
      );
    }
    const id = await insertAdoption(tx, {
      segmentId,
      enterpriseId: input.enterpriseId ?? null,
      personId: input.personId ?? null,
      adoptedOn: input.adoptedOn,
      createdBy: actor.userId,
    });
    await ctx.audit.record(tx, audit, {
      action: 'street_adoption.created',
      objectType: 'street_adoption',
      objectId: id,
      detail: {
        segmentId,
        segment: segment.name,
        adopterEnterpriseId: input.enterpriseId ?? null,
        adopterPersonId: input.personId ?? null,
        adopterName: adopter.name,
        adoptedOn: input.adoptedOn,
      },
    });
    return presentSegment((await findSegment(tx, actor, segmentId))!);
  });
}

export async function endSegmentAdoption(
  ctx: AppContext,
  actor: Actor,
  adoptionId: string,
  input: EndAdoptionRequest,
  audit: AuditContext,
): Promise<StreetSegmentView> {
  notInFuture(ctx, 'endedOn', input.endedOn);
  return ctx.database.db.transaction(async (tx) => {
    const adoption = await findAdoptionForUpdate(tx, actor, adoptionId);
    if (!adoption) throw notFound();
    if (adoption.ended_on) {
      throw new AppError('INVALID_TRANSITION', undefined, { state: 'ended', action: 'end' });
    }
    if (input.endedOn < adoption.adopted_on) {
      throw invalidField('endedOn', 'ENDED_BEFORE_ADOPTED', '结束日期不能早于认领日期');
    }
    await endAdoption(tx, adoptionId, input.endedOn, input.reason);
    await ctx.audit.record(tx, audit, {
      action: 'street_adoption.ended',
      objectType: 'street_adoption',
      objectId: adoptionId,
      detail: { segmentId: adoption.segment_id, endedOn: input.endedOn, reason: input.reason },
    });
    return presentSegment((await findSegment(tx, actor, adoption.segment_id))!);
  });
}

export async function createMatter(
  ctx: AppContext,
  actor: Actor,
  input: CreateStreetMatterRequest,
  audit: AuditContext,
): Promise<StreetMatterView> {
  notInFuture(ctx, 'handledOn', input.handledOn);
  return ctx.database.db.transaction(async (tx) => {
    const segment = await findSegment(tx, actor, input.segmentId, { mode: 'write' });
    if (!segment) throw invalidField('segmentId', 'NOT_FOUND', '路段不存在或不在您的管理范围内');
    const names = await volunteerNames(
      tx,
      actor,
      input.helpers.flatMap((helper) => (helper.volunteerId ? [helper.volunteerId] : [])),
    );
    const helpers = input.helpers.map((helper, index) => {
      if (Boolean(helper.volunteerId) === Boolean(helper.name)) {
        throw invalidField(`helpers.${index}`, 'HELPER_REQUIRED', '每位协助人选择志愿者或填写姓名（二选一）');
      }
      if (helper.volunteerId) {
        const name = names.get(helper.volunteerId);
        if (!name) {
          throw invalidField(`helpers.${index}.volunteerId`, 'NOT_FOUND', '志愿者不存在或不在您的管理范围内');
        }
        return { name, volunteerId: helper.volunteerId };
      }
      return { name: helper.name!, volunteerId: null };
    });
    const hotlineCaseNumber = input.hotlineCaseNumber || null;
    if (hotlineCaseNumber && helpers.length === 0) {
      throw invalidField('helpers', 'HELPERS_REQUIRED', '协助处理 12345 热线工单须填写参与协助的人员');
    }
    const id = await insertMatter(tx, {
      segmentId: segment.id,
      streetOrgUnitId: segment.street_org_unit_id,
      handledOn: input.handledOn,
      kind: input.kind,
      description: input.description,
      hotlineCaseNumber,
      helpers,
      createdBy: actor.userId,
    });
    if (!id) {
      throw new AppError('CONFLICT', [
        { path: 'hotlineCaseNumber', code: 'HOTLINE_CASE_EXISTS', message: '该 12345 工单号已登记' },
      ]);
    }
    await ctx.audit.record(tx, audit, {
      action: 'street_matter.created',
      objectType: 'street_matter',
      objectId: id,
      detail: {
        after: {
          segmentId: segment.id,
          handledOn: input.handledOn,
          kind: input.kind,
          hotlineCaseNumber,
          helpers: helpers.map((helper) => helper.name),
        },
      },
    });
    return presentMatter((await findMatter(tx, id))!);
  });
}

/** The unit asked for (a federation unit of the caller's subtree), else the caller's own. */
async function federationUnit(
  db: DbOrTx,
  actor: Actor,
  orgUnitId: string | undefined,
): Promise<{ id: string; name: string; path: string }> {
  const unit = await findOrgUnit(db, orgUnitId ?? actor.orgUnitId);
  if (!unit || !pathInScope(unit.path, actor)) throw notFound();
  return unit;
}

export async function listMatters(ctx: AppContext, actor: Actor, query: StreetMatterListQuery) {
  const unit = await federationUnit(ctx.database.db, actor, query.orgUnitId);
  const result = await listMatterRows(ctx.database.db, actor, unit.path, query);
  return {
    items: result.rows.map(presentMatter),
    total: result.total,
    hotlineCases: result.hotlineCases,
    hotlinePersonTimes: result.hotlinePersonTimes,
    page: query.page,
    pageSize: query.pageSize,
  };
}

export function coverageFiguresOf(rows: readonly StreetCoverageRow[]): CoverageFigures {
  const sum = (pick: (row: StreetCoverageRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const mainStreets = sum((row) => row.main_streets);
  const alleys = sum((row) => row.alleys);
  const mainStreetsAdopted = sum((row) => row.main_streets_adopted);
  const alleysAdopted = sum((row) => row.alleys_adopted);
  return {
    mainStreets,
    mainStreetsAdopted,
    alleys,
    alleysAdopted,
    segments: mainStreets + alleys,
    adopted: mainStreetsAdopted + alleysAdopted,
    coverage: rate(mainStreetsAdopted + alleysAdopted, mainStreets + alleys),
    matters: sum((row) => row.matters),
    hotlineCases: sum((row) => row.hotline_cases),
    hotlinePersonTimes: sum((row) => row.hotline_person_times),
  };
}

/** Coverage today of every street of the unit's subtree, and their totals; matters and cases ever. */
export async function streetCoverage(
  ctx: AppContext,
  actor: Actor,
  orgUnitId: string | undefined,
): Promise<StreetCoverage> {
  const unit = await federationUnit(ctx.database.db, actor, orgUnitId);
  const rows = await coverageByStreet(ctx.database.db, unit.path, today(ctx));
  return {
    orgUnit: { id: unit.id, name: unit.name },
    totals: coverageFiguresOf(rows),
    streets: rows.map((row) => ({ orgUnitId: row.org_unit_id, name: row.name, ...coverageFiguresOf([row]) })),
  };
}
