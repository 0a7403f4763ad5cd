// The demo district's 融资对接: two partner banks (建设银行示例支行, 交通银行示例支行) under 示例区工商联, whose
// account managers are `banker` and `banker2`; their products (信用贷, 抵押贷, 担保贷, 贴息贷); one program
// (稳岗贷专项) with recommended enterprises; and needs in every state — submitted, vetted, sent to both
// banks, approved, granted (this month and earlier), declined, withdrawn — one stated by the enterprise
// contact `member`, one vouched by the 东湖街道商会, one without consent. Dated from the app's clock.
import { and, asc, eq, isNull, like } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import { yuanToFen } from '@qinqing/shared';
import type { Tx } from '../db/connection.ts';
import { enterprises, orgUnits, users } from '../db/schema/index.ts';
import { insertOrgUnit } from '../modules/org-units/service.ts';

export const DEMO_BANKS = ['建设银行示例支行', '交通银行示例支行'] as const;

/** The two partner banks under the district, for the accounts of their managers. */
export async function seedBanks(
  tx: Tx,
  district: { id: string; path: string; depth: number },
): Promise<{ id: string }[]> {
  const banks = [];
  for (const name of DEMO_BANKS) banks.push(await insertOrgUnit(tx, district, { kind: 'bank', name }));
  return banks;
}

const DAY_MS = 86_400_000;

