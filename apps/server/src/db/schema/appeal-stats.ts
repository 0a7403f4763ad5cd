// 诉求统计 appeal figures: the monthly rollups of appeals and of their forwards that the triggers of
// migration 0010 keep exact (counters only; the figures are computed in modules/appeal-stats).
import { date, integer, pgTable, primaryKey, smallint, text, uuid } from 'drizzle-orm/pg-core';

const counter = (name: string) => integer(name).notNull().default(0);

export const appealRollups = pgTable(
  'appeal_rollups',
  {
    month: date('month').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    categoryCode: text('category_code').notNull(),
    received: counter('received'),
    valid: counter('valid'),
    invalid: counter('invalid'),
    merged: counter('merged'),
    forwarded: counter('forwarded'),
    resolved: counter('resolved'),
    unsolvable: counter('unsolvable'),
    closedOnTime: counter('closed_on_time'),
    closedLate: counter('closed_late'),
    openOverdue: counter('open_overdue'),
    rated: counter('rated'),
    satisfied: counter('satisfied'),
    basicallySatisfied: counter('basically_satisfied'),
    dissatisfied: counter('dissatisfied'),
    returned: counter('returned'),
    responded: counter('responded'),
    respondedOnTime: counter('responded_on_time'),
    responseOverdue: counter('response_overdue'),
    /** One of eight rows per key, by appeal (migration 0017): readers sum. */
    shard: smallint('shard').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.month, t.categoryCode, t.shard] })],
);

export const appealForwardRollups = pgTable(
  'appeal_forward_rollups',
  {
    month: date('month').notNull(),
    departmentId: uuid('department_id').notNull(),
    orgUnitId: uuid('org_unit_id').notNull(),
    forwards: counter('forwards'),
    returned: counter('returned'),
    withdrawn: counter('withdrawn'),
    responded: counter('responded'),
    respondedOnTime: counter('responded_on_time'),
    responseOverdue: counter('response_overdue'),
    resolved: counter('resolved'),
    unsolvable: counter('unsolvable'),
    closedOnTime: counter('closed_on_time'),
    closedLate: counter('closed_late'),
    openOverdue: counter('open_overdue'),
    rated: counter('rated'),
    satisfied: counter('satisfied'),
    basicallySatisfied: counter('basically_satisfied'),
    dissatisfied: counter('dissatisfied'),
    /** One of eight rows per key, by appeal (migration 0061): readers sum. */
    shard: smallint('shard').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.orgUnitId, t.month, t.departmentId, t.shard] })],
);
