// 签到表与结业证书 the attendance sheet of an event (.xlsx in the ledgers' layout: every registration with
// its enterprise, post and the sessions it checked in to, the 人次 on the total line) and the completion
// certificate of a training class (.docx, one A4 page) for a registration checked in to every session.
import { PassThrough } from 'node:stream';
import type * as Docx from 'docx';
import { REGISTRATION_STATUS_LABELS, builtInKindLabel, maskMobile } from '@qinqing/shared';
import { sql } from 'drizzle-orm';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import type { AppContext } from '../../core/context.ts';
import { safeCell } from '../../core/office/cells.ts';
import { AppError, notFound } from '../../core/errors.ts';
import { openLedgerSheet, shanghaiMinute, type LedgerColumn } from '../ledgers/layout.ts';
import { attendanceSheetRows, findEvent, findRegistration, sessionsOf } from './repository.ts';

async function collect(write: (out: PassThrough) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await write(out);
  await ended;
  return Buffer.concat(chunks);
}

export async function attendanceSheet(
  ctx: AppContext,
  actor: Actor,
  eventId: string,
  audit: AuditContext,
): Promise<{ buffer: Buffer; title: string }> {
  const db = ctx.database.db;
  const event = await findEvent(db, actor, eventId);
  // The whole list is for those who run the event and federation readers of its subtree.
  if (
    !event ||
    !(event.manages || actor.roles.some((r) => r === 'federation_staff' || r === 'federation_leader'))
  )
    throw notFound();
  const sessions = await sessionsOf(db, eventId);
  const rows = await attendanceSheetRows(db, eventId);
  const unmasked = actor.permissions.has('contacts.unmask');
  const columns: LedgerColumn[] = [
    { header: '姓名', width: 12 },
    { header: '单位', width: 28 },
    { header: '职务', width: 12 },
    { header: '手机号码', width: 14, align: 'center' },
    { header: '报名状态', width: 10, align: 'center' },
    ...sessions.map((s) => ({ header: `第${s.seq}场签到`, width: 16, align: 'center' as const })),
  ];
  const buffer = await collect(async (out) => {
    const sheet = await openLedgerSheet(out, '签到表', columns, {
      title: `${event.title}签到表`,
      unitName: event.organizer_name,
      from: shanghaiDay(new Date(event.starts_at)),
      to: shanghaiDay(new Date(event.ends_at)),
      generatedAt: ctx.clock.now(),
    });
    for (const row of rows) {
      const at = new Map(row.checked_in.map((c) => [c.seq, c.at]));
      await sheet.addRow([
        safeCell(row.person_name),
        safeCell(row.enterprise_name ?? ''),
        safeCell(row.post ?? ''),
        row.mobile ? (unmasked ? row.mobile : maskMobile(row.mobile)) : '',
        row.walk_in ? '现场签到' : REGISTRATION_STATUS_LABELS[row.status],
        ...sessions.map((s) =>
          at.has(s.seq) ? `✓ ${shanghaiMinute(new Date(at.get(s.seq)!)).slice(11)}` : '',
        ),
      ]);
    }
    await sheet.finish(
      `合计：报名 ${event.registered} 人（候补 ${event.waitlisted} 人），签到 ${event.person_times} 人次、${event.persons} 人，覆盖企业 ${event.enterprises} 家。`,
    );
  });
  await ctx.database.db.transaction((tx) =>
    ctx.audit.record(tx, audit, {
      action: 'event.attendance_sheet_exported',
      objectType: 'event',
      objectId: eventId,
      detail: { title: event.title, rows: rows.length },
    }),
  );
  return { buffer, title: event.title };
}

let loading: Promise<typeof Docx> | undefined;
const loadDocx = () => (loading ??= import('docx'));
const FONT = '仿宋_GB2312';
const TITLE_FONT = '方正小标宋简体';
const INDENT = '\u3000\u3000';

function chineseDate(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

export async function completionCertificate(
  ctx: AppContext,
  actor: Actor,
  registrationId: string,
  audit: AuditContext,
): Promise<{ buffer: Buffer; personName: string }> {
  const db = ctx.database.db;
  const registration = await findRegistration(db, registrationId);
  if (!registration) throw notFound();
  const event = await findEvent(db, actor, registration.event_id);
  const own = actor.enterpriseId !== null && registration.enterprise_id === actor.enterpriseId;
  if (!event || !(event.manages || own)) throw notFound();
  const sessions = await sessionsOf(db, event.id);
  if (event.kind !== 'training')
    throw new AppError('CONFLICT', [
      { path: 'registrationId', code: 'NOT_A_TRAINING', message: '只有培训班颁发结业证书' },
    ]);
  if (registration.checked_in_session_ids.length < sessions.length)
    throw new AppError('CONFLICT', [
      {
        path: 'registrationId',
        code: 'NOT_COMPLETED',
        message: `${registration.person_name} 签到 ${registration.checked_in_session_ids.length} 场，共 ${sessions.length} 场，未完成全部课程`,
      },
    ]);
  const { rows } = await db.execute<{ name: string }>(
    sql`SELECT u.name FROM org_units u JOIN org_units d ON d.path LIKE u.path || '%'
        WHERE d.id = ${event.org_unit_id} AND u.kind IN ('province', 'city', 'district', 'street', 'chamber', 'association')
        ORDER BY length(u.path) DESC LIMIT 1`,
  );
  const issuer = rows[0]?.name ?? event.organizer_name;
  const d = await loadDocx();
  const text = (value: string, size = 16, font = FONT) =>
    new d.TextRun({ text: value, font, size: size * 2 });
  const paragraph = (children: Docx.ParagraphChild[], align?: 'center' | 'right', after = 6) =>
    new d.Paragraph({
      children,
      alignment:
        align === 'center' ? d.AlignmentType.CENTER : align === 'right' ? d.AlignmentType.RIGHT : undefined,
      spacing: { after: after * 20, line: 28 * 20, lineRule: d.LineRuleType.EXACT },
    });
  const number = `JY${shanghaiDay(new Date(event.starts_at)).slice(0, 4)}-${registration.id.slice(0, 8).toUpperCase()}`;
  const from = chineseDate(shanghaiDay(new Date(event.starts_at)));
  const to = chineseDate(shanghaiDay(new Date(event.ends_at)));
  const document = new d.Document({
    creator: issuer,
    title: `结业证书 ${number}`,
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 },
          },
        },
        children: [
          paragraph([text('结 业 证 书', 26, TITLE_FONT)], 'center', 18),
          paragraph([text(`编号：${number}`, 12)], 'right', 12),
          paragraph([
            text(
              `${INDENT}${registration.person_name}${registration.enterprise_name ? `（${registration.enterprise_name}）` : ''}` +
                `于${from === to ? from : `${from}至${to}`}参加${issuer}举办的“${event.title}”` +
                `（${event.kind_label ?? builtInKindLabel(event.kind) ?? event.kind}，共${sessions.length}场），完成全部课程，准予结业。`,
            ),
          ]),
          paragraph([text(`${INDENT}特发此证。`)], undefined, 36),
          paragraph([text(issuer)], 'right'),
          paragraph([text(chineseDate(shanghaiDay(ctx.clock.now())))], 'right'),
        ],
      },
    ],
  });
  const buffer = await d.Packer.toBuffer(document);
  await db.transaction((tx) =>
    ctx.audit.record(tx, audit, {
      action: 'event.certificate_downloaded',
      objectType: 'event_registration',
      objectId: registration.id,
      detail: { title: event.title, personName: registration.person_name },
    }),
  );
  return { buffer, personName: registration.person_name };
}
