// Demo service loop (政企直联): a direct channel to each of the district's departments (人社局's with a head
// account for escalations) and a few weeks of appeals in every state, written as the service would write
// them (forwards, deadlines on the working-day calendar, timeline), so that the board, the inbox and the
// figures have something to show on first start.
import { sql } from 'drizzle-orm';
import { WorkingDays, shanghaiDay } from '../core/calendar/working-days.ts';
import type { Tx } from '../db/connection.ts';
import { appealEvents, appealForwards, appeals, channels, workingCalendarDays } from '../db/schema/index.ts';

const DAY_MS = 86_400_000;

interface DemoAppeal {
  daysAgo: number;
  category: string;
  title: string;
  description: string;
  source: 'visit' | 'survey' | 'chamber' | 'phone' | 'group_chat' | 'self_service';
  urgency: 'normal' | 'urgent' | 'critical';
  /** Where the story stops. */
  stage:
    | 'submitted'
    | 'valid'
    | 'invalid'
    | 'forwarded'
    | 'in_progress'
    | 'returned'
    | 'answered'
    | 'confirmed'
    | 'closed';
  department?: string;
  outcome?: 'resolved' | 'unsolvable';
  satisfaction?: 'satisfied' | 'basically_satisfied' | 'dissatisfied';
  /**
   * Raised by the demo member enterprise (the `member` account's) itself: on a fresh start its contact sees
   * appeals waiting, in progress, to rate (已确认) and closed on the phone side.
   */
  member?: boolean;
}

const STORIES: DemoAppeal[] = [
  {
    daysAgo: 1,
    category: 'financing',
    title: '申请科技型中小企业贷款贴息',
    description: '企业今年研发投入增加，流动资金紧张，希望了解并申请区里的科技贷款贴息政策。',
    source: 'visit',
    urgency: 'normal',
    stage: 'submitted',
  },
  {
    daysAgo: 2,
    category: 'policy',
    title: '咨询高新技术企业认定补助',
    description: '企业拟申报高新技术企业，想了解区级配套补助的条件和申报时间。',
    source: 'self_service',
    urgency: 'normal',
    stage: 'submitted',
    member: true,
  },
  {
    daysAgo: 2,
    category: 'supplies',
    title: '冬季供暖燃气保供',
    description: '园区燃气压力不足，生产车间温度达不到工艺要求，希望协调燃气公司。',
    source: 'group_chat',
    urgency: 'urgent',
    stage: 'valid',
  },
  {
    daysAgo: 3,
    category: 'other',
    title: '重复反映的园区路灯问题',
    description: '与此前反映的问题相同。',
    source: 'group_chat',
    urgency: 'normal',
    stage: 'invalid',
  },
  {
    daysAgo: 4,
    category: 'employment',
    title: '招聘熟练焊工困难',
    description: '企业扩产需要 20 名熟练焊工，本地招聘困难，希望人社部门协助对接职业院校和招聘会。',
    source: 'visit',
    urgency: 'normal',
    stage: 'forwarded',
    department: '人力资源社会保障局',
  },
  {
    daysAgo: 5,
    category: 'social_insurance',
    title: '社保缴费基数调整咨询',
    description: '企业对今年社保缴费基数调整有疑问，希望人社局给予政策解读。',
    source: 'self_service',
    urgency: 'normal',
    stage: 'in_progress',
    department: '人力资源社会保障局',
    member: true,
  },
  {
    daysAgo: 6,
    category: 'tax',
    title: '研发费用加计扣除申报',
    description: '企业首次申报研发费用加计扣除，归集口径不清楚，希望税务部门辅导。',
    source: 'survey',
    urgency: 'normal',
    stage: 'in_progress',
    department: '税务局',
  },
  {
    daysAgo: 8,
    category: 'permits',
    title: '厂房扩建规划手续办理慢',
    description: '扩建厂房的规划许可已提交一个月仍未办结，影响项目进度。',
    source: 'visit',
    urgency: 'urgent',
    stage: 'returned',
    department: '发展改革委',
  },
  {
    daysAgo: 10,
    category: 'legal',
    title: '合同纠纷法律援助',
    description: '企业与外地客户发生货款纠纷，希望获得法律咨询和调解帮助。',
    source: 'chamber',
    urgency: 'normal',
    stage: 'answered',
    department: '司法局',
    outcome: 'resolved',
  },
  {
    daysAgo: 14,
    category: 'rent',
    title: '国有厂房租金减免',
    description: '企业租用国有厂房，受订单下滑影响，申请按政策减免部分租金。',
    source: 'self_service',
    urgency: 'normal',
    stage: 'confirmed',
    department: '财政局',
    outcome: 'resolved',
    member: true,
  },
  {
    daysAgo: 18,
    category: 'financing',
    title: '银行续贷审批',
    description: '企业一笔 500 万元流动资金贷款即将到期，希望协调银行无还本续贷。',
    source: 'visit',
    urgency: 'critical',
    stage: 'closed',
    department: '金融办',
    outcome: 'resolved',
    satisfaction: 'satisfied',
  },
  {
    daysAgo: 21,
    category: 'employment',
    title: '稳岗补贴申领',
    description: '企业符合稳岗补贴条件，但线上申领系统提示信息不符。',
    source: 'self_service',
    urgency: 'normal',
    stage: 'closed',
    department: '人力资源社会保障局',
    outcome: 'resolved',
    satisfaction: 'satisfied',
    member: true,
  },
  {
    daysAgo: 25,
    category: 'permits',
    title: '食品经营许可证延续',
    description: '许可证即将到期，延续办理需要的材料清单不明确。',
    source: 'visit',
    urgency: 'normal',
    stage: 'closed',
    department: '市场监管局',
    outcome: 'resolved',
    satisfaction: 'basically_satisfied',
  },
  {
    daysAgo: 30,
    category: 'policy',
    title: '外贸企业出口信保补贴',
    description: '咨询今年出口信用保险保费补贴的比例和申报方式。',
    source: 'survey',
    urgency: 'normal',
    stage: 'closed',
    department: '商务委',
    outcome: 'unsolvable',
    satisfaction: 'dissatisfied',
  },
];

