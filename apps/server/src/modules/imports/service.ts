// 批量导入 the one import pipeline every import kind (kind.ts: enterprises, people, chamber memberships,
// party organizations) runs on: the upload is checked as a file first (refused with a 400 and nothing
// stored), then a background job streams the rows, checks each one on its own, rejects the later rows of a
// record the file already named, and hands the valid ones to the kind in batches, each batch one
// transaction with its audit records. Rejected rows go to a report with their reasons. A dry run does all
// of it except the writes.
import { loadExcelJs } from '../../core/office/load-exceljs.ts';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ImportCounts, ImportPreviewRow, ImportVerdict } from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError, forbidden } from '../../core/errors.ts';
import type { JobOutcome } from '../jobs/repository.ts';
import { insertJob } from '../jobs/repository.ts';
import type { JobRun, JobRunner } from '../jobs/runner.ts';
import { resolveOrgUnit } from '../enterprises/service.ts';
import type { FileColumn } from './columns.ts';
import type { BatchContext, ImportKind, KindRow, RowOutcome, RowProblem } from './kind.ts';
import { reasonText } from './member-row.ts';
import { RejectedRowsReport } from './report.ts';
import {
  IMPORT_LIMITS,
  prepareWorkbook,
  readHeaderRow,
  refuseFile,
  rowCells,
  worksheetRows,
} from './workbook-file.ts';

export { IMPORT_BATCH_ROWS } from './enterprise-kind.ts';

const PROGRESS_EVERY = 5000;
const PREVIEW_ROWS = 20;
/** Rejected rows listed in the job itself (the report holds them all). */
const LISTED_REJECTIONS = 1000;

/** What the job needs to know about its file; kept in jobs.params. */
interface ImportParams {
  fileName: string;
  dryRun: boolean;
  orgUnitId: string;
  /** The prepared copy of the upload (see workbook-file.ts). */
  file: string;
  headerRow: number;
  columns: FileColumn<string>[];
  /** Row elements after the header: the denominator of progress. */
  estimatedRows: number;
}

function importDir(ctx: AppContext): string {
  return path.join(ctx.config.dataDir, 'imports');
}

/** Uploads a crash left behind: their jobs were failed at start-up, the files only hold personal data. */
export async function clearImportFiles(ctx: AppContext): Promise<void> {
  await fs.promises.rm(importDir(ctx), { recursive: true, force: true });
}

async function saveUpload(stream: Readable & { truncated?: boolean }, filePath: string): Promise<void> {
  await pipeline(stream, fs.createWriteStream(filePath, { flags: 'wx', mode: 0o600 }));
  if (stream.truncated) throw new AppError('PAYLOAD_TOO_LARGE');
}

/** The uploaded file's name as shown back: no directories, no control characters (jsonb refuses NUL). */
function displayFileName(name: string): string {
  // eslint-disable-next-line no-control-regex
  const controls = /[\u0000-\u001f\u007f]/g;
  return path.basename(name).replace(controls, '').slice(0, 200) || 'import.xlsx';
}

export interface Upload {
  file: Readable & { truncated?: boolean };
  fileName: string;
}

/** 403 for a caller whose permission reached the route but who may not import this kind. */
export function assertMayImport(kind: ImportKind, actor: Actor): void {
  if (!kind.mayImport(actor)) throw forbidden();
}

/**
 * Takes an upload of `kind`: saves it, checks it as a file and reads its header; on success queues the
 * import and returns the job id. A refused file leaves nothing behind: no job, no file.
 */
export async function acceptImport(
  ctx: AppContext,
  runner: JobRunner,
  kind: ImportKind,
  actor: Actor,
  audit: AuditContext,
  upload: Upload,
  options: { dryRun: boolean; orgUnitId?: string },
): Promise<string> {
  assertMayImport(kind, actor);
  const dir = importDir(ctx);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const uploadPath = path.join(dir, `${id}.upload`);
  const preparedPath = path.join(dir, `${id}.xlsx`);
  try {
    await saveUpload(upload.file, uploadPath);
    // Kinds whose rows say where each record belongs (a membership's chamber, a party organization's
    // owner) keep the importer's own unit as the job's.
    const orgUnitId = kind.placesUnderOrgUnit
      ? await resolveOrgUnit(ctx.database.db, actor, options.orgUnitId)
      : actor.orgUnitId;
    const facts = await prepareWorkbook(uploadPath, preparedPath);
    const header = await readHeaderRow(preparedPath, kind.columnSet);
    const { columns, problems } = kind.columnSet.mapHeader(header.rowNumber, header.cells, facts.merges);
    if (problems.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        problems.map((problem) => ({ path: 'file', code: problem.code, message: problem.message })),
      );
    }
    const estimatedRows = facts.rowElements - header.rowsThrough;
    if (estimatedRows <= 0) throw refuseFile('NO_DATA_ROWS');
    if (estimatedRows > IMPORT_LIMITS.maxRows) throw refuseFile('TOO_MANY_ROWS');
    const params: ImportParams = {
      fileName: displayFileName(upload.fileName),
      dryRun: options.dryRun,
      orgUnitId,
      file: preparedPath,
      headerRow: header.rowNumber,
      columns,
      estimatedRows,
    };
    await insertJob(ctx.database.db, {
      id,
      kind: kind.jobKind,
      params: params as unknown as Record<string, unknown>,
      createdBy: actor.userId,
      orgUnitId,
    });
    runner.enqueue({
      id,
      kind: kind.jobKind,
      actor,
      audit,
      cleanup: () => fs.promises.rm(preparedPath, { force: true }),
    });
    return id;
  } catch (error) {
    await fs.promises.rm(preparedPath, { force: true });
    throw error;
  } finally {
    await fs.promises.rm(uploadPath, { force: true });
  }
}

