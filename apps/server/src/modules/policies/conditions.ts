// 适用条件 a policy's eligibility conditions as data: checked against the reference tables on write, turned
// into SQL over the registry (alias `e` for enterprises) for matching, and judged on one enterprise's facts
// with a reason per condition. The SQL and the judgement read the same fields the same way; a test holds
// them equal on the demo registry. `manual` conditions are a person's to check, never the matcher's.
import {
  CONDITION_FIELD_LABELS,
  ENTERPRISE_SIZE_LABELS,
  MEMBERSHIP_STATUSES,
  MEMBERSHIP_STATUS_LABELS,
  ENTERPRISE_SIZES,
  type ConditionReason,
  type EnterpriseSize,
  type ErrorDetail,
  type MembershipStatus,
  type PolicyCondition,
} from '@qinqing/shared';
import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { divisionByCode } from '../../reference/divisions.ts';
import { industryByCode, industryChildren } from '../../reference/industries.ts';

/** What the matcher knows of one enterprise. */
export interface EnterpriseFacts {
  industryCode: string | null;
  size: string | null;
  divisionCode: string | null;
  tags: readonly string[];
  foundedOn: string | null;
  membershipStatus: string;
  /** The chambers it is a member of: id → name. */
  chambers: ReadonlyMap<string, string>;
  hasPartyOrganization: boolean;
}

export const isStructured = (condition: PolicyCondition) => condition.field !== 'manual';
const texts = (condition: PolicyCondition) => condition.values.map(String);

/** Industry prefixes as codes: a section letter (C 制造业) stands for its divisions' codes. */
function industryPrefixes(condition: PolicyCondition): string[] {
  return texts(condition).flatMap((code) =>
    /^[A-Z]$/.test(code) ? (industryChildren(code) ?? []).map((division) => division.code) : [code],
  );
}

/**
 * Checks every condition's values against the reference tables and the registry: an unknown industry or
 * division code, size, status or chamber is a 400 naming it (`conditions.<i>.values`). Chamber names are
 * answered for the reasons' words.
 */
export async function checkConditions(
  db: DbOrTx,
  conditions: readonly PolicyCondition[],
  path = 'conditions',
): Promise<ErrorDetail[]> {
  const details: ErrorDetail[] = [];
  const fail = (index: number, code: string, message: string) =>
    details.push({ path: `${path}.${index}.values`, code, message });
  for (const [index, condition] of conditions.entries()) {
    const values = texts(condition);
    switch (condition.field) {
      case 'industry':
        for (const code of values)
          if (!industryByCode(code))
            fail(index, 'UNKNOWN_INDUSTRY', `行业代码 ${code} 不在 GB/T 4754-2017 国民经济行业分类中`);
        break;
      case 'division':
        for (const code of values)
          if (!divisionByCode(code))
            fail(index, 'UNKNOWN_DIVISION', `行政区划代码 ${code} 不在 GB/T 2260 行政区划中`);
        break;
      case 'size':
        for (const size of values)
          if (!(ENTERPRISE_SIZES as readonly string[]).includes(size))
            fail(index, 'UNKNOWN_SIZE', `企业规模 ${size} 应为 ${ENTERPRISE_SIZES.join('、')} 之一`);
        break;
      case 'status':
        for (const status of values)
          if (!(MEMBERSHIP_STATUSES as readonly string[]).includes(status))
            fail(index, 'UNKNOWN_STATUS', `会员状态 ${status} 应为 ${MEMBERSHIP_STATUSES.join('、')} 之一`);
        break;
      case 'chamber': {
        const uuids = values.filter((value) => /^[0-9a-f-]{36}$/i.test(value));
        const { rows } = uuids.length
          ? await db.execute<{ id: string }>(
              sql`SELECT id FROM org_units WHERE id = ANY (${sql.param(uuids)}::uuid[])
                    AND kind IN ('chamber', 'association')`,
            )
          : { rows: [] };
        const known = new Set(rows.map((row) => row.id));
        for (const value of values)
          if (!known.has(value)) fail(index, 'UNKNOWN_CHAMBER', `商会 ${value} 不存在`);
        break;
      }
      default:
        break;
    }
  }
  return details;
}

/**
 * A code starting with any of `prefixes`, as one `left(code, n) = ANY (…)` per prefix length: a section
 * letter is some thirty division codes, and thirty LIKE patterns a row cost more than the rest of the match.
 */
