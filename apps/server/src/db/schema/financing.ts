// 融资对接 financing (migration 0044): bank products, programs and their entries, financing needs, each bank's
// answer and the needs' timeline. Money is fen (bigint); rates are numeric percent, read as strings.
import { bigint, boolean, date, integer, numeric, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { BankAnswerState, NeedState, ProductKind, ProgramOutcome, Urgency } from '@qinqing/shared';

export const bankProducts = pgTable('bank_products', {
  id: uuid('id').primaryKey().defaultRandom(),
  bankId: uuid('bank_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').$type<ProductKind>().notNull(),
  rateMin: numeric('rate_min').notNull(),
  rateMax: numeric('rate_max').notNull(),
  termMinMonths: integer('term_min_months').notNull(),
  termMaxMonths: integer('term_max_months').notNull(),
  amountMinFen: bigint('amount_min_fen', { mode: 'bigint' }).notNull(),
  amountMaxFen: bigint('amount_max_fen', { mode: 'bigint' }).notNull(),
  eligibility: text('eligibility'),
  active: boolean('active').notNull().default(true),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const financingPrograms = pgTable('financing_programs', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  name: text('name').notNull(),
  conditions: text('conditions'),
  startsOn: date('starts_on').notNull(),
  endsOn: date('ends_on'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const financingProgramEntries = pgTable('financing_program_entries', {
  programId: uuid('program_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  outcome: text('outcome').$type<ProgramOutcome>().notNull().default('recommended'),
  amountFen: bigint('amount_fen', { mode: 'bigint' }),
  note: text('note'),
  recommendedBy: uuid('recommended_by'),
  recommendedAt: timestamp('recommended_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const financingNeeds = pgTable('financing_needs', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  amountFen: bigint('amount_fen', { mode: 'bigint' }).notNull(),
  termMonths: integer('term_months').notNull(),
  purpose: text('purpose').notNull(),
  collateral: text('collateral'),
  urgency: text('urgency').$type<Urgency>().notNull().default('normal'),
  preferredBankId: uuid('preferred_bank_id'),
  preferredProductId: uuid('preferred_product_id'),
  programId: uuid('program_id'),
  appealId: uuid('appeal_id'),
  consent: boolean('consent').notNull(),
  consentChangedAt: timestamp('consent_changed_at', { withTimezone: true }).notNull().defaultNow(),
  vouchedChamberId: uuid('vouched_chamber_id'),
  vouchNote: text('vouch_note'),
  vouchedBy: uuid('vouched_by'),
  vouchedAt: timestamp('vouched_at', { withTimezone: true }),
  state: text('state').$type<NeedState>().notNull().default('submitted'),
  vettedAt: timestamp('vetted_at', { withTimezone: true }),
  firstSentAt: timestamp('first_sent_at', { withTimezone: true }),
  grantedBankId: uuid('granted_bank_id'),
  grantedAmountFen: bigint('granted_amount_fen', { mode: 'bigint' }),
  grantedRate: numeric('granted_rate'),
  grantedOn: date('granted_on'),
  withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
  withdrawReason: text('withdraw_reason'),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const financingNeedBanks = pgTable('financing_need_banks', {
  needId: uuid('need_id').notNull(),
  bankId: uuid('bank_id').notNull(),
  state: text('state').$type<BankAnswerState>().notNull().default('sent'),
  sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
  sentBy: uuid('sent_by'),
  answeredAt: timestamp('answered_at', { withTimezone: true }),
  documentsNote: text('documents_note'),
  approvedAmountFen: bigint('approved_amount_fen', { mode: 'bigint' }),
  approvedRate: numeric('approved_rate'),
  approvedTermMonths: integer('approved_term_months'),
  approvedAt: timestamp('approved_at', { withTimezone: true }),
  declineReason: text('decline_reason'),
  declinedAt: timestamp('declined_at', { withTimezone: true }),
  grantedAmountFen: bigint('granted_amount_fen', { mode: 'bigint' }),
  grantedOn: date('granted_on'),
  remindedAt: timestamp('reminded_at', { withTimezone: true }),
  consent: boolean('consent').notNull().default(true),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const financingNeedEvents = pgTable('financing_need_events', {
  id: uuid('id').primaryKey().defaultRandom(),
  needId: uuid('need_id').notNull(),
  bankId: uuid('bank_id'),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name').notNull(),
  action: text('action').notNull(),
  note: text('note'),
});
