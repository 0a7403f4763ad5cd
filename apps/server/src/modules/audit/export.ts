// The audit log as an .xlsx workbook a person can read: actions by name, people and records by what they
// are called, the detail as labelled lines. Written as a stream, batch by batch with one look-up of names
// per batch, so that memory stays flat for any size.
import { loadExcelJs } from '../../core/office/load-exceljs.ts';
import type { Writable } from 'node:stream';
import {
  AUDIT_ACTION_GROUPS,
  AUDIT_RESULT_LABELS,
  ROLE_LABELS,
  type AuditEventView,
  type Role,
} from '@qinqing/shared';
import { safeCell } from '../../core/office/cells.ts';
import type { DbOrTx } from '../../db/connection.ts';
import { presentAuditEvents } from './presenter.ts';
import { streamAuditEventBatches, type AuditFilter } from './repository.ts';

/** Beijing time to the second. */
function beijingSeconds(iso: string): string {
  const shifted = new Date(new Date(iso).getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

function actorText(event: AuditEventView): string {
  if (!event.actorName) return '系统';
  return event.actorDisplayName && event.actorDisplayName !== event.actorName
    ? `${event.actorDisplayName}（${event.actorName}）`
    : event.actorName;
}

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
    { header: '时间', key: 'occurredAt', width: 20 },
    { header: '操作人', key: 'actor', width: 22 },
    { header: '角色', key: 'roles', width: 18 },
    { header: 'IP', key: 'ip', width: 16 },
    { header: '分类', key: 'group', width: 12 },
    { header: '操作', key: 'action', width: 22 },
    { header: '对象类型', key: 'objectType', width: 12 },
    { header: '对象', key: 'object', width: 40 },
    { header: '结果', key: 'result', width: 8 },
    { header: '详情', key: 'detail', width: 60, style: { alignment: { wrapText: true, vertical: 'top' } } },
    { header: '操作代码', key: 'code', width: 24 },
    { header: '对象标识', key: 'objectId', width: 38 },
    { header: '校验值 (HMAC-SM3)', key: 'hmac', width: 66 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let rows = 0;
  for await (const batch of streamAuditEventBatches(db, filter, upToSeq)) {
    const events = await presentAuditEvents(db, batch);
    for (const [i, event] of events.entries()) {
      sheet
        .addRow({
          seq: event.seq,
          occurredAt: beijingSeconds(event.occurredAt),
          actor: safeCell(actorText(event)),
          roles: event.actorRoles.map((role) => ROLE_LABELS[role as Role]?.zh ?? role).join('、'),
          ip: safeCell(event.ip),
          group: event.actionGroup ? AUDIT_ACTION_GROUPS[event.actionGroup].zh : '',
          action: safeCell(event.actionName.zh),
          objectType: event.object?.typeName.zh ?? '',
          object: safeCell(event.object?.key),
          result: AUDIT_RESULT_LABELS[event.result].zh,
          detail: safeCell(event.fields.map((field) => `${field.label.zh}：${field.value}`).join('\n')),
          code: safeCell(event.action),
          objectId: safeCell(event.objectId),
          hmac: batch[i]!.hmac,
        })
        .commit();
      rows++;
    }
  }
  sheet.commit();
  await workbook.commit();
  return rows;
}
