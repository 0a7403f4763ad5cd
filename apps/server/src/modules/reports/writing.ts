// 报告行文 the prose of a report, as a federation writes it: figures turned into sentences ("本季度共收集会员
// 企业诉求40条，涉及企业22家，已解决25条，解决率62.5%…"), numbers as officials print them (percentages with
// one decimal, 万 for large counts), sections numbered 一、二、 and （一）（二）, the tables, the representative
// cases, and the staff's commentary. Pure: the same figures and commentary always read the same.
import {
  APPEAL_STATE_WORDS,
  yuanInWords,
  COMMENTARY_SECTIONS,
  periodLabelZh,
  type AppealFigures,
  type CommentaryKey,
  type PeriodRange,
  type ReportType,
} from '@qinqing/shared';
import { figuresOf } from '../appeal-stats/service.ts';
import { addCounters, type CaseData, type ReportData } from './figures.ts';
import { bracketed, joinClauses, tidyPunctuation } from './punctuation.ts';

// Numbers --------------------------------------------------------------------------------------------------

/** A share 0–1, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Counts as printed: digits below 100,000, then 万 with up to two decimals (123456 → 12.35万). */
export function formatCount(n: number): string {
  if (Math.abs(n) < 100_000) return String(n);
  return `${(Math.round(n / 100) / 100).toFixed(2).replace(/\.?0+$/, '')}万`;
}

