// 志愿服务台账 the volunteer-service sheet of the year-end social-responsibility ledger: every confirmed
// activity of the period organised in the unit's subtree — day, activity, organiser, team, place, 人次, hours
// (from whole minutes) and of them party members — with the volunteers, party members, hours, 人次 and
// blood donors on the total line, read from the measures registry (modules/volunteers/measures.ts).
import { sql } from 'drizzle-orm';
import { hoursOfMinutes } from '@qinqing/shared';
import { safeCell } from '../../core/office/cells.ts';
import type { LedgerColumn } from '../ledgers/layout.ts';
import type { SocialResponsibilitySheet } from '../ledgers/social-responsibility-sheet.ts';

const COLUMNS: LedgerColumn[] = [
  { header: '活动日期', width: 12, align: 'center' },
  { header: '活动名称', width: 28 },
  { header: '组织单位', width: 18 },
  { header: '志愿服务队', width: 20 },
  { header: '地点', width: 18 },
  { header: '服务人次', width: 10, align: 'right' },
  { header: '其中党员人次', width: 12, align: 'right' },
  { header: '服务时长（小时）', width: 16, align: 'right' },
];

interface ActivityLedgerRow extends Record<string, unknown> {
  held_on: string;
  title: string;
  org_unit_name: string;
  team_name: string | null;
  place: string | null;
  person_times: number;
  party_times: number;
  minutes: number;
}

export const volunteerServiceLedgerSheet: SocialResponsibilitySheet = {
  sheetName: '志愿服务',
  title: '志愿服务台账',
  columns: COLUMNS,
  async write(db, scope, sheet, measures) {
    const { rows } = await db.execute<ActivityLedgerRow>(
      sql`SELECT a.held_on::text AS held_on, a.title, ou.name AS org_unit_name, t.name AS team_name, a.place,
                 count(p.minutes_served)::int AS person_times,
                 count(p.minutes_served) FILTER (WHERE v.party_member)::int AS party_times,
                 coalesce(sum(p.minutes_served), 0)::int AS minutes
            FROM volunteer_activities a JOIN org_units ou ON ou.id = a.org_unit_id
            LEFT JOIN volunteer_teams t ON t.id = a.team_id
            LEFT JOIN volunteer_participations p ON p.activity_id = a.id
            LEFT JOIN volunteers v ON v.id = p.volunteer_id
           WHERE a.status = 'confirmed' AND ou.path LIKE ${scope.unit.path + '%'}
             AND a.held_on BETWEEN ${scope.from}::date AND ${scope.to}::date
           GROUP BY a.id, ou.name, t.name ORDER BY a.held_on, a.title, a.id`,
    );
    for (const row of rows) {
      if (sheet.closed) break;
      await sheet.addRow([
        row.held_on,
        safeCell(row.title),
        safeCell(row.org_unit_name),
        safeCell(row.team_name),
        safeCell(row.place),
        row.person_times,
        row.party_times,
        // Text, not a float: tenths of an hour from whole minutes.
        hoursOfMinutes(row.minutes),
      ]);
    }
    const figure = async (id: string) => (await measures.number(id)) ?? 0;
    const volunteers = await figure('volunteers.registered');
    const partyMembers = await figure('volunteers.partyMembers');
    const hours = await figure('volunteers.hours');
    const personTimes = await figure('volunteers.personTimes');
    const donors = await figure('volunteers.bloodDonors');
    const registered = await figure('volunteers.bloodRegistered');
    const activities = rows.length === 0 ? '本期间无已确认的志愿活动；' : '';
    return `${activities}合计：志愿者 ${volunteers} 人，其中党员 ${partyMembers} 人；志愿服务 ${personTimes} 人次、${hours} 小时；无偿献血报名 ${registered} 人、献血 ${donors} 人。`;
  },
};
