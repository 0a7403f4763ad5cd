// 社会责任 · 捐赠 donations: campaigns and long-running programs (捐赠活动、公益项目), the donations ledger
// (捐款捐物: cash, goods with items and valuation, services, rent reductions; through a foundation, a charity
// or directly; 定向 directed or not), its states pledged → received → acknowledged (or voided), the figures
// by campaign, kind, channel, chamber, org unit and month, and a party organization's participation.
// Amounts travel as yuan decimal strings; the server keeps fen (money.ts).
import { z } from 'zod';
import { YUAN_PATTERN, yuanToFen } from '../money.ts';
import { line, optionalLine } from '../text.ts';
import { pageQuery } from './common.ts';
import { isoDate } from './registry.ts';

export const CAMPAIGN_KINDS = ['campaign', 'program'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];
export const CAMPAIGN_KIND_LABELS: Record<CampaignKind, string> = {
  campaign: '捐赠活动',
  program: '公益项目',
};

export const DONATION_KINDS = ['cash', 'goods', 'services', 'rent_reduction'] as const;
export type DonationKind = (typeof DONATION_KINDS)[number];
export const DONATION_KIND_LABELS: Record<DonationKind, string> = {
  cash: '捐款',
  goods: '捐物',
  services: '捐服务',
  rent_reduction: '减免租金',
};

export const DONATION_CHANNELS = ['foundation', 'charity', 'direct'] as const;
export type DonationChannel = (typeof DONATION_CHANNELS)[number];
export const DONATION_CHANNEL_LABELS: Record<DonationChannel, string> = {
  foundation: '基金会',
  charity: '慈善组织',
  direct: '直接捐赠',
};

/** pledged 已登记（待确认） → received 已确认到账 → acknowledged 已出具捐赠证明; voided 已作废. */
export const DONATION_STATES = ['pledged', 'received', 'acknowledged', 'voided'] as const;
export type DonationState = (typeof DONATION_STATES)[number];
export const DONATION_STATE_LABELS: Record<DonationState, string> = {
  pledged: '待确认',
  received: '已确认',
  acknowledged: '已出具证明',
  voided: '已作废',
};
/** The states every figure counts: confirmed by staff (到账), acknowledged or not. */
export const DONATION_COUNTED_STATES: readonly DonationState[] = ['received', 'acknowledged'];

export const DONATION_ACTIONS = ['confirm', 'acknowledge', 'void'] as const;
export type DonationAction = (typeof DONATION_ACTIONS)[number];
export const DONATION_ACTION_LABELS: Record<DonationAction, string> = {
  confirm: '确认到账',
  acknowledge: '出具捐赠证明',
  void: '作废',
};
/** The state machine, whole: the states each action may start from. */
export const DONATION_TRANSITIONS: Readonly<Record<DonationAction, readonly DonationState[]>> = {
  confirm: ['pledged'],
  acknowledge: ['received'],
  void: ['pledged', 'received'],
};
export function donationActionsFrom(state: DonationState): DonationAction[] {
  return DONATION_ACTIONS.filter((action) => DONATION_TRANSITIONS[action].includes(state));
}

export const DONOR_KINDS = ['enterprise', 'person', 'chamber', 'party_organization'] as const;
export type DonorKind = (typeof DONOR_KINDS)[number];
export const DONOR_KIND_LABELS: Record<DonorKind, string> = {
  enterprise: '企业',
  person: '个人',
  chamber: '商会',
  party_organization: '党组织',
};

export const DONATION_GROUPINGS = ['campaign', 'kind', 'channel', 'chamber', 'orgUnit', 'month'] as const;
export type DonationGrouping = (typeof DONATION_GROUPINGS)[number];

/** A yuan amount as a decimal string: positive, at most two decimals. */
export const yuanAmount = z
  .string({ message: '金额应为数字字符串，如 "1000.00"' })
  .trim()
  .regex(YUAN_PATTERN, '金额应为正数，最多两位小数（单位：元）')
  // Only a well-formed amount is converted (zod runs refinements after a failed pattern too).
  .refine((value) => !YUAN_PATTERN.test(value) || yuanToFen(value) > 0n, '金额应大于 0');

export const donationItem = z.strictObject({
  name: line(100),
  quantity: z.number({ message: '数量应为数字' }).positive('数量应大于 0').max(1e9),
  unit: optionalLine(10).optional(),
  /** The item's valuation (折价) in yuan. */
  value: yuanAmount.optional(),
});
export type DonationItem = z.infer<typeof donationItem>;