function prefixSql(column: SQL, prefixes: readonly string[]): SQL {
  const byLength = new Map<number, string[]>();
  for (const prefix of prefixes)
    byLength.set(prefix.length, [...(byLength.get(prefix.length) ?? []), prefix]);
  const parts = [...byLength].map(
    ([length, codes]) => sql`left(${column}, ${length}) = ANY (${sql.param(codes)}::text[])`,
  );
  return parts.length > 0 ? sql`coalesce(${sql.join(parts, sql` OR `)}, false)` : sql`false`;
}

/** One structured condition as a boolean SQL expression over `e` (never null). */
export function conditionSql(condition: PolicyCondition): SQL {
  const values = texts(condition);
  switch (condition.field) {
    case 'industry':
      return prefixSql(sql`e.industry_code`, industryPrefixes(condition));
    case 'division':
      return prefixSql(sql`e.division_code`, values);
    case 'size':
      return sql`coalesce(e.size = ANY (${sql.param(values)}::text[]), false)`;
    case 'status':
      return sql`(e.membership_status = ANY (${sql.param(values)}::text[]))`;
    case 'tag':
      return sql`(e.tags && ${sql.param(values)}::text[])`;
    case 'founded':
      return condition.op === 'before'
        ? sql`coalesce(e.founded_on < ${values[0]}::date, false)`
        : sql`coalesce(e.founded_on > ${values[0]}::date, false)`;
    case 'chamber':
      return sql`EXISTS (SELECT 1 FROM chamber_memberships cm WHERE cm.enterprise_id = e.id
                           AND cm.chamber_id = ANY (${sql.param(values)}::uuid[]))`;
    case 'partyOrganization':
      return condition.values[0] === true
        ? sql`EXISTS (SELECT 1 FROM party_organizations po WHERE po.enterprise_id = e.id)`
        : sql`NOT EXISTS (SELECT 1 FROM party_organizations po WHERE po.enterprise_id = e.id)`;
    case 'manual':
      return sql`true`;
  }
}

/**
 * Whether a policy's conditions (`conditions`, a jsonb array as policies.conditions holds it) fit an
 * enterprise of these facts, as a boolean SQL expression: the enterprise's list (适合我的政策) reads the
 * few policies that fit it out of thousands published instead of judging each of them here. Every structured
 * condition is judged as judge() judges it; a condition this cannot judge (manual, a field it does not know)
 * lets the policy through, so the expression never refuses a policy judge() would accept — judge() stays
 * the judge of what the enterprise is shown, and why.
 */
export function fitsSql(conditions: SQL, facts: EnterpriseFacts): SQL {
  const code = facts.industryCode;
  const division = code ? industryByCode(code.slice(0, 2)) : undefined;
  // A section letter stands for its divisions: the enterprise's own section is the one it meets.
  const section = division?.level === 'division' ? division.parentCode : null;
  const text = (value: string | null) => sql`${value}::text`;
  return sql`NOT EXISTS (SELECT 1 FROM jsonb_array_elements(${conditions}) c WHERE NOT coalesce(CASE c->>'field'
    WHEN 'industry' THEN EXISTS (SELECT 1 FROM jsonb_array_elements_text(c->'values') v
                                  WHERE starts_with(${text(code)}, v) OR v = ${text(section)})
    WHEN 'division' THEN EXISTS (SELECT 1 FROM jsonb_array_elements_text(c->'values') v
                                  WHERE starts_with(${text(facts.divisionCode)}, v))
    WHEN 'size' THEN ${text(facts.size)} IS NOT NULL AND c->'values' ? ${text(facts.size)}
    WHEN 'status' THEN c->'values' ? ${text(facts.membershipStatus)}
    WHEN 'tag' THEN c->'values' ?| ${sql.param([...facts.tags])}::text[]
    WHEN 'founded' THEN ${text(facts.foundedOn)} IS NOT NULL AND CASE c->>'op'
      WHEN 'before' THEN ${text(facts.foundedOn)} < (c->'values'->>0) COLLATE "C"
      ELSE ${text(facts.foundedOn)} > (c->'values'->>0) COLLATE "C" END
    WHEN 'chamber' THEN c->'values' ?| ${sql.param([...facts.chambers.keys()])}::text[]
    WHEN 'partyOrganization' THEN (c->'values'->0 = 'true'::jsonb) = ${facts.hasPartyOrganization}
  END, true))`;
}

const sizeLabel = (size: string) => ENTERPRISE_SIZE_LABELS[size as EnterpriseSize] ?? size;
const statusLabel = (status: string) => MEMBERSHIP_STATUS_LABELS[status as MembershipStatus] ?? status;
const industryName = (code: string) => industryByCode(code)?.name ?? code;
const divisionName = (code: string) => divisionByCode(code)?.name ?? code;

