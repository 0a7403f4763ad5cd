// 会员企业台账 the member ledger: every member on the register during the period — its credit code, unit,
// industry, size, legal representative and contact, the day it joined, its status, and the day it left
// for those who withdrew — with how many joined and left in the period on the total line (members.joined
// and members.left of the measures registry). A chamber's ledger lists its member enterprises, with its
// active members (chambers.activeMembers, the count the dashboard and the chamber pages show) on the total line.
import {
  ENTERPRISE_SIZE_LABELS,
  maskMobile,
  MEMBERSHIP_STATUS_LABELS,
  MEMBERSHIP_TYPE_LABELS,
} from '@qinqing/shared';
import { safeCell } from '../../core/office/cells.ts';
import { industryName } from '../enterprises/presenter.ts';
import { labelOf } from './labels.ts';
import type { LedgerBuilder, LedgerColumn } from './layout.ts';
import { countMembers, isChamber, streamMembers, type MemberLedgerRow } from './repository.ts';

const COLUMNS: LedgerColumn[] = [
  { header: '企业名称', width: 30 },
  { header: '统一社会信用代码', width: 22, align: 'center' },
  { header: '所属单位', width: 16 },
  { header: '所属行业', width: 20 },
  { header: '企业规模', width: 6, align: 'center' },
  { header: '会员类型', width: 10, align: 'center' },
  { header: '法定代表人', width: 10, align: 'center' },
  { header: '联系人', width: 10, align: 'center' },
  { header: '联系电话', width: 14, align: 'center' },
  { header: '入会日期', width: 12, align: 'center' },
  { header: '状态', width: 8, align: 'center' },
  { header: '退会日期', width: 12, align: 'center' },
];

function cellsOf(row: MemberLedgerRow, unmasked: boolean) {
  const withdrawn = row.membership_status === 'withdrawn';
  return [
    safeCell(row.name),
    row.uscc,
    safeCell(row.org_unit_name),
    industryName(row.industry_code) ?? row.industry_code ?? '',
    labelOf(ENTERPRISE_SIZE_LABELS, row.size),
    labelOf(MEMBERSHIP_TYPE_LABELS, row.membership_type),
    safeCell(row.legal_representative),
    safeCell(row.contact_name),
    row.contact_mobile ? (unmasked ? row.contact_mobile : maskMobile(row.contact_mobile)) : '',
    row.joined_on ?? '',
    labelOf(MEMBERSHIP_STATUS_LABELS, row.membership_status),
    withdrawn ? (row.membership_status_on ?? '') : '',
  ];
}

export const membersLedger: LedgerBuilder = {
  title: '会员企业台账',
  fileStem: 'members-ledger',
  columns: COLUMNS,
  count: countMembers,
  async write(db, scope, sheet, measures) {
    const unmasked = scope.actor.permissions.has('contacts.unmask');
    for await (const row of streamMembers(db, scope)) {
      if (sheet.closed) break;
      await sheet.addRow(cellsOf(row, unmasked));
    }
    if (isChamber(scope.unit)) {
      const active = await measures.number('chambers.activeMembers');
      return `合计：会员企业 ${sheet.rows} 家，其中在册会员 ${active} 家。`;
    }
    const joined = await measures.number('members.joined');
    const left = await measures.number('members.left');
    return `合计：会员企业 ${sheet.rows} 家，其中本期入会 ${joined} 家，本期退会 ${left} 家。`;
  },
};