async function workingDays(tx: Tx): Promise<WorkingDays> {
  const rows = await tx.select().from(workingCalendarDays);
  return new WorkingDays(new Map(rows.map((row) => [row.day, row.kind])));
}

/** The demo's district, departments and accounts, found by their demo names. */
async function demoContext(tx: Tx) {
  const units = await tx.execute<{ id: string; name: string; kind: string }>(
    // The district's own departments (the city's court is reached through the city's channel: cross-level-demo.ts).
    sql`SELECT id, name, kind FROM org_units WHERE name = '示例区工商联'
         OR (kind = 'department' AND parent_id = (SELECT id FROM org_units WHERE name = '示例区工商联'))`,
  );
  const accounts = await tx.execute<{ id: string; username: string; enterprise_id: string | null }>(
    sql`SELECT id, username, enterprise_id FROM users WHERE username IN ('staff', 'hrhead', 'member')`,
  );
  const account = (name: string) => accounts.rows.find((row) => row.username === name)!;
  return {
    districtId: units.rows.find((row) => row.kind === 'district')!.id,
    departments: new Map(
      units.rows.filter((row) => row.kind === 'department').map((row) => [row.name, row.id]),
    ),
    staffId: account('staff').id,
    hrHeadId: account('hrhead').id,
    memberEnterpriseId: account('member').enterprise_id!,
  };
}

