// The demo of per-federation settings and unrated appeals (issue 10 items 4 and 6): the district answers
// policy questions faster than the city's category says (an override at 示例区工商联), and one appeal the
// enterprise never rated was reminded and closed 未评价办结 by the system. The calendar warning needs no
// data: 2027's schedule is not entered, so from 1 November staff and administrators see it.
import { sql } from 'drizzle-orm';
import { shanghaiDay, WorkingDays } from '../core/calendar/working-days.ts';
import type { Tx } from '../db/connection.ts';
import {
  appealCategoryOverrides,
  appealEvents,
  appealForwards,
  appeals,
  workingCalendarDays,
} from '../db/schema/index.ts';

const DAY_MS = 86_400_000;

export async function seedSettingsDemo(tx: Tx, now: Date): Promise<void> {
  const { rows: units } = await tx.execute<{ district: string }>(
    sql`SELECT id AS district FROM org_units WHERE name = '示例区工商联'`,
  );
  const district = units[0]!.district;
  await tx.insert(appealCategoryOverrides).values({
    orgUnitId: district,
    code: 'policy',
    nameZh: '政策咨询',
    nameEn: 'Policy questions',
    sort: 80,
    respondDays: 1,
    resolveDays: 3,
    updatedAt: now,
  });

  // An enterprise of the district other than the member's, a channel and the staff who forwarded.
  const { rows } = await tx.execute<{
    enterprise_id: string;
    org_unit_id: string;
    department_id: string;
    channel_id: string;
    staff_id: string;
  }>(sql`
    SELECT e.id AS enterprise_id, e.org_unit_id, c.department_id, c.id AS channel_id,
           (SELECT id FROM users WHERE username = 'staff') AS staff_id
      FROM enterprises e, channels c JOIN org_units d ON d.id = c.department_id
     WHERE d.name = '商务委' AND e.merged_into_id IS NULL
       AND e.id <> (SELECT enterprise_id FROM users WHERE username = 'member')
     ORDER BY e.sort_key DESC, e.id LIMIT 1`);
  const target = rows[0]!;
  const calendar = new WorkingDays(
    new Map((await tx.select().from(workingCalendarDays)).map((row) => [row.day, row.kind])),
  );
  const addWorkingDaysOn = (from: Date, n: number) => calendar.addWorkingDays(from, n);
  // Inside the demo's last month (core/clock.test.ts): received 35 days ago, closed unrated 9 days ago.
  const received = new Date(now.getTime() - 35 * DAY_MS);
  const at = (days: number) => new Date(received.getTime() + days * DAY_MS);
  const confirmedAt = at(12);
  const { rows: serial } = await tx.execute<{ n: string }>(
    sql`SELECT nextval('appeal_number_seq')::text AS n`,
  );
  const [appeal] = await tx
    .insert(appeals)
    .values({
      number: `SQ${shanghaiDay(received).slice(0, 4)}${serial[0]!.n.padStart(6, '0')}`,
      enterpriseId: target.enterprise_id,
      orgUnitId: target.org_unit_id,
      categoryCode: 'rent',
      title: '商铺租金缓缴协调',
      description: '受周边道路施工影响客流下降，希望协调业主同意租金缓缴三个月。',
      source: 'visit',
      urgency: 'normal',
      state: 'closed',
      raisedBy: target.staff_id,
      receivedAt: received,
      receivedOn: shanghaiDay(received),
      validatedAt: at(0.1),
      forwardedAt: at(0.2),
      respondedAt: at(1),
      respondDueAt: addWorkingDaysOn(at(0.2), 2),
      resolveDueAt: addWorkingDaysOn(at(0.2), 15),
      outcome: 'resolved',
      answeredAt: at(10),
      confirmedAt,
      ratingRemindedAt: new Date(confirmedAt.getTime() + 10 * DAY_MS),
      closedAt: new Date(confirmedAt.getTime() + 14 * DAY_MS),
      closedUnrated: true,
      createdAt: received,
      updatedAt: new Date(confirmedAt.getTime() + 14 * DAY_MS),
    })
    .returning({ id: appeals.id });
  const appealId = appeal!.id;
  const [forward] = await tx
    .insert(appealForwards)
    .values({
      appealId,
      round: 1,
      departmentId: target.department_id,
      channelId: target.channel_id,
      orgUnitId: target.org_unit_id,
      categoryCode: 'rent',
      state: 'resolved',
      forwardedAt: at(0.2),
      forwardedOn: shanghaiDay(at(0.2)),
      forwardedBy: target.staff_id,
      respondDueAt: addWorkingDaysOn(at(0.2), 2),
      resolveDueAt: addWorkingDaysOn(at(0.2), 15),
      respondedAt: at(1),
      acceptedAt: at(1),
      answeredAt: at(10),
      answer: '已约谈业主，同意租金缓缴三个月，企业已签补充协议。',
      updatedAt: at(10),
    })
    .returning({ id: appealForwards.id });
  const forwardId = forward!.id;
  const event = (
    days: number,
    action: string,
    fromState: string | null,
    toState: string | null,
    actorName: string,
    note: string | null = null,
    withForward = false,
  ): typeof appealEvents.$inferInsert => ({
    appealId,
    forwardId: withForward ? forwardId : null,
    occurredAt: at(days),
    actorName,
    action,
    fromState,
    toState,
    note,
  });
  await tx
    .insert(appealEvents)
    .values([
      event(0, 'raise', null, 'submitted', '王晓燕'),
      event(0.1, 'mark_valid', 'submitted', 'valid', '王晓燕'),
      event(0.2, 'forward', 'valid', 'forwarded', '王晓燕', null, true),
      event(1, 'accept', 'forwarded', 'in_progress', '部门联络员', null, true),
      event(10, 'resolve', 'in_progress', 'answered', '部门联络员', null, true),
      event(12, 'confirm', 'answered', 'confirmed', '王晓燕'),
      event(22, 'rating_reminder', null, null, '系统', '已提醒企业评价；4 天内仍未评价将自动办结'),
      event(
        26,
        'close_unrated',
        'confirmed',
        'closed',
        '系统',
        '确认后 14 天内企业未评价，系统按未评价办结处理',
      ),
    ]);
}
