// The demo district's 志愿服务 and 小巷管家, dated from the day the demo is seeded: the 青年企业家志愿服务队
// with volunteers from 东湖街道商会's members (some party members) and two registry people, a confirmed
// activity of the district with hours served, an activity 东湖街道商会's secretary recorded that waits for
// staff to confirm it, a blood drive; and 东湖街道's main streets and alleys, about half adopted, with a few
// matters handled and one 12345 hotline case with the people who helped.
import { sql } from 'drizzle-orm';
import { shanghaiDay, shiftDay } from '../core/calendar/working-days.ts';
import type { Tx } from '../db/connection.ts';

const one = async <T>(tx: Tx, query: ReturnType<typeof sql>): Promise<T> => {
  const { rows } = await tx.execute(query);
  if (!rows[0]) throw new Error('volunteers demo: a row it builds on is missing');
  return rows[0] as T;
};

const STAFF_NAMES = ['刘洋', '陈静', '王磊', '赵敏', '孙浩', '周婷', '吴昊', '郑璐'];
const SKILLS = [
  ['急救'],
  ['摄影', '宣传'],
  ['法律咨询'],
  ['心理疏导'],
  ['驾驶'],
  ['电工维修'],
  ['急救', '驾驶'],
  [],
];

const MAIN_STREETS = ['东湖大街', '东湖北路', '东湖南路', '湖滨路'];
const ALLEYS = [
  '东湖北里一巷',
  '东湖北里二巷',
  '东湖北里三巷',
  '柳荫胡同',
  '槐树胡同',
  '花园巷',
  '井儿胡同',
  '南小街',
  '鼓楼巷',
  '学堂胡同',
];

