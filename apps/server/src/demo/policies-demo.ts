// The demo district's 惠企政策: a dozen real-looking policies at the four levels — most published, two
// expired, one draft from the 人力资源社会保障局's liaison, one closing within a week — whose conditions
// fit the demo enterprise contact's enterprise (so 适合我的政策 shows them) and near-miss others; one push
// to the matched enterprises with reads and a mark, and two redemptions (one approved with its amount, one
// applied). Dated from the app's clock.
import { sql } from 'drizzle-orm';
import { yuanToFen, type PolicyCondition } from '@qinqing/shared';
import { shanghaiDay, shiftDay } from '../core/calendar/working-days.ts';
import type { Tx } from '../db/connection.ts';
import { insertPolicy, matchedIds } from '../modules/policies/repository.ts';
import { policyWriteOf } from '../modules/policies/service.ts';

interface DemoPolicy {
  title: string;
  documentNumber: string;
  issuer: string;
  level: 'national' | 'province' | 'city' | 'district';
  benefitKind: 'subsidy' | 'tax' | 'loan_interest' | 'rent' | 'talent' | 'employment' | 'other';
  redemption: 'automatic' | 'quick' | 'application';
  summary: string;
  /** Days before today it was published (and took effect). */
  publishedDaysAgo: number;
  /** Days from today the application window closes; null: no window. */
  closesInDays: number | null;
  /** Days from today it expires (negative: expired already). */
  expiresInDays: number | null;
  amountMax?: string;
  tags: string[];
  conditions: PolicyCondition[];
  state: 'draft' | 'published' | 'expired';
  department?: boolean;
}