const campaignBody = {
  name: line(100),
  kind: z.enum(CAMPAIGN_KINDS, { message: '类型应为 campaign（捐赠活动）或 program（公益项目）' }).optional(),
  description: optionalLine(2000).nullable().optional(),
  startsOn: isoDate,
  endsOn: isoDate.nullable().optional(),
  /** The organiser: a federation unit or a chamber of the caller's subtree; the caller's unit by default. */
  organizerId: z.string().uuid({ message: '组织单位编号格式不正确' }).optional(),
  target: yuanAmount.nullable().optional(),
  beneficiaryHouseholds: z.number().int().min(0).max(10_000_000).nullable().optional(),
  beneficiaryPersons: z.number().int().min(0).max(100_000_000).nullable().optional(),
  beneficiaryStudents: z.number().int().min(0).max(10_000_000).nullable().optional(),
};
export const createCampaignRequest = z.strictObject(campaignBody);
export type CreateCampaignRequest = z.infer<typeof createCampaignRequest>;

export const campaignListQuery = z.strictObject({
  kind: z.enum(CAMPAIGN_KINDS).optional(),
  q: optionalLine(100).optional(),
  ...pageQuery,
});
export type CampaignListQuery = z.infer<typeof campaignListQuery>;

/** Sums of a set of donations: amounts in yuan strings. */
export const donationTotals = z.object({
  count: z.number().int(),
  amount: z.string(),
});
export type DonationTotals = z.infer<typeof donationTotals>;

export const campaignSummary = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(CAMPAIGN_KINDS),
  description: z.string().nullable(),
  organizer: z.object({ id: z.string().uuid(), name: z.string() }),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
  target: z.string().nullable(),
  beneficiaryHouseholds: z.number().int().nullable(),
  beneficiaryPersons: z.number().int().nullable(),
  beneficiaryStudents: z.number().int().nullable(),
  /** Confirmed donations (received or acknowledged) the caller can see. */
  confirmed: donationTotals,
  version: z.number().int(),
});
export type CampaignSummary = z.infer<typeof campaignSummary>;

