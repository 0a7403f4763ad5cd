// 代表人士 people, 商会 chamber profiles, leadership and memberships, 党组织 party organizations, jobs.
import { searchKeyColumns } from './search-columns.ts';
import {
  date,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { customType } from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

export const people = pgTable('people', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  name: text('name').notNull(),
  gender: text('gender').$type<'male' | 'female'>(),
  birthYear: integer('birth_year'),
  politicalAffiliation: text('political_affiliation').notNull().default('none'),
  npcLevel: text('npc_level'),
  cppccLevel: text('cppcc_level'),
  mobile: text('mobile'),
  email: text('email'),
  ...searchKeyColumns(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const personPositions = pgTable('person_positions', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  position: text('position').notNull(),
});

export const personFederationRoles = pgTable('person_federation_roles', {
  id: uuid('id').primaryKey().defaultRandom(),
  personId: uuid('person_id').notNull(),
  orgUnitId: uuid('org_unit_id').notNull(),
  role: text('role').notNull(),
  termStart: date('term_start'),
  termEnd: date('term_end'),
});

export const chamberProfiles = pgTable('chamber_profiles', {
  orgUnitId: uuid('org_unit_id').primaryKey(),
  chamberType: text('chamber_type').$type<'street' | 'industry' | 'out_of_town' | 'association'>().notNull(),
  foundedOn: date('founded_on'),
  registrationNo: text('registration_no'),
  registeredOn: date('registered_on'),
  address: text('address'),
  version: integer('version').notNull().default(1),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const chamberLeaders = pgTable('chamber_leaders', {
  id: uuid('id').primaryKey().defaultRandom(),
  chamberId: uuid('chamber_id').notNull(),
  personId: uuid('person_id').notNull(),
  role: text('role').notNull(),
  termStart: date('term_start'),
  termEnd: date('term_end'),
  /** Why the term ended early or at all (换届, 辞职…), set when it is ended (migration 0030). */
  endReason: text('end_reason'),
});

/** A membership that ended, with the day and the reason; the live row left chamber_memberships. */
export const chamberMembershipEnds = pgTable('chamber_membership_ends', {
  id: uuid('id').primaryKey().defaultRandom(),
  chamberId: uuid('chamber_id').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  role: text('role').notNull(),
  joinedOn: date('joined_on'),
  leftOn: date('left_on').notNull(),
  reason: text('reason').notNull(),
  endedBy: uuid('ended_by'),
  endedAt: timestamp('ended_at', { withTimezone: true }).notNull().defaultNow(),
});

export const chamberMemberships = pgTable(
  'chamber_memberships',
  {
    chamberId: uuid('chamber_id').notNull(),
    enterpriseId: uuid('enterprise_id').notNull(),
    role: text('role').notNull().default('member'),
    joinedOn: date('joined_on'),
  },
  (table) => [primaryKey({ columns: [table.chamberId, table.enterpriseId] })],
);

export const partyOrganizations = pgTable('party_organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  enterpriseId: uuid('enterprise_id'),
  chamberId: uuid('chamber_id'),
  name: text('name').notNull(),
  form: text('form').notNull(),
  secretaryName: text('secretary_name'),
  memberCount: integer('member_count').notNull().default(0),
  foundedOn: date('founded_on'),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const jobs = pgTable('jobs', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: text('kind').notNull(),
  status: text('status').$type<'queued' | 'running' | 'succeeded' | 'failed'>().notNull(),
  progress: numeric('progress', { precision: 5, scale: 4, mode: 'number' }).notNull().default(0),
  counts: jsonb('counts').$type<Record<string, number>>().notNull().default({}),
  params: jsonb('params').$type<Record<string, unknown>>().notNull().default({}),
  result: jsonb('result').$type<Record<string, unknown>>().notNull().default({}),
  error: jsonb('error').$type<Record<string, unknown> | null>(),
  report: bytea('report'),
  createdBy: uuid('created_by').notNull(),
  orgUnitId: uuid('org_unit_id').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  startedAt: timestamp('started_at', { withTimezone: true }),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  /** The node holding the job and until when (migration 0041); see modules/jobs/runner.ts. */
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  attempts: integer('attempts').notNull().default(0),
  actor: jsonb('actor').$type<Record<string, unknown> | null>(),
  audit: jsonb('audit').$type<Record<string, unknown> | null>(),
});
