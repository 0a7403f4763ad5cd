// 志愿服务 volunteers, teams, activities and blood drives; 小巷管家 street segments, adoptions and matters
// (migration 0039).
import { boolean, date, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ActivityStatus, StreetMatterKind, StreetSegmentKind } from '@qinqing/shared';

export const volunteers = pgTable('volunteers', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  personId: uuid('person_id'),
  enterpriseId: uuid('enterprise_id'),
  name: text('name').notNull(),
  partyMember: boolean('party_member').notNull(),
  skills: text('skills').array().notNull().default([]),
  registeredOn: date('registered_on').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const volunteerTeams = pgTable('volunteer_teams', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  name: text('name').notNull(),
  foundedOn: date('founded_on').notNull(),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const volunteerTeamMembers = pgTable(
  'volunteer_team_members',
  {
    teamId: uuid('team_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
  },
  (table) => [primaryKey({ columns: [table.teamId, table.volunteerId] })],
);

export const volunteerActivities = pgTable('volunteer_activities', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  teamId: uuid('team_id'),
  title: text('title').notNull(),
  heldOn: date('held_on').notNull(),
  place: text('place'),
  description: text('description'),
  status: text('status').$type<ActivityStatus>().notNull().default('pending'),
  confirmedBy: uuid('confirmed_by'),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const volunteerParticipations = pgTable(
  'volunteer_participations',
  {
    activityId: uuid('activity_id').notNull(),
    volunteerId: uuid('volunteer_id').notNull(),
    signedUpAt: timestamp('signed_up_at', { withTimezone: true }).notNull().defaultNow(),
    minutesServed: integer('minutes_served'),
    servedRecordedBy: uuid('served_recorded_by'),
    servedRecordedAt: timestamp('served_recorded_at', { withTimezone: true }),
  },
  (table) => [primaryKey({ columns: [table.activityId, table.volunteerId] })],
);

export const bloodDrives = pgTable('blood_drives', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  title: text('title').notNull(),
  heldOn: date('held_on').notNull(),
  place: text('place'),
  registered: integer('registered').notNull(),
  donated: integer('donated').notNull(),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const streetSegments = pgTable('street_segments', {
  id: uuid('id').primaryKey().defaultRandom(),
  streetOrgUnitId: uuid('street_org_unit_id').notNull(),
  kind: text('kind').$type<StreetSegmentKind>().notNull(),
  name: text('name').notNull(),
  extent: text('extent'),
  lengthM: integer('length_m'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const streetAdoptions = pgTable('street_adoptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  segmentId: uuid('segment_id').notNull(),
  adopterEnterpriseId: uuid('adopter_enterprise_id'),
  adopterPersonId: uuid('adopter_person_id'),
  adoptedOn: date('adopted_on').notNull(),
  endedOn: date('ended_on'),
  endReason: text('end_reason'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const streetMatters = pgTable('street_matters', {
  id: uuid('id').primaryKey().defaultRandom(),
  segmentId: uuid('segment_id').notNull(),
  streetOrgUnitId: uuid('street_org_unit_id').notNull(),
  handledOn: date('handled_on').notNull(),
  kind: text('kind').$type<StreetMatterKind>().notNull(),
  description: text('description').notNull(),
  hotlineCaseNumber: text('hotline_case_number'),
  createdBy: uuid('created_by'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const streetMatterHelpers = pgTable(
  'street_matter_helpers',
  {
    matterId: uuid('matter_id').notNull(),
    ordinal: integer('ordinal').notNull(),
    name: text('name').notNull(),
    volunteerId: uuid('volunteer_id'),
  },
  (table) => [primaryKey({ columns: [table.matterId, table.ordinal] })],
);
