// 诉求 appeals: categories, direct channels (快捷通道) to departments, appeals, forwards, the timeline,
// attachments and the deadline alerts already sent (see migrations/0007_appeals.sql).
import {
  bigint,
  boolean,
  customType,
  date,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });
const at = (name: string) => timestamp(name, { withTimezone: true });

export const appealCategories = pgTable('appeal_categories', {
  code: text('code').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  sort: integer('sort').notNull().default(0),
  active: boolean('active').notNull().default(true),
  respondDays: integer('respond_days').notNull(),
  resolveDays: integer('resolve_days').notNull(),
  version: integer('version').notNull().default(1),
  updatedAt: at('updated_at').notNull().defaultNow(),
  /** The federation unit that defined the code first; null: the top level, seen by every unit. */
  ownerOrgUnitId: uuid('owner_org_unit_id'),
});

/** A category's definition at a lower level than its owner's: replaces the inherited one in its subtree. */
export const appealCategoryOverrides = pgTable(
  'appeal_category_overrides',
  {
    orgUnitId: uuid('org_unit_id').notNull(),
    code: text('code').notNull(),
    nameZh: text('name_zh').notNull(),
    nameEn: text('name_en').notNull(),
    sort: integer('sort').notNull().default(0),
    active: boolean('active').notNull().default(true),
    respondDays: integer('respond_days').notNull(),
    resolveDays: integer('resolve_days').notNull(),
    version: integer('version').notNull().default(1),
    updatedAt: at('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.code] })],
);

export const channels = pgTable('channels', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgUnitId: uuid('org_unit_id').notNull(),
  departmentId: uuid('department_id').notNull(),
  name: text('name').notNull(),
  description: text('description'),
  respondDays: integer('respond_days'),
  resolveDays: integer('resolve_days'),
  headUserId: uuid('head_user_id'),
  webhookUrl: text('webhook_url'),
  active: boolean('active').notNull().default(true),
  /** Opened by a city or province to the districts below it (migration 0031). */
  openToSubordinates: boolean('open_to_subordinates').notNull().default(false),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const channelDeadlines = pgTable(
  'channel_deadlines',
  {
    channelId: uuid('channel_id').notNull(),
    categoryCode: text('category_code').notNull(),
    respondDays: integer('respond_days').notNull(),
    resolveDays: integer('resolve_days').notNull(),
  },
  (t) => [primaryKey({ columns: [t.channelId, t.categoryCode] })],
);

export const appeals = pgTable('appeals', {
  id: uuid('id').primaryKey().defaultRandom(),
  number: text('number').notNull(),
  enterpriseId: uuid('enterprise_id').notNull(),
  orgUnitId: uuid('org_unit_id').notNull(),
  chamberId: uuid('chamber_id'),
  visitId: uuid('visit_id'),
  categoryCode: text('category_code').notNull(),
  title: text('title').notNull(),
  description: text('description').notNull(),
  source: text('source').notNull(),
  urgency: text('urgency').notNull(),
  state: text('state').notNull(),
  invalidReason: text('invalid_reason'),
  mergedIntoId: uuid('merged_into_id'),
  raisedBy: uuid('raised_by'),
  /** The contact the enterprise named for it (migration 0025): linked while it exists, kept as named. */
  contactId: uuid('contact_id'),
  contactName: text('contact_name'),
  contactPosition: text('contact_position'),
  contactMobile: text('contact_mobile'),
  receivedAt: at('received_at').notNull(),
  receivedOn: date('received_on').notNull(),
  validatedAt: at('validated_at'),
  forwardedAt: at('forwarded_at'),
  respondedAt: at('responded_at'),
  respondDueAt: at('respond_due_at'),
  resolveDueAt: at('resolve_due_at'),
  outcome: text('outcome'),
  answeredAt: at('answered_at'),
  overdue: boolean('overdue').notNull().default(false),
  confirmedAt: at('confirmed_at'),
  satisfaction: text('satisfaction'),
  ratedAt: at('rated_at'),
  ratedVia: text('rated_via'),
  closedAt: at('closed_at'),
  /** When the enterprise was reminded to rate (once per confirmation). */
  ratingRemindedAt: at('rating_reminded_at'),
  /** Closed by the system after no rating came (未评价办结): never counted as satisfied. */
  closedUnrated: boolean('closed_unrated').notNull().default(false),
  reopenCount: integer('reopen_count').notNull().default(0),
  round: integer('round').notNull().default(1),
  idempotencyKey: text('idempotency_key'),
  version: integer('version').notNull().default(1),
  createdAt: at('created_at').notNull().defaultNow(),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const appealForwards = pgTable('appeal_forwards', {
  id: uuid('id').primaryKey().defaultRandom(),
  appealId: uuid('appeal_id').notNull(),
  round: integer('round').notNull(),
  departmentId: uuid('department_id').notNull(),
  channelId: uuid('channel_id').notNull(),
  orgUnitId: uuid('org_unit_id').notNull(),
  categoryCode: text('category_code').notNull(),
  state: text('state').notNull(),
  forwardedAt: at('forwarded_at').notNull(),
  forwardedOn: date('forwarded_on').notNull(),
  forwardedBy: uuid('forwarded_by'),
  respondDueAt: at('respond_due_at').notNull(),
  resolveDueAt: at('resolve_due_at').notNull(),
  respondedAt: at('responded_at'),
  acceptedAt: at('accepted_at'),
  returnedAt: at('returned_at'),
  returnReason: text('return_reason'),
  answeredAt: at('answered_at'),
  answer: text('answer'),
  handledBy: uuid('handled_by'),
  responseOverdue: boolean('response_overdue').notNull().default(false),
  resolveOverdue: boolean('resolve_overdue').notNull().default(false),
  satisfaction: text('satisfaction'),
  /** Made through a channel opened from above (migration 0031): its liaisons see the appeal only while open to them. */
  acrossLevels: boolean('across_levels').notNull().default(false),
  version: integer('version').notNull().default(1),
  updatedAt: at('updated_at').notNull().defaultNow(),
});

export const appealEvents = pgTable('appeal_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  appealId: uuid('appeal_id').notNull(),
  forwardId: uuid('forward_id'),
  occurredAt: at('occurred_at').notNull(),
  actorId: uuid('actor_id'),
  actorName: text('actor_name'),
  action: text('action').notNull(),
  fromState: text('from_state'),
  toState: text('to_state'),
  note: text('note'),
  detail: jsonb('detail').$type<Record<string, unknown>>(),
});

export const appealAttachments = pgTable('appeal_attachments', {
  id: uuid('id').primaryKey().defaultRandom(),
  appealId: uuid('appeal_id').notNull(),
  eventId: bigint('event_id', { mode: 'number' }),
  fileName: text('file_name').notNull(),
  mediaType: text('media_type').notNull(),
  sizeBytes: integer('size_bytes').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by'),
  uploadedAt: at('uploaded_at').notNull(),
});

export const appealDeadlineAlerts = pgTable(
  'appeal_deadline_alerts',
  {
    forwardId: uuid('forward_id').notNull(),
    kind: text('kind').notNull(),
    sentAt: at('sent_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.forwardId, t.kind] })],
);
