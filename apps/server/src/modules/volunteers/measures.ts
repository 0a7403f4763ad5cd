// 志愿服务指标 the volunteering measures: volunteers registered by the period's end (of which party members),
// teams, and of the confirmed activities held in the period the hours served and the 人次; blood drives'
// registered and donors. Counted by modules/volunteers/repository.ts, in whole minutes.
import { listPath, measuresOf, type MeasureAsk, type MeasureSource } from '../../core/measures/registry.ts';
import { countVolunteering, type VolunteerCounts } from './repository.ts';

const volunteersSource: MeasureSource<VolunteerCounts> = {
  name: 'volunteers.counts',
  compute: ({ db, ask }) => countVolunteering(db, ask.unit.path, ask.period),
};

/** The volunteer list names no unit or period: only the caller's own subtree has one. */
const volunteerList = (ask: MeasureAsk, partyMember?: string) =>
  ask.listUnitId ? null : listPath('/volunteers', { partyMember });

export const volunteerMeasures = measuresOf(volunteersSource, [
  {
    id: 'volunteers.registered',
    label: { zh: '志愿者', en: 'Volunteers' },
    unit: 'count',
    definition: '截至期末登记的志愿者人数（名册人士或会员企业员工）',
    value: (counts) => counts.volunteers,
    list: (ask) => volunteerList(ask),
  },
  {
    id: 'volunteers.partyMembers',
    label: { zh: '其中党员', en: 'Of which party members' },
    unit: 'count',
    definition: '截至期末登记的志愿者中中共党员人数',
    value: (counts) => counts.partyMembers,
    list: (ask) => volunteerList(ask, 'true'),
  },
  {
    id: 'volunteers.teams',
    label: { zh: '志愿服务队', en: 'Volunteer teams' },
    unit: 'count',
    definition: '截至期末成立的志愿服务队数',
    value: (counts) => counts.teams,
    list: (ask) => (ask.listUnitId ? null : '/volunteers?tab=teams'),
  },
  {
    id: 'volunteers.hours',
    label: { zh: '志愿服务时长（小时）', en: 'Hours served' },
    unit: 'count',
    definition: '期间内举行并经确认的志愿活动中，每人服务时长之和（按分钟累计，折合小时保留一位小数）',
    // Whole minutes to tenths of an hour: a tenth is six minutes, so the division is by whole numbers.
    value: (counts) => Math.floor(counts.minutes / 6) / 10,
  },
  {
    id: 'volunteers.personTimes',
    label: { zh: '志愿服务人次', en: 'Person-times served' },
    unit: 'count',
    definition: '期间内举行并经确认的志愿活动中登记了服务时长的人次',
    value: (counts) => counts.personTimes,
  },
  {
    id: 'volunteers.bloodRegistered',
    label: { zh: '无偿献血报名', en: 'Registered to give blood' },
    unit: 'count',
    definition: '期间内举行的无偿献血活动报名人数之和',
    value: (counts) => counts.bloodRegistered,
  },
  {
    id: 'volunteers.bloodDonors',
    label: { zh: '无偿献血人数', en: 'Blood donors' },
    unit: 'count',
    definition: '期间内举行的无偿献血活动实际献血人数之和',
    value: (counts) => counts.bloodDonated,
  },
]);
