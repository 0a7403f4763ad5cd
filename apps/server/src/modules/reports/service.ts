// 报告 reports: the rules for asking for one (a federation unit in the caller's subtree, a period that has
// begun), regenerating it as a new revision, reading the register and a report, editing the commentary
// (only on the newest revision; the figures stay as generated and the .docx is rendered again) and
// downloading the .docx — each audited.
import {
  COMMENTARY_SECTIONS,
  reportPeriodRange,
  type CreateReportRequest,
  type ErrorDetail,
  type ReportListQuery,
  type ReportSummary,
  type ReportType,
  type ReportView,
  type UpdateCommentaryRequest,
} from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, invalidField, notFound, versionConflict } from '../../core/errors.ts';
import type { Tx } from '../../db/connection.ts';
import { shanghaiToday } from '../visits/service.ts';
import type { ReportData } from './figures.ts';
import { renderStored, reportQueueOf } from './generation.ts';
import { documentFileName, presentReport, presentSummary, unitNameOf } from './presenter.ts';
import {
  findDocument,
  findReport,
  findUnitInScope,
  hasScheduled,
  insertReport,
  latestOf,
  listReports as listReportRows,
  lockReportKey,
  revisionsOf,
  storeCommentary,
  type ReportKey,
} from './repository.ts';

/** Reports are written by and about federations, not chambers or departments. */
const REPORTING_KINDS = new Set(['province', 'city', 'district', 'street']);

interface NewRevision extends ReportKey {
  unitName: string;
  trigger: 'manual' | 'scheduled';
  requestedBy: string | null;
}

/**
 * Adds the next revision of a key, queued, starting from the newest revision's commentary (staff's text
 * is not lost when the figures are regenerated). The scheduler's revision is added only once per key.
 */
export async function addRevision(
  tx: Tx,
  spec: NewRevision,
  now: Date,
): Promise<{ id: string; revision: number } | null> {
  const range = reportPeriodRange(spec.type, spec.period);
  if (!range) throw new Error(`bad period ${spec.type} ${spec.period}`);
  const key = { type: spec.type, orgUnitId: spec.orgUnitId, period: spec.period };
  await lockReportKey(tx, key);
  if (spec.trigger === 'scheduled' && (await hasScheduled(tx, key))) return null;
  const latest = await latestOf(tx, key);
  const revision = (latest?.revision ?? 0) + 1;
  const id = await insertReport(tx, {
    ...key,
    periodFrom: range.from,
    periodTo: range.to,
    revision,
    trigger: spec.trigger,
    parameters: { ...key, orgUnitName: spec.unitName, from: range.from, to: range.to, trigger: spec.trigger },
    status: 'queued',
    commentary: latest?.commentary ?? {},
    generatedBy: spec.requestedBy,
    createdAt: now,
    updatedAt: now,
  });
  return { id, revision };
}

async function queueRevision(
  ctx: AppContext,
  actor: Actor,
  spec: Omit<NewRevision, 'trigger' | 'requestedBy'>,
  audit: AuditContext,
  action: 'report.requested' | 'report.regenerated',
): Promise<{ reportId: string }> {
  const added = await ctx.database.db.transaction(async (tx) => {
    const created = await addRevision(
      tx,
      { ...spec, trigger: 'manual', requestedBy: actor.userId },
      ctx.clock.now(),
    );
    await ctx.audit.record(tx, audit, {
      action,
      objectType: 'report',
      objectId: created!.id,
      detail: {
        type: spec.type,
        orgUnitId: spec.orgUnitId,
        period: spec.period,
        revision: created!.revision,
      },
    });
    return created!;
  });
  reportQueueOf(ctx).enqueue(added.id, audit);
  return { reportId: added.id };
}

export async function requestReport(
  ctx: AppContext,
  actor: Actor,
  input: CreateReportRequest,
  audit: AuditContext,
): Promise<{ reportId: string }> {
  const unit = await findUnitInScope(ctx.database.db, actor, input.orgUnitId);
  if (!unit) throw notFound();
  if (!REPORTING_KINDS.has(unit.kind)) {
    throw invalidField(
      'orgUnitId',
      'NOT_A_FEDERATION',
      '报告只能为工商联（省、市、区县、街道）生成，不能为商会或职能部门生成',
    );
  }
  const range = reportPeriodRange(input.type, input.period)!;
  if (range.from > shanghaiToday(ctx)) {
    throw invalidField('period', 'PERIOD_NOT_STARTED', '报告期尚未开始，不能生成报告');
  }
  return queueRevision(
    ctx,
    actor,
    { type: input.type, orgUnitId: unit.id, period: input.period, unitName: unit.name },
    audit,
    'report.requested',
  );
}

