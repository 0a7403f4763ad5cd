// 教育培训指标 the education measures: events organised in the subtree that started in the period (not
// cancelled) and their attendance — 人次 (check-ins over all sessions), distinct persons, distinct
// enterprises —; the members of the subtree reached by any event in the period and their coverage of the
// members at the period's end; chambers that let a month of the period pass without an activity; honours
// won in the period's years by level. The dashboard's education card, the reports' paragraph and
// /api/events/stats read them from here.
import { shanghaiDay } from '../../core/calendar/working-days.ts';
import {
  listPath,
  measuresOf,
  rate,
  type MeasureAsk,
  type MeasureSource,
} from '../../core/measures/registry.ts';
import { activeAtPeriodEndSource } from '../enterprises/measures.ts';
import {
  chamberMonthsMissed,
  honoursByLevel,
  membersAtYearEnd,
  membersReachedByRecords,
  membersReachedInYear,
  subtreeFigures,
} from './repository.ts';

const eventList = (ask: MeasureAsk, params: Record<string, string | undefined> = {}) =>
  listPath('/events', { orgUnitId: ask.listUnitId, from: ask.period.from, to: ask.period.to, ...params });

const rangeOf = (period: { from: string; to: string }) => ({
  fromAt: new Date(`${period.from}T00:00:00+08:00`),
  toAt: new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + 86_400_000),
});

export const eventTotalsSource: MeasureSource<Awaited<ReturnType<typeof subtreeFigures>>> = {
  name: 'events.totals',
  compute: ({ db, ask }) => subtreeFigures(db, ask.unit, rangeOf(ask.period)),
};

/** A period that is one whole calendar year: its year, read from the rollup; else null (the records). */
export function wholeYearOf(period: { from: string; to: string }): number | null {
  const year = Number(period.from.slice(0, 4));
  return period.from === `${year}-01-01` && period.to === `${year}-12-31` ? year : null;
}

// A whole calendar year reads the counts kept by writes (0056: members reached, and members at the year's
// end), two small tables at any scale; other periods count the records.
const coverageSource: MeasureSource<{ reached: number; members: number }> = {
  name: 'events.coverage',
  compute: async ({ db, ask, data }) => {
    const year = wholeYearOf(ask.period);
    if (year === null) {
      const [reached, members] = await Promise.all([
        membersReachedByRecords(db, ask.unit, rangeOf(ask.period)),
        data(activeAtPeriodEndSource),
      ]);
      return { reached, members };
    }
    const [reached, members] = await Promise.all([
      membersReachedInYear(db, ask.unit, year),
      membersAtYearEnd(db, ask.unit, year),
    ]);
    return { reached, members };
  },
};

/** Chambers of the subtree with a month of the period (up to the current month, excluded) without an activity. */
const dutySource: MeasureSource<{ chambers: number; missing: number }> = {
  name: 'events.duty',
  compute: ({ db, ask, now }) => chamberMonthsMissed(db, ask.unit, ask.period, shanghaiDay(now)),
};

const honoursSource: MeasureSource<{ level: string; count: number }[]> = {
  name: 'honours.byLevel',
  compute: ({ db, ask }) =>
    honoursByLevel(db, ask.unit, {
      from: Number(ask.period.from.slice(0, 4)),
      to: Number(ask.period.to.slice(0, 4)),
    }),
};
const honours = (rows: { level: string; count: number }[], levels?: readonly string[]) =>
  rows.filter((r) => !levels || levels.includes(r.level)).reduce((n, r) => n + r.count, 0);

export const eventMeasures = [
  ...measuresOf(eventTotalsSource, [
    {
      id: 'events.held',
      label: { zh: '开展活动', en: 'Events held' },
      unit: 'count',
      definition: '期间内（按首场开始时间）本单位及下级工商联、商会组织的活动数（不含已取消的）',
      value: (t) => t.held,
      list: (ask) => eventList(ask),
    },
    {
      id: 'events.personTimes',
      label: { zh: '参加人次', en: 'Person-times' },
      unit: 'count',
      definition: '上述活动各场次签到人数之和（同一人参加两场计 2 人次）',
      value: (t) => t.person_times,
      list: (ask) => eventList(ask),
    },
    {
      id: 'events.persons',
      label: { zh: '参加人数', en: 'Participants' },
      unit: 'count',
      definition: '上述活动签到的不同人员数（同一人多次参加计 1 人）',
      value: (t) => t.persons,
    },
    {
      id: 'events.enterprises',
      label: { zh: '覆盖企业', en: 'Enterprises reached' },
      unit: 'count',
      definition: '上述活动签到人员所在的不同企业数',
      value: (t) => t.enterprises,
    },
    {
      id: 'events.training',
      label: { zh: '培训班', en: 'Training classes' },
      unit: 'count',
      definition: '其中培训班的期数',
      value: (t) => t.by_kind.find((k) => k.kind === 'training')?.events ?? 0,
      list: (ask) => eventList(ask, { kind: 'training' }),
    },
  ]),
  ...measuresOf(coverageSource, [
    {
      id: 'events.membersReached',
      label: { zh: '参加活动的会员企业', en: 'Members reached' },
      unit: 'count',
      definition: '期间内有人员在任一活动签到的本单位及下级在册会员企业数（活动组织单位不限）',
      value: (c) => c.reached,
    },
    {
      id: 'events.coverage',
      label: { zh: '会员覆盖率', en: 'Member coverage' },
      unit: 'ratio',
      definition: '参加活动的会员企业数 ÷ 期末在册会员企业数',
      value: (c) => rate(c.reached, c.members),
    },
  ]),
  ...measuresOf(dutySource, [
    {
      id: 'events.chambersMissingMonths',
      label: { zh: '有月份未开展活动的商会', en: 'Chambers that missed a month' },
      unit: 'count',
      definition: '期间内（已过完的月份）至少有一个月未开展活动的商会、协会数（每月至少开展一次活动）',
      value: (d) => d.chambers,
      list: () => '/events/duty',
    },
  ]),
  ...measuresOf(honoursSource, [
    {
      id: 'honours.total',
      label: { zh: '获得荣誉称号', en: 'Honours won' },
      unit: 'count',
      definition: '期间所在年度内本单位及下级会员企业和人士获得的荣誉称号数',
      value: (rows) => honours(rows),
      list: () => '/honours',
    },
    {
      id: 'honours.nationalOrProvincial',
      label: { zh: '其中国家级、省级', en: 'National or provincial' },
      unit: 'count',
      definition: '其中国家级和省级称号数',
      value: (rows) => honours(rows, ['national', 'province']),
    },
  ]),
];
