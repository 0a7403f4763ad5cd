// How campaigns and donations are shown: amounts as yuan strings, the donor by kind, the actions the
// caller may take now, the evidence files.
import {
  fenToYuan,
  type CampaignSummary,
  type CampaignView,
  type DonationAction,
  type DonationKind,
  type DonationSummary,
  type DonationView,
  type DonorKind,
} from '@qinqing/shared';
import { rate } from '../../core/measures/registry.ts';
import type {
  CampaignRow,
  CampaignTotalsRow,
  DonationAttachmentRow,
  DonationRow,
  TotalsRow,
} from './repository.ts';

const totals = (row: TotalsRow) => ({ count: row.count, amount: fenToYuan(row.fen) });

export function presentCampaignSummary(row: CampaignRow): CampaignSummary {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    description: row.description,
    organizer: { id: row.orgUnitId, name: row.organizerName },
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    target: row.targetFen === null ? null : fenToYuan(row.targetFen),
    beneficiaryHouseholds: row.beneficiaryHouseholds,
    beneficiaryPersons: row.beneficiaryPersons,
    beneficiaryStudents: row.beneficiaryStudents,
    confirmed: { count: row.confirmedCount, amount: fenToYuan(row.confirmedFen) },
    version: row.version,
  };
}

export function presentCampaign(row: CampaignRow, sums: CampaignTotalsRow): CampaignView {
  return {
    ...presentCampaignSummary(row),
    totals: {
      all: totals(sums.all),
      confirmed: totals(sums.confirmed),
      directed: totals(sums.directed),
      directedShare: shareOf(sums.directed.fen, sums.confirmed.fen),
      donors: sums.donors,
      byKind: sums.byKind.map((k) => ({ kind: k.kind as DonationKind, ...totals(k) })),
      byYear: sums.byYear.map((y) => ({ year: y.year, ...totals(y) })),
    },
  };
}

/** part ÷ whole of two fen sums, to four places (the platform's rates): exact integers in, one division. */
export function shareOf(partFen: string, wholeFen: string): number | null {
  return rate(Number(partFen), Number(wholeFen));
}

function donorOf(row: DonationRow): { kind: DonorKind; id: string; name: string } {
  const [kind, id] = row.donorEnterpriseId
    ? (['enterprise', row.donorEnterpriseId] as const)
    : row.donorPersonId
      ? (['person', row.donorPersonId] as const)
      : row.donorChamberId
        ? (['chamber', row.donorChamberId] as const)
        : (['party_organization', row.donorPartyOrganizationId!] as const);
  return { kind, id, name: row.donorName };
}

export function presentDonationSummary(row: DonationRow): DonationSummary {
  return {
    id: row.id,
    orgUnitId: row.orgUnitId,
    orgUnitName: row.orgUnitName,
    campaign: row.campaignId ? { id: row.campaignId, name: row.campaignName ?? '' } : null,
    donor: donorOf(row),
    kind: row.kind,
    amount: fenToYuan(row.amountFen),
    channel: row.channel,
    channelName: row.channelName,
    recipient: row.recipient,
    directed: row.directed,
    directedTo: row.directedTo,
    donatedOn: row.donatedOn,
    receiptNumber: row.receiptNumber,
    state: row.state,
    version: row.version,
  };
}

export function presentDonation(
  row: DonationRow,
  actions: DonationAction[],
  attachments: DonationAttachmentRow[],
  mayAttach: boolean,
): DonationView {
  return {
    ...presentDonationSummary(row),
    items: row.items.map((item) => ({
      name: item.name,
      quantity: item.quantity,
      unit: item.unit || null,
      value: item.value ?? null,
    })),
    rentTenants: row.rentTenants,
    rentMonths: row.rentMonths,
    partyMemberCount: row.partyMemberCount,
    note: row.note,
    voidReason: row.voidReason,
    recordedBy: row.recordedByName,
    confirmedBy: row.confirmedByName,
    confirmedAt: row.confirmedAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    actions,
    attachments: attachments.map((attachment) => ({
      ...attachment,
      uploadedAt: attachment.uploadedAt.toISOString(),
    })),
    mayAttach,
  };
}
