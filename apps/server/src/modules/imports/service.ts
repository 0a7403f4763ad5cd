// 会员批量导入 importing members from .xlsx: the upload is checked as a file first (refused with a 400 and
// nothing stored), then a background job streams the rows, checks each one, and commits the valid ones in
// batches of 2000, each batch one transaction. Upsert by credit code: new → created; same values →
// unchanged; different → updated (version bumped, audited). Rejected rows go to a report with their
// reasons. A dry run does all of it except the writes.
import { loadExcelJs } from '../../core/office/load-exceljs.ts';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { usccProblem, type ImportCounts, type ImportPreviewRow, type ImportVerdict } from '@qinqing/shared';
import { changes, type AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import type { Tx } from '../../db/connection.ts';
import { violatesUniqueIndex } from '../../db/errors.ts';
import {
  insertContacts,
  insertStatusChanges,
  updateContact,
  updateEnterpriseRow,
  type ContactRow,
  type EnterpriseRow,
} from '../enterprises/repository.ts';
import { auditedContacts, insertEnterprises, resolveOrgUnit } from '../enterprises/service.ts';
import type { JobOutcome } from '../jobs/repository.ts';
import { insertJob } from '../jobs/repository.ts';
import type { JobRun, JobRunner } from '../jobs/runner.ts';
import { searchKeysOf } from '../../core/search/search-keys.ts';
import { COLUMN_BY_FIELD, mapHeader, type FileColumn, type MemberField } from './columns.ts';
import {
  parseMemberRow,
  reasonText,
  type MemberInput,
  type ParsedRow,
  type RowProblem,
} from './member-row.ts';
import { existingByUscc, type ExistingEnterprise } from './repository.ts';
import { RejectedRowsReport } from './report.ts';
import {
  IMPORT_LIMITS,
  prepareWorkbook,
  readHeaderRow,
  refuseFile,
  rowCells,
  worksheetRows,
} from './workbook-file.ts';

export const IMPORT_JOB = 'enterprise_import';
/**
 * Rows per transaction. Each batch pays fixed costs (its look-up, three INSERT statements, the rollup
 * trigger, an audit record, a commit): at 2000 rows they are a small share of the rows' own work.
 */
export const IMPORT_BATCH_ROWS = 2000;
const PROGRESS_EVERY = 5000;
const PREVIEW_ROWS = 20;
const UNIQUE_RETRIES = 3;
// Three: while one batch waits for another's commit (the member rollups and the audit chain are shared
// rows), a third is already inserting its enterprises.
const BATCHES_IN_FLIGHT = 3;

/** What the job needs to know about its file; kept in jobs.params. */
interface ImportParams {
  fileName: string;
  dryRun: boolean;
  orgUnitId: string;
  /** The prepared copy of the upload (see workbook-file.ts). */
  file: string;
  headerRow: number;
  columns: FileColumn[];
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

/**
 * Takes an upload: saves it, checks it as a file and reads its header; on success queues the import and
 * returns the job id. A refused file leaves nothing behind: no job, no file.
 */
export async function acceptImport(
  ctx: AppContext,
  runner: JobRunner,
  actor: Actor,
  audit: AuditContext,
  upload: Upload,
  options: { dryRun: boolean; orgUnitId?: string },
): Promise<string> {
  const dir = importDir(ctx);
  await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const uploadPath = path.join(dir, `${id}.upload`);
  const preparedPath = path.join(dir, `${id}.xlsx`);
  try {
    await saveUpload(upload.file, uploadPath);
    const orgUnitId = await resolveOrgUnit(ctx.database.db, actor, options.orgUnitId);
    const facts = await prepareWorkbook(uploadPath, preparedPath);
    const header = await readHeaderRow(preparedPath);
    const { columns, problems } = mapHeader(header.rowNumber, header.cells, facts.merges);
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
      kind: IMPORT_JOB,
      params: params as unknown as Record<string, unknown>,
      createdBy: actor.userId,
      orgUnitId,
    });
    runner.enqueue({
      id,
      kind: IMPORT_JOB,
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

/** Column labels of the enterprise fields an update can change, for the preview's "what changes". */
const CHANGE_LABELS: Partial<Record<keyof EnterpriseRow, MemberField>> = {
  name: 'name',
  formerNames: 'formerNames',
  legalRepresentative: 'legalRepresentative',
  registeredCapital: 'registeredCapital',
  foundedOn: 'foundedOn',
  industryCode: 'industryCode',
  size: 'size',
  divisionCode: 'divisionCode',
  address: 'address',
  tags: 'tags',
  membershipType: 'membershipType',
  membershipStatus: 'membershipStatus',
  membershipStatusReason: 'statusReason',
  joinedOn: 'joinedOn',
};

interface ContactFields {
  name: string;
  position: string | null;
  mobile: string | null;
}

type ContactChange =
  | { kind: 'insert'; after: ContactFields; isPrimary: boolean; sort: number }
  | { kind: 'update'; id: string; before: ContactFields; after: ContactFields };

interface UpdatePlan {
  existing: ExistingEnterprise;
  next: Partial<EnterpriseRow>;
  diff: { before: Partial<EnterpriseRow>; after: Partial<EnterpriseRow> } | undefined;
  contact: ContactChange | undefined;
  /** Column labels (as the file names them) whose values change. */
  changed: string[];
}

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((item, i) => item === b[i]);

/**
 * What a row would change in an existing enterprise. Empty cells change nothing (the file may not know
 * everything the registry does); tags and former names are only ever added; a new name keeps the old one
 * as a former name; the contact is matched by name.
 */
function planUpdate(
  existing: ExistingEnterprise,
  input: MemberInput,
  today: string,
  labelOf: (field: MemberField) => string,
): UpdatePlan | undefined {
  const current = existing.row;
  const next: Partial<EnterpriseRow> = {};
  const renamed = input.name !== current.name;
  if (renamed) next.name = input.name;
  const newName = next.name ?? current.name;
  const formerNames = [
    ...new Set([...current.formerNames, ...(renamed ? [current.name] : []), ...(input.formerNames ?? [])]),
  ].filter((name) => name !== newName);
  if (!sameList(formerNames, current.formerNames)) next.formerNames = formerNames;
  const scalar = <K extends keyof EnterpriseRow>(key: K, value: EnterpriseRow[K] | undefined) => {
    if (value !== undefined && value !== current[key]) next[key] = value;
  };
  scalar('legalRepresentative', input.legalRepresentative || undefined);
  if (
    input.registeredCapital !== undefined &&
    input.registeredCapital !== null &&
    Math.round(input.registeredCapital * 1e4) !== Math.round((current.registeredCapital ?? -1) * 1e4)
  ) {
    next.registeredCapital = input.registeredCapital;
  }
  scalar('foundedOn', input.foundedOn ?? undefined);
  scalar('industryCode', input.industryCode ?? undefined);
  scalar('size', input.size ?? undefined);
  scalar('divisionCode', input.divisionCode ?? undefined);
  scalar('address', input.address || undefined);
  const tags = [...new Set([...current.tags, ...(input.tags ?? [])])];
  if (!sameList(tags, current.tags)) next.tags = tags;
  const membership = input.membership;
  scalar('membershipType', membership?.type);
  if (membership?.status && membership.status !== current.membershipStatus) {
    next.membershipStatus = membership.status;
    next.membershipStatusReason = membership.statusReason || null;
    next.membershipStatusOn = membership.statusOn ?? today;
  } else {
    scalar('membershipStatusReason', membership?.statusReason || undefined);
  }
  scalar('joinedOn', membership?.joinedOn ?? undefined);

  const contact = planContact(existing.contacts, input.contacts?.[0]);
  const diff = changes(
    current as Record<string, unknown>,
    next as Record<string, unknown>,
  ) as UpdatePlan['diff'];
  if (!diff && !contact) return undefined;
  const changed = Object.keys(diff?.after ?? {})
    .map((key) => CHANGE_LABELS[key as keyof EnterpriseRow])
    .filter((field): field is MemberField => field !== undefined)
    .map(labelOf);
  if (contact?.kind === 'insert') changed.push(labelOf('contactName'));
  if (contact?.kind === 'update') {
    if (contact.after.position !== contact.before.position) changed.push(labelOf('contactPosition'));
    if (contact.after.mobile !== contact.before.mobile) changed.push(labelOf('mobile'));
  }
  return { existing, next, diff, contact, changed: [...new Set(changed)] };
}

function planContact(
  contacts: ContactRow[],
  given: NonNullable<MemberInput['contacts']>[number] | undefined,
): ContactChange | undefined {
  if (!given) return undefined;
  const same = contacts.find((c) => c.name === given.name);
  if (!same) {
    return {
      kind: 'insert',
      after: { name: given.name, position: given.position || null, mobile: given.mobile ?? null },
      isPrimary: contacts.length === 0,
      sort: contacts.reduce((max, c) => Math.max(max, c.sort + 1), 0),
    };
  }
  const before = { name: same.name, position: same.position, mobile: same.mobile };
  // An empty cell keeps what is stored.
  const after = {
    name: same.name,
    position: given.position || same.position,
    mobile: given.mobile ?? same.mobile,
  };
  if (after.position === before.position && after.mobile === before.mobile) return undefined;
  return { kind: 'update', id: same.id, before, after };
}

/** A valid row's fate against the registry as it is. */
type Decision =
  | { verdict: 'create'; parsed: ParsedRow; input: MemberInput }
  | { verdict: 'update'; parsed: ParsedRow; plan: UpdatePlan }
  | { verdict: 'unchanged'; parsed: ParsedRow }
  | { verdict: 'reject'; parsed: ParsedRow; problem: RowProblem };

function decide(
  rows: ParsedRow[],
  existing: Map<string, ExistingEnterprise>,
  today: string,
  labelOf: (field: MemberField) => string,
): Decision[] {
  return rows.map((parsed): Decision => {
    const input = parsed.input!;
    const found = existing.get(input.uscc);
    if (!found) return { verdict: 'create', parsed, input };
    if (found.row.mergedIntoId) {
      return {
        verdict: 'reject',
        parsed,
        problem: {
          field: null,
          message: '该统一社会信用代码属于已合并的重复记录，请在名册中核对合并后的企业',
        },
      };
    }
    if (!found.writable) {
      return { verdict: 'reject', parsed, problem: { field: null, message: '该企业已由其他单位登记' } };
    }
    const plan = planUpdate(found, input, today, labelOf);
    return plan ? { verdict: 'update', parsed, plan } : { verdict: 'unchanged', parsed };
  });
}

class ImportInterrupted extends Error {}

/** The import job: reads the prepared file row by row; see the module comment. */
export function importHandler(ctx: AppContext) {
  return async (run: JobRun): Promise<JobOutcome> => {
    const params = run.job.params as unknown as ImportParams;
    const today = ctx.clock.now().toISOString().slice(0, 10);
    const counts: ImportCounts = { total: 0, created: 0, updated: 0, unchanged: 0, rejected: 0 };
    const preview: ImportPreviewRow[] = [];
    const mapped = params.columns.filter((column) => column.field);
    const headerOf = new Map(mapped.map((column) => [column.field!, column.header]));
    const labelOf = (field: MemberField) => headerOf.get(field) ?? COLUMN_BY_FIELD.get(field)!.header;
    const report = new RejectedRowsReport(
      `${params.file}.report.xlsx`,
      params.columns.map((column) => column.header),
      await loadExcelJs(),
    );
    /** Credit code → the row it first appeared on: later rows with it are duplicates. */
    const firstRowOf = new Map<string, number>();
    let lastRow = params.headerRow;
    // The preview is the first rows of the file: the row number of the 20th data row bounds it.
    let previewLastRow = Number.MAX_SAFE_INTEGER;

    const note = (
      parsed: ParsedRow,
      verdict: ImportVerdict,
      problems: RowProblem[],
      changed: string[] = [],
    ) => {
      if (verdict === 'reject') {
        counts.rejected++;
        report.add(parsed.row, parsed.display, reasonText(problems));
      } else if (verdict === 'create') counts.created++;
      else if (verdict === 'update') counts.updated++;
      else counts.unchanged++;
      if (preview.length < PREVIEW_ROWS && parsed.row <= previewLastRow) {
        preview.push({
          row: parsed.row,
          name: parsed.name,
          uscc: parsed.uscc,
          verdict,
          changes: changed,
          problems: problems.map((p) => ({ field: p.field, message: p.message })),
        });
      }
    };
    const settle = (decisions: Decision[]) => {
      for (const decision of decisions) {
        if (decision.verdict === 'reject') note(decision.parsed, 'reject', [decision.problem]);
        else if (decision.verdict === 'update') note(decision.parsed, 'update', [], decision.plan.changed);
        else note(decision.parsed, decision.verdict, []);
      }
    };

    const commitBatch = async (rows: ParsedRow[]): Promise<void> => {
      const usccs = rows.map((row) => row.input!.uscc);
      if (params.dryRun) {
        settle(decide(rows, await existingByUscc(ctx.database.db, run.actor, usccs, false), today, labelOf));
        return;
      }
      for (let attempt = 1; ; attempt++) {
        try {
          const decisions = await ctx.database.db.transaction(async (tx) => {
            const existing = await existingByUscc(tx, run.actor, usccs, true);
            const decided = decide(rows, existing, today, labelOf);
            await writeDecisions(ctx, tx, run, params, decided, today);
            return decided;
          });
          settle(decisions);
          return;
        } catch (error) {
          // Someone registered one of these codes between our look-up and insert: look again.
          if (attempt < UNIQUE_RETRIES && violatesUniqueIndex(error, 'enterprises_uscc_key')) continue;
          throw error;
        }
      }
    };

    let batch: ParsedRow[] = [];
    const inFlight: Promise<void>[] = [];
    let failure: unknown;
    const settled = () => Promise.all(inFlight);
    // Batches are written while the next ones are read, on their own connections: the parser and the
    // database work at the same time. Their credit codes differ (duplicates were rejected), so the
    // transactions never wait for each other's rows.
    const flush = async () => {
      while (inFlight.length >= BATCHES_IN_FLIGHT) await inFlight.shift();
      if (failure) throw failure;
      const rows = batch;
      batch = [];
      if (rows.length > 0)
        inFlight.push(commitBatch(rows).catch((error: unknown) => void (failure ??= error)));
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
        const parsed = parseMemberRow(row.number, cells, params.columns, today);
        if (parsed.uscc && usccProblem(parsed.uscc) === null) {
          const first = firstRowOf.get(parsed.uscc);
          if (first === undefined) firstRowOf.set(parsed.uscc, row.number);
          else {
            parsed.problems.push({
              field: null,
              message: `与第 ${first} 行是同一企业（统一社会信用代码相同），本行未导入`,
            });
            parsed.input = undefined;
          }
        }
        if (!parsed.input) note(parsed, 'reject', parsed.problems);
        else batch.push(parsed);
        if (batch.length >= IMPORT_BATCH_ROWS) await flush();
        if (counts.total % PROGRESS_EVERY === 0) {
          await run.progress(Math.min(counts.total / Math.max(params.estimatedRows, 1), 0.99), { ...counts });
        }
      }
      await flush();
      await settled();
      if (failure) throw failure;
    } catch (error) {
      await settled();
      return failed(ctx, run, params, counts, preview, report, error, lastRow);
    }

    const outcome: JobOutcome = {
      status: 'succeeded',
      counts: { ...counts },
      result: { preview: preview.sort((a, b) => a.row - b.row), ignoredColumns: ignoredColumns(params) },
      report: await report.finish(),
    };
    if (!params.dryRun) {
      await ctx.database.db.transaction((tx) =>
        ctx.audit.record(tx, run.audit, {
          action: 'enterprise.import_finished',
          objectType: 'job',
          objectId: run.job.id,
          detail: { fileName: params.fileName, orgUnitId: params.orgUnitId, counts },
        }),
      );
    }
    return outcome;
  };
}

function ignoredColumns(params: ImportParams): string[] {
  return params.columns.filter((column) => !column.field).map((column) => column.header);
}

async function failed(
  ctx: AppContext,
  run: JobRun,
  params: ImportParams,
  counts: ImportCounts,
  preview: ImportPreviewRow[],
  report: RejectedRowsReport,
  error: unknown,
  lastRow: number,
): Promise<JobOutcome> {
  const committed = `已提交的数据有效：新增 ${counts.created} 家、更新 ${counts.updated} 家、未变 ${counts.unchanged} 家；出错的那一批未写入。修正后重新导入即可，已导入的企业不会重复登记`;
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
          action: 'enterprise.import_finished',
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
    result: { preview: preview.sort((a, b) => a.row - b.row), ignoredColumns: ignoredColumns(params) },
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

/** Writes one batch's decisions inside its transaction: inserts in bulk, updates one by one, then the audit. */
async function writeDecisions(
  ctx: AppContext,
  tx: Tx,
  run: JobRun,
  params: ImportParams,
  decisions: Decision[],
  today: string,
): Promise<void> {
  const creates = decisions.filter((d) => d.verdict === 'create');
  const ids = await insertEnterprises(
    tx,
    creates.map((d) => ({ ...d.input, orgUnitId: params.orgUnitId })),
    { actorId: run.actor.userId, today },
  );
  const updates = decisions.filter((d) => d.verdict === 'update');
  for (const { plan } of updates) await applyUpdate(ctx, tx, run, plan, today);
  // The audit chain's lock is taken last, so it is held only for the commit, not the whole batch.
  if (creates.length > 0) {
    await ctx.audit.record(tx, run.audit, {
      action: 'enterprise.imported',
      objectType: 'job',
      objectId: run.job.id,
      detail: {
        fileName: params.fileName,
        orgUnitId: params.orgUnitId,
        created: creates.map((d, i) => ({
          id: ids[i],
          uscc: d.input.uscc,
          name: d.input.name,
          row: d.parsed.row,
        })),
      },
    });
  }
  for (const { plan, parsed } of updates) {
    const contact = plan.contact;
    await ctx.audit.record(tx, run.audit, {
      action: 'enterprise.updated',
      objectType: 'enterprise',
      objectId: plan.existing.row.id,
      detail: {
        before: {
          ...plan.diff?.before,
          ...(contact?.kind === 'update' ? { contact: auditedContacts([contact.before])[0] } : {}),
        },
        after: { ...plan.diff?.after, ...(contact ? { contact: auditedContacts([contact.after])[0] } : {}) },
        import: { jobId: run.job.id, fileName: params.fileName, row: parsed.row },
      },
    });
  }
}

/** One update: the changed fields (a changed contact counts: the version moves either way), history, contact. */
async function applyUpdate(ctx: AppContext, tx: Tx, run: JobRun, plan: UpdatePlan, today: string) {
  const current = plan.existing.row;
  const { next } = plan;
  const keys =
    next.name !== undefined || next.formerNames !== undefined
      ? searchKeysOf(next.name ?? current.name, next.formerNames ?? current.formerNames)
      : {};
  await updateEnterpriseRow(tx, current.id, { ...next, ...keys }, ctx.clock.now());
  if (next.membershipStatus) {
    await insertStatusChanges(
      tx,
      [
        {
          enterpriseId: current.id,
          fromStatus: current.membershipStatus,
          toStatus: next.membershipStatus,
          reason: next.membershipStatusReason ?? null,
          changedOn: next.membershipStatusOn ?? today,
        },
      ],
      run.actor.userId,
    );
  }
  const contact = plan.contact;
  if (contact?.kind === 'insert') {
    await insertContacts(tx, [
      { enterpriseId: current.id, ...contact.after, isPrimary: contact.isPrimary, sort: contact.sort },
    ]);
  } else if (contact) {
    await updateContact(tx, contact.id, { position: contact.after.position, mobile: contact.after.mobile });
  }
}