export async function seedPoliciesDemo(tx: Tx, now: Date): Promise<void> {
  const today = shanghaiDay(now);
  const { rows: units } = await tx.execute<{ id: string; path: string; name: string }>(
    sql`SELECT id, path, name FROM org_units WHERE name IN ('示例区工商联', '人力资源社会保障局')`,
  );
  const district = units.find((unit) => unit.name === '示例区工商联');
  const department = units.find((unit) => unit.name === '人力资源社会保障局');
  const { rows: accounts } = await tx.execute<{ username: string; id: string; enterprise_id: string | null }>(
    sql`SELECT username, id, enterprise_id FROM users WHERE username IN ('staff', 'liaison', 'member')`,
  );
  const userOf = (name: string) => accounts.find((account) => account.username === name);
  const staff = userOf('staff');
  const member = userOf('member');
  if (!district || !department || !staff || !member?.enterprise_id) return;
  const { rows: facts } = await tx.execute<{ industry_code: string | null; size: string | null }>(
    sql`SELECT industry_code, size FROM enterprises WHERE id = ${member.enterprise_id}`,
  );
  const industry = facts[0]?.industry_code ?? null;
  const size = facts[0]?.size ?? null;
  // Conditions the member's enterprise meets, and one it misses (a near miss for it, a match for others).
  const fitsMember: PolicyCondition[] = [
    { field: 'status', op: 'in', values: ['active'] },
    ...(industry
      ? [{ field: 'industry', op: 'prefix', values: [industry.slice(0, 2)] } as PolicyCondition]
      : []),
    ...(size ? [{ field: 'size', op: 'in', values: [size] } as PolicyCondition] : []),
  ];
  const policies: DemoPolicy[] = [
    {
      title: '关于进一步支持中小微企业纾困发展的若干措施',
      documentNumber: '示政办发〔2026〕15号',
      issuer: '示例区人民政府办公室',
      level: 'district',
      benefitKind: 'subsidy',
      redemption: 'application',
      summary: '对符合条件的中小微企业给予一次性纾困补贴，按上年度实缴社保人数每人500元，最高20万元。',
      publishedDaysAgo: 20,
      closesInDays: 5,
      expiresInDays: 200,
      amountMax: '200000.00',
      tags: ['纾困', '中小微企业'],
      conditions: [...fitsMember, { field: 'manual', op: 'text', values: ['上年度无重大安全生产事故'] }],
      state: 'published',
    },
    {
      title: '示例区科技型企业研发费用补助实施细则',
      documentNumber: '示科发〔2026〕7号',
      issuer: '示例区科学技术委员会',
      level: 'district',
      benefitKind: 'subsidy',
      redemption: 'quick',
      summary: '按企业上年度研发投入的10%给予补助，单个企业最高50万元。',
      publishedDaysAgo: 35,
      closesInDays: 40,
      expiresInDays: 330,
      amountMax: '500000.00',
      tags: ['研发', '科技'],
      conditions: [...fitsMember, { field: 'tag', op: 'in', values: ['高新技术企业', '专精特新'] }],
      state: 'published',
    },
    {
      title: '小微企业和个体工商户所得税优惠政策',
      documentNumber: '财政部 税务总局公告2023年第12号',
      issuer: '财政部 国家税务总局',
      level: 'national',
      benefitKind: 'tax',
      redemption: 'automatic',
      summary: '对小型微利企业减按25%计算应纳税所得额，按20%的税率缴纳企业所得税，政策延续执行。',
      publishedDaysAgo: 300,
      closesInDays: null,
      expiresInDays: 700,
      tags: ['减税降费'],
      conditions: [{ field: 'size', op: 'in', values: ['small', 'micro'] }],
      state: 'published',
    },
    {
      title: '关于延续实施普惠金融有关税收优惠政策的公告',
      documentNumber: '财政部 税务总局公告2023年第16号',
      issuer: '财政部 国家税务总局',
      level: 'national',
      benefitKind: 'loan_interest',
      redemption: 'automatic',
      summary: '金融机构向小型企业、微型企业和个体工商户发放小额贷款取得的利息收入免征增值税。',
      publishedDaysAgo: 420,
      closesInDays: null,
      expiresInDays: -30,
      tags: ['普惠金融'],
      conditions: [{ field: 'size', op: 'in', values: ['small', 'micro'] }],
      state: 'expired',
    },
    {
      title: '省级专精特新中小企业奖补资金申报指南',
      documentNumber: '示省经信发〔2026〕21号',
      issuer: '省经济和信息化厅',
      level: 'province',
      benefitKind: 'subsidy',
      redemption: 'application',
      summary: '对新认定的省级专精特新中小企业一次性奖励30万元。',
      publishedDaysAgo: 60,
      closesInDays: 25,
      expiresInDays: 300,
      amountMax: '300000.00',
      tags: ['专精特新'],
      conditions: [
        { field: 'tag', op: 'in', values: ['专精特新'] },
        { field: 'size', op: 'in', values: ['medium', 'small', 'micro'] },
        { field: 'status', op: 'in', values: ['active'] },
      ],
      state: 'published',
    },
    {
      title: '省级稳岗返还和一次性扩岗补助政策',
      documentNumber: '示省人社发〔2026〕9号',
      issuer: '省人力资源和社会保障厅',
      level: 'province',
      benefitKind: 'employment',
      redemption: 'automatic',
      summary: '不裁员或少裁员的参保企业按上年度实际缴纳失业保险费的60%返还，中小微企业提高至90%。',
      publishedDaysAgo: 90,
      closesInDays: 60,
      expiresInDays: 270,
      tags: ['稳岗'],
      conditions: [...fitsMember.filter((c) => c.field !== 'industry')],
      state: 'published',
    },
    {
      title: '市级中小企业贷款贴息专项资金管理办法',
      documentNumber: '示市财发〔2026〕33号',
      issuer: '示例市财政局',
      level: 'city',
      benefitKind: 'loan_interest',
      redemption: 'application',
      summary: '对中小企业在本市银行机构取得的流动资金贷款，按贷款市场报价利率的50%给予贴息，最高100万元。',
      publishedDaysAgo: 45,
      closesInDays: 30,
      expiresInDays: 320,
      amountMax: '1000000.00',
      tags: ['融资', '贴息'],
      conditions: [...fitsMember, { field: 'partyOrganization', op: 'is', values: [true] }],
      state: 'published',
    },
    {
      title: '市级商贸流通企业房租减免办法',
      documentNumber: '示市商发〔2026〕5号',
      issuer: '示例市商务局',
      level: 'city',
      benefitKind: 'rent',
      redemption: 'quick',
      summary: '承租国有房屋的商贸流通小微企业减免3个月租金。',
      publishedDaysAgo: 200,
      closesInDays: null,
      expiresInDays: -10,
      tags: ['房租减免'],
      conditions: [
        { field: 'industry', op: 'prefix', values: ['F'] },
        { field: 'size', op: 'in', values: ['small', 'micro'] },
      ],
      state: 'expired',
    },
    {
      title: '示例区高层次人才安居补贴实施办法',
      documentNumber: '示人才办〔2026〕2号',
      issuer: '示例区委人才工作领导小组办公室',
      level: 'district',
      benefitKind: 'talent',
      redemption: 'application',
      summary: '对企业引进的高层次人才按层次给予每月3000元至10000元安居补贴，最长36个月。',
      publishedDaysAgo: 15,
      closesInDays: 75,
      expiresInDays: 700,
      tags: ['人才'],
      conditions: [
        { field: 'status', op: 'in', values: ['active'] },
        { field: 'manual', op: 'text', values: ['引进人才须与企业签订3年以上劳动合同'] },
      ],
      state: 'published',
    },
    {
      title: '示例区餐饮企业消防安全改造补贴',
      documentNumber: '示应急发〔2026〕4号',
      issuer: '示例区应急管理局',
      level: 'district',
      benefitKind: 'subsidy',
      redemption: 'application',
      summary: '对完成燃气报警和自动灭火改造的餐饮企业按改造费用50%给予补贴，最高5万元。',
      publishedDaysAgo: 10,
      closesInDays: 50,
      expiresInDays: 360,
      amountMax: '50000.00',
      tags: ['安全生产'],
      conditions: [
        { field: 'industry', op: 'prefix', values: ['62'] },
        { field: 'status', op: 'in', values: ['active'] },
      ],
      state: 'published',
    },
    {
      title: '国家高新技术企业认定奖励',
      documentNumber: '示科发〔2026〕11号',
      issuer: '示例区科学技术委员会',
      level: 'district',
      benefitKind: 'subsidy',
      redemption: 'quick',
      summary: '首次通过国家高新技术企业认定的给予20万元奖励。',
      publishedDaysAgo: 5,
      closesInDays: 90,
      expiresInDays: 360,
      amountMax: '200000.00',
      tags: ['高企'],
      conditions: [{ field: 'tag', op: 'in', values: ['高新技术企业'] }],
      state: 'published',
    },
    {
      title: '重点群体就业见习补贴（征求意见稿）',
      documentNumber: '示人社发〔2026〕草',
      issuer: '示例区人力资源社会保障局',
      level: 'district',
      benefitKind: 'employment',
      redemption: 'application',
      summary: '吸纳离校未就业高校毕业生参加就业见习的，按当地最低工资标准的70%给予见习补贴。',
      publishedDaysAgo: 0,
      closesInDays: 120,
      expiresInDays: 500,
      tags: ['就业'],
      conditions: [{ field: 'status', op: 'in', values: ['active'] }],
      state: 'draft',
      department: true,
    },
  ];

  const ids: string[] = [];
  for (const demo of policies) {
    const effectiveOn = shiftDay(today, -demo.publishedDaysAgo);
    const values = policyWriteOf({
      title: demo.title,
      documentNumber: demo.documentNumber,
      issuer: demo.issuer,
      level: demo.level,
      benefitKind: demo.benefitKind,
      summary: demo.summary,
      fullText: `${demo.summary}\n\n第一条 为贯彻落实党中央、国务院关于支持民营经济发展壮大的决策部署，制定本措施。\n第二条 申报企业应当依法登记注册、信用良好。\n第三条 本措施由发文单位负责解释。`,
      publishedOn: demo.state === 'draft' ? null : effectiveOn,
      effectiveOn,
      expiresOn: demo.expiresInDays === null ? null : shiftDay(today, demo.expiresInDays),
      redemption: demo.redemption,
      applicationOpensOn: demo.closesInDays === null ? null : effectiveOn,
      applicationClosesOn: demo.closesInDays === null ? null : shiftDay(today, demo.closesInDays),
      amountMin: demo.amountMax ? '0' : null,
      amountMax: demo.amountMax ?? null,
      contact: '示例区工商联经济服务部 010-6500 0000',
      tags: demo.tags,
      conditions: demo.conditions,
    });
    const id = await insertPolicy(tx, {
      ...values,
      orgUnitId: demo.department ? department.id : district.id,
      reachPath: district.path,
      createdBy: demo.department ? (userOf('liaison')?.id ?? staff.id) : staff.id,
      now,
    });
    if (demo.state !== 'draft')
      await tx.execute(
        sql`UPDATE policies SET state = ${demo.state}, published_at = ${now},
              expired_at = ${demo.state === 'expired' ? now : null} WHERE id = ${id}`,
      );
    ids.push(id);
  }

  // One push of the first policy to its matched enterprises, read by a few, marked by one.
  const [first] = ids;
  const pushed = await matchedIds(tx, policies[0]!.conditions, district.path, sql`true`);
  const { rows: push } = await tx.execute<{ id: string }>(
    sql`INSERT INTO policy_pushes (policy_id, org_unit_id, target, pushed_by, targeted, notified, created_at, finished_at)
        VALUES (${first}, ${district.id}, 'matched', ${staff.id}, ${pushed.length}, ${pushed.length}, ${now}, ${now})
        RETURNING id`,
  );
  await tx.execute(
    sql`INSERT INTO policy_recipients (policy_id, enterprise_id, push_id, notified_at)
        SELECT ${first}, id, ${push[0]!.id}, ${now} FROM unnest(${sql.param(pushed)}::uuid[]) AS id`,
  );
  const readers = pushed.filter((id) => id !== member.enterprise_id).slice(0, Math.ceil(pushed.length / 3));
  await tx.execute(
    sql`INSERT INTO policy_reads (policy_id, enterprise_id, read_at)
        SELECT ${first}, id, ${now} FROM unnest(${sql.param(readers)}::uuid[]) AS id`,
  );
  if (readers[0])
    await tx.execute(
      sql`INSERT INTO policy_marks (policy_id, enterprise_id, mark, marked_at)
          VALUES (${first}, ${readers[0]}, 'interested', ${now})`,
    );
  await tx.execute(
    sql`INSERT INTO notifications (user_id, kind, title, body, link, object_type, object_id, dedupe_key, created_at)
        VALUES (${member.id}, 'policy.pushed', '有一项惠企政策适合贵企业', ${`《${policies[0]!.title}》`},
          ${`/policies/${first}`}, 'policy', ${first}, ${`policy:${first}:pushed`}, ${now})`,
  );
  // Two redemptions: one approved with its amount, one applied.
  for (const [index, enterpriseId] of readers.slice(0, 2).entries()) {
    await tx.execute(
      sql`INSERT INTO policy_redemptions (policy_id, enterprise_id, org_unit_id, status, applied_on, decided_on,
            amount_fen, confirmed, recorded_by, confirmed_by, created_at, updated_at)
          SELECT ${first}, e.id, e.org_unit_id, ${index === 0 ? 'approved' : 'applied'},
            ${shiftDay(today, -12)}::date, ${index === 0 ? shiftDay(today, -2) : null}::date,
            ${index === 0 ? yuanToFen('150000.00').toString() : null}::bigint, true, ${staff.id}, ${staff.id}, ${now}, ${now}
            FROM enterprises e WHERE e.id = ${enterpriseId}`,
    );
  }
}