export async function seedAppealsDemo(tx: Tx, at: Date): Promise<void> {
  const demo = await demoContext(tx);
  const calendar = await workingDays(tx);
  const channelIds = new Map<string, string>();
  for (const [name, departmentId] of demo.departments) {
    const [channel] = await tx
      .insert(channels)
      .values({
        orgUnitId: demo.districtId,
        departmentId,
        name: `${name}直通车`,
        description: `示例区工商联与${name}的政企直联快捷通道`,
        headUserId: name === '人力资源社会保障局' ? demo.hrHeadId : null,
      })
      .returning({ id: channels.id });
    channelIds.set(name, channel!.id);
  }
  const categories = await tx.execute<{ code: string; respond_days: number; resolve_days: number }>(
    sql`SELECT code, respond_days, resolve_days FROM appeal_categories`,
  );
  const deadlines = new Map(categories.rows.map((row) => [row.code, row]));
  // Members of the district other than the demo member enterprise, in a fixed order.
  const others = await tx.execute<{ id: string; org_unit_id: string }>(sql`
    SELECT id, org_unit_id FROM enterprises
    WHERE id <> ${demo.memberEnterpriseId} AND merged_into_id IS NULL
    ORDER BY sort_key, id LIMIT ${STORIES.length}`);
  const [member] = (
    await tx.execute<{ id: string; org_unit_id: string }>(
      sql`SELECT id, org_unit_id FROM enterprises WHERE id = ${demo.memberEnterpriseId}`,
    )
  ).rows;
  const now = at.getTime();
  for (const [i, story] of STORIES.entries()) {
    const enterprise = story.member ? member! : others.rows[i % others.rows.length]!;
    const received = new Date(now - story.daysAgo * DAY_MS);
    const at = (hours: number) => new Date(received.getTime() + hours * 3_600_000);
    const year = shanghaiDay(received).slice(0, 4);
    const serial = await tx.execute<{ n: string }>(sql`SELECT nextval('appeal_number_seq')::text AS n`);
    const category = deadlines.get(story.category)!;
    const reached = (stage: DemoAppeal['stage']) => {
      const order = ['submitted', 'valid', 'forwarded', 'in_progress', 'answered', 'confirmed', 'closed'];
      return story.stage !== 'invalid' && order.indexOf(story.stage) >= order.indexOf(stage);
    };
    const forwarded = story.department !== undefined;
    const respondDue = calendar.addWorkingDays(at(3), category.respond_days);
    const resolveDue = calendar.addWorkingDays(at(3), category.resolve_days);
    const answeredAt = reached('answered') ? at(24 * Math.min(story.daysAgo - 1, 6)) : null;
    const confirmedAt = reached('confirmed') ? at(24 * Math.min(story.daysAgo - 0.5, 7)) : null;
    const closedAt = reached('closed') ? at(24 * Math.min(story.daysAgo - 0.2, 8)) : null;
    const [appeal] = await tx
      .insert(appeals)
      .values({
        number: `SQ${year}${serial.rows[0]!.n.padStart(6, '0')}`,
        enterpriseId: enterprise.id,
        orgUnitId: enterprise.org_unit_id,
        categoryCode: story.category,
        title: story.title,
        description: story.description,
        source: story.source,
        urgency: story.urgency,
        state: story.stage,
        invalidReason: story.stage === 'invalid' ? '与已受理的诉求重复，已合并处理' : null,
        raisedBy: story.member ? null : demo.staffId,
        receivedAt: received,
        receivedOn: shanghaiDay(received),
        validatedAt: reached('valid') || story.stage === 'returned' ? at(1) : null,
        forwardedAt: forwarded ? at(3) : null,
        respondedAt: forwarded && story.stage !== 'forwarded' ? at(6) : null,
        respondDueAt: forwarded ? respondDue : null,
        resolveDueAt: forwarded ? resolveDue : null,
        outcome: story.outcome ?? null,
        answeredAt,
        confirmedAt,
        satisfaction: story.satisfaction ?? null,
        ratedAt: closedAt,
        ratedVia: story.satisfaction ? (story.member ? 'self_service' : 'phone') : null,
        closedAt,
        createdAt: received,
        updatedAt: closedAt ?? confirmedAt ?? answeredAt ?? received,
      })
      .returning({ id: appeals.id });
    const appealId = appeal!.id;
    const events: (typeof appealEvents.$inferInsert)[] = [
      {
        appealId,
        occurredAt: received,
        actorName: story.member ? '陈志强' : '王晓燕',
        action: 'raise',
        toState: 'submitted',
      },
    ];
    if (story.stage === 'invalid') {
      events.push({
        appealId,
        occurredAt: at(1),
        actorName: '王晓燕',
        action: 'mark_invalid',
        fromState: 'submitted',
        toState: 'invalid',
        note: '与已受理的诉求重复，已合并处理',
      });
    }
    if (reached('valid') || story.stage === 'returned') {
      events.push({
        appealId,
        occurredAt: at(1),
        actorName: '王晓燕',
        action: 'mark_valid',
        fromState: 'submitted',
        toState: 'valid',
      });
    }
    if (forwarded) {
      const forwardState =
        story.stage === 'forwarded'
          ? 'pending'
          : story.stage === 'in_progress'
            ? 'accepted'
            : story.stage === 'returned'
              ? 'returned'
              : story.outcome!;
      const [forward] = await tx
        .insert(appealForwards)
        .values({
          appealId,
          round: 1,
          departmentId: demo.departments.get(story.department!)!,
          channelId: channelIds.get(story.department!)!,
          orgUnitId: enterprise.org_unit_id,
          categoryCode: story.category,
          state: forwardState,
          forwardedAt: at(3),
          forwardedOn: shanghaiDay(at(3)),
          forwardedBy: demo.staffId,
          respondDueAt: respondDue,
          resolveDueAt: resolveDue,
          respondedAt: story.stage === 'forwarded' ? null : at(6),
          acceptedAt: story.stage === 'forwarded' || story.stage === 'returned' ? null : at(6),
          returnedAt: story.stage === 'returned' ? at(6) : null,
          returnReason:
            story.stage === 'returned'
              ? '规划许可由区规划自然资源分局办理，不属本部门职责，请改转该部门'
              : null,
          answeredAt,
          answer: answeredAt
            ? story.outcome === 'resolved'
              ? '已与企业对接，问题已按政策办理完毕。'
              : '经核实，企业暂不符合补贴条件，已向企业解释政策依据。'
            : null,
          satisfaction: story.satisfaction ?? null,
          updatedAt: answeredAt ?? at(6),
        })
        .returning({ id: appealForwards.id });
      const forwardId = forward!.id;
      events.push({
        appealId,
        forwardId,
        occurredAt: at(3),
        actorName: '王晓燕',
        action: 'forward',
        fromState: 'valid',
        toState: 'forwarded',
      });
      if (story.stage === 'returned') {
        events.push({
          appealId,
          forwardId,
          occurredAt: at(6),
          actorName: '部门联络员',
          action: 'return',
          fromState: 'forwarded',
          toState: 'returned',
          note: '规划许可由区规划自然资源分局办理，不属本部门职责，请改转该部门',
        });
      } else if (story.stage !== 'forwarded') {
        events.push({
          appealId,
          forwardId,
          occurredAt: at(6),
          actorName: '部门联络员',
          action: 'accept',
          fromState: 'forwarded',
          toState: 'in_progress',
        });
      }
      if (answeredAt) {
        events.push({
          appealId,
          forwardId,
          occurredAt: answeredAt,
          actorName: '部门联络员',
          action: story.outcome === 'resolved' ? 'resolve' : 'explain_unsolvable',
          fromState: 'in_progress',
          toState: 'answered',
        });
      }
    }
    if (confirmedAt)
      events.push({
        appealId,
        occurredAt: confirmedAt,
        actorName: '王晓燕',
        action: 'confirm',
        fromState: 'answered',
        toState: 'confirmed',
      });
    if (closedAt) {
      events.push({
        appealId,
        occurredAt: closedAt,
        actorName: story.member ? '陈志强' : '王晓燕',
        action: 'rate',
        fromState: 'confirmed',
        toState: 'closed',
        detail: { satisfaction: story.satisfaction },
      });
    }
    await tx.insert(appealEvents).values(events);
  }
  // Each names its enterprise's contact as raising would (the primary, else the first listed): the liaison
  // of a demo forward sees whom to call and may reveal the number.
  await tx.execute(sql`
    UPDATE appeals a
       SET contact_id = c.id, contact_name = c.name, contact_position = c.position, contact_mobile = c.mobile
      FROM (SELECT DISTINCT ON (enterprise_id) id, enterprise_id, name, position, mobile
              FROM enterprise_contacts
             ORDER BY enterprise_id, is_primary DESC, sort, id) AS c
     WHERE c.enterprise_id = a.enterprise_id AND a.contact_id IS NULL`);
}
