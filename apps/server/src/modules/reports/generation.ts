// 报告生成 generating a report in the background: a queue in this process, one report at a time (the machine
// may have two cores), each run claiming its row so that two instances never write the same report. The
// figures are read in one REPEATABLE READ snapshot, written as prose, rendered as .docx and stored with
// the hash of the records behind them, audited in the same transaction. A run a stopped process left
// behind is claimed again once it is stale (at start-up, or by the scheduler's sweep).
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { FastifyBaseLogger } from 'fastify';
import { reportPeriodRange, type ReportType } from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { AppContext } from '../../core/context.ts';
import { shanghaiToday } from '../visits/service.ts';
import { renderReportDocx } from './docx.ts';
import { computeReport, type FigureOptions, type ReportData } from './figures.ts';
import { claimReport, findUnit, storeFailure, storeGenerated, unfinishedReports } from './repository.ts';
import { writeReport } from './writing.ts';

/** A run older than this is taken to belong to a stopped process. */
export const STALE_RUN_MS = 10 * 60_000;

const FAILED_MESSAGE = '报告生成失败，请稍后重新生成；如仍失败请联系管理员';

/** The scheduler's runs and re-claimed runs have no person behind them. */
export const SYSTEM_AUDIT: AuditContext = {
  actorId: null,
  actorName: 'system',
  actorRoles: [],
  ip: null,
  requestId: null,
};

const FIGURE_OPTIONS: Record<ReportType, FigureOptions> = {
  // A weekly report names its top categories in a sentence, without cases.
  weekly: { caseCategories: 0, casesPerCategory: 0 },
  monthly: { caseCategories: 3, casesPerCategory: 2 },
  quarterly: { caseCategories: 3, casesPerCategory: 2 },
  'special-difficulties': { caseCategories: 5, casesPerCategory: 3 },
};

/** Renders a report's .docx from stored figures and commentary: generation and commentary edits share it. */
export function renderStored(input: {
  type: ReportType;
  period: string;
  unitName: string;
  data: ReportData;
  commentary: Readonly<Record<string, string>>;
  generatedAt: Date;
  revision: number;
}): Promise<Buffer> {
  const range = reportPeriodRange(input.type, input.period);
  if (!range) throw new Error(`stored report has a bad period ${input.type} ${input.period}`);
  return renderReportDocx(
    writeReport({
      type: input.type,
      period: input.period,
      range,
      unitName: input.unitName,
      data: input.data,
      commentary: input.commentary,
      issuedOn: shanghaiDay(input.generatedAt),
      revision: input.revision,
    }),
  );
}

/** Generates one report if it can claim it; failures are stored on the row, never thrown. */
export async function generateReport(
  ctx: AppContext,
  id: string,
  audit: AuditContext,
  log: FastifyBaseLogger,
): Promise<void> {
  const { db } = ctx.database;
  const started = ctx.clock.now();
  const row = await claimReport(db, id, started, new Date(started.getTime() - STALE_RUN_MS));
  if (!row) return;
  try {
    const unit = await findUnit(db, row.orgUnitId);
    if (!unit) throw new Error(`org unit ${row.orgUnitId} of report ${id} is gone`);
    const range = { from: row.periodFrom, to: row.periodTo };
    const today = shanghaiToday(ctx);
    const asOf = today < range.to ? today : range.to;
    const { data, dataHash } = await db.transaction(
      (tx) => computeReport(tx, ctx.measures, unit, range, asOf, FIGURE_OPTIONS[row.type]),
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const unitName = typeof row.parameters.orgUnitName === 'string' ? row.parameters.orgUnitName : unit.name;
    const generatedAt = ctx.clock.now();
    const document = await renderStored({
      type: row.type,
      period: row.period,
      unitName,
      data,
      commentary: row.commentary,
      generatedAt,
      revision: row.revision,
    });
    await db.transaction(async (tx) => {
      await storeGenerated(tx, id, {
        figures: data as unknown as Record<string, unknown>,
        dataHash,
        document,
        generatedAt,
      });
      await ctx.audit.record(tx, audit, {
        action: 'report.generated',
        objectType: 'report',
        objectId: id,
        detail: {
          type: row.type,
          orgUnitId: row.orgUnitId,
          period: row.period,
          revision: row.revision,
          trigger: row.trigger,
          dataHash,
          ms: generatedAt.getTime() - started.getTime(),
        },
      });
    });
  } catch (error) {
    log.error({ err: error, reportId: id }, 'report generation failed');
    await db
      .transaction(async (tx) => {
        await storeFailure(tx, id, FAILED_MESSAGE, ctx.clock.now());
        await ctx.audit.record(tx, audit, {
          action: 'report.generated',
          objectType: 'report',
          objectId: id,
          result: 'failure',
          detail: { type: row.type, orgUnitId: row.orgUnitId, period: row.period, revision: row.revision },
        });
      })
      .catch((failure: unknown) =>
        log.error({ err: failure, reportId: id }, 'could not mark the report failed'),
      );
  }
}

interface QueuedReport {
  id: string;
  audit: AuditContext;
}

/** The in-process queue: reports are generated one after another, in the order asked. */
export class ReportQueue {
  private readonly queue: QueuedReport[] = [];
  private running: Promise<void> | undefined;
  private closed = false;

  constructor(
    private readonly ctx: AppContext,
    private readonly log: FastifyBaseLogger,
  ) {}

  enqueue(id: string, audit: AuditContext): void {
    if (this.closed || this.queue.some((queued) => queued.id === id)) return;
    this.queue.push({ id, audit });
    this.pump();
  }

  /** Queues what is unfinished in the database (left by a stopped process, or by another instance). */
  async recover(): Promise<number> {
    const now = this.ctx.clock.now();
    const ids = await unfinishedReports(this.ctx.database.db, new Date(now.getTime() - STALE_RUN_MS));
    for (const id of ids) this.enqueue(id, SYSTEM_AUDIT);
    return ids.length;
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Stops taking reports and waits for the running one; queued ones stay queued in the database. */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.splice(0);
    await this.running;
  }

  private pump(): void {
    if (this.running || this.closed) return;
    const next = this.queue.shift();
    if (!next) return;
    this.running = generateReport(this.ctx, next.id, next.audit, this.log).finally(() => {
      this.running = undefined;
      this.pump();
    });
  }
}

const queues = new WeakMap<AppContext, ReportQueue>();

/** The app's report queue (tests wait on it with `idle()`). */
export function reportQueueOf(ctx: AppContext): ReportQueue {
  const queue = queues.get(ctx);
  if (!queue) throw new Error('the report queue was not started');
  return queue;
}

export function startReportQueue(ctx: AppContext, log: FastifyBaseLogger): ReportQueue {
  const queue = new ReportQueue(ctx, log);
  queues.set(ctx, queue);
  return queue;
}
