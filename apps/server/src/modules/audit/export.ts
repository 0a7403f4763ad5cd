// The audit log as an .xlsx workbook, written as a stream so that memory stays flat for any size.
import { loadExcelJs } from '../../core/office/load-exceljs.ts';
import type { Writable } from 'node:stream';
import { ROLE_LABELS, type Role } from '@qinqing/shared';
import { safeCell } from '../../core/office/cells.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { streamAuditEvents, type AuditFilter } from './repository.ts';

const RESULT_LABELS: Record<string, string> = { success: '成功', failure: '失败', denied: '拒绝' };

/** Writes the records matching `filter` up to `upToSeq`; returns how many. */
export async function writeAuditWorkbook(
  db: DbOrTx,
  filter: AuditFilter,
  upToSeq: number,
  out: Writable,
): Promise<number> {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: true,
  });
  const sheet = workbook.addWorksheet('审计日志', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = [
    { header: '序号', key: 'seq', width: 10 },
    { header: '时间', key: 'occurredAt', width: 22 },
    { header: '操作人', key: 'actor', width: 16 },
    { header: '角色', key: 'roles', width: 20 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '操作', key: 'action', width: 26 },
    { header: '对象类型', key: 'objectType', width: 14 },
    { header: '对象', key: 'objectId', width: 38 },
    { header: '结果', key: 'result', width: 8 },
    { header: '详情', key: 'detail', width: 60 },
    { header: '校验值 (HMAC-SM3)', key: 'hmac', width: 66 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rows = 0;
  for await (const event of streamAuditEvents(db, filter, upToSeq)) {
    sheet
      .addRow({
        seq: event.seq,
        occurredAt: new Date(event.occurredAt).toISOString(),
        actor: safeCell(event.actorName),
        roles: event.actorRoles.map((role) => ROLE_LABELS[role as Role]?.zh ?? role).join('、'),
        ip: safeCell(event.ip),
        action: safeCell(event.action),
        objectType: safeCell(event.objectType),
        objectId: safeCell(event.objectId),
        result: RESULT_LABELS[event.result] ?? event.result,
        detail: safeCell(event.detail ? JSON.stringify(event.detail) : ''),
        hmac: event.hmac,
      })
      .commit();
    rows++;
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