class ImportInterrupted extends Error {}

/** The import job of `kind`: reads the prepared file row by row; see the module comment. */
export function importHandler<Input, State>(ctx: AppContext, kind: ImportKind<Input, State>) {
  return async (run: JobRun): Promise<JobOutcome> => {
    const params = run.job.params as unknown as ImportParams;
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const counts: ImportCounts = { total: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const preview: ImportPreviewRow[] = [];
    const rejections: ImportPreviewRow[] = [];
    const mapped = params.columns.filter((column) => column.field);
    const headerOf = new Map(mapped.map((column) => [column.field!, column.header]));
    const batchContext: BatchContext = {
      ctx,
      actor: run.actor,
      audit: run.audit,
      jobId: run.job.id,
      fileName: params.fileName,
      orgUnitId: params.orgUnitId,
      dryRun: params.dryRun,
      today,
      labelOf: (field) => headerOf.get(field) ?? kind.columnSet.headerOf(field),
    };
    const state = kind.newState();
    const report = new RejectedRowsReport(
      `${params.file}.report.xlsx`,
      params.columns.map((column) => column.header),
      await loadExcelJs(),
    );
    /** A row's key → the row it first appeared on: later rows with it are duplicates. */
    const firstRowOf = new Map<string, number>();
    let lastRow = params.headerRow;
    // The preview is the first rows of the file: the row number of the 20th data row bounds it.
    let previewLastRow = Number.MAX_SAFE_INTEGER;

    const note = (
      parsed: KindRow<Input>,
      verdict: ImportVerdict,
      problems: RowProblem[],
      changed: string[] = [],
    ) => {
      const shown = (): ImportPreviewRow => ({
        row: parsed.row,
        name: parsed.name,
        uscc: parsed.uscc,
        verdict,
        changes: changed,
        problems: problems.map((p) => ({ field: p.field, message: p.message })),
      });
      if (verdict === 'reject') {
        counts.rejected++;
        report.add(parsed.row, parsed.display, reasonText(problems));
        if (rejections.length < LISTED_REJECTIONS) rejections.push(shown());
      } else if (verdict === 'create') counts.created++;
      else if (verdict === 'update') counts.updated++;
      else counts.unchanged++;
      if (preview.length < PREVIEW_ROWS && parsed.row <= previewLastRow) preview.push(shown());
    };
    const settle = (outcomes: RowOutcome<Input>[]) => {
      for (const outcome of outcomes)
        note(outcome.parsed, outcome.verdict, outcome.problems, outcome.changed);
    };

    let batch: KindRow<Input>[] = [];
    const inFlight: Promise<void>[] = [];
    let failure: unknown;
    const settled = () => Promise.all(inFlight);
    // Batches are written while the next ones are read, on their own connections, as many at once as the
    // kind allows: the parser and the database work at the same time.
    const flush = async () => {
      while (inFlight.length >= kind.batchesInFlight) await inFlight.shift();
      if (failure) throw failure;
      const rows = batch;
      batch = [];
      if (rows.length > 0) {
        inFlight.push(
          kind
            .processBatch(batchContext, rows, state)
            .then(settle)
            .catch((error: unknown) => void (failure ??= error)),
        );
      }
    };

    try {
      for await (const row of unreadableAsError(worksheetRows(params.file))) {
        if (row.number <= params.headerRow) continue;
        if (run.signal.aborted) throw new ImportInterrupted();
        lastRow = row.number;
        const cells = rowCells(row);
        if (mapped.every((column) => (cells[column.column - 1]?.kind ?? 'empty') === 'empty')) continue;
        counts.total++;
        if (counts.total > IMPORT_LIMITS.maxRows) throw refuseFile('TOO_MANY_ROWS');
        if (counts.total === PREVIEW_ROWS) previewLastRow = row.number;
        const parsed = kind.readRow(row.number, cells, params.columns, today);
        if (parsed.key !== undefined) {
          const first = firstRowOf.get(parsed.key);
          if (first === undefined) firstRowOf.set(parsed.key, row.number);
          else {
            parsed.problems.push({ field: null, message: kind.duplicateMessage(first) });
            parsed.input = undefined;
          }
        }
        if (!parsed.input) note(parsed, 'reject', parsed.problems);
        else batch.push(parsed);
        if (batch.length >= kind.batchRows) await flush();
        if (counts.total % PROGRESS_EVERY === 0) {
          await run.progress(Math.min(counts.total / Math.max(params.estimatedRows, 1), 0.99), { ...counts });
        }
      }
      await flush();
      await settled();
      if (failure) throw failure;
    } catch (error) {
      await settled();
      return failed(ctx, kind, run, params, counts, { preview, rejections }, report, error, lastRow);
    }

    const outcome: JobOutcome = {
      status: 'succeeded',
      counts: { ...counts },
      result: resultOf(params, preview, rejections),
      report: await report.finish(),
    };
    if (!params.dryRun) {
      await ctx.database.db.transaction((tx) =>
        ctx.audit.record(tx, run.audit, {
          action: kind.finishedAction,
          objectType: 'job',
          objectId: run.job.id,
          detail: { fileName: params.fileName, orgUnitId: params.orgUnitId, counts },
        }),
      );
    }
    return outcome;
  };
}

function resultOf(
  params: ImportParams,
  preview: ImportPreviewRow[],
  rejections: ImportPreviewRow[],
): Record<string, unknown> {
  return {
    preview: preview.sort((a, b) => a.row - b.row),
    rejected: rejections.sort((a, b) => a.row - b.row),
    ignoredColumns: params.columns.filter((column) => !column.field).map((column) => column.header),
  };
}

async function failed(
  ctx: AppContext,
  kind: Pick<ImportKind, 'noun' | 'finishedAction'>,
  run: JobRun,
  params: ImportParams,
  counts: ImportCounts,
  listed: { preview: ImportPreviewRow[]; rejections: ImportPreviewRow[] },
  report: RejectedRowsReport,
  error: unknown,
  lastRow: number,
): Promise<JobOutcome> {
  const noun = kind.noun;
  const committed = `已提交的数据有效：新增 ${counts.created} ${noun}、更新 ${counts.updated} ${noun}、未变 ${counts.unchanged} ${noun}；出错的那一批未写入。修正后重新导入即可，已导入的不会重复登记`;
  let message: string;
  let code: string;
  if (error instanceof ImportInterrupted) {
    code = 'INTERRUPTED';
    message = `服务正在停止，导入在第 ${lastRow} 行处中断。${committed}`;
  } else if (error instanceof AppError && error.details?.[0]) {
    code = error.details[0].code;
    message = error.details[0].message;
  } else if (error instanceof SheetUnreadable) {
    code = 'SHEET_UNREADABLE';
    message = `第 ${lastRow} 行之后的内容无法解析，文件可能已损坏。${committed}`;
  } else {
    run.log.error({ err: error, jobId: run.job.id }, 'import failed');
    code = 'IMPORT_FAILED';
    message = `导入在第 ${lastRow} 行附近出错，已停止。${committed}`;
  }
  let reportBuffer: Buffer | null = null;
  try {
    reportBuffer = await report.finish();
  } catch {
    await report.discard();
  }
  if (!params.dryRun && counts.created + counts.updated > 0) {
    await ctx.database.db
      .transaction((tx) =>
        ctx.audit.record(tx, run.audit, {
          action: kind.finishedAction,
          objectType: 'job',
          objectId: run.job.id,
          result: 'failure',
          detail: { fileName: params.fileName, orgUnitId: params.orgUnitId, counts, error: code },
        }),
      )
      .catch(() => undefined);
  }
  return {
    status: 'failed',
    counts: { ...counts },
    result: resultOf(params, listed.preview, listed.rejections),
    error: { code, message },
    report: reportBuffer,
  };
}

class SheetUnreadable extends Error {}

/** Errors of the reader itself (broken XML mid-sheet) told apart from the database's. */
async function* unreadableAsError<T>(rows: AsyncGenerator<T>): AsyncGenerator<T> {
  try {
    for (;;) {
      let next: IteratorResult<T>;
      try {
        next = await rows.next();
      } catch (error) {
        throw new SheetUnreadable('worksheet unreadable', { cause: error });
      }
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await rows.return(undefined);
  }
}
