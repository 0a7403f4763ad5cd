// 捐赠台账 the donations sheet of the year-end social-responsibility ledger: every confirmed donation of the
// period by donors of the unit's subtree — day, donor, campaign, kind with the goods, amount or valuation,
// channel, recipient, direction, receipt — with the total, the directed amount and the count on the total
// line, read from the measures registry (donations.amount, donations.directed, donations.count).
import {
  DONATION_CHANNEL_LABELS,
  DONATION_KIND_LABELS,
  DONATION_STATE_LABELS,
  DONOR_KIND_LABELS,
  fenToYuan,
  groupedYuan,
  type DonationChannel,
  type DonationKind,
  type DonationState,
} from '@qinqing/shared';
import { safeCell } from '../../core/office/cells.ts';
import type { LedgerColumn } from '../ledgers/layout.ts';
import type { SocialResponsibilitySheet } from '../ledgers/social-responsibility-sheet.ts';
import { streamLedgerDonations, type DonationLedgerRow } from './repository.ts';

const COLUMNS: LedgerColumn[] = [
  { header: '捐赠日期', width: 12, align: 'center' },
  { header: '捐赠方', width: 26 },
  { header: '捐赠方类型', width: 10, align: 'center' },
  { header: '所属单位', width: 16 },
  { header: '捐赠活动/项目', width: 20 },
  { header: '捐赠类型', width: 10, align: 'center' },
  { header: '物资明细', width: 24 },
  { header: '金额/折价（元）', width: 16, align: 'right' },
  { header: '捐赠渠道', width: 18 },
  { header: '受赠方', width: 18 },
  { header: '定向地区/对象', width: 18 },
  { header: '票据号', width: 14 },
  { header: '状态', width: 10, align: 'center' },
];

function itemsText(row: DonationLedgerRow): string {
  if (row.kind === 'rent_reduction' && row.rent_tenants && row.rent_months)
    return `减免${row.rent_tenants}户、${row.rent_months}个月`;
  return row.items
    .map((item) => `${item.name}${item.quantity}${item.unit ?? ''}${item.value ? `（${item.value}元）` : ''}`)
    .join('、');
}

function cellsOf(row: DonationLedgerRow) {
  const channel = DONATION_CHANNEL_LABELS[row.channel as DonationChannel];
  return [
    row.donated_on,
    safeCell(row.donor_name),
    DONOR_KIND_LABELS[row.donor_kind],
    safeCell(row.org_unit_name),
    safeCell(row.campaign_name),
    DONATION_KIND_LABELS[row.kind as DonationKind],
    safeCell(itemsText(row)),
    // Text, not a number: the yuan of a bigint of fen, exactly as stored.
    groupedYuan(fenToYuan(row.amount_fen)),
    safeCell(row.channel_name ? `${channel}：${row.channel_name}` : channel),
    safeCell(row.recipient),
    safeCell(row.directed ? (row.directed_to ?? '是') : ''),
    safeCell(row.receipt_number),
    DONATION_STATE_LABELS[row.state as DonationState],
  ];
}

export const donationsLedgerSheet: SocialResponsibilitySheet = {
  sheetName: '捐赠台账',
  title: '捐赠台账',
  columns: COLUMNS,
  async write(db, scope, sheet, measures) {
    for await (const row of streamLedgerDonations(db, { orgPath: scope.unit.path }, scope)) {
      if (sheet.closed) break;
      await sheet.addRow(cellsOf(row));
    }
    const amount = (await measures.number('donations.amount')) ?? 0;
    const directed = (await measures.number('donations.directed')) ?? 0;
    const count = (await measures.number('donations.count')) ?? 0;
    if (count === 0) return '本期间无已确认的捐赠。';
    return `合计：已确认捐赠 ${count} 笔，金额（含物资折价）${groupedYuan(fenToYuan(amount))} 元，其中定向捐赠 ${groupedYuan(fenToYuan(directed))} 元。`;
  },
};
