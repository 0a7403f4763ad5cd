// 捐赠 donation campaigns and programs, and the donations ledger (migration 0038) with its evidence (0052).
// Money is fen (bigint).
import {
  bigint,
  boolean,
  customType,
  date,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import type {
  CampaignKind,
  DonationChannel,
  DonationItem,
  DonationKind,
  DonationState,
} from '@qinqing/shared';

export const donationCampaigns = pgTable('donation_campaigns', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<CampaignKind>().notNull(),
  description: text('description'),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on'),
  targetFen: bigint('target_fen', { mode: 'bigint' }),
  beneficiaryHouseholds: integer('beneficiary_households'),
  beneficiaryPersons: integer('beneficiary_persons'),
  beneficiaryStudents: integer('beneficiary_students'),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const donations = pgTable('donations', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  campaignId: uuid('campaign_id'),
  donorEnterpriseId: uuid('donor_enterprise_id'),
  donorPersonId: uuid('donor_person_id'),
  donorChamberId: uuid('donor_chamber_id'),
  donorPartyOrganizationId: uuid('donor_party_organization_id'),
  donorName: text('donor_name').notNull(),
  kind: text('kind').$type<DonationKind>().notNull(),
  amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
  items: jsonb('items').$type<DonationItem[]>().notNull().default([]),
  rentTenants: integer('rent_tenants'),
  rentMonths: integer('rent_months'),
  channel: text('channel').$type<DonationChannel>().notNull(),
  channelName: text('channel_name'),
  recipient: text('recipient'),
  directed: boolean('directed').notNull().default(false),
  directedTo: text('directed_to'),
  donatedOn: date('donated_on').notNull(),
  receiptNumber: text('receipt_number'),
  partyMemberCount: integer('party_member_count'),
  note: text('note'),
  state: text('state').$type<DonationState>().notNull().default('pledged'),
  voidReason: text('void_reason'),
  recordedBy: uuid('recorded_by'),
  confirmedBy: uuid('confirmed_by'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  voidedAt: timestamp('voided_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/** 捐赠凭证 a donation's evidence (migration 0052): the file itself, typed by its content. */
export const donationAttachments = pgTable('donation_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  donationId: uuid('donation_id').notNull(),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
});