/** A rate with one decimal (0.625 → 62.5%); no base, a dash. */
export function formatPercent(value: number | null): string {
  if (value === null) return '—';
  return `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

const day = (iso: string) => ({
  y: Number(iso.slice(0, 4)),
  m: Number(iso.slice(5, 7)),
  d: Number(iso.slice(8, 10)),
});

/** 2026年11月22日 (成文日期 in Arabic numerals, as GB/T 9704-2012 has it). */
export function chineseDate(iso: string): string {
  const { y, m, d } = day(iso);
  return `${y}年${m}月${d}日`;
}

/** 11月16日. */
export function monthDay(iso: string): string {
  const { m, d } = day(iso);
  return `${m}月${d}日`;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (headings never run past 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

// Rates ----------------------------------------------------------------------------------------------------

export interface ReportRates {
  /** 走访覆盖率: active members visited ÷ active members. */
  coverage: number | null;
  /** The appeals received in the period: 三率 and 按时办结率 as the appeal figures define them. */
  appeals: AppealFigures;
  /** The forwards made in the period, all departments together. */
  departments: AppealFigures;
}

export function ratesOf(data: ReportData): ReportRates {
  return {
    coverage: rate(data.visits.covered, data.visits.base),
    appeals: figuresOf(data.appeals, data.appeals.enterprises),
    departments: figuresOf(addCounters(data.departments.map((d) => d.counters)), 0),
  };
}

// The document model ---------------------------------------------------------------------------------------

/** A paragraph may open with a run-in level-2 heading (（一）会员发展。) set in 楷体. */
export type ReportBlock =
  | { kind: 'heading1'; text: string }
  | { kind: 'paragraph'; lead?: string; text: string }
  | { kind: 'table'; header: string[]; rows: string[][]; widths: number[] };

/**
 * 版头 the masthead GB/T 9704-2012 sets above the title, as a federation's 专报 and 简报 carry it: 份号 at the
 * top left, the issuing body's mark in red centred, the issue number under it, the line naming who compiled
 * it and the date, and the red rule.
 */
export interface ReportMasthead {
  /** 份号: six digits. */
  copyNumber: string;
  /** 发文机关标志: 示例区工商联专报. */
  mark: string;
  /** 期号: 2026年第3期. */
  issue: string;
  /** 编发单位: 示例区工商联编. */
  compiledBy: string;
}

export interface ReportDocument {
  masthead: ReportMasthead;
  title: string;
  /** A line under the title (the week's days), or none. */
  subtitle: string | null;
  blocks: ReportBlock[];
  /** 发文机关署名 and 成文日期. */
  issuer: string;
  issuedOn: string;
}

export const COMMENTARY_LABELS: Record<ReportType, Record<string, string>> = {
  weekly: { highlights: '工作亮点', problems: '存在问题', nextSteps: '下周工作安排' },
  monthly: { highlights: '工作亮点', problems: '存在问题', nextSteps: '下月工作打算' },
  quarterly: { highlights: '工作亮点', problems: '存在问题', nextSteps: '下季度工作打算' },
  'special-difficulties': { analysis: '原因分析', suggestions: '意见建议', nextSteps: '下步工作打算' },
};

const NEXT_WORD: Record<ReportType, string> = {
  weekly: '下周',
  monthly: '下月',
  quarterly: '下季度',
  'special-difficulties': '下步',
};

/**
 * The sentence a commentary section staff have not written says instead: a report goes out without a
 * placeholder, each section saying in words that it has nothing to report.
 */
export function commentaryWhenEmpty(type: ReportType, key: string): string {
  const word = PERIOD_WORD[type];
  switch (key) {
    case 'highlights':
      return `${word}无需单独报告的工作亮点。`;
    case 'problems':
      return `${word}未发现需要单独报告的突出问题。`;
    case 'nextSteps':
      return `${NEXT_WORD[type]}工作按既定安排推进。`;
    case 'analysis':
      return `${word}暂未形成需要单独报告的原因分析。`;
    case 'suggestions':
      return `${word}暂无新增意见建议。`;
    default:
      return `${word}无需单独报告的${commentaryLabel(type, key)}。`;
  }
}

export function commentaryLabel(type: ReportType, key: string): string {
  return COMMENTARY_LABELS[type][key] ?? key;
}

export function reportTitle(type: ReportType, unitName: string, period: string): string {
  const label = periodLabelZh(type, period);
  switch (type) {
    case 'weekly':
      return `${unitName}工作周报`;
    case 'monthly':
      return `${unitName}${label}工作总结`;
    case 'quarterly':
      return `${unitName}${label}工作考核情况报告`;
    case 'special-difficulties':
      return `${label}会员企业困难问题调研报告`;
  }
}

const PERIOD_WORD: Record<ReportType, string> = {
  weekly: '本周',
  monthly: '本月',
  quarterly: '本季度',
  'special-difficulties': '本季度',
};

/** How an appeal was handled, in a clause: 经转交金融办办理，已解决（办理结果：…）. */
export function caseHandling(c: Pick<CaseData, 'state' | 'outcome' | 'departmentName' | 'answer'>): string {
  const via = c.departmentName ? `经转交${c.departmentName}办理，` : '';
  if (c.outcome === 'resolved') {
    const answer = c.answer?.replace(/\s+/g, ' ').trim();
    const result = answer
      ? bracketed(`办理结果：${answer.length > 40 ? `${answer.slice(0, 40)}……` : answer}`)
      : '';
    return `${via}已解决${result}`;
  }
  if (c.outcome === 'unsolvable') return `${via}已作出解释说明`;
  if (['forwarded', 'in_progress', 'returned'].includes(c.state)) {
    return c.departmentName ? `已转交${c.departmentName}，正在办理中` : '正在办理中';
  }
  if (c.state === 'valid') return '已受理，正在研究转办';
  if (c.state === 'submitted') return '已登记，待受理';
  if (c.state === 'invalid') return '经核实不属于诉求受理范围';
  if (c.state === 'merged') return '已并入同一事项的诉求一并办理';
  // Answered, confirmed or closed without an outcome: only its state can be said, in the state's word.
  return APPEAL_STATE_WORDS[c.state as keyof typeof APPEAL_STATE_WORDS]?.zh ?? '正在办理中';
}

export interface WriteInput {
  type: ReportType;
  period: string;
  range: PeriodRange;
  unitName: string;
  data: ReportData;
  commentary: Readonly<Record<string, string>>;
  /** The day the report was generated (成文日期). */
  issuedOn: string;
  /** The report's revision: its 份号. */
  revision: number;
}

const MASTHEAD_WORD: Record<ReportType, string> = {
  weekly: '工作简报',
  monthly: '工作简报',
  quarterly: '工作简报',
  'special-difficulties': '专报',
};

/**
 * 期号: the period's place in its year — the week, month or quarter number (a 专报 is quarterly), so that
 * the issues of a year are numbered in order whenever they are generated.
 */
export function issueNumber(period: string): string {
  const [year, part] = period.split(/-W|-Q|-/);
  return `${year}年第${Number(part)}期`;
}

export function mastheadOf(
  input: Pick<WriteInput, 'type' | 'period' | 'unitName' | 'revision'>,
): ReportMasthead {
  return {
    copyNumber: String(input.revision).padStart(6, '0'),
    mark: `${input.unitName}${MASTHEAD_WORD[input.type]}`,
    issue: issueNumber(input.period),
    compiledBy: `${input.unitName}编`,
  };
}

/** Joins clauses with Chinese commas, ending the sentence with one 。. */
const sentence = (clauses: readonly string[]) => joinClauses(clauses);

function memberText(input: WriteInput, word: string): string {
  const m = input.data.members;
  const movement =
    m.joined === 0 && m.left === 0
      ? `${word}无新入会和退会会员企业`
      : `${word}新入会${formatCount(m.joined)}家，退会${formatCount(m.left)}家`;
  return `截至${chineseDate(input.data.asOf)}，${input.unitName}共有在册会员企业${formatCount(m.active)}家；${movement}。`;
}

function visitText(input: WriteInput, word: string): string {
  const v = input.data.visits;
  if (v.done === 0) return `${word}未开展会员企业走访。`;
  const coverage = ratesOf(input.data).coverage;
  return sentence([
    `${word}共走访会员企业${formatCount(v.done)}次`,
    `覆盖企业${formatCount(v.enterprises)}家`,
    coverage === null ? '' : `会员企业走访覆盖率${formatPercent(coverage)}`,
  ]);
}

/** The appeals sentence every report carries: counts, then the rates that have a base. */
function appealText(input: WriteInput, word: string): string {
  const a = input.data.appeals;
  if (a.received === 0) return `${word}未收到会员企业诉求。`;
  const r = ratesOf(input.data).appeals;
  const rates = [
    r.responseRate === null ? '' : `响应率${formatPercent(r.responseRate)}`,
    r.satisfactionRate === null ? '' : `满意率${formatPercent(r.satisfactionRate)}`,
    r.onTimeRate === null ? '' : `按时办结率${formatPercent(r.onTimeRate)}`,
  ].filter(Boolean);
  const parts = [
    `${word}共收集会员企业诉求${formatCount(a.received)}条，涉及企业${formatCount(a.enterprises)}家，其中有效诉求${formatCount(a.valid)}条，转交职能部门办理${formatCount(a.forwarded)}条`,
    `已解决${formatCount(a.resolved)}条${r.resolutionRate === null ? '' : `，解决率${formatPercent(r.resolutionRate)}`}`,
  ];
  if (rates.length > 0) parts.push(rates.join('，'));
  let text = `${parts.join('；')}。`;
  if (a.openOverdue > 0) text += `目前超期未办结${formatCount(a.openOverdue)}条，已督促相关部门加快办理。`;
  return text;
}

function suggestionText(input: WriteInput, word: string): string {
  const s = input.data.suggestions;
  if (s.submitted === 0) return `${word}未报送建言。`;
  const adopted = s.adopted + s.partlyAdopted;
  const partly = s.partlyAdopted > 0 ? `（其中部分采纳${formatCount(s.partlyAdopted)}条）` : '';
  return `${word}向有关方面报送建言${formatCount(s.submitted)}条，获采纳${formatCount(adopted)}条${partly}。`;
}

/**
 * （五）社会责任: what members, chambers and party organizations gave (the donation measures; amounts in 元
 * under 10,000, else 万元, from exact fen). Empty for a report generated before these were counted.
 */
function socialText(input: WriteInput, word: string): string {
  const social = input.data.social;
  if (!social) return '';
  const fen = (id: string) => social[id] ?? 0;
  const count = fen('donations.count');
  if (count === 0) return `${word}未登记已确认的捐款捐物。`;
  const parts = [
    `${word}会员企业、商会、党组织及代表人士捐款捐物${yuanInWords(fen('donations.amount'))}（已确认${formatCount(count)}笔，捐赠主体${formatCount(fen('donations.donors'))}个）`,
  ];
  const inKind = fen('donations.inKind');
  parts.push(
    `其中捐款${yuanInWords(fen('donations.cash'))}${inKind > 0 ? `，物资、服务及减免租金折价${yuanInWords(inKind)}` : ''}`,
  );
  const directed = fen('donations.directed');
  if (directed > 0) {
    parts.push(
      `定向捐赠${yuanInWords(directed)}，占${formatPercent(social['donations.directedShare'] ?? null)}`,
    );
  }
  return `${parts.join('；')}。`;
}

/**
 * events (issue 16): （六）教育培训 — events held, 人次, persons, enterprises and member coverage, the chambers
 * that missed a month, honours won (the education measures). Empty for a report generated before these were counted.
 */
function educationText(input: WriteInput, word: string): string {
  const education = input.data.education;
  if (!education) return '';
  const n = (id: string) => education[id] ?? 0;
  const parts: string[] = [];
  if (n('events.held') === 0) parts.push(`${word}未登记教育培训活动`);
  else {
    const training = n('events.training');
    parts.push(
      `${word}组织开展各类教育培训活动${formatCount(n('events.held'))}场${training > 0 ? `（其中培训班${formatCount(training)}期）` : ''}，` +
        `参加${formatCount(n('events.personTimes'))}人次、${formatCount(n('events.persons'))}人，覆盖企业${formatCount(n('events.enterprises'))}家`,
    );
    if (n('events.membersReached') > 0)
      parts.push(
        `参加活动的会员企业${formatCount(n('events.membersReached'))}家，占在册会员的${formatPercent(education['events.coverage'] ?? null)}`,
      );
  }
  const missing = n('events.chambersMissingMonths');
  parts.push(missing > 0 ? `${formatCount(missing)}个商会有月份未开展活动` : '各商会每月均开展了活动');
  const honours = n('honours.total');
  if (honours > 0) {
    const high = n('honours.nationalOrProvincial');
    parts.push(
      `会员企业和代表人士获得荣誉称号${formatCount(honours)}项${high > 0 ? `，其中国家级、省级${formatCount(high)}项` : ''}`,
    );
  }
  return `${parts.join('；')}。`;
}

/**
 * （七）惠企政策: policies published, enterprises reached and read, applications and what was obtained (the
 * policy measures; amounts from exact fen). Empty for a report generated before these were counted.
 */
function policyText(input: WriteInput, word: string): string {
  const figures = input.data.policies;
  if (!figures) return '';
  const value = (id: string) => figures[id] ?? 0;
  const published = value('policies.published');
  const pushed = value('policies.pushed');
  if (published === 0 && pushed === 0 && value('policies.approved') === 0)
    return `${word}未发布或推送惠企政策。`;
  const parts = [`${word}发布惠企政策${formatCount(published)}项`];
  if (pushed > 0)
    parts.push(
      `向${formatCount(pushed)}家（次）企业精准推送，已读${formatCount(value('policies.read'))}家（次），阅读率${formatPercent(figures['policies.readRate'] ?? null)}`,
    );
  parts.push(`登记企业申报${formatCount(value('policies.applied'))}笔`);
  const approved = value('policies.approved');
  if (approved > 0)
    parts.push(
      `兑现${formatCount(approved)}笔，帮助企业获得政策资金${yuanInWords(value('policies.amount'))}`,
    );
  return `${parts.join('，')}。`;
}

/** Amounts the way financing is reported: 亿元 from a hundred million yuan up, else as yuanInWords. */
function loanAmountInWords(fen: number): string {
  const value = BigInt(fen);
  if (value < 10_000_000_000n) return yuanInWords(value);
  // 亿元 to two decimals = fen ÷ 10^8 (to 0.01 亿元 = 10^6 yuan), rounded half up.
  const hundredths = (value + 50_000_000n) / 100_000_000n;
  return `${hundredths / 100n}.${String(hundredths % 100n).padStart(2, '0')}亿元`;
}

/**
 * 融资对接 (银会企): needs gathered, sent to banks, approved, and the loans brought about ("促成贷款80笔达8亿元"),
 * from the financing measures. Empty for a report generated before they were counted.
 */
function financingText(input: WriteInput, word: string): string {
  const financing = input.data.financing;
  if (!financing) return '';
  const value = (id: string) => financing[id] ?? 0;
  const needs = value('financing.needs');
  const granted = value('financing.granted');
  if (needs === 0 && granted === 0) return `${word}未收集企业融资需求。`;
  const parts = [
    `${word}收集企业融资需求${formatCount(needs)}个、金额${loanAmountInWords(value('financing.amountAsked'))}，其中商会推荐${formatCount(value('financing.vouched'))}个，推送合作银行${formatCount(value('financing.sent'))}个`,
    `银行审批通过${formatCount(value('financing.approved'))}笔`,
    `促成贷款${formatCount(granted)}笔达${loanAmountInWords(value('financing.grantedAmount'))}`,
  ];
  return `${parts.join('；')}。`;
}

/** 从诉求类别看，融资类诉求最多，共12条，占30.0%；其次是社保类8条、用工类5条。 */
function categoryOverview(input: WriteInput): string {
  const { categories, appeals } = input.data;
  const [first, ...rest] = categories;
  if (!first) return '';
  const share = formatPercent(rate(first.counters.received, appeals.received));
  let text = `从诉求类别看，${first.name}类诉求最多，共${formatCount(first.counters.received)}条，占${share}`;
  const next = rest.slice(0, 2).map((c) => `${c.name}类${formatCount(c.counters.received)}条`);
  if (next.length > 0) text += `；其次是${next.join('、')}`;
  return `${text}。`;
}

function categoryTable(input: WriteInput): ReportBlock {
  const total = input.data.appeals.received;
  return {
    kind: 'table',
    header: ['序号', '诉求类别', '数量（条）', '占比', '已解决（条）'],
    // Wide enough for each header on one line at 4号.
    widths: [10, 24, 22, 20, 24],
    rows: input.data.categories.map((c, i) => [
      String(i + 1),
      c.name,
      formatCount(c.counters.received),
      formatPercent(rate(c.counters.received, total)),
      formatCount(c.counters.resolved),
    ]),
  };
}

function departmentText(input: WriteInput, word: string): string {
  const departments = input.data.departments.length;
  if (departments === 0) return `${word}未向职能部门转交诉求。`;
  const f = ratesOf(input.data).departments;
  return sentence([
    `${word}共向${formatCount(departments)}个职能部门转交诉求${formatCount(f.forwarded)}件次`,
    `按时响应${formatCount(f.respondedOnTime)}件次${f.responseRate === null ? '' : `，响应率${formatPercent(f.responseRate)}`}`,
    `部门办理已解决${formatCount(f.resolved)}件次`,
    f.satisfactionRate === null ? '' : `满意率${formatPercent(f.satisfactionRate)}`,
  ]);
}

function departmentTable(input: WriteInput): ReportBlock {
  return {
    kind: 'table',
    header: ['序号', '职能部门', '转交件次', '按时响应', '响应率', '已解决', '满意率'],
    widths: [9, 25, 15, 15, 12, 12, 12],
    rows: input.data.departments.map((d, i) => {
      const f = figuresOf(d.counters, 0);
      return [
        String(i + 1),
        d.name,
        formatCount(f.forwarded),
        formatCount(f.respondedOnTime),
        formatPercent(f.responseRate),
        formatCount(f.resolved),
        formatPercent(f.satisfactionRate),
      ];
    }),
  };
}

/** 如甲公司反映“…”，经转交金融办办理，已解决；乙公司反映“…”，正在办理中。 */
function casesText(cases: readonly CaseData[]): string {
  if (cases.length === 0) return '';
  return `${cases.map((c, i) => `${i === 0 ? '如' : ''}${c.enterpriseName}反映“${c.title}”，${caseHandling(c)}`).join('；')}。`;
}

/** The top categories, one paragraph each: （一）融资方面。共12条，占30.0%，已解决8条。如… */
function categoryParagraphs(input: WriteInput, suffix: string): ReportBlock[] {
  const total = input.data.appeals.received;
  return input.data.categories
    .filter((c) => c.cases.length > 0)
    .map((c, i) => ({
      kind: 'paragraph' as const,
      lead: `（${chineseNumber(i + 1)}）${c.name}${suffix}。`,
      text: `共${formatCount(c.counters.received)}条，占诉求总数的${formatPercent(rate(c.counters.received, total))}，已解决${formatCount(c.counters.resolved)}条。${casesText(c.cases)}`,
    }));
}

/** Key figures of an assessment (考核), one row each. */
function indicatorTable(input: WriteInput): ReportBlock {
  const d = input.data;
  const r = ratesOf(d);
  const rows: [string, string][] = [
    ['在册会员企业（家）', formatCount(d.members.active)],
    ['新入会会员企业（家）', formatCount(d.members.joined)],
    ['走访会员企业（次）', formatCount(d.visits.done)],
    ['会员企业走访覆盖率', formatPercent(r.coverage)],
    ['收集诉求（条）', formatCount(d.appeals.received)],
    ['解决率', formatPercent(r.appeals.resolutionRate)],
    ['响应率', formatPercent(r.appeals.responseRate)],
    ['满意率', formatPercent(r.appeals.satisfactionRate)],
    ['按时办结率', formatPercent(r.appeals.onTimeRate)],
    ['报送建言（条）', formatCount(d.suggestions.submitted)],
    ['获采纳建言（条）', formatCount(d.suggestions.adopted + d.suggestions.partlyAdopted)],
  ];
  return {
    kind: 'table',
    header: ['序号', '考核指标', '完成情况'],
    widths: [12, 58, 30],
    rows: rows.map(([label, value], i) => [String(i + 1), label, value]),
  };
}

/** Commentary paragraphs: one per line the staff wrote, or the sentence saying there is nothing to report. */
function commentaryBlocks(input: WriteInput, key: CommentaryKey): ReportBlock[] {
  const lines = (input.commentary[key] ?? '')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  if (lines.length === 0) return [{ kind: 'paragraph', text: commentaryWhenEmpty(input.type, key) }];
  return lines.map((text) => ({ kind: 'paragraph', text }));
}

/** A paragraph's punctuation mended where its pieces met (punctuation.ts); tables and headings as they are. */
function tidyBlock(block: ReportBlock): ReportBlock {
  if (block.kind !== 'paragraph') return block;
  const text = tidyPunctuation(block.text);
  // A run-in heading ends with its own 。; the text after it must not open with another mark.
  return { ...block, text: block.lead ? text.replace(/^[。，；]+/u, '') : text };
}

/** Numbers level-1 headings in order: 一、二、三、 */
class Outline {
  private n = 0;
  readonly blocks: ReportBlock[] = [];
  heading(text: string): this {
    this.blocks.push({ kind: 'heading1', text: `${chineseNumber(++this.n)}、${text}` });
    return this;
  }
  add(...blocks: ReportBlock[]): this {
    this.blocks.push(...blocks.filter((b) => b.kind !== 'paragraph' || b.text !== '' || b.lead));
    return this;
  }
}

/** The work paragraphs of the routine reports: （一）会员发展 … （四）建言献策. */
function workParagraphs(input: WriteInput, word: string, withTopCategories: boolean): ReportBlock[] {
  let appeals = appealText(input, word);
  if (withTopCategories && input.data.categories.length > 0) {
    const top = input.data.categories
      .slice(0, 3)
      .map((c) => `${c.name}（${formatCount(c.counters.received)}条）`);
    appeals += `诉求主要集中在${top.join('、')}等方面。`;
  }
  return [
    { kind: 'paragraph', lead: '（一）会员发展。', text: memberText(input, word) },
    { kind: 'paragraph', lead: '（二）走访服务。', text: visitText(input, word) },
    { kind: 'paragraph', lead: '（三）诉求办理。', text: appeals },
    { kind: 'paragraph', lead: '（四）建言献策。', text: suggestionText(input, word) },
    // The domains' paragraphs, numbered on from （五） in this order, each where its figures were counted.
    ...[
      input.data.social && { name: '社会责任', text: () => socialText(input, word) },
      input.data.education && { name: '教育培训', text: () => educationText(input, word) },
      input.data.policies && { name: '惠企政策', text: () => policyText(input, word) },
      input.data.financing && { name: '融资对接', text: () => financingText(input, word) },
    ]
      .filter((section) => !!section)
      .map((section, index) => ({
        kind: 'paragraph' as const,
        lead: `（${SECTION_NUMBERS[index]}）${section.name}。`,
        text: section.text(),
      })),
  ];
}

/** The numbers of the paragraphs after （四）建言献策. */
const SECTION_NUMBERS = ['五', '六', '七', '八', '九', '十'];

function runningNote(input: WriteInput): string {
  return input.data.asOf < input.range.to ? `（数据截至${chineseDate(input.data.asOf)}）` : '';
}

function commentaryHeadings(input: WriteInput, outline: Outline): void {
  for (const key of COMMENTARY_SECTIONS[input.type]) {
    outline.heading(commentaryLabel(input.type, key)).add(...commentaryBlocks(input, key));
  }
}

/** The whole report, block by block, as the .docx prints it. */
export function writeReport(input: WriteInput): ReportDocument {
  const word = PERIOD_WORD[input.type];
  const label = periodLabelZh(input.type, input.period);
  const span = `${chineseDate(input.range.from)}至${monthDay(input.range.to)}`;
  const outline = new Outline();
  let subtitle: string | null = null;

  switch (input.type) {
    case 'weekly':
      subtitle = `（${label}：${monthDay(input.range.from)}—${monthDay(input.range.to)}）`;
      outline.add({
        kind: 'paragraph',
        text: `现将${input.unitName}${label}（${span}）工作情况汇报如下${runningNote(input)}。`,
      });
      outline.heading('本周工作情况').add(...workParagraphs(input, word, true));
      break;
    case 'monthly':
      outline.add({
        kind: 'paragraph',
        text: `现将${input.unitName}${label}工作情况总结如下${runningNote(input)}。`,
      });
      outline.heading('主要工作情况').add(...workParagraphs(input, word, false));
      if (input.data.categories.length > 0) {
        outline
          .heading('诉求分类及典型案例')
          .add({ kind: 'paragraph', text: categoryOverview(input) }, categoryTable(input))
          .add(...categoryParagraphs(input, '类诉求'));
      }
      outline.heading('部门办理情况').add({ kind: 'paragraph', text: departmentText(input, word) });
      if (input.data.departments.length > 0) outline.add(departmentTable(input));
      break;
    case 'quarterly':
      outline.add({
        kind: 'paragraph',
        text: `根据每季一考核工作安排，现将${input.unitName}${label}（${span}）工作完成情况报告如下${runningNote(input)}。`,
      });
      outline
        .heading('主要工作完成情况')
        .add(...workParagraphs(input, word, false))
        .add(
          { kind: 'paragraph', lead: '（五）主要指标完成情况。', text: '详见下表。' },
          indicatorTable(input),
        );
      outline.heading('诉求办理考核情况').add({ kind: 'paragraph', text: departmentText(input, word) });
      if (input.data.departments.length > 0) outline.add(departmentTable(input));
      if (input.data.categories.length > 0) {
        outline
          .heading('诉求分类及典型案例')
          .add({ kind: 'paragraph', text: categoryOverview(input) }, categoryTable(input))
          .add(...categoryParagraphs(input, '类诉求'));
      }
      break;
    case 'special-difficulties': {
      outline.add({
        kind: 'paragraph',
        text: `为及时掌握会员企业生产经营中遇到的困难和问题，${label}，${input.unitName}通过走访、调研、商会反映和企业自主提交等渠道收集会员企业诉求，逐条转交职能部门办理并跟踪问效${runningNote(input)}。现将有关情况报告如下。`,
      });
      outline
        .heading('基本情况')
        .add(
          { kind: 'paragraph', text: visitText(input, word) },
          { kind: 'paragraph', text: appealText(input, word) },
        );
      outline.heading('企业反映的主要困难和问题');
      if (input.data.categories.length === 0) {
        outline.add({ kind: 'paragraph', text: `${word}未收到会员企业反映的困难和问题。` });
      } else {
        outline
          .add({ kind: 'paragraph', text: categoryOverview(input) }, categoryTable(input))
          .add(...categoryParagraphs(input, '方面'));
      }
      outline.heading('诉求办理情况').add({ kind: 'paragraph', text: departmentText(input, word) });
      if (input.data.departments.length > 0) outline.add(departmentTable(input));
      break;
    }
  }
  commentaryHeadings(input, outline);
  return {
    masthead: mastheadOf(input),
    title: reportTitle(input.type, input.unitName, input.period),
    subtitle,
    blocks: outline.blocks.map(tidyBlock),
    issuer: input.unitName,
    issuedOn: chineseDate(input.issuedOn),
  };
}
