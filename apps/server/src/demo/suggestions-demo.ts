// The demo district's 建言: a proposal adopted by the district government, a comment on a draft policy
// awaiting the answer, and a proposal still in draft — by the `staff` account, dated relative to the day
// the demo is seeded (kept within its year, so this year's counts show them). Linked to the demo's
// appeals when the appeals demo has put some there.
import { shanghaiDay, shiftDay } from '../core/calendar/working-days.ts';
import { and, eq, inArray, like } from 'drizzle-orm';
import type { SuggestionKind, SuggestionStatus } from '@qinqing/shared';
import { nextNumber } from '../modules/suggestions/repository.ts';
import type { Tx } from '../db/connection.ts';
import { appeals, orgUnits, suggestionAppeals, suggestions, users } from '../db/schema/index.ts';

/** Asia/Shanghai is UTC+8 all year. */

interface DemoSuggestion {
  kind: SuggestionKind;
  title: string;
  body: string;
  policyTitle?: string;
  targetBody: string;
  status: SuggestionStatus;
  submittedDaysAgo?: number;
  decidedDaysAgo?: number;
  /** `{year}` stands for the year seeded. */
  documentRef?: string;
  decisionNote?: string;
  /** Demo appeals of these categories it was built from, if any exist. */
  appealCategories: string[];
}

const DEMO_SUGGESTIONS: readonly DemoSuggestion[] = [
  {
    kind: 'proposal',
    title: '关于缓解民营企业技术工人招聘难的建议',
    body:
      '走访中多家会员企业反映技术工人招聘难、留用难。建议：一、由区人力社保局牵头，每季度举办民营企业专场招聘会；' +
      '二、将民营企业技术工人纳入区级人才公寓申请范围；三、扩大以工代训补贴覆盖面。',
    targetBody: '区人民政府',
    status: 'adopted',
    submittedDaysAgo: 45,
    decidedDaysAgo: 12,
    documentRef: '示政办发〔{year}〕12号',
    decisionNote: '区政府办公室来函：专场招聘会和以工代训补贴两项建议已写入年度稳就业工作方案。',
    appealCategories: ['employment', 'social_insurance'],
  },
  {
    kind: 'policy_comment',
    title: '对《示例区促进民营经济高质量发展若干措施（征求意见稿）》的意见',
    body:
      '经征求商会和会员企业意见，提出三条修改意见：第五条融资贴息门槛建议由年营业收入 2000 万元降至 500 万元；' +
      '第九条建议明确惠企政策“免申即享”清单；第十二条建议增加对异地商会会员企业的适用说明。',
    policyTitle: '示例区促进民营经济高质量发展若干措施（征求意见稿）',
    targetBody: '区发展改革委',
    status: 'submitted',
    submittedDaysAgo: 8,
    appealCategories: ['financing', 'policy'],
  },
  {
    kind: 'proposal',
    title: '关于减轻小微企业房租负担的建议',
    body: '部分小微企业反映园区房租上涨较快。建议对国有产业园区内的小微企业租户给予阶段性租金减免，并引导民营园区跟进。',
    targetBody: '区政协',
    status: 'draft',
    appealCategories: ['rent'],
  },
];

export async function seedSuggestionsDemo(tx: Tx, now: Date): Promise<void> {
  const today = shanghaiDay(now);
  const startOfYear = `${today.slice(0, 4)}-01-01`;
  const daysAgo = (days: number | undefined) => {
    if (days === undefined) return null;
    const day = shiftDay(today, -days);
    return day < startOfYear ? startOfYear : day;
  };
  const [district] = await tx
    .select({ id: orgUnits.id, path: orgUnits.path })
    .from(orgUnits)
    .where(eq(orgUnits.name, '示例区工商联'));
  const [staff] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'staff'));
  if (!district || !staff) return;
  for (const demo of DEMO_SUGGESTIONS) {
    const [row] = await tx
      .insert(suggestions)
      .values({
        orgUnitId: district.id,
        number: await nextNumber(tx, Number(today.slice(0, 4))),
        kind: demo.kind,
        title: demo.title,
        body: demo.body,
        policyTitle: demo.policyTitle ?? null,
        targetBody: demo.targetBody,
        status: demo.status,
        submittedOn: daysAgo(demo.submittedDaysAgo),
        decidedOn: daysAgo(demo.decidedDaysAgo),
        documentRef: demo.documentRef?.replace('{year}', today.slice(0, 4)) ?? null,
        decisionNote: demo.decisionNote ?? null,
        createdBy: staff.id,
      })
      .returning({ id: suggestions.id });
    const linked = await tx
      .select({ id: appeals.id })
      .from(appeals)
      .innerJoin(orgUnits, eq(orgUnits.id, appeals.orgUnitId))
      .where(
        and(inArray(appeals.categoryCode, demo.appealCategories), like(orgUnits.path, `${district.path}%`)),
      )
      .orderBy(appeals.number)
      .limit(2);
    if (linked.length > 0) {
      await tx
        .insert(suggestionAppeals)
        .values(linked.map((appeal) => ({ suggestionId: row!.id, appealId: appeal.id })));
    }
  }
}
