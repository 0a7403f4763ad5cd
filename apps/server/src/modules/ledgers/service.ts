// 台账导出 exporting a ledger: which unit and period it covers (by default the caller's unit and this
// quarter), then the rows counted, the export audited and the workbook streamed — all from one snapshot,
// so that the audited count, the rows and the total line agree.
import { PassThrough } from 'node:stream';
import { LEDGER_MAX_YEARS, type LedgerKind, type LedgerQuery } from '@qinqing/shared';
import { pathInScope } from '../../core/access/access.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { invalidField, notFound } from '../../core/errors.ts';
import { appealsLedger } from './appeals-ledger.ts';
import { openLedgerSheet, shanghaiMinute, type LedgerBuilder } from './layout.ts';
import { membersLedger } from './members-ledger.ts';
import { findOrgUnit, type LedgerScope } from './repository.ts';
import { visitsLedger } from './visits-ledger.ts';

export const LEDGERS: Record<LedgerKind, LedgerBuilder> = {
  members: membersLedger,
  visits: visitsLedger,
  appeals: appealsLedger,
};

/** A worksheet holds 1,048,576 rows; a ledger larger than this is refused before it is written. */
export const LEDGER_MAX_ROWS = 1_000_000;

/** The quarter a day (YYYY-MM-DD) falls in, as its first and last day. */
export function quarterOf(day: string): { from: string; to: string } {
  const year = Number(day.slice(0, 4));
  const firstMonth = Math.floor((Number(day.slice(5, 7)) - 1) / 3) * 3; // 0-based
  const iso = (date: Date) => date.toISOString().slice(0, 10);
  return {
    from: iso(new Date(Date.UTC(year, firstMonth, 1))),
    to: iso(new Date(Date.UTC(year, firstMonth + 3, 0))),
  };
}

/** The period asked for, each end defaulting to this quarter's (Asia/Shanghai); refused when inverted or too long. */
export function ledgerPeriod(
  query: Pick<LedgerQuery, 'from' | 'to'>,
  now: Date,
): { from: string; to: string } {
  const quarter = quarterOf(shanghaiMinute(now).slice(0, 10));
  const from = query.from ?? quarter.from;
  const to = query.to ?? quarter.to;
  if (from > to) throw invalidField('from', 'DATE_RANGE', '开始日期不能晚于结束日期');
  const limit = `${Number(from.slice(0, 4)) + LEDGER_MAX_YEARS}${from.slice(4)}`;
  if (to > limit) {
    throw invalidField('to', 'PERIOD_TOO_LONG', `统计期间不能超过 ${LEDGER_MAX_YEARS} 年`);
  }
  return { from, to };
}

/** The unit (the caller's own by default; another must lie in their subtree, else 404) and the period. */
export async function ledgerScope(ctx: AppContext, actor: Actor, query: LedgerQuery): Promise<LedgerScope> {
  const at = ctx.clock.now();
  const period = ledgerPeriod(query, at);
  const unit = await findOrgUnit(ctx.database.db, query.orgUnitId ?? actor.orgUnitId);
  if (!unit || !pathInScope(unit.path, actor)) throw notFound();
  return { actor, unit, ...period, at };
}

export interface LedgerDownload {
  stream: PassThrough;
  rows: number;
  /** The Chinese file name, and an ASCII one for old clients. */
  fileName: string;
  fallbackName: string;
}

/**
 * Starts a ledger export into the returned stream. Resolves once the rows are counted and the export
 * audited (`ledger.exported`: kind, unit, period, rows) — before any row is sent.
 */
export async function startLedgerExport(
  ctx: AppContext,
  actor: Actor,
  kind: LedgerKind,
  query: LedgerQuery,
  audit: AuditContext,
  onStreamError: (error: unknown) => void,
): Promise<LedgerDownload> {
  const builder = LEDGERS[kind];
  const scope = await ledgerScope(ctx, actor, query);
  const generatedAt = ctx.clock.now();
  const title = `${scope.unit.name}${builder.title}`;
  const stream = new PassThrough();
  return new Promise((resolve, reject) => {
    let started = false;
    ctx.database.db
      .transaction(
        async (snapshot) => {
          const rows = await builder.count(snapshot, scope);
          if (rows > LEDGER_MAX_ROWS) {
            throw invalidField(
              'to',
              'TOO_MANY_ROWS',
              `台账有 ${rows} 行，超过 ${LEDGER_MAX_ROWS} 行：请缩短统计期间或选择下级单位`,
            );
          }
          await ctx.database.db.transaction((tx) =>
            ctx.audit.record(tx, audit, {
              action: 'ledger.exported',
              objectType: 'org_unit',
              objectId: scope.unit.id,
              detail: {
                kind,
                orgUnitId: scope.unit.id,
                orgUnitName: scope.unit.name,
                from: scope.from,
                to: scope.to,
                rows,
              },
            }),
          );
          started = true;
          resolve({
            stream,
            rows,
            fileName: `${title}（${scope.from}至${scope.to}）.xlsx`,
            fallbackName: `${builder.fileStem}-${scope.from}-${scope.to}.xlsx`,
          });
          const sheet = await openLedgerSheet(stream, builder.title, builder.columns, {
            title,
            unitName: scope.unit.name,
            from: scope.from,
            to: scope.to,
            generatedAt,
          });
          // The registry counts the unit's subtree: the ledger's rows too, as only federation staff and
          // leaders export (their scope is their subtree, the unit within it).
          const measures = ctx.measures.evaluate(snapshot, {
            unit: scope.unit,
            period: { from: scope.from, to: scope.to },
            listUnitId: scope.unit.id,
          });
          await sheet.finish(await builder.write(snapshot, scope, sheet, measures));
        },
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      )
      .catch((error: unknown) => {
        if (!started) return reject(error);
        onStreamError(error);
        stream.destroy(error as Error);
      });
  });
}
