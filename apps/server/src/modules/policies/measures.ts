// 惠企政策指标 the policy measures of an org unit's subtree and a period: policies published (owned by the
// subtree, published in the period), enterprises of the subtree reached by a push in the period, how many of
// them read it, the read rate, marked interested, applied (marked applying or a redemption recorded),
// approved and the amount obtained (confirmed redemptions decided in the period, in fen). The dashboard's
// policy card, the reports' paragraph and the stats page read them from here.
import { sql } from 'drizzle-orm';
import {
  listPath,
  measuresOf,
  rate,
  type MeasureAsk,
  type MeasureSource,
} from '../../core/measures/registry.ts';
import type { DbOrTx } from '../../db/connection.ts';

export interface PolicyTotals {
  published: number;
  pushed: number;
  read: number;
  interested: number;
  applied: number;
  approved: number;
  amountFen: string;
}

export async function policyTotals(
  db: DbOrTx,
  unit: { orgPath: string },
  period: { from: string; to: string },
): Promise<PolicyTotals> {
  const subtree = sql`(SELECT id FROM org_units WHERE path LIKE ${unit.orgPath + '%'})`;
  const pushedInPeriod = sql`r.notified_at >= (${period.from}::date)::timestamp AT TIME ZONE 'Asia/Shanghai'
      AND r.notified_at < (${period.to}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai'`;
  const { rows } = await db.execute<PolicyTotals & Record<string, unknown>>(
    sql`SELECT
          (SELECT count(*)::int FROM policies p WHERE p.org_unit_id IN ${subtree} AND p.state <> 'draft'
             AND p.published_on BETWEEN ${period.from}::date AND ${period.to}::date) AS published,
          count(*)::int AS pushed,
          count(rd.policy_id)::int AS read,
          count(*) FILTER (WHERE mk.mark = 'interested')::int AS interested,
          (SELECT count(*)::int FROM policy_redemptions d WHERE d.org_unit_id IN ${subtree} AND d.confirmed
             AND coalesce(d.applied_on, d.decided_on, d.created_at::date) BETWEEN ${period.from}::date AND ${period.to}::date)
            AS applied,
          (SELECT count(*)::int FROM policy_redemptions d WHERE d.org_unit_id IN ${subtree} AND d.confirmed
             AND d.status = 'approved' AND d.decided_on BETWEEN ${period.from}::date AND ${period.to}::date) AS approved,
          (SELECT coalesce(sum(d.amount_fen), 0)::text FROM policy_redemptions d WHERE d.org_unit_id IN ${subtree}
             AND d.confirmed AND d.status = 'approved'
             AND d.decided_on BETWEEN ${period.from}::date AND ${period.to}::date) AS "amountFen"
        FROM policy_recipients r JOIN enterprises e ON e.id = r.enterprise_id
        LEFT JOIN policy_reads rd ON rd.policy_id = r.policy_id AND rd.enterprise_id = r.enterprise_id
        LEFT JOIN policy_marks mk ON mk.policy_id = r.policy_id AND mk.enterprise_id = r.enterprise_id
       WHERE e.org_unit_id IN ${subtree} AND ${pushedInPeriod}`,
  );
  return rows[0]!;
}

const policyList = (ask: MeasureAsk, params: Record<string, string | undefined> = {}) =>
  listPath('/policies', { orgUnitId: ask.listUnitId, from: ask.period.from, to: ask.period.to, ...params });

export const policyTotalsSource: MeasureSource<PolicyTotals> = {
  name: 'policies.totals',
  compute: ({ db, ask }) => policyTotals(db, { orgPath: ask.unit.path }, ask.period),
};

export const policyMeasures = measuresOf(policyTotalsSource, [
  {
    id: 'policies.published',
    label: { zh: '发布政策', en: 'Policies published' },
    unit: 'count',
    definition: '期间内本单位及下级发布的惠企政策数（按发布日期）',
    value: (totals) => totals.published,
    list: (ask) => policyList(ask, { state: 'published' }),
  },
  {
    id: 'policies.pushed',
    label: { zh: '推送企业', en: 'Enterprises reached' },
    unit: 'count',
    definition: '期间内收到政策推送的本辖区企业（每项政策每家企业计一次）',
    value: (totals) => totals.pushed,
    list: () => '/policies/reach',
  },
  {
    id: 'policies.read',
    label: { zh: '已读企业', en: 'Enterprises that read' },
    unit: 'count',
    definition: '其中企业联系人已打开政策的',
    value: (totals) => totals.read,
  },
  {
    id: 'policies.readRate',
    label: { zh: '阅读率', en: 'Read rate' },
    unit: 'ratio',
    definition: '已读企业 ÷ 推送企业',
    value: (totals) => rate(totals.read, totals.pushed),
  },
  {
    id: 'policies.interested',
    label: { zh: '感兴趣', en: 'Interested' },
    unit: 'count',
    definition: '其中企业标记“感兴趣”的',
    value: (totals) => totals.interested,
  },
  {
    id: 'policies.applied',
    label: { zh: '申报企业', en: 'Applications' },
    unit: 'count',
    definition: '期间内登记（或经确认）的企业申报政策的笔数（按申报日期）',
    value: (totals) => totals.applied,
    list: () => '/policies/reach',
  },
  {
    id: 'policies.approved',
    label: { zh: '兑现企业', en: 'Approved' },
    unit: 'count',
    definition: '期间内获批兑现的申兑笔数（按兑现日期）',
    value: (totals) => totals.approved,
  },
  {
    id: 'policies.amount',
    label: { zh: '兑现金额', en: 'Amount obtained' },
    unit: 'fen',
    definition: '期间内企业获批兑现的政策资金合计（按兑现日期，经工商联确认）',
    value: (totals) => Number(totals.amountFen),
    list: () => '/policies/reach',
  },
]);
