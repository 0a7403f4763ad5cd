// 社会责任年度台账 the year-end social-responsibility ledger: one workbook, one sheet per domain in the layout
// every ledger shares — donations (modules/donations/ledger.ts), then what the volunteer and street-adoption
// domains add to SOCIAL_RESPONSIBILITY_SHEETS — all from one read-only snapshot, the export audited first.
import { PassThrough } from 'node:stream';
import type { SocialResponsibilityLedgerQuery } from '@qinqing/shared';
import { pathInScope } from '../../core/access/access.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { donationsLedgerSheet } from '../donations/ledger.ts';
import { volunteerServiceLedgerSheet } from '../volunteers/ledger.ts';
import { openLedgerWorkbook, shanghaiMinute } from './layout.ts';
import { findOrgUnit, type LedgerScope } from './repository.ts';
import type { LedgerDownload } from './service.ts';
import type { SocialResponsibilitySheet } from './social-responsibility-sheet.ts';

/** The sheets in the order they are filed; a domain of social responsibility adds its own here. */
export const SOCIAL_RESPONSIBILITY_SHEETS: readonly SocialResponsibilitySheet[] = [
  donationsLedgerSheet,
  volunteerServiceLedgerSheet,
];

export async function startSocialResponsibilityExport(
  ctx: AppContext,
  actor: Actor,
  query: SocialResponsibilityLedgerQuery,
  audit: AuditContext,
  onStreamError: (error: unknown) => void,
): Promise<LedgerDownload> {
  const at = ctx.clock.now();
  const year = query.year ?? Number(shanghaiMinute(at).slice(0, 4));
  const unit = await findOrgUnit(ctx.database.db, query.orgUnitId ?? actor.orgUnitId);
  if (!unit || !pathInScope(unit.path, actor)) throw notFound();
  const scope: LedgerScope = { actor, unit, from: `${year}-01-01`, to: `${year}-12-31`, at };
  const title = `${unit.name}${year}年度社会责任台账`;
  const stream = new PassThrough();
  return new Promise((resolve, reject) => {
    let started = false;
    ctx.database.db
      .transaction(
        async (snapshot) => {
          await ctx.database.db.transaction((tx) =>
            ctx.audit.record(tx, audit, {
              action: 'ledger.exported',
              objectType: 'org_unit',
              objectId: unit.id,
              detail: {
                kind: 'social-responsibility',
                orgUnitId: unit.id,
                orgUnitName: unit.name,
                from: scope.from,
                to: scope.to,
                sheets: SOCIAL_RESPONSIBILITY_SHEETS.map((sheet) => sheet.sheetName),
              },
            }),
          );
          started = true;
          resolve({
            stream,
            rows: 0,
            fileName: `${title}.xlsx`,
            fallbackName: `social-responsibility-ledger-${year}.xlsx`,
          });
          const measures = ctx.measures.evaluate(snapshot, {
            unit,
            period: { from: scope.from, to: scope.to },
            listUnitId: unit.id,
          });
          const workbook = await openLedgerWorkbook(stream, unit.name);
          for (const builder of SOCIAL_RESPONSIBILITY_SHEETS) {
            const sheet = workbook.addSheet(builder.sheetName, builder.columns, {
              title: `${unit.name}${year}年度${builder.title}`,
              unitName: unit.name,
              from: scope.from,
              to: scope.to,
              generatedAt: at,
            });
            await sheet.finish(await builder.write(snapshot, scope, sheet, measures));
          }
          await workbook.commit();
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
