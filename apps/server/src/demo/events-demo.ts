// The demo district's 教育培训: every chamber's monthly activities of this year (the 西山街道商会 missed one
// month), the district's events of every kind with their registrations and check-ins (contacts of member
// enterprises), a training class held for three years running (非公经济人士培训班, cumulative totals), one
// upcoming two-session training class open for registration, and honours on a few members. Dated from the
// app's clock; written set-wise so that seeding stays quick. The district has an event kind of its own
// (同心大讲堂, configured as staff would on the 活动类型 tab) with two of its lectures held this year.
import { sql } from 'drizzle-orm';
import { EVENT_KINDS } from '@qinqing/shared';
import { shanghaiDay, shiftDay } from '../core/calendar/working-days.ts';
import type { Tx } from '../db/connection.ts';
import { nextKindCode, saveKindDefinition } from '../modules/events/repository.ts';

/** The demo district's own event kind, placed after 理想信念教育实践活动 (sort 10) and before 培训班 (20). */
export const DEMO_OWN_KIND = { label: '同心大讲堂', sort: 15 } as const;

/** The chamber that let a month pass without an activity, and which month (two months before this one). */
export const DEMO_DUTY_GAP_CHAMBER = '西山街道商会';

export async function seedEventsDemo(tx: Tx, now: Date): Promise<void> {
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7));
  const { rows: units } = await tx.execute<{ id: string; name: string; kind: string; path: string }>(
    sql`SELECT id, name, kind, path FROM org_units WHERE name = '示例区工商联'
        OR (kind IN ('chamber', 'association') AND path LIKE (SELECT path FROM org_units WHERE name = '示例区工商联') || '%')
        ORDER BY path`,
  );
  const district = units.find((u) => u.name === '示例区工商联');
  const { rows: staffRows } = await tx.execute<{ id: string }>(
    sql`SELECT id FROM users WHERE username = 'staff'`,
  );
  const staff = staffRows[0];
  if (!district || !staff) return;
  const chambers = units.filter((u) => u.kind !== 'district');
  const gapMonth = month > 2 ? month - 2 : null;

  // Every chamber's activity of each month so far this year, on the 15th (this month: the 2nd, if past).
  const chamberEvents: { unitId: string; title: string; kind: string; startsAt: string }[] = [];
  for (const [i, chamber] of chambers.entries()) {
    for (let m = 1; m <= month; m++) {
      if (chamber.name === DEMO_DUTY_GAP_CHAMBER && m === gapMonth) continue;
      const day = m < month ? 15 : 2;
      const date = `${year}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      if (date >= today) continue;
      const kind = (['education', 'lecture', 'symposium', 'salon', 'site_visit'] as const)[(i + m) % 5]!;
      const title = {
        education: '理想信念教育实践活动',
        lecture: '民营经济政策宣讲会',
        symposium: '会员企业座谈会',
        salon: '企业家沙龙',
        site_visit: '参观学习',
      }[kind];
      chamberEvents.push({
        unitId: chamber.id,
        title: `${chamber.name}${m}月${title}`,
        kind,
        startsAt: `${date}T14:00:00+08:00`,
      });
    }
  }
  // The district's events of every kind this year, a month apart, ending last month.
  const districtEvents = EVENT_KINDS.map((kind, i) => {
    const m = Math.max(1, month - 1 - (i % Math.max(1, month - 1)));
    const date = `${year}-${String(m).padStart(2, '0')}-${String(8 + i).padStart(2, '0')}`;
    const title = {
      education: '“坚定信心 同心共进”理想信念教育实践活动',
      training: '非公经济人士培训班',
      lecture: '“两个健康”专题讲座',
      site_visit: '参观爱国主义教育基地',
      symposium: '民营企业家座谈会',
      salon: '青年企业家沙龙',
      bank_meeting: '银企对接会',
      policy_briefing: '惠企政策解读会',
      job_fair: '民营企业招聘会',
      other: '会员企业联谊活动',
    }[kind];
    return {
      unitId: district.id,
      title: kind === 'training' ? `${year}年${title}` : title,
      kind,
      startsAt: `${date}T09:00:00+08:00`,
    };
  });
  // The district's own kind and its lectures of this year (in the months before last, when there are).
  const ownKind = await nextKindCode(tx);
  await saveKindDefinition(tx, district.id, ownKind, { ...DEMO_OWN_KIND, active: true, version: 1, now });
  const lectures = ['民营经济促进法解读', '新质生产力与企业转型'].flatMap((topic, i) => {
    const m = month - 2 - i * 2;
    if (m < 1) return [];
    return [
      {
        unitId: district.id,
        title: `${DEMO_OWN_KIND.label}：${topic}`,
        kind: ownKind,
        startsAt: `${year}-${String(m).padStart(2, '0')}-20T14:30:00+08:00`,
      },
    ];
  });
  // The training class of the two years before (a recurring program).
  const pastPrograms = [year - 2, year - 1].map((y) => ({
    unitId: district.id,
    title: `${y}年非公经济人士培训班`,
    kind: 'training',
    startsAt: `${y}-06-10T09:00:00+08:00`,
  }));
  const past = [...chamberEvents, ...districtEvents, ...lectures, ...pastPrograms];
  const { rows: created } = await tx.execute<{
    id: string;
    kind: string;
    org_unit_id: string;
    starts_at: string;
  }>(sql`
    INSERT INTO events (org_unit_id, title, kind, program, capacity, audience, audience_chamber_id, state,
      starts_at, ends_at, created_by, created_at, updated_at)
    SELECT x.unit_id, x.title, x.kind,
      CASE WHEN x.kind = 'training' THEN '非公经济人士培训班' END,
      CASE WHEN x.kind = 'training' THEN 60 END,
      CASE WHEN x.unit_id = ${district.id}::uuid THEN 'all_members' ELSE 'chamber' END,
      CASE WHEN x.unit_id = ${district.id}::uuid THEN NULL ELSE x.unit_id END,
      'closed', x.starts_at, x.starts_at + interval '2 hours', ${staff.id}, ${now}, ${now}
    FROM jsonb_to_recordset(${JSON.stringify(past.map((e) => ({ unit_id: e.unitId, title: e.title, kind: e.kind, starts_at: e.startsAt })))}::jsonb)
      AS x(unit_id uuid, title text, kind text, starts_at timestamptz)
    RETURNING id, kind, org_unit_id, starts_at`);
  // One session each; a training class two (morning and afternoon).
  await tx.execute(sql`
    INSERT INTO event_sessions (event_id, seq, starts_at, ends_at, place)
    SELECT ev.id, s.seq, ev.starts_at + (s.seq - 1) * interval '5 hours', ev.starts_at + (s.seq - 1) * interval '5 hours' + interval '2 hours',
      CASE WHEN ev.kind = 'site_visit' THEN '区爱国主义教育基地' ELSE '区工商联三楼会议室' END
    FROM events ev CROSS JOIN LATERAL generate_series(1, CASE WHEN ev.kind = 'training' THEN 2 ELSE 1 END) AS s(seq)
    WHERE ev.id = ANY (${sql.param(created.map((e) => e.id))}::uuid[])`);
  await tx.execute(sql`UPDATE events ev SET ends_at = (SELECT max(ends_at) FROM event_sessions s WHERE s.event_id = ev.id)
    WHERE ev.id = ANY (${sql.param(created.map((e) => e.id))}::uuid[])`);

  // Registrations: contacts of the audience's enterprises (a chamber's members, or the district's first
  // enterprises), a few per event; most of them checked in to every session.
  await tx.execute(sql`
    INSERT INTO event_registrations (event_id, person_name, post, mobile, enterprise_id, person_key, status, registered_by, created_at)
    SELECT ev.id, c.name, c.position, c.mobile, c.enterprise_id,
      CASE WHEN c.mobile IS NOT NULL THEN 'm:' || c.mobile ELSE 'n:' || c.enterprise_id || ':' || c.name END,
      'registered', ${staff.id}, ev.starts_at - interval '3 days'
    FROM events ev
    CROSS JOIN LATERAL (
      SELECT DISTINCT ON (ec.enterprise_id) ec.name, ec.position, ec.mobile, ec.enterprise_id
      FROM enterprise_contacts ec JOIN enterprises e ON e.id = ec.enterprise_id AND e.merged_into_id IS NULL
      WHERE (ev.audience_chamber_id IS NULL AND e.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${district.path + '%'}))
         OR e.id IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id = ev.audience_chamber_id)
      ORDER BY ec.enterprise_id, ec.is_primary DESC, ec.sort
      LIMIT CASE WHEN ev.kind = 'training' THEN 12 ELSE 6 END
    ) c
    WHERE ev.id = ANY (${sql.param(created.map((e) => e.id))}::uuid[])
    ON CONFLICT DO NOTHING`);
  await tx.execute(sql`
    INSERT INTO event_attendances (event_id, session_id, registration_id, enterprise_id, person_key, nonce, method, recorded_by, checked_in_at)
    SELECT r.event_id, s.id, r.id, r.enterprise_id, r.person_key, 'demo-' || replace(r.id::text, '-', '') || '-' || s.seq,
      CASE WHEN (hashtext(r.id::text) & 3) = 0 THEN 'staff' ELSE 'qr' END,
      CASE WHEN (hashtext(r.id::text) & 3) = 0 THEN ${staff.id}::uuid END,
      s.starts_at - interval '10 minutes'
    FROM event_registrations r JOIN event_sessions s ON s.event_id = r.event_id
    WHERE r.event_id = ANY (${sql.param(created.map((e) => e.id))}::uuid[])
      -- about one in six did not come to a session
      AND abs(hashtext(s.id::text || r.id::text)) % 6 <> 0`);

  // The upcoming training class, open for registration: two sessions ten days from now.
  const day = shiftDay(today, 10);
  const { rows: upcoming } = await tx.execute<{ id: string }>(sql`
    INSERT INTO events (org_unit_id, title, kind, theme, description, program, capacity, audience, state, starts_at, ends_at,
      created_by, created_at, updated_at)
    VALUES (${district.id}, ${`${year}年年轻一代民营企业家培训班（第二期）`}, 'training', '传承创新 健康成长',
      '面向全区会员企业的年轻一代企业家，两场课程：民营经济政策解读；企业合规经营与风险防范。', '非公经济人士培训班', 40,
      'all_members', 'open', ${`${day}T09:00:00+08:00`}::timestamptz, ${`${day}T16:30:00+08:00`}::timestamptz, ${staff.id}, ${now}, ${now})
    RETURNING id`);
  await tx.execute(sql`
    INSERT INTO event_sessions (event_id, seq, starts_at, ends_at, place) VALUES
      (${upcoming[0]!.id}, 1, ${`${day}T09:00:00+08:00`}::timestamptz, ${`${day}T11:30:00+08:00`}::timestamptz, '区工商联三楼会议室'),
      (${upcoming[0]!.id}, 2, ${`${day}T14:00:00+08:00`}::timestamptz, ${`${day}T16:30:00+08:00`}::timestamptz, '区工商联三楼会议室')`);

  // Honours on a few members and one person.
  await tx.execute(sql`
    INSERT INTO honours (org_unit_id, enterprise_id, holder_name, title, level, issuer, year, evidence, recorded_by, created_at)
    SELECT e.org_unit_id, e.id, e.name, h.title, h.level, h.issuer, h.year, h.evidence, ${staff.id}, ${now}
    FROM (SELECT id, name, org_unit_id, row_number() OVER (ORDER BY sort_key, id) AS n FROM enterprises
          WHERE merged_into_id IS NULL AND org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${district.path + '%'})) e
    JOIN (VALUES
      (1, '全国工人先锋号', 'national', '中华全国总工会', ${year - 1}::int, ${`全总〔${year - 1}〕表彰决定`}),
      (2, '市级文明单位', 'city', '示例市精神文明建设委员会', ${year - 1}::int, NULL),
      (3, '社区公益之星', 'street', '东湖街道办事处', ${year}::int, NULL),
      (4, '社区公益之星', 'street', '东湖街道办事处', ${year}::int, NULL),
      (5, '区优秀民营企业', 'district', '示例区人民政府', ${year}::int, NULL)
    ) AS h(n, title, level, issuer, year, evidence) ON h.n = e.n`);
  await tx.execute(sql`
    INSERT INTO honours (org_unit_id, person_id, holder_name, title, level, issuer, year, recorded_by, created_at)
    SELECT p.org_unit_id, p.id, p.name, '优秀中国特色社会主义事业建设者', 'province', '示例省委统战部等', ${year - 1}::int, ${staff.id}, ${now}
    FROM people p WHERE p.org_unit_id IN (SELECT id FROM org_units WHERE path LIKE ${district.path + '%'})
    ORDER BY p.sort_key, p.id LIMIT 1`);
}

/** The policies the district's 惠企政策解读会 explained, and the campaign its 会员企业联谊活动 gathered for. */
export const DEMO_BRIEFING_POLICIES = [
  '关于进一步支持中小微企业纾困发展的若干措施',
  '示例区科技型企业研发费用补助实施细则',
] as const;
export const DEMO_EVENT_CAMPAIGN = '冬日里的温暖';

/** Links the demo's events to the published policies and the campaign they serve (run after both exist). */
export async function seedEventLinksDemo(tx: Tx): Promise<void> {
  await tx.execute(sql`INSERT INTO event_policies (event_id, policy_id)
    SELECT ev.id, p.id FROM events ev JOIN policies p ON p.state = 'published'
      AND p.title = ANY (${sql.param([...DEMO_BRIEFING_POLICIES])}::text[])
    WHERE ev.kind = 'policy_briefing' AND ev.title = '惠企政策解读会'
    ON CONFLICT DO NOTHING`);
  await tx.execute(sql`UPDATE events ev SET campaign_id = c.id FROM donation_campaigns c
    WHERE c.name = ${DEMO_EVENT_CAMPAIGN} AND ev.kind = 'other' AND ev.title = '会员企业联谊活动'`);
}