export async function regenerateReport(
  ctx: AppContext,
  actor: Actor,
  id: string,
  audit: AuditContext,
): Promise<{ reportId: string }> {
  const row = await findReport(ctx.database.db, actor, id);
  if (!row) throw notFound();
  return queueRevision(
    ctx,
    actor,
    { type: row.type, orgUnitId: row.orgUnitId, period: row.period, unitName: row.orgUnitName },
    audit,
    'report.regenerated',
  );
}

export async function listReports(
  ctx: AppContext,
  actor: Actor,
  query: ReportListQuery,
): Promise<{ items: ReportSummary[]; total: number }> {
  const { rows, total } = await listReportRows(ctx.database.db, actor, query);
  return { items: rows.map(presentSummary), total };
}

export async function getReport(ctx: AppContext, actor: Actor, id: string): Promise<ReportView> {
  const db = ctx.database.db;
  const row = await findReport(db, actor, id);
  if (!row) throw notFound();
  return presentReport(row, await revisionsOf(db, row));
}

/** Section keys the report's type does not have, as validation details. */
function unknownSections(type: ReportType, sections: Record<string, string>): ErrorDetail[] {
  const known: readonly string[] = COMMENTARY_SECTIONS[type];
  return Object.keys(sections)
    .filter((key) => !known.includes(key))
    .map((key) => ({
      path: `sections.${key}`,
      code: 'UNKNOWN_SECTION',
      message: `该类报告没有“${key}”这一部分，可填写的部分为：${known.join('、')}`,
    }));
}

export async function updateCommentary(
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: UpdateCommentaryRequest,
  audit: AuditContext,
): Promise<ReportView> {
  const db = ctx.database.db;
  const row = await findReport(db, actor, id);
  if (!row) throw notFound();
  const unknown = unknownSections(row.type, input.sections);
  if (unknown.length > 0) throw new AppError('VALIDATION_FAILED', unknown);
  if (row.revision !== row.latestRevision) throw new AppError('REPORT_SUPERSEDED');
  if (row.status !== 'ready' || !row.generatedAt) throw new AppError('REPORT_NOT_READY');
  if (row.version !== input.version) throw versionConflict();

  const commentary = { ...row.commentary };
  const before: Record<string, string> = {};
  const after: Record<string, string> = {};
  for (const [key, text] of Object.entries(input.sections)) {
    if ((commentary[key] ?? '') === text) continue;
    before[key] = commentary[key] ?? '';
    after[key] = text;
    if (text === '') delete commentary[key];
    else commentary[key] = text;
  }
  const document = await renderStored({
    type: row.type,
    period: row.period,
    unitName: unitNameOf(row),
    data: row.figures as unknown as ReportData,
    commentary,
    generatedAt: row.generatedAt,
    revision: row.revision,
  });
  const now = ctx.clock.now();
  await db.transaction(async (tx) => {
    const stored = await storeCommentary(tx, id, input.version, {
      commentary,
      document,
      by: actor.userId,
      at: now,
    });
    if (!stored) throw versionConflict();
    await ctx.audit.record(tx, audit, {
      action: 'report.commentary_updated',
      objectType: 'report',
      objectId: id,
      detail: { type: row.type, period: row.period, revision: row.revision, before, after },
    });
  });
  return getReport(ctx, actor, id);
}

export async function downloadReport(
  ctx: AppContext,
  actor: Actor,
  id: string,
  audit: AuditContext,
): Promise<{ fileName: string; document: Buffer }> {
  const db = ctx.database.db;
  const row = await findReport(db, actor, id);
  if (!row) throw notFound();
  const file = await findDocument(db, actor, id);
  if (!file?.document || file.status !== 'ready') throw new AppError('REPORT_NOT_READY');
  const fileName = documentFileName(row);
  await db.transaction((tx) =>
    ctx.audit.record(tx, audit, {
      action: 'report.downloaded',
      objectType: 'report',
      objectId: id,
      detail: { type: row.type, period: row.period, revision: row.revision, fileName },
    }),
  );
  return { fileName, document: file.document };
}