export async function seedVolunteersDemo(tx: Tx, now: Date): Promise<void> {
  const today = shanghaiDay(now);
  const day = (daysAgo: number) => shiftDay(today, -daysAgo);
  const { district } = await one<{ district: string }>(
    tx,
    sql`SELECT id AS district FROM org_units WHERE name = '示例区工商联'`,
  );
  const { chamber, street } = await one<{ chamber: string; street: string }>(
    tx,
    sql`SELECT c.id AS chamber, s.id AS street FROM org_units c JOIN org_units s ON s.name = '东湖街道工商联'
         WHERE c.name = '东湖街道商会'`,
  );
  const { staff, secretary } = await one<{ staff: string; secretary: string }>(
    tx,
    sql`SELECT (SELECT id FROM users WHERE username = 'staff') AS staff,
               (SELECT id FROM users WHERE username = 'secretary') AS secretary`,
  );
  const members = (
    await tx.execute<{ id: string; org_unit_id: string; name: string }>(
      sql`SELECT e.id, e.org_unit_id, e.name FROM chamber_memberships m JOIN enterprises e ON e.id = m.enterprise_id
           WHERE m.chamber_id = ${chamber} ORDER BY e.name LIMIT 8`,
    )
  ).rows;
  const people = (
    await tx.execute<{ id: string; org_unit_id: string; name: string; political_affiliation: string }>(
      sql`SELECT id, org_unit_id, name, political_affiliation FROM people
           WHERE org_unit_id IN (SELECT id FROM org_units WHERE path LIKE (SELECT path FROM org_units WHERE id = ${district}) || '%')
           ORDER BY name LIMIT 2`,
    )
  ).rows;

  const volunteerIds: string[] = [];
  for (const [index, enterprise] of members.entries()) {
    const row = await one<{ id: string }>(
      tx,
      sql`INSERT INTO volunteers (org_unit_id, enterprise_id, name, party_member, skills, registered_on, created_by)
          VALUES (${enterprise.org_unit_id}, ${enterprise.id}, ${STAFF_NAMES[index]!}, ${index % 3 === 0},
                  ${sql.param(SKILLS[index] ?? [])}::text[], ${day(200 - index * 10)}, ${staff}) RETURNING id`,
    );
    volunteerIds.push(row.id);
  }
  for (const person of people) {
    const row = await one<{ id: string }>(
      tx,
      sql`INSERT INTO volunteers (org_unit_id, person_id, name, party_member, registered_on, created_by)
          VALUES (${person.org_unit_id}, ${person.id}, ${person.name}, ${person.political_affiliation === 'cpc'},
                  ${day(150)}, ${staff}) RETURNING id`,
    );
    volunteerIds.push(row.id);
  }

  const team = await one<{ id: string }>(
    tx,
    sql`INSERT INTO volunteer_teams (org_unit_id, name, founded_on, created_by)
        VALUES (${district}, '青年企业家志愿服务队', ${day(300)}, ${staff}) RETURNING id`,
  );
  await tx.execute(
    sql`INSERT INTO volunteer_team_members (team_id, volunteer_id)
        SELECT ${team.id}, unnest(${sql.param(volunteerIds)}::uuid[])`,
  );

  // Staff's activity stands as recorded; hours in whole minutes (2 h, 2.5 h, 3 h…).
  const confirmed = await one<{ id: string }>(
    tx,
    sql`INSERT INTO volunteer_activities (org_unit_id, team_id, title, held_on, place, description, status,
                                          confirmed_by, confirmed_at, created_by, created_at)
        VALUES (${district}, ${team.id}, '敬老院重阳助老志愿服务', ${day(20)}, '示例区第一敬老院',
                '为老人理发、体检、表演节目', 'confirmed', ${staff}, ${now.toISOString()}, ${staff}, ${now.toISOString()})
        RETURNING id`,
  );
  const minutes = [120, 150, 180, 120, 90, 150, 120, 180, 60, 90];
  await tx.execute(
    sql`INSERT INTO volunteer_participations (activity_id, volunteer_id, signed_up_at, minutes_served, served_recorded_by, served_recorded_at)
        SELECT ${confirmed.id}, v, ${now.toISOString()}, m, ${staff}, ${now.toISOString()}
          FROM unnest(${sql.param(volunteerIds)}::uuid[], ${sql.param(minutes.slice(0, volunteerIds.length))}::int[]) AS x (v, m)`,
  );
  // The secretary's activity: signed up and partly served, waiting for staff to confirm it.
  const pending = await one<{ id: string }>(
    tx,
    sql`INSERT INTO volunteer_activities (org_unit_id, title, held_on, place, status, created_by, created_at)
        VALUES (${chamber}, '东湖河道周末清洁行动', ${day(5)}, '东湖河畔', 'pending', ${secretary}, ${now.toISOString()})
        RETURNING id`,
  );
  await tx.execute(
    sql`INSERT INTO volunteer_participations (activity_id, volunteer_id, signed_up_at, minutes_served, served_recorded_by, served_recorded_at)
        VALUES (${pending.id}, ${volunteerIds[0]!}, ${now.toISOString()}, 120, ${secretary}, ${now.toISOString()}),
               (${pending.id}, ${volunteerIds[1]!}, ${now.toISOString()}, 90, ${secretary}, ${now.toISOString()}),
               (${pending.id}, ${volunteerIds[2]!}, ${now.toISOString()}, NULL, NULL, NULL)`,
  );
  await tx.execute(
    sql`INSERT INTO blood_drives (org_unit_id, title, held_on, place, registered, donated, created_by)
        VALUES (${district}, '会员企业无偿献血活动', ${day(30)}, '示例区中心血站献血屋', 42, 35, ${staff})`,
  );

  // 东湖街道's main streets and alleys: every other one adopted by a member.
  const segments: { id: string; index: number }[] = [];
  const all = [
    ...MAIN_STREETS.map((name) => ({ kind: 'main_street', name })),
    ...ALLEYS.map((name) => ({ kind: 'alley', name })),
  ];
  for (const [index, segment] of all.entries()) {
    const row = await one<{ id: string }>(
      tx,
      sql`INSERT INTO street_segments (street_org_unit_id, kind, name, extent, length_m, created_by)
          VALUES (${street}, ${segment.kind}, ${segment.name}, NULL, ${segment.kind === 'main_street' ? 1200 + index * 100 : 200 + index * 20}, ${staff})
          RETURNING id`,
    );
    segments.push({ id: row.id, index });
    const adopter = members[index % Math.max(members.length, 1)];
    if (index % 2 === 0 && adopter) {
      await tx.execute(
        sql`INSERT INTO street_adoptions (segment_id, adopter_enterprise_id, adopted_on, created_by)
            VALUES (${row.id}, ${adopter.id}, ${day(90 - index)}, ${staff})`,
      );
    }
  }
  const matters = [
    { segment: 4, daysAgo: 12, kind: 'sanitation', description: '清理巷内乱堆杂物 3 处' },
    { segment: 6, daysAgo: 9, kind: 'order', description: '劝导占道经营摊点撤离' },
    { segment: 0, daysAgo: 3, kind: 'facilities', description: '报修路灯 2 盏，已修复' },
  ];
  for (const matter of matters) {
    await tx.execute(
      sql`INSERT INTO street_matters (segment_id, street_org_unit_id, handled_on, kind, description, created_by)
          VALUES (${segments[matter.segment]!.id}, ${street}, ${day(matter.daysAgo)}, ${matter.kind}, ${matter.description}, ${staff})`,
    );
  }
  const hotline = await one<{ id: string }>(
    tx,
    sql`INSERT INTO street_matters (segment_id, street_org_unit_id, handled_on, kind, description, hotline_case_number, created_by)
        VALUES (${segments[8]!.id}, ${street}, ${day(6)}, 'dispute', '协助处理居民反映的夜间施工噪声扰民',
                ${`BJ12345-${today.slice(0, 4)}-108`}, ${staff}) RETURNING id`,
  );
  await tx.execute(
    sql`INSERT INTO street_matter_helpers (matter_id, ordinal, name, volunteer_id)
        VALUES (${hotline.id}, 1, ${STAFF_NAMES[0]!}, ${volunteerIds[0]!}),
               (${hotline.id}, 2, ${STAFF_NAMES[1]!}, ${volunteerIds[1]!}),
               (${hotline.id}, 3, '社区网格员', NULL)`,
  );
}