export const campaignView = campaignSummary.extend({
  totals: z.object({
    /** Every donation not voided: pledged ones too. */
    all: donationTotals,
    confirmed: donationTotals,
    directed: donationTotals,
    /** directed ÷ confirmed amount, 0–1 to four places; null when nothing is confirmed. */
    directedShare: z.number().nullable(),
    /** Distinct donors of confirmed donations ("1,500 members"). */
    donors: z.number().int(),
    byKind: z.array(donationTotals.extend({ kind: z.enum(DONATION_KINDS) })),
    /** A program's totals year by year (confirmed). */
    byYear: z.array(donationTotals.extend({ year: z.number().int() })),
  }),
});
export type CampaignView = z.infer<typeof campaignView>;
export const campaignEnvelope = z.object({ campaign: campaignView });
export const campaignPage = z.object({
  items: z.array(campaignSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

const uuid = (message: string) => z.string().uuid({ message });

export const createDonationRequest = z.strictObject({
  campaignId: uuid('捐赠活动编号格式不正确').nullable().optional(),
  donorEnterpriseId: uuid('捐赠企业编号格式不正确').optional(),
  donorPersonId: uuid('捐赠人编号格式不正确').optional(),
  donorChamberId: uuid('捐赠商会编号格式不正确').optional(),
  donorPartyOrganizationId: uuid('捐赠党组织编号格式不正确').optional(),
  kind: z.enum(DONATION_KINDS, {
    message: '捐赠类型应为 cash、goods、services 或 rent_reduction 之一',
  }),
  /** Cash: the amount; goods, services, rent reduction: the valuation. Goods may leave it to the items. */
  amount: yuanAmount.optional(),
  items: z.array(donationItem).max(100, '物资明细最多 100 项').optional(),
  rentTenants: z.number().int().positive('租户数应大于 0').max(100_000).optional(),
  rentMonths: z.number().int().positive('减免月数应大于 0').max(120).optional(),
  donatedOn: isoDate,
  channel: z.enum(DONATION_CHANNELS, { message: '捐赠渠道应为 foundation、charity 或 direct 之一' }),
  channelName: optionalLine(100).nullable().optional(),
  recipient: optionalLine(100).nullable().optional(),
  directed: z.boolean().optional(),
  directedTo: optionalLine(100).nullable().optional(),
  receiptNumber: optionalLine(50).nullable().optional(),
  /** A party organization's donation: how many of its party members gave. */
  partyMemberCount: z.number().int().positive('捐款党员人数应大于 0').max(1_000_000).optional(),
  note: optionalLine(1000).nullable().optional(),
});
export type CreateDonationRequest = z.infer<typeof createDonationRequest>;

export const donationTransitionRequest = z.strictObject({
  action: z.enum(DONATION_ACTIONS, { message: '操作应为 confirm、acknowledge 或 void 之一' }),
  version: z.number().int(),
  /** Required to void. */
  reason: optionalLine(500).nullable().optional(),
});
export type DonationTransitionRequest = z.infer<typeof donationTransitionRequest>;

const booleanText = z.enum(['true', 'false'], { message: '应为 true 或 false' });

export const donationListQuery = z.strictObject({
  campaignId: z.string().uuid().optional(),
  /** An enterprise, person, chamber or party organization: that donor's giving history. */
  donorId: z.string().uuid().optional(),
  kind: z.enum(DONATION_KINDS).optional(),
  channel: z.enum(DONATION_CHANNELS).optional(),
  directed: booleanText.optional(),
  state: z.enum([...DONATION_STATES, 'confirmed'], { message: '状态取值不正确' }).optional(),
  /** Donations by donors of this unit's subtree. */
  orgUnitId: z.string().uuid().optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  q: optionalLine(100).optional(),
  ...pageQuery,
});
export type DonationListQuery = z.infer<typeof donationListQuery>;

export const donationSummary = z.object({
  id: z.string().uuid(),
  orgUnitId: z.string().uuid(),
  orgUnitName: z.string(),
  campaign: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
  donor: z.object({ kind: z.enum(DONOR_KINDS), id: z.string().uuid(), name: z.string() }),
  kind: z.enum(DONATION_KINDS),
  amount: z.string(),
  channel: z.enum(DONATION_CHANNELS),
  channelName: z.string().nullable(),
  recipient: z.string().nullable(),
  directed: z.boolean(),
  directedTo: z.string().nullable(),
  donatedOn: z.string(),
  receiptNumber: z.string().nullable(),
  state: z.enum(DONATION_STATES),
  version: z.number().int(),
});
export type DonationSummary = z.infer<typeof donationSummary>;

/** 捐赠凭证 one evidence file of a donation (a bank slip, a receipt, a photo of the goods). */
export const donationAttachmentView = z.object({
  id: z.string().uuid(),
  fileName: z.string(),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  uploadedAt: z.string(),
  uploadedByName: z.string().nullable(),
});
export type DonationAttachmentView = z.infer<typeof donationAttachmentView>;
export const donationAttachmentEnvelope = z.object({ attachment: donationAttachmentView });

export const donationView = donationSummary.extend({
  items: z.array(
    z.object({
      name: z.string(),
      quantity: z.number(),
      unit: z.string().nullable(),
      value: z.string().nullable(),
    }),
  ),
  rentTenants: z.number().int().nullable(),
  rentMonths: z.number().int().nullable(),
  partyMemberCount: z.number().int().nullable(),
  note: z.string().nullable(),
  voidReason: z.string().nullable(),
  recordedBy: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  createdAt: z.string(),
  /** The actions the caller may take now. */
  actions: z.array(z.enum(DONATION_ACTIONS)),
  /** Evidence files, oldest first. */
  attachments: z.array(donationAttachmentView),
  /** Whether the caller may add evidence now (who may record it, while it is not voided). */
  mayAttach: z.boolean(),
});
export type DonationView = z.infer<typeof donationView>;
export const donationEnvelope = z.object({ donation: donationView });
export const donationPage = z.object({
  items: z.array(donationSummary),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** The confirmed amount of every donation the filter matches (not only this page). */
  confirmed: donationTotals,
});
export type DonationPage = z.infer<typeof donationPage>;

export const donationStatsQuery = z.strictObject({
  groupBy: z.enum(DONATION_GROUPINGS, {
    message: '分组方式应为 campaign、kind、channel、chamber、orgUnit 或 month 之一',
  }),
  orgUnitId: z.string().uuid().optional(),
  campaignId: z.string().uuid().optional(),
  /** Default: 1 January of the current year (Asia/Shanghai). */
  from: isoDate.optional(),
  /** Default: 31 December of the current year. */
  to: isoDate.optional(),
});
export type DonationStatsQuery = z.infer<typeof donationStatsQuery>;

export const donationStats = z.object({
  groupBy: z.enum(DONATION_GROUPINGS),
  orgUnit: z.object({ id: z.string().uuid(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  /** Confirmed donations of the period in scope. By chamber, one donation may count under two chambers. */
  total: donationTotals.extend({ directed: z.string() }),
  items: z.array(
    donationTotals.extend({
      key: z.string(),
      label: z.string(),
      directed: z.string(),
      /** The donations list behind the group. */
      link: z.string(),
    }),
  ),
});
export type DonationStats = z.infer<typeof donationStats>;

export const participationQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
});
export type ParticipationQuery = z.infer<typeof participationQuery>;

/** "82.5% 的党组织、66.29% 的党员捐款157万余元". */
export const donationParticipation = z.object({
  partyOrganization: z.object({ id: z.string().uuid(), name: z.string() }),
  from: z.string(),
  to: z.string(),
  /** The organizations it covers: itself, and for a chamber's organization those of its members. */
  organizations: z.number().int(),
  organizationsGave: z.number().int(),
  organizationShare: z.number().nullable(),
  partyMembers: z.number().int(),
  partyMembersGave: z.number().int(),
  partyMemberShare: z.number().nullable(),
  amount: z.string(),
});
export type DonationParticipation = z.infer<typeof donationParticipation>;
