// The demo of channels across levels (issue 10 item 5): 示例市工商联 runs a channel to the city's court and
// opens it to its districts; 示例区工商联 forwarded one enterprise's contract dispute through it, and the
// court's liaison (courtliaison, 孙丽) answered it. The district counts the appeal; the court counts the forward.
import { sql } from 'drizzle-orm';
import { shanghaiDay, WorkingDays } from '../core/calendar/working-days.ts';
import type { Tx } from '../db/connection.ts';
import { appealEvents, appealForwards, appeals, channels, workingCalendarDays } from '../db/schema/index.ts';

export const CITY_COURT = '示例市中级人民法院';
const DAY_MS = 86_400_000;

export async function seedCrossLevelDemo(tx: Tx, now: Date): Promise<void> {
  const { rows } = await tx.execute<{
    city_id: string;
    court_id: string;
    enterprise_id: string;
    org_unit_id: string;
    staff_id: string;
    liaison_id: string;
  }>(sql`
    SELECT (SELECT id FROM org_units WHERE name = '示例市工商联') AS city_id,
           (SELECT id FROM org_units WHERE name = ${CITY_COURT}) AS court_id,
           e.id AS enterprise_id, e.org_unit_id,
           (SELECT id FROM users WHERE username = 'staff') AS staff_id,
           (SELECT id FROM users WHERE username = 'courtliaison') AS liaison_id
      FROM enterprises e
     WHERE e.merged_into_id IS NULL AND e.id <> (SELECT enterprise_id FROM users WHERE username = 'member')
     ORDER BY e.sort_key, e.id LIMIT 1`);
  const target = rows[0]!;
  const [channel] = await tx
    .insert(channels)
    .values({
      orgUnitId: target.city_id,
      departmentId: target.court_id,
      name: '市中院涉企纠纷直通车',
      description: '合同、欠款等涉企民商事纠纷的诉前调解与立案指导，向各区工商联开放',
      respondDays: 2,
      resolveDays: 15,
      openToSubordinates: true,
      createdAt: now,
      updatedAt: now,
    })
    .returning({ id: channels.id });

  const calendar = new WorkingDays(
    new Map((await tx.select().from(workingCalendarDays)).map((row) => [row.day, row.kind])),
  );
  const received = new Date(now.getTime() - 9 * DAY_MS);
  const at = (days: number) => new Date(received.getTime() + days * DAY_MS);
  const forwardedAt = at(0.2);
  const respondDueAt = calendar.addWorkingDays(forwardedAt, 2);
  const resolveDueAt = calendar.addWorkingDays(forwardedAt, 15);
  const answer = '已组织诉前调解，双方签订分期付款协议，法院出具司法确认裁定。';
  const { rows: serial } = await tx.execute<{ n: string }>(
    sql`SELECT nextval('appeal_number_seq')::text AS n`,
  );
  const [appeal] = await tx
    .insert(appeals)
    .values({
      number: `SQ${shanghaiDay(received).slice(0, 4)}${serial[0]!.n.padStart(6, '0')}`,
      enterpriseId: target.enterprise_id,
      orgUnitId: target.org_unit_id,
      categoryCode: 'legal',
      title: '货款拖欠纠纷诉前调解',
      description: '下游企业拖欠货款 86 万元逾半年，希望法院诉前调解，尽快回款。',
      source: 'visit',
      urgency: 'normal',
      state: 'answered',
      raisedBy: target.staff_id,
      receivedAt: received,
      receivedOn: shanghaiDay(received),
      validatedAt: at(0.1),
      forwardedAt,
      respondedAt: at(1),
      respondDueAt,
      resolveDueAt,
      outcome: 'resolved',
      answeredAt: at(6),
      createdAt: received,
      updatedAt: at(6),
    })
    .returning({ id: appeals.id });
  const appealId = appeal!.id;
  const [forward] = await tx
    .insert(appealForwards)
    .values({
      appealId,
      round: 1,
      departmentId: target.court_id,
      channelId: channel!.id,
      orgUnitId: target.org_unit_id,
      categoryCode: 'legal',
      state: 'resolved',
      forwardedAt,
      forwardedOn: shanghaiDay(forwardedAt),
      forwardedBy: target.staff_id,
      acrossLevels: true,
      respondDueAt,
      resolveDueAt,
      respondedAt: at(1),
      acceptedAt: at(1),
      answeredAt: at(6),
      answer,
      handledBy: target.liaison_id,
      updatedAt: at(6),
    })
    .returning({ id: appealForwards.id });
  const event = (
    days: number,
    action: string,
    fromState: string,
    toState: string,
    actorName: string,
    note: string | null = null,
  ): typeof appealEvents.$inferInsert => ({
    appealId,
    forwardId: ['raise', 'mark_valid'].includes(action) ? null : forward!.id,
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
      { ...event(0, 'raise', '', 'submitted', '王晓燕'), fromState: null },
      event(0.1, 'mark_valid', 'submitted', 'valid', '王晓燕'),
      { ...event(0.2, 'forward', 'valid', 'forwarded', '王晓燕'), detail: { departments: [CITY_COURT] } },
      event(1, 'accept', 'forwarded', 'in_progress', '孙丽'),
      event(6, 'resolve', 'in_progress', 'answered', '孙丽', answer),
    ]);
}
