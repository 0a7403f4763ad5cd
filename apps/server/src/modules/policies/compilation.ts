// 政策汇编 a .docx collection of chosen policies in the reports' layout (modules/reports/docx.ts, GB/T
// 9704-2012): the masthead and title as its cover, a contents list, then one section per policy with its
// key facts in a table, its summary and its conditions in words. Policies the caller cannot read are left
// out as if they did not exist.
import {
  BENEFIT_KIND_LABELS,
  CONDITION_FIELD_LABELS,
  POLICY_LEVEL_LABELS,
  REDEMPTION_MODE_LABELS,
  fenToYuan,
  type BenefitKind,
  type PolicyLevel,
  type RedemptionMode,
} from '@qinqing/shared';
import { sql } from 'drizzle-orm';
import { policyReadScope } from '../../core/access/policy-scope.ts';
import type { AuditContext } from '../../core/audit/audit-log.ts';
import type { Actor } from '../../core/auth/sessions.ts';
import type { AppContext } from '../../core/context.ts';
import { invalidField } from '../../core/errors.ts';
import { renderReportDocx } from '../reports/docx.ts';
import type { ReportBlock } from '../reports/writing.ts';
import { listPolicies, type PolicyRow } from './repository.ts';
import { today } from './service.ts';

/** The most policies one compilation holds (the query schema's limit). */
const COMPILATION_MAX = 200;

const chineseDay = (day: string) =>
  `${Number(day.slice(0, 4))}年${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;

function sectionOf(row: PolicyRow, index: number): ReportBlock[] {
  const amount =
    row.amount_max_fen !== null
      ? `${fenToYuan(row.amount_min_fen ?? '0')}—${fenToYuan(row.amount_max_fen)}元`
      : '—';
  const conditions = row.conditions
    .map(
      (condition) => `${CONDITION_FIELD_LABELS[condition.field]}：${condition.values.map(String).join('、')}`,
    )
    .join('；');
  return [
    { kind: 'heading1', text: `${index + 1}. ${row.title}` },
    {
      kind: 'table',
      header: ['项目', '内容'],
      widths: [28, 72],
      rows: [
        ['文号', row.document_number ?? '—'],
        ['发文单位', row.issuer_name],
        ['层级', POLICY_LEVEL_LABELS[row.level as PolicyLevel]],
        ['惠企类型', BENEFIT_KIND_LABELS[row.benefit_kind as BenefitKind]],
        ['兑现方式', REDEMPTION_MODE_LABELS[row.redemption as RedemptionMode]],
        ['有效期', `${row.effective_on}至${row.expires_on ?? '长期'}`],
        [
          '申报时间',
          row.application_closes_on ? `${row.application_opens_on ?? ''}至${row.application_closes_on}` : '—',
        ],
        ['支持金额', amount],
        ['咨询方式', row.contact ?? '—'],
      ],
    },
    { kind: 'paragraph', lead: '政策要点：', text: row.summary },
    ...(conditions ? [{ kind: 'paragraph' as const, lead: '适用条件：', text: `${conditions}。` }] : []),
  ];
}

/** The compilation of the policies `ids` the caller reads, by level and newest first. */
export async function policyCompilation(
  ctx: AppContext,
  actor: Actor,
  ids: readonly string[],
  audit: AuditContext,
): Promise<{ buffer: Buffer; count: number }> {
  const chosen = sql`p.id = ANY (${sql.param([...ids])}::uuid[])`;
  const { rows } = await listPolicies(
    ctx.database.db,
    sql`${policyReadScope(actor)} AND ${chosen}`,
    sql`p.level, p.published_on DESC NULLS LAST, p.id`,
    { limit: COMPILATION_MAX, offset: 0 },
  );
  if (rows.length === 0) throw invalidField('ids', 'NOTHING_TO_COMPILE', '所选政策不存在或不在管理范围内');
  const { rows: units } = await ctx.database.db.execute<{ name: string }>(
    sql`SELECT name FROM org_units WHERE id = ${actor.orgUnitId}`,
  );
  const unit = units[0]?.name ?? '';
  const day = today(ctx);
  const blocks: ReportBlock[] = [
    { kind: 'heading1', text: '目录' },
    ...rows.map((row, index) => ({ kind: 'paragraph' as const, text: `${index + 1}. ${row.title}` })),
    ...rows.flatMap(sectionOf),
  ];
  const buffer = await renderReportDocx({
    masthead: {
      copyNumber: '000001',
      mark: `${unit}政策汇编`,
      issue: `${day.slice(0, 4)}年`,
      compiledBy: `${unit}编`,
    },
    title: '惠企政策汇编',
    subtitle: `共${rows.length}项政策`,
    blocks,
    issuer: unit,
    issuedOn: chineseDay(day),
  });
  await ctx.database.db.transaction((tx) =>
    ctx.audit.record(tx, audit, {
      action: 'policy.compiled',
      objectType: 'policy',
      detail: { count: rows.length, ids: rows.map((row) => row.id) },
    }),
  );
  return { buffer, count: rows.length };
}
