// 导入类型 what one kind of import (enterprises, people, chamber memberships, party organizations) gives the
// one pipeline in service.ts: its columns and template, how a row is read and checked on its own, the key
// that makes two rows of a file the same record, and how a batch of valid rows is decided (and, unless it
// is a dry run, written with its audit records) against the registry as it is.
import type { AuditAction, ImportVerdict } from '@qinqing/shared';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import type { CellReading } from '../../core/office/cells.ts';
import type { ColumnSet, FileColumn } from './columns.ts';
import type { TemplateSpec } from './template.ts';

export const IMPORT_KINDS = ['enterprises', 'people', 'chamberMembers', 'partyOrganizations'] as const;
export type ImportKindId = (typeof IMPORT_KINDS)[number];

export interface RowProblem {
  /** The column's header as the file writes it; null for the row as a whole. */
  field: string | null;
  message: string;
}

/** One data row, read and checked on its own. */
export interface KindRow<Input> {
  row: number;
  /** Every cell of the row as the report repeats it, in the file's column order. */
  display: string[];
  /** What the preview names the row by (an enterprise's name, a person's, a chamber's…). */
  name: string | null;
  /** The credit code the row names, if any. */
  uscc: string | null;
  /** Rows of one file with the same key are the same record: the later ones are rejected. */
  key?: string;
  /** Set when the row passed every check that needs no database. */
  input?: Input;
  problems: RowProblem[];
}

/** A row's fate against the registry: created, updated (the columns that change), unchanged, rejected. */
export interface RowOutcome<Input> {
  parsed: KindRow<Input>;
  verdict: ImportVerdict;
  problems: RowProblem[];
  changed: string[];
}

/** What a job of this kind knows about its file and its importer. */
export interface BatchContext {
  ctx: AppContext;
  actor: Actor;
  audit: AuditContext;
  jobId: string;
  fileName: string;
  /** Where new records go, for the kinds that place them under a federation unit. */
  orgUnitId: string;
  dryRun: boolean;
  today: string;
  /** The column's header as the file names it (or as the template does). */
  labelOf(field: string): string;
}

export interface ImportKind<Input = unknown, State = unknown> {
  id: ImportKindId;
  /** jobs.kind of its background jobs. */
  jobKind: string;
  columnSet: ColumnSet<string>;
  template: TemplateSpec;
  /** The download's names: ASCII and Chinese. */
  templateFileName: { ascii: string; zh: string };
  /** Whether `?orgUnitId=` places new records (enterprises, people); others derive it from the rows. */
  placesUnderOrgUnit: boolean;
  /** Whether the caller may import this kind at all (the route's permission let them this far). */
  mayImport(actor: Actor): boolean;
  /** "家企业", "位人士"…: the unit of the failure message's counts. */
  noun: string;
  /** Rows per transaction, and how many batches may be written at once (1: one after the other). */
  batchRows: number;
  batchesInFlight: number;
  readRow(row: number, cells: CellReading[], columns: FileColumn<string>[], today: string): KindRow<Input>;
  /** Why a row repeats an earlier one (same key). */
  duplicateMessage(firstRow: number): string;
  /** Per-job memory shared by its batches (records already claimed by earlier rows…). */
  newState(): State;
  /** Decides one batch of valid rows and, unless a dry run, writes it in its own transaction. */
  processBatch(batch: BatchContext, rows: KindRow<Input>[], state: State): Promise<RowOutcome<Input>[]>;
  /** The audit action of the whole import's end. */
  finishedAction: AuditAction;
}
