// The demo district's 走访 visits and 走访计划: a dozen done visits by the `staff` account over the last
// months (one of them to the `member` account's enterprise, one a joint visit with departments), two
// planned for the coming week, and this quarter's directed-visit plan assigning ten members to staff.
// Dated relative to the day the demo is seeded, so the calendar and the plan are current.
import { shanghaiDay, shiftDay } from '../core/calendar/working-days.ts';
import { and, asc, eq, isNull, like, ne } from 'drizzle-orm';
import type { VisitBrought, VisitKind } from '@qinqing/shared';
import type { Tx } from '../db/connection.ts';
import {
  enterprises,
  orgUnits,
  users,
  visitPlanAssignments,
  visitPlans,
  visits,
} from '../db/schema/index.ts';
import { DEMO_MEMBER_ENTERPRISE } from './registry-demo.ts';

interface DoneVisit {
  daysAgo: number;
  kind: VisitKind;
  brought: VisitBrought[];
  notes: string;
  departments?: string[];
  leaderNames?: string[];
}

const DONE_VISITS: readonly DoneVisit[] = [
  {
    daysAgo: 4,
    kind: 'directed',
    brought: ['policy', 'service'],
    notes: '了解企业二季度订单情况，宣讲研发费用加计扣除政策；企业反映招聘技术工人难。',
  },
  {
    daysAgo: 11,
    kind: 'joint',
    brought: ['policy', 'information', 'service'],
    notes: '会同人社局、税务局上门，解答稳岗补贴申领和留抵退税问题。',
    departments: ['人力资源社会保障局', '税务局'],
  },
  {
    daysAgo: 18,
    kind: 'research',
    brought: ['information'],
    notes: '民营企业经营状况专题调研，填写调研问卷并座谈。',
  },
  {
    daysAgo: 26,
    kind: 'care',
    brought: ['warmth', 'safety'],
    notes: '送清凉：慰问一线职工，检查高温作业防护措施。',
    leaderNames: ['区工商联主席'],
  },
  {
    daysAgo: 35,
    kind: 'directed',
    brought: ['policy'],
    notes: '推送专精特新企业认定政策，企业有申报意向。',
  },
  {
    daysAgo: 43,
    kind: 'directed',
    brought: ['service', 'information'],
    notes: '对接银行融资产品，企业有 300 万元流动资金需求。',
  },
  {
    daysAgo: 55,
    kind: 'care',
    brought: ['warmth'],
    notes: '走访困难会员企业，了解房租减免落实情况。',
  },
  {
    daysAgo: 64,
    kind: 'research',
    brought: ['information', 'policy'],
    notes: '商会会员企业用工情况调研。',
  },
  {
    daysAgo: 76,
    kind: 'directed',
    brought: ['safety', 'service'],
    notes: '安全生产检查提醒，协调消防验收手续。',
  },
  {
    daysAgo: 90,
    kind: 'joint',
    brought: ['policy', 'service'],
    notes: '会同市场监管局宣讲合规经营，现场答疑。',
    departments: ['市场监管局'],
  },
  {
    daysAgo: 104,
    kind: 'care',
    brought: ['warmth', 'information'],
    notes: '节前送温暖，走访老会员企业。',
    leaderNames: ['区工商联副主席'],
  },
  {
    daysAgo: 118,
    kind: 'directed',
    brought: ['policy', 'information'],
    notes: '新入会企业首次走访，介绍商会服务。',
  },
];

const PLAN_SIZE = 10;