export async function seedFinancingDemo(tx: Tx, now: Date): Promise<void> {
  const [district] = await tx.select().from(orgUnits).where(eq(orgUnits.name, '示例区工商联'));
  const [chamber] = await tx.select().from(orgUnits).where(eq(orgUnits.name, '东湖街道商会'));
  const banks = await tx.select().from(orgUnits).where(eq(orgUnits.kind, 'bank')).orderBy(asc(orgUnits.name));
  const account = async (username: string) =>
    (
      await tx
        .select({ id: users.id, name: users.displayName, enterpriseId: users.enterpriseId })
        .from(users)
        .where(eq(users.username, username))
    )[0];
  const staff = await account('staff');
  const member = await account('member');
  const secretary = await account('secretary');
  const ccb = banks.find((bank) => bank.name === DEMO_BANKS[0]);
  const bocom = banks.find((bank) => bank.name === DEMO_BANKS[1]);
  if (!district || !chamber || !staff || !member?.enterpriseId || !secretary || !ccb || !bocom) return;
  const bankers = {
    [ccb.id]: await account('banker'),
    [bocom.id]: await account('banker2'),
  };

  const products: [string, string, string, string, string, number, number, string, string, string][] = [
    [
      ccb.id,
      '善营贷',
      'credit',
      '3.45',
      '4.35',
      6,
      36,
      '100000',
      '3000000',
      '纳税信用 B 级以上、经营满两年的小微企业',
    ],
    [ccb.id, '抵押快贷', 'mortgage', '3.10', '3.85', 12, 120, '500000', '10000000', '以房产、土地使用权抵押'],
    [
      bocom.id,
      '商会担保贷',
      'guarantee',
      '3.65',
      '4.50',
      6,
      24,
      '100000',
      '5000000',
      '商会推荐并由担保公司担保的会员企业',
    ],
    [
      bocom.id,
      '稳岗贴息贷',
      'subsidized',
      '2.50',
      '3.20',
      12,
      36,
      '200000',
      '5000000',
      '列入稳岗贷专项名单的企业，财政贴息',
    ],
  ];
  for (const [
    bankId,
    name,
    kind,
    rateMin,
    rateMax,
    termMin,
    termMax,
    amountMin,
    amountMax,
    eligibility,
  ] of products) {
    await tx.execute(sql`INSERT INTO bank_products (bank_id, name, kind, rate_min, rate_max, term_min_months,
        term_max_months, amount_min_fen, amount_max_fen, eligibility, created_at, updated_at)
      VALUES (${bankId}, ${name}, ${kind}, ${rateMin}::numeric, ${rateMax}::numeric, ${termMin}, ${termMax},
        ${yuanToFen(amountMin)}, ${yuanToFen(amountMax)}, ${eligibility}, ${now}, ${now})`);
  }

  const firms = await tx
    .select({ id: enterprises.id, name: enterprises.name, orgUnitId: enterprises.orgUnitId })
    .from(enterprises)
    .innerJoin(orgUnits, eq(orgUnits.id, enterprises.orgUnitId))
    .where(and(like(orgUnits.path, `${district.path}%`), isNull(enterprises.mergedIntoId)))
    .orderBy(asc(enterprises.sortKey), asc(enterprises.id))
    .limit(12);
  const { rows: chamberMembers } = await tx.execute<{ id: string; name: string; org_unit_id: string }>(sql`
    SELECT e.id, e.name, e.org_unit_id FROM chamber_memberships cm JOIN enterprises e ON e.id = cm.enterprise_id
     WHERE cm.chamber_id = ${chamber.id} AND e.id <> ${member.enterpriseId} ORDER BY e.sort_key, e.id LIMIT 2`);
  const [own] = await tx
    .select({ id: enterprises.id, name: enterprises.name, orgUnitId: enterprises.orgUnitId })
    .from(enterprises)
    .where(eq(enterprises.id, member.enterpriseId));
  if (firms.length < 8 || chamberMembers.length < 1 || !own) return;

  const startsOn = `${now.getUTCFullYear()}-01-01`;
  const { rows: programRows } = await tx.execute<{ id: string }>(sql`INSERT INTO financing_programs
      (org_unit_id, name, conditions, starts_on, created_by, created_at)
    VALUES (${district.id}, '稳岗贷专项', '受疫情影响、稳定就业岗位、纳税信用良好的中小微企业，由工商联推荐进入银行重点支持名单',
      ${startsOn}::date, ${staff.id}, ${now}) RETURNING id`);
  const programId = programRows[0]!.id;

  const ago = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const dayOf = (at: Date) => new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const event = (
    needId: string,
    bankId: string | null,
    at: Date,
    actor: { id: string; name: string } | null,
    action: string,
    note: string | null,
  ) =>
    tx.execute(sql`INSERT INTO financing_need_events (need_id, bank_id, occurred_at, actor_id, actor_name, action, note)
      VALUES (${needId}, ${bankId}, ${at}, ${actor?.id ?? null}, ${actor?.name ?? '系统'}, ${action}, ${note})`);

  interface DemoNeed {
    firm: { id: string; name: string; orgUnitId: string };
    amount: string;
    term: number;
    purpose: string;
    daysAgo: number;
    state: 'submitted' | 'vetted' | 'sent' | 'approved' | 'granted' | 'declined' | 'withdrawn';
    consent?: boolean;
    by?: { id: string; name: string };
    vouched?: string;
    urgency?: 'normal' | 'urgent' | 'critical';
    program?: boolean;
    /** Each bank sent to, with its answer. */
    answers?: {
      bankId: string;
      state: 'sent' | 'accepted' | 'documents_requested' | 'approved' | 'declined' | 'granted' | 'closed';
      amount?: string;
      rate?: string;
      reason?: string;
    }[];
    granted?: { bankId: string; amount: string; daysAgo: number };
  }
  const f = (i: number) => firms[i]!;
  const needs: DemoNeed[] = [
    {
      firm: own,
      amount: '800000',
      term: 12,
      purpose: '采购原材料，补充流动资金',
      daysAgo: 1,
      state: 'submitted',
      by: member,
      urgency: 'urgent',
    },
    { firm: f(1), amount: '1500000', term: 24, purpose: '新建生产线设备购置', daysAgo: 3, state: 'vetted' },
    {
      firm: {
        id: chamberMembers[0]!.id,
        name: chamberMembers[0]!.name,
        orgUnitId: chamberMembers[0]!.org_unit_id,
      },
      amount: '2000000',
      term: 12,
      purpose: '订单增加，补充流动资金',
      daysAgo: 8,
      state: 'sent',
      vouched: '会员企业经营稳定，订单充足，商会推荐',
      program: true,
      answers: [
        { bankId: ccb.id, state: 'accepted' },
        { bankId: bocom.id, state: 'sent' },
      ],
    },
    {
      firm: f(2),
      amount: '500000',
      term: 6,
      purpose: '支付员工工资，稳定岗位',
      daysAgo: 12,
      state: 'approved',
      urgency: 'critical',
      program: true,
      answers: [{ bankId: bocom.id, state: 'approved', amount: '500000', rate: '2.80' }],
    },
    {
      firm: f(3),
      amount: '3000000',
      term: 36,
      purpose: '厂房扩建',
      daysAgo: 40,
      state: 'granted',
      answers: [
        { bankId: ccb.id, state: 'granted', amount: '3000000', rate: '3.65' },
        { bankId: bocom.id, state: 'closed' },
      ],
      granted: { bankId: ccb.id, amount: '3000000', daysAgo: 20 },
    },
    {
      firm: f(4),
      amount: '1000000',
      term: 12,
      purpose: '技术研发投入',
      daysAgo: 25,
      state: 'granted',
      program: true,
      answers: [{ bankId: bocom.id, state: 'granted', amount: '800000', rate: '3.20' }],
      granted: { bankId: bocom.id, amount: '800000', daysAgo: 5 },
    },
    {
      firm: f(5),
      amount: '600000',
      term: 12,
      purpose: '补充流动资金',
      daysAgo: 30,
      state: 'declined',
      answers: [{ bankId: ccb.id, state: 'declined', reason: '近两年纳税记录不足，暂不符合信用贷条件' }],
    },
    { firm: f(6), amount: '400000', term: 6, purpose: '采购设备', daysAgo: 15, state: 'withdrawn' },
    {
      firm: f(7),
      amount: '1200000',
      term: 18,
      purpose: '门店装修与备货',
      daysAgo: 2,
      state: 'submitted',
      consent: false,
    },
  ];

  for (const need of needs) {
    const createdAt = ago(need.daysAgo);
    const author = need.by ?? { id: staff.id, name: staff.name };
    const granted = need.granted;
    const grantedAnswer = need.answers?.find((a) => a.state === 'granted');
    const { rows } = await tx.execute<{
      id: string;
    }>(sql`INSERT INTO financing_needs (org_unit_id, enterprise_id,
        amount_fen, term_months, purpose, urgency, program_id, consent, consent_changed_at, vouched_chamber_id,
        vouch_note, vouched_by, vouched_at, state, vetted_at, first_sent_at, granted_bank_id, granted_amount_fen,
        granted_rate, granted_on, withdrawn_at, withdraw_reason, created_by, created_at, updated_at)
      VALUES (${need.firm.orgUnitId}, ${need.firm.id}, ${yuanToFen(need.amount)}, ${need.term}, ${need.purpose},
        ${need.urgency ?? 'normal'}, ${need.program ? programId : null}, ${need.consent ?? true}, ${createdAt},
        ${need.vouched ? chamber.id : null}, ${need.vouched ?? null}, ${need.vouched ? secretary.id : null},
        ${need.vouched ? createdAt : null}, ${need.state},
        ${need.state === 'submitted' ? null : createdAt}, ${need.answers ? createdAt : null},
        ${granted?.bankId ?? null}, ${granted ? yuanToFen(granted.amount) : null},
        ${grantedAnswer?.rate ?? null}::numeric, ${granted ? dayOf(ago(granted.daysAgo)) : null}::date,
        ${need.state === 'withdrawn' ? ago(need.daysAgo - 2) : null},
        ${need.state === 'withdrawn' ? '企业已通过其他渠道解决资金' : null}, ${author.id}, ${createdAt}, ${now})
      RETURNING id`);
    const id = rows[0]!.id;
    await event(
      id,
      null,
      createdAt,
      author,
      'created',
      need.consent === false ? '企业尚未授权共享数据' : '企业已授权向推送银行共享数据',
    );
    if (need.vouched) await event(id, null, createdAt, secretary, 'vouch', need.vouched);
    if (need.state !== 'submitted') await event(id, null, createdAt, staff, 'vet', null);
    for (const answer of need.answers ?? []) {
      const bank = answer.bankId === ccb.id ? ccb : bocom;
      const banker = bankers[answer.bankId];
      const answeredAt = ago(Math.max(need.daysAgo - 2, 0));
      await tx.execute(sql`INSERT INTO financing_need_banks (need_id, bank_id, state, sent_at, sent_by, answered_at,
          approved_amount_fen, approved_rate, approved_term_months, approved_at, decline_reason, declined_at,
          granted_amount_fen, granted_on, updated_at)
        VALUES (${id}, ${answer.bankId}, ${answer.state}, ${createdAt}, ${staff.id},
          ${answer.state === 'sent' ? null : answeredAt}, ${answer.amount ? yuanToFen(answer.amount) : null},
          ${answer.rate ?? null}::numeric, ${answer.amount ? need.term : null}, ${answer.amount ? answeredAt : null},
          ${answer.reason ?? null}, ${answer.reason ? answeredAt : null},
          ${answer.state === 'granted' && granted ? yuanToFen(granted.amount) : null},
          ${answer.state === 'granted' && granted ? dayOf(ago(granted.daysAgo)) : null}::date, ${now})`);
      await event(id, answer.bankId, createdAt, staff, 'send', `推送至${bank.name}`);
      if (answer.state === 'accepted')
        await event(id, answer.bankId, answeredAt, banker ?? null, 'accept', null);
      if (answer.amount) {
        await event(
          id,
          answer.bankId,
          answeredAt,
          banker ?? null,
          'approve',
          `审批 ${answer.amount} 元，年利率 ${answer.rate}%，期限 ${need.term} 个月`,
        );
      }
      if (answer.reason) await event(id, answer.bankId, answeredAt, banker ?? null, 'decline', answer.reason);
      if (answer.state === 'granted' && granted) {
        await event(
          id,
          answer.bankId,
          ago(granted.daysAgo),
          banker ?? null,
          'grant',
          `放款 ${granted.amount} 元`,
        );
      }
    }
    if (need.state === 'withdrawn')
      await event(id, null, ago(need.daysAgo - 2), staff, 'withdraw', '企业已通过其他渠道解决资金');
    if (need.program) {
      await tx.execute(sql`INSERT INTO financing_program_entries (program_id, enterprise_id, outcome, amount_fen,
          recommended_by, recommended_at, updated_at)
        VALUES (${programId}, ${need.firm.id}, ${granted ? 'granted' : need.state === 'approved' ? 'listed' : 'recommended'},
          ${granted ? yuanToFen(granted.amount) : null}, ${staff.id}, ${createdAt}, ${now})`);
    }
  }
}