/** Whether one enterprise meets one structured condition, and why (in the federation's words). */
export function judge(
  condition: PolicyCondition,
  facts: EnterpriseFacts,
  chamberNames: ReadonlyMap<string, string> = new Map(),
): ConditionReason {
  const values = texts(condition);
  const label = CONDITION_FIELD_LABELS[condition.field];
  const reason = (met: boolean, text: string): ConditionReason => ({ field: condition.field, met, text });
  switch (condition.field) {
    case 'industry': {
      const code = facts.industryCode;
      const wanted = values.map((value) => `${value} ${industryName(value)}`).join('、');
      const hit = code ? industryPrefixes(condition).find((prefix) => code.startsWith(prefix)) : undefined;
      if (!code) return reason(false, `${label}：未登记行业，要求 ${wanted}`);
      return hit
        ? reason(true, `${label}：${code} ${industryName(code)}，属于 ${wanted}`)
        : reason(false, `${label}：${code} ${industryName(code)}，不属于 ${wanted}`);
    }
    case 'division': {
      const code = facts.divisionCode;
      const wanted = values.map(divisionName).join('、');
      if (!code) return reason(false, `${label}：未登记行政区划，要求位于 ${wanted}`);
      return values.some((prefix) => code.startsWith(prefix))
        ? reason(true, `${label}：位于 ${divisionName(code)}（${wanted}）`)
        : reason(false, `${label}：位于 ${divisionName(code)}，不在 ${wanted}`);
    }
    case 'size': {
      const wanted = values.map(sizeLabel).join('、');
      if (!facts.size) return reason(false, `${label}：未登记规模，要求 ${wanted}型企业`);
      return values.includes(facts.size)
        ? reason(true, `${label}：${sizeLabel(facts.size)}型企业（要求 ${wanted}型）`)
        : reason(false, `${label}：${sizeLabel(facts.size)}型企业，要求 ${wanted}型`);
    }
    case 'status':
      return values.includes(facts.membershipStatus)
        ? reason(true, `${label}：${statusLabel(facts.membershipStatus)}`)
        : reason(
            false,
            `${label}：${statusLabel(facts.membershipStatus)}，要求 ${values.map(statusLabel).join('、')}`,
          );
    case 'tag': {
      const held = facts.tags.filter((tag) => values.includes(tag));
      return held.length > 0
        ? reason(true, `${label}：${held.join('、')}`)
        : reason(false, `${label}：不具有 ${values.join('、')} 标签`);
    }
    case 'founded': {
      const day = values[0]!;
      const word = condition.op === 'before' ? '之前' : '之后';
      if (!facts.foundedOn) return reason(false, `${label}：未登记成立日期，要求 ${day} ${word}成立`);
      const met = condition.op === 'before' ? facts.foundedOn < day : facts.foundedOn > day;
      return reason(met, `${label}：${facts.foundedOn} 成立，要求 ${day} ${word}`);
    }
    case 'chamber': {
      const held = values.filter((id) => facts.chambers.has(id)).map((id) => facts.chambers.get(id)!);
      const wanted = values.map((id) => chamberNames.get(id) ?? facts.chambers.get(id) ?? id).join('、');
      return held.length > 0
        ? reason(true, `${label}：${held.join('、')}会员`)
        : reason(false, `${label}：不是 ${wanted} 的会员`);
    }
    case 'partyOrganization': {
      const wanted = condition.values[0] === true;
      const met = facts.hasPartyOrganization === wanted;
      const has = facts.hasPartyOrganization ? '已建立党组织' : '未建立党组织';
      return reason(met, `${label}：${has}${met ? '' : `，要求${wanted ? '已建立' : '未建立'}`}`);
    }
    case 'manual':
      return reason(true, `${label}：${values.join('；')}（需人工核对）`);
  }
}

/** The reasons for every structured condition, in order. */
export function judgeAll(
  conditions: readonly PolicyCondition[],
  facts: EnterpriseFacts,
  chamberNames?: ReadonlyMap<string, string>,
): ConditionReason[] {
  return conditions.filter(isStructured).map((condition) => judge(condition, facts, chamberNames));
}

/** The manual conditions' texts. */
export const manualConditions = (conditions: readonly PolicyCondition[]) =>
  conditions.filter((condition) => !isStructured(condition)).flatMap(texts);