export async function seedVisitsDemo(tx: Tx, now: Date): Promise<void> {
  // The demo is dated from the day it is seeded, as the app's clock reads it.
  const today = shanghaiDay(now);
  const [staff] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'staff'));
  const [district] = await tx
    .select({ id: orgUnits.id, path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.name, '示例区工商联'));
  if (!staff || !district) throw new Error('visits demo: the demo district or its staff account is missing');
  const departments = await tx
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(eq(orgUnits.kind, 'department'));
  const departmentIds = new Map(departments.map((d) => [d.name, d.id]));
  const departmentId = (name: string) => {
    const id = departmentIds.get(name);
    if (!id) throw new Error(`visits demo: no department ${name}`);
    return id;
  };
  const [member] = await tx
    .select({ id: enterprises.id, orgUnitId: enterprises.orgUnitId })
    .from(enterprises)
    .where(eq(enterprises.name, DEMO_MEMBER_ENTERPRISE));
  const others = await tx
    .select({ id: enterprises.id, orgUnitId: enterprises.orgUnitId })
    .from(enterprises)
    .innerJoin(orgUnits, eq(orgUnits.id, enterprises.orgUnitId))
    .where(
      and(
        like(orgUnits.path, `${district.path}%`),
        eq(enterprises.membershipStatus, 'active'),
        isNull(enterprises.mergedIntoId),
        ne(enterprises.name, DEMO_MEMBER_ENTERPRISE),
      ),
    )
    .orderBy(asc(enterprises.sortKey), asc(enterprises.id))
    .limit(PLAN_SIZE + DONE_VISITS.length);
  if (!member || others.length < PLAN_SIZE + DONE_VISITS.length) {
    throw new Error('visits demo: the demo registry has too few members');
  }

  // This quarter's plan: the first ten members; half the visits below go to them.
  const month = Number(today.slice(5, 7));
  const quarterStartMonth = month - ((month - 1) % 3);
  const startsOn = `${today.slice(0, 4)}-${String(quarterStartMonth).padStart(2, '0')}-01`;
  const nextQuarter = new Date(Date.UTC(Number(today.slice(0, 4)), quarterStartMonth + 2, 1));
  const endsOn = shiftDay(nextQuarter.toISOString().slice(0, 10), -1);
  const planned = others.slice(0, PLAN_SIZE);
  const [plan] = await tx
    .insert(visitPlans)
    .values({
      orgUnitId: district.id,
      name: '本季度重点会员企业定向走访',
      kind: 'directed',
      startsOn,
      endsOn,
      notes: '每位机关干部负责联系的会员企业本季度至少走访一次，送政策、送服务上门。',
      createdBy: staff.id,
    })
    .returning({ id: visitPlans.id });
  await tx
    .insert(visitPlanAssignments)
    .values(planned.map((e) => ({ planId: plan!.id, enterpriseId: e.id, assigneeId: staff.id })));

  // Visit targets: the member's enterprise first, then plan members and others in turn.
  const rest = others.slice(PLAN_SIZE);
  const targets = [member, ...DONE_VISITS.slice(1).map((_, i) => (i % 2 === 0 ? planned[i / 2]! : rest[i]!))];
  const plannedIds = new Set(planned.map((e) => e.id));
  await tx.insert(visits).values([
    ...DONE_VISITS.map((visit, i) => {
      const target = targets[i]!;
      const visitedOn = shiftDay(today, -visit.daysAgo);
      const inPlan = plannedIds.has(target.id) && visitedOn >= startsOn && visitedOn <= endsOn;
      return {
        enterpriseId: target.id,
        orgUnitId: target.orgUnitId,
        planId: inPlan ? plan!.id : null,
        kind: visit.kind,
        status: 'done' as const,
        visitedOn,
        visitorIds: [staff.id],
        leaderNames: visit.leaderNames ?? [],
        departmentIds: (visit.departments ?? []).map(departmentId),
        brought: visit.brought,
        notes: visit.notes,
        createdBy: staff.id,
      };
    }),
    ...[3, 7].map((daysAhead, i) => {
      const target = planned[PLAN_SIZE - 1 - i]!;
      return {
        enterpriseId: target.id,
        orgUnitId: target.orgUnitId,
        planId: plan!.id,
        kind: 'directed' as const,
        status: 'planned' as const,
        plannedOn: shiftDay(today, daysAhead),
        visitorIds: [staff.id],
        brought: ['policy'] as VisitBrought[],
        notes: '按季度走访计划上门。',
        createdBy: staff.id,
      };
    }),
  ]);
}
