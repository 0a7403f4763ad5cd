// A district of hand-made records for the report tests (报告测试区工商联, beside the demo one so that the
// demo's records never mix in): two streets, two departments with channels, a chamber, five member
// enterprises, visits, appeals of Q3 2026 in every state a report counts, and suggestions. The figures
// they should produce are worked out in reports.test.ts.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ReportView } from '@qinqing/shared';
import { unzipParts } from './zips.ts';
import { DEMO_ROLE_ACCOUNTS, createAccount, json, orgUnitId, type TestApp } from './harness.ts';
import { reportQueueOf } from '../modules/reports/generation.ts';

export const at = (day: string, time = '10:00') => `${day}T${time}:00+08:00`;
const endOf = (day: string) => `${day}T23:59:59+08:00`;

export interface ReportWorld {
  unit: Record<'district' | 's1' | 's2' | 'x' | 'y' | 'chamber', string>;
  enterprise: Record<'e1' | 'e2' | 'e3' | 'e4' | 'e5', string>;
  /** a1–a6 received in Q3 2026; a7 in October. */
  appeal: Record<'a1' | 'a2' | 'a3' | 'a4' | 'a5' | 'a6' | 'a7', string>;
  /** staff and leader of the district, staff of street s1; `demo:<name>` for the demo accounts. */
  cookies: Record<string, string>;
}

interface AppealSpec {
  enterprise: string;
  unit: string;
  category: string;
  title: string;
  state: string;
  receivedOn: string;
  validatedAt?: string;
  forwardedAt?: string;
  respondDueAt?: string;
  resolveDueAt?: string;
  respondedAt?: string;
  outcome?: 'resolved' | 'unsolvable';
  answeredAt?: string;
  overdue?: boolean;
  satisfaction?: string;
}

interface ForwardSpec {
  appeal: string;
  department: string;
  channel: string;
  state: string;
  forwardedAt: string;
  respondDueAt: string;
  resolveDueAt: string;
  respondedAt?: string;
  answeredAt?: string;
  answer?: string;
  responseOverdue?: boolean;
  satisfaction?: string;
}

