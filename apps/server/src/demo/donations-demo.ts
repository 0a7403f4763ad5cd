// The demo district's 捐赠: two campaigns (冬日里的温暖 this winter, 乡村振兴定向帮扶 this year) and one
// long-running program (为千户家庭送温暖, in its fourth year, with donations in each), and donations of every
// kind — cash, goods with items and valuation, services, a rent reduction — through a foundation, a
// charity or directly, one directed to a named county, one by the 东湖街道商会's party branch with its
// givers; most confirmed, some acknowledged, some still pledged (the enterprise contact's own report among
// them). Dated from the app's clock, within its year.
import { and, asc, eq, isNull, like } from 'drizzle-orm';
import { yuanToFen } from '@qinqing/shared';
import { shanghaiDay, shiftDay } from '../core/calendar/working-days.ts';
import type { Tx } from '../db/connection.ts';
import {
  donationCampaigns,
  donations,
  enterprises,
  orgUnits,
  partyOrganizations,
  people,
  users,
} from '../db/schema/index.ts';

type DonationInsert = typeof donations.$inferInsert;

export async function seedDonationsDemo(tx: Tx, now: Date): Promise<void> {
  const today = shanghaiDay(now);
  const year = Number(today.slice(0, 4));
  // Days before today, kept within this year so that this year's figures show them.
  const daysAgo = (n: number) => {
    const day = shiftDay(today, -n);
    return day.startsWith(String(year)) ? day : `${year}-01-0${1 + (n % 9)}`;
  };
  const [district] = await tx.select().from(orgUnits).where(eq(orgUnits.name, '示例区工商联'));
  const [chamber] = await tx.select().from(orgUnits).where(eq(orgUnits.name, '东湖街道商会'));
  const [staff] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'staff'));
  const [member] = await tx
    .select({ id: users.id, enterpriseId: users.enterpriseId })
    .from(users)
    .where(eq(users.username, 'member'));
  if (!district || !chamber || !staff) return;
  const givers = await tx
    .select({ id: enterprises.id, name: enterprises.name, orgUnitId: enterprises.orgUnitId })
    .from(enterprises)
    .innerJoin(orgUnits, eq(orgUnits.id, enterprises.orgUnitId))
    .where(and(like(orgUnits.path, `${district.path}%`), isNull(enterprises.mergedIntoId)))
    .orderBy(asc(enterprises.sortKey), asc(enterprises.id))
    .limit(12);
  const [branch] = await tx
    .select()
    .from(partyOrganizations)
    .where(eq(partyOrganizations.chamberId, chamber.id));
  const [person] = await tx
    .select({ id: people.id, name: people.name, orgUnitId: people.orgUnitId })
    .from(people)
    .innerJoin(orgUnits, eq(orgUnits.id, people.orgUnitId))
    .where(like(orgUnits.path, `${district.path}%`))
    .orderBy(asc(people.sortKey))
    .limit(1);
  if (givers.length < 8) return;

  const campaign = (
    values: Omit<typeof donationCampaigns.$inferInsert, 'createdBy' | 'createdAt' | 'updatedAt'>,
  ) =>
    tx
      .insert(donationCampaigns)
      .values({ ...values, createdBy: staff.id, createdAt: now, updatedAt: now })
      .returning({ id: donationCampaigns.id })
      .then((rows) => rows[0]!.id);
  const winter = await campaign({
    orgUnitId: district.id,
    name: '冬日里的温暖',
    kind: 'campaign',
    description: '为辖区困难家庭送去棉衣、米面油和取暖补贴。',
    startsOn: daysAgo(40),
    endsOn: `${year}-12-31`,
    targetFen: yuanToFen('300000'),
    beneficiaryHouseholds: 320,
  });
  const rural = await campaign({
    orgUnitId: district.id,
    name: '乡村振兴定向帮扶',
    kind: 'campaign',
    description: '会员企业对口帮扶结对县的产业和教育项目。',
    startsOn: `${year}-03-01`,
    endsOn: `${year}-12-31`,
    targetFen: yuanToFen('1000000'),
  });
  const program = await campaign({
    orgUnitId: district.id,
    name: '为千户家庭送温暖',
    kind: 'program',
    description: '自 ' + (year - 3) + ' 年起，每年岁末为辖区困难家庭送去生活物资和慰问金。',
    startsOn: `${year - 3}-01-01`,
    beneficiaryHouseholds: 1000,
    beneficiaryPersons: 2800,
  });

  const from = (i: number) => givers[i % givers.length]!;
  const base = (i: number): Pick<DonationInsert, 'orgUnitId' | 'donorEnterpriseId' | 'donorName'> => ({
    orgUnitId: from(i).orgUnitId,
    donorEnterpriseId: from(i).id,
    donorName: from(i).name,
  });
  const confirmed = (day: string): Pick<DonationInsert, 'state' | 'confirmedBy' | 'confirmedAt'> => ({
    state: 'received',
    confirmedBy: staff.id,
    confirmedAt: new Date(`${day}T16:00:00+08:00`),
  });
  const rows: DonationInsert[] = [
    {
      ...base(0),
      campaignId: winter,
      kind: 'cash',
      amountFen: yuanToFen('50000'),
      channel: 'foundation',
      channelName: '示例区光彩事业促进会',
      recipient: '示例区慈善协会',
      donatedOn: daysAgo(30),
      receiptNumber: 'GC-0001',
      ...confirmed(daysAgo(29)),
      state: 'acknowledged',
      acknowledgedAt: new Date(`${daysAgo(28)}T10:00:00+08:00`),
    },
    {
      ...base(1),
      campaignId: winter,
      kind: 'goods',
      amountFen: yuanToFen('18600'),
      items: [
        { name: '棉衣', quantity: 200, unit: '件', value: '12000.00' },
        { name: '米面油礼包', quantity: 110, unit: '份', value: '6600.00' },
      ],
      channel: 'direct',
      recipient: '东湖街道社区服务中心',
      donatedOn: daysAgo(21),
      receiptNumber: 'GC-0002',
      ...confirmed(daysAgo(20)),
    },
    {
      ...base(2),
      campaignId: rural,
      kind: 'cash',
      amountFen: yuanToFen('200000'),
      channel: 'charity',
      channelName: '示例市慈善总会',
      recipient: '结对帮扶县教育基金',
      directed: true,
      directedTo: '甘肃省示例县',
      donatedOn: daysAgo(60),
      receiptNumber: 'XC-0001',
      ...confirmed(daysAgo(58)),
    },
    {
      ...base(3),
      campaignId: rural,
      kind: 'services',
      amountFen: yuanToFen('36000'),
      channel: 'direct',
      recipient: '示例县职业中学',
      note: '派出 6 名工程师为职业中学开设电商实训课，按市场价折价。',
      donatedOn: daysAgo(45),
      ...confirmed(daysAgo(44)),
    },
    {
      ...base(4),
      kind: 'rent_reduction',
      amountFen: yuanToFen('84000'),
      rentTenants: 14,
      rentMonths: 3,
      channel: 'direct',
      recipient: '园区小微企业租户',
      donatedOn: daysAgo(90),
      ...confirmed(daysAgo(88)),
    },
    {
      orgUnitId: chamber.id,
      donorChamberId: chamber.id,
      donorName: chamber.name,
      campaignId: winter,
      kind: 'cash',
      amountFen: yuanToFen('12000'),
      channel: 'direct',
      recipient: '东湖街道困难家庭',
      donatedOn: daysAgo(14),
      receiptNumber: 'GC-0003',
      ...confirmed(daysAgo(13)),
    },
    {
      ...base(5),
      campaignId: winter,
      kind: 'cash',
      amountFen: yuanToFen('8000'),
      channel: 'direct',
      recipient: '西山街道社区服务中心',
      donatedOn: daysAgo(3),
      receiptNumber: 'GC-0004',
      state: 'pledged',
    },
  ];
  if (branch) {
    rows.push({
      orgUnitId: branch.orgUnitId,
      donorPartyOrganizationId: branch.id,
      donorName: branch.name,
      campaignId: winter,
      kind: 'cash',
      amountFen: yuanToFen('6850.50'),
      partyMemberCount: Math.max(1, Math.floor(branch.memberCount * 0.7)),
      channel: 'charity',
      channelName: '示例区慈善协会',
      donatedOn: daysAgo(10),
      receiptNumber: 'GC-0005',
      ...confirmed(daysAgo(9)),
    });
  }
  if (person) {
    rows.push({
      orgUnitId: person.orgUnitId,
      donorPersonId: person.id,
      donorName: person.name,
      campaignId: winter,
      kind: 'cash',
      amountFen: yuanToFen('5000'),
      channel: 'direct',
      recipient: '东湖街道困难家庭',
      donatedOn: daysAgo(12),
      ...confirmed(daysAgo(11)),
    });
  }
  const own = member?.enterpriseId
    ? await tx
        .select({ id: enterprises.id, name: enterprises.name, orgUnitId: enterprises.orgUnitId })
        .from(enterprises)
        .where(eq(enterprises.id, member.enterpriseId))
    : [];
  if (own[0] && member) {
    // The enterprise contact's own report: waits for staff to confirm it.
    rows.push({
      orgUnitId: own[0].orgUnitId,
      donorEnterpriseId: own[0].id,
      donorName: own[0].name,
      campaignId: winter,
      kind: 'goods',
      amountFen: yuanToFen('4500'),
      items: [{ name: '电暖器', quantity: 30, unit: '台', value: '4500.00' }],
      channel: 'direct',
      recipient: '东湖街道敬老院',
      donatedOn: daysAgo(2),
      state: 'pledged',
      recordedBy: member.id,
    });
  }
  // The program's history: each of the last four years, several members at the year's end.
  for (let back = 3; back >= 0; back--) {
    const day = back === 0 ? daysAgo(7) : `${year - back}-12-${String(10 + back).padStart(2, '0')}`;
    for (let i = 0; i < 4; i++) {
      rows.push({
        ...base(6 + i + back),
        campaignId: program,
        kind: i % 2 === 0 ? 'cash' : 'goods',
        amountFen: yuanToFen(String(20000 + 5000 * i + 1000 * back)),
        items:
          i % 2 === 0
            ? []
            : [{ name: '慰问品', quantity: 100, unit: '份', value: `${20000 + 5000 * i + 1000 * back}.00` }],
        channel: 'foundation',
        channelName: '示例区光彩事业促进会',
        recipient: '辖区困难家庭',
        donatedOn: day,
        ...confirmed(day),
      });
    }
  }
  await tx
    .insert(donations)
    .values(rows.map((row) => ({ recordedBy: staff.id, createdAt: now, updatedAt: now, ...row })));
}