export async function buildReportWorld(t: TestApp): Promise<ReportWorld> {
  const pool: pg.Pool = t.database.pool;
  let serial = 0;
  const unit = { district: '', s1: '', s2: '', x: '', y: '', chamber: '' };
  const enterprise = { e1: '', e2: '', e3: '', e4: '', e5: '' };
  const channel = { x: '', y: '' };
  const appeal = { a1: '', a2: '', a3: '', a4: '', a5: '', a6: '', a7: '' };
  const cookies: Record<string, string> = {};

  const addUnit = async (parent: string, kind: string, name: string) => {
    const id = randomUUID();
    const parentPath = (
      await pool.query<{ path: string }>('SELECT path FROM org_units WHERE id = $1', [parent])
    ).rows[0]!.path;
    await pool.query(
      'INSERT INTO org_units (id, parent_id, kind, name, path, depth) VALUES ($1, $2, $3, $4, $5, $6)',
      [id, parent, kind, name, `${parentPath}${id}/`, parentPath.split('/').length - 2],
    );
    return id;
  };
  const addAppeal = async (spec: AppealSpec) => {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO appeals (number, enterprise_id, org_unit_id, category_code, title, description, source,
         urgency, state, invalid_reason, received_at, received_on, validated_at, forwarded_at, responded_at,
         respond_due_at, resolve_due_at, outcome, answered_at, overdue, satisfaction)
       VALUES ($1, $2, $3, $4, $5, '报告测试', 'visit', 'normal', $6, CASE WHEN $6 = 'invalid' THEN '非企业诉求' END,
         $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
       RETURNING id`,
      [
        `BG${++serial}`,
        spec.enterprise,
        spec.unit,
        spec.category,
        spec.title,
        spec.state,
        at(spec.receivedOn, '09:00'),
        spec.receivedOn,
        spec.validatedAt ?? null,
        spec.forwardedAt ?? null,
        spec.respondedAt ?? null,
        spec.respondDueAt ?? null,
        spec.resolveDueAt ?? null,
        spec.outcome ?? null,
        spec.answeredAt ?? null,
        spec.overdue ?? false,
        spec.satisfaction ?? null,
      ],
    );
    return rows[0]!.id;
  };
  const addForward = async (spec: ForwardSpec) => {
    await pool.query(
      `INSERT INTO appeal_forwards (appeal_id, round, department_id, channel_id, org_unit_id, category_code, state,
         forwarded_at, forwarded_on, respond_due_at, resolve_due_at, responded_at, answered_at, answer,
         response_overdue, satisfaction)
       SELECT a.id, a.round, $2, $3, a.org_unit_id, a.category_code, $4, $5,
         ($5::timestamptz AT TIME ZONE 'Asia/Shanghai')::date, $6, $7, $8, $9, $10, $11, $12
       FROM appeals a WHERE a.id = $1`,
      [
        spec.appeal,
        spec.department,
        spec.channel,
        spec.state,
        spec.forwardedAt,
        spec.respondDueAt,
        spec.resolveDueAt,
        spec.respondedAt ?? null,
        spec.answeredAt ?? null,
        spec.answer ?? null,
        spec.responseOverdue ?? false,
        spec.satisfaction ?? null,
      ],
    );
  };
  const addVisit = async (enterpriseId: string, orgUnit: string, status: string, day: string) => {
    await pool.query(
      `INSERT INTO visits (enterprise_id, org_unit_id, kind, status, planned_on, visited_on)
       VALUES ($1, $2, 'directed', $3, $4, CASE WHEN $3 = 'done' THEN $4::date END)`,
      [enterpriseId, orgUnit, status, day],
    );
  };

  // A district of its own under the demo city: the demo's records never mix in.
  unit.district = await addUnit(await orgUnitId(t, '示例市工商联'), 'district', '报告测试区工商联');
  unit.s1 = await addUnit(unit.district, 'street', '报告甲街道工商联');
  unit.s2 = await addUnit(unit.district, 'street', '报告乙街道工商联');
  unit.x = await addUnit(unit.district, 'department', '报告测试区金融办');
  unit.y = await addUnit(unit.district, 'department', '报告测试区人力资源社会保障局');
  unit.chamber = await addUnit(unit.s1, 'chamber', '报告甲街道商会');
  // Members: e1 joined in Q3 2026, e2 long before, e3 with no date, e4 withdrew in Q3, e5 joined after Q3.
  const members: [keyof typeof enterprise, string, string | null, string, string | null][] = [
    ['e1', unit.s1, '2026-08-10', 'active', null],
    ['e2', unit.s1, '2025-01-01', 'active', null],
    ['e3', unit.s2, null, 'active', null],
    ['e4', unit.s2, '2024-03-01', 'withdrawn', '2026-09-15'],
    ['e5', unit.s2, '2026-10-05', 'active', null],
  ];
  for (const [key, orgUnit, joinedOn, status, statusOn] of members) {
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO enterprises (org_unit_id, name, uscc, joined_on, membership_status, membership_status_on)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [orgUnit, `报告测试企业${key}有限公司`, `REPORT-${key}-${randomUUID()}`, joinedOn, status, statusOn],
    );
    enterprise[key] = rows[0]!.id;
  }
  for (const key of ['x', 'y'] as const) {
    const { rows } = await pool.query<{ id: string }>(
      'INSERT INTO channels (org_unit_id, department_id, name) VALUES ($1, $2, $3) RETURNING id',
      [unit.district, unit[key], `报告通道${key}`],
    );
    channel[key] = rows[0]!.id;
  }
  // Visits: three done in Q3 (two enterprises), one planned, one done after the quarter.
  await addVisit(enterprise.e1, unit.s1, 'done', '2026-07-15');
  await addVisit(enterprise.e1, unit.s1, 'done', '2026-08-20');
  await addVisit(enterprise.e2, unit.s1, 'done', '2026-09-01');
  await addVisit(enterprise.e3, unit.s2, 'planned', '2026-09-10');
  await addVisit(enterprise.e3, unit.s2, 'done', '2026-10-02');

  // Appeals of Q3 2026: six received from three enterprises (see the figures below).
  appeal.a1 = await addAppeal({
    enterprise: enterprise.e1,
    unit: unit.s1,
    category: 'financing',
    title: '流动资金贷款续贷困难',
    state: 'closed',
    receivedOn: '2026-07-10',
    validatedAt: at('2026-07-10'),
    forwardedAt: at('2026-07-11'),
    respondDueAt: endOf('2026-07-14'),
    resolveDueAt: endOf('2026-07-31'),
    respondedAt: at('2026-07-13'),
    outcome: 'resolved',
    answeredAt: at('2026-07-25'),
    satisfaction: 'satisfied',
  });
  await addForward({
    appeal: appeal.a1,
    department: unit.x,
    channel: channel.x,
    state: 'resolved',
    forwardedAt: at('2026-07-11'),
    respondDueAt: endOf('2026-07-14'),
    resolveDueAt: endOf('2026-07-31'),
    respondedAt: at('2026-07-13'),
    answeredAt: at('2026-07-25'),
    answer: '已协调合作银行办理续贷200万元',
    satisfaction: 'satisfied',
  });
  appeal.a2 = await addAppeal({
    enterprise: enterprise.e2,
    unit: unit.s1,
    category: 'financing',
    title: '申请贴息贷款',
    state: 'in_progress',
    receivedOn: '2026-08-05',
    validatedAt: at('2026-08-05'),
    forwardedAt: at('2026-08-06'),
    respondDueAt: endOf('2026-08-10'),
    resolveDueAt: endOf('2026-12-31'),
    respondedAt: at('2026-08-07'),
  });
  await addForward({
    appeal: appeal.a2,
    department: unit.x,
    channel: channel.x,
    state: 'accepted',
    forwardedAt: at('2026-08-06'),
    respondDueAt: endOf('2026-08-10'),
    resolveDueAt: endOf('2026-12-31'),
    respondedAt: at('2026-08-07'),
  });
  appeal.a3 = await addAppeal({
    enterprise: enterprise.e1,
    unit: unit.s1,
    category: 'financing',
    title: '咨询个人房贷',
    state: 'invalid',
    receivedOn: '2026-09-20',
  });
  appeal.a4 = await addAppeal({
    enterprise: enterprise.e3,
    unit: unit.s2,
    category: 'social_insurance',
    title: '社保补贴申领进度慢',
    state: 'closed',
    receivedOn: '2026-07-20',
    validatedAt: at('2026-07-20'),
    forwardedAt: at('2026-07-21'),
    respondDueAt: endOf('2026-07-22'),
    resolveDueAt: endOf('2026-08-05'),
    respondedAt: at('2026-07-24'),
    outcome: 'resolved',
    answeredAt: at('2026-08-10'),
    satisfaction: 'basically_satisfied',
  });
  await addForward({
    appeal: appeal.a4,
    department: unit.y,
    channel: channel.y,
    state: 'resolved',
    forwardedAt: at('2026-07-21'),
    respondDueAt: endOf('2026-07-22'),
    resolveDueAt: endOf('2026-08-05'),
    respondedAt: at('2026-07-24'),
    answeredAt: at('2026-08-10'),
    satisfaction: 'basically_satisfied',
  });
  appeal.a5 = await addAppeal({
    enterprise: enterprise.e3,
    unit: unit.s2,
    category: 'social_insurance',
    title: '稳岗返还未到账',
    state: 'forwarded',
    receivedOn: '2026-09-05',
    validatedAt: at('2026-09-05'),
    forwardedAt: at('2026-09-07'),
    respondDueAt: endOf('2026-09-08'),
    resolveDueAt: endOf('2026-09-21'),
    overdue: true,
  });
  await addForward({
    appeal: appeal.a5,
    department: unit.y,
    channel: channel.y,
    state: 'pending',
    forwardedAt: at('2026-09-07'),
    respondDueAt: endOf('2026-09-08'),
    resolveDueAt: endOf('2026-09-21'),
    responseOverdue: true,
  });
  appeal.a6 = await addAppeal({
    enterprise: enterprise.e2,
    unit: unit.s1,
    category: 'tax',
    title: '研发费用加计扣除政策咨询',
    state: 'valid',
    receivedOn: '2026-08-15',
    validatedAt: at('2026-08-15'),
  });
  // Outside the quarter: counted by nothing in Q3.
  appeal.a7 = await addAppeal({
    enterprise: enterprise.e1,
    unit: unit.s1,
    category: 'financing',
    title: '十月的诉求',
    state: 'submitted',
    receivedOn: '2026-10-03',
  });
  // Suggestions: two submitted in Q3 (one adopted), one draft.
  await pool.query(
    `INSERT INTO suggestions (org_unit_id, number, kind, title, body, target_body, status, submitted_on,
       decided_on, document_ref)
     VALUES ($1, 'JYBG-1', 'proposal', '关于优化续贷流程的建议', '正文', '区政府', 'adopted', '2026-08-01',
       '2026-09-01', '示政办发〔2026〕12号'),
       ($1, 'JYBG-2', 'proposal', '关于稳岗返还的建议', '正文', '区政府', 'submitted', '2026-09-10', NULL, NULL),
       ($1, 'JYBG-3', 'proposal', '草稿', '正文', '区政府', 'draft', NULL, NULL, NULL)`,
    [unit.district],
  );

  const account = async (username: string, role: 'federation_staff' | 'federation_leader', orgUnit: string) =>
    t.sessionFor(await createAccount(t, { username, orgUnitId: orgUnit, roles: [role] }));
  cookies.staff = await account('report-staff', 'federation_staff', unit.district);
  cookies.leader = await account('report-leader', 'federation_leader', unit.district);
  cookies.streetStaff = await account('report-street-staff', 'federation_staff', unit.s1);
  for (const name of DEMO_ROLE_ACCOUNTS) cookies[`demo:${name}`] = await t.sessionFor(await t.userId(name));

  return { unit, enterprise, appeal, cookies };
}

/** Asks for a report and waits until it is generated; answers its id. */
export async function requestReport(
  t: TestApp,
  cookie: string,
  body: Record<string, unknown>,
): Promise<string> {
  const response = await t.request({ method: 'POST', url: '/api/reports', cookie, body });
  assert.equal(response.statusCode, 202, response.body);
  await reportQueueOf(t.ctx).idle();
  return json<{ reportId: string }>(response).reportId;
}

export async function reportView(t: TestApp, id: string, cookie: string): Promise<ReportView> {
  const response = await t.request({ url: `/api/reports/${id}`, cookie });
  assert.equal(response.statusCode, 200, response.body);
  return json<ReportView>(response);
}

export async function downloadDocx(t: TestApp, id: string, cookie: string): Promise<Buffer> {
  const response = await t.request({ url: `/api/reports/${id}/file.docx`, cookie });
  assert.equal(response.statusCode, 200, response.body);
  return response.rawPayload;
}

/** The text of a .docx's body, its runs joined. */
export function documentText(docx: Buffer): string {
  const xml = unzipParts(docx).get('word/document.xml')!.toString('utf8');
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
}

/** The 版头 a report's text opens with: 份号, the issuing body's mark, the issue, the compiling body, the date. */
export const MASTHEAD_TEXT = /^\d{6}.+?(?:专报|工作简报)\d{4}年第\d+期.+?编\d{4}年\d{1,2}月\d{1,2}日/u;

/** A report's text after its 版头, which must be there. */
export function afterMasthead(text: string): string {
  const masthead = MASTHEAD_TEXT.exec(text);
  assert.ok(masthead, `no masthead: ${text.slice(0, 80)}`);
  return text.slice(masthead[0].length);
}
