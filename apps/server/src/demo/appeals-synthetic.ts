// Synthetic 诉求 appeals (合成数据) for benchmarks: any number of appeals over the synthetic province's
// enterprises, spread over the years before a given day, with a realistic mix of states, merged duplicates
// and about 1.1 forwards each to the departments (职能部门) of their district. Set-based SQL
// (generate_series, one statement a month), with the rollup triggers and secondary indexes off during the
// load and the rollups rebuilt once at the end.
import type pg from 'pg';
import { generateSynthetic, SYNTHETIC_PROVINCE } from './synthetic.ts';
import { DEMO_DEPARTMENTS } from './seed.ts';

export interface SyntheticAppealsOptions {
  appeals: number;
  /** Enterprises of the synthetic province, when it must be generated first. */
  enterprises?: number;
  /** The last day appeals are received (Asia/Shanghai, YYYY-MM-DD); open cases are counted against it. */
  until: string;
  years?: number;
  /** random()'s seed, 0–1. */
  seed?: number;
  log?: (message: string) => void;
}

export interface SyntheticAppealsResult {
  appeals: number;
  forwards: number;
  departments: number;
  timings: {
    registryMs: number;
    loadMs: number;
    rollupsMs: number;
    indexesMs: number;
    analyzeMs: number;
    totalMs: number;
  };
}

/** The department a category usually goes to (index into DEMO_DEPARTMENTS). */
const CATEGORY_DEPARTMENT: Record<string, number> = {
  financing: 0,
  social_insurance: 1,
  employment: 1,
  legal: 2,
  tax: 3,
  policy: 4,
  other: 5,
  rent: 6,
  supplies: 6,
  permits: 7,
};

/** Categories by share of appeals (cumulative thresholds are computed below), with typical titles. */
const CATEGORIES: readonly [code: string, weight: number, titles: readonly string[]][] = [
  ['financing', 18, ['流动资金贷款需求', '续贷周转困难', '申请贴息贷款', '担保融资需求']],
  ['social_insurance', 10, ['社保缴费基数咨询', '社保补贴申领', '工伤认定进度']],
  ['employment', 12, ['招工难', '技术工人短缺', '高校毕业生招聘对接']],
  ['legal', 10, ['合同纠纷咨询', '知识产权保护', '欠款追讨']],
  ['tax', 10, ['留抵退税进度', '税收优惠政策适用', '发票问题']],
  ['rent', 8, ['厂房租金减免', '租赁合同到期续租']],
  ['permits', 10, ['施工许可办理', '消防验收', '营业执照变更']],
  ['policy', 12, ['惠企政策咨询', '专精特新申报', '高新技术企业认定']],
  ['supplies', 4, ['原材料供应紧张', '物流运输受阻']],
  ['other', 6, ['用电用水保障', '周边道路施工影响经营']],
];

const INVALID_REASONS = ['非企业诉求', '重复提交且信息不全', '属司法程序中事项', '无法联系企业核实'];
const RETURN_REASONS = ['不属本部门职责', '需由属地街道办理', '材料不全'];

const q = (text: string) => `'${text.replace(/'/g, "''")}'`;
const textArray = (values: readonly string[]) => `ARRAY[${values.map(q).join(', ')}]`;

/** Cumulative thresholds for `random() < t` CASE branches. */
function thresholds<T>(entries: readonly (readonly [T, number])[]): [T, number][] {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let running = 0;
  return entries.map(([value, weight]) => {
    running += weight;
    return [value, running / total];
  });
}

function caseOf<T>(variable: string, entries: readonly (readonly [T, number])[], render: (v: T) => string) {
  const cuts = thresholds(entries);
  const branches = cuts.slice(0, -1).map(([value, cut]) => `WHEN ${variable} < ${cut} THEN ${render(value)}`);
  return `CASE ${branches.join(' ')} ELSE ${render(cuts[cuts.length - 1]![0])} END`;
}

const RECENT_STATES = [
  ['submitted', 5],
  ['valid', 5],
  ['invalid', 4],
  ['forwarded', 15],
  ['in_progress', 25],
  ['returned', 2],
  ['answered', 15],
  ['confirmed', 10],
  ['closed', 19],
] as const;
const SETTLED_STATES = [
  ['invalid', 4],
  ['valid', 1],
  ['forwarded', 0.5],
  ['in_progress', 1.5],
  ['returned', 0.5],
  ['answered', 2],
  ['confirmed', 4],
  ['closed', 86.5],
] as const;

/**
 * One month of appeals, their merged duplicates and their forwards, in one statement. Parameters: $1 first
 * serial, $2 last serial, $3 first day, $4 days in the chunk, $5 the last day (until), $6 enterprises,
 * $7 the end of the last day.
 * Ids are time-ordered (UUIDv7 layout) so that the primary keys grow at their right edge.
 */
function chunkStatement(): string {
  const category = caseOf(
    'g.r_category',
    CATEGORIES.map(([code, weight]) => [code, weight] as const),
    q,
  );
  const titles = `CASE category_code ${CATEGORIES.map(
    ([code, , list]) => `WHEN ${q(code)} THEN (${textArray(list)})[1 + floor(r_title * ${list.length})::int]`,
  ).join(' ')} END`;
  const resolveDays = `CASE category_code WHEN 'policy' THEN 5 WHEN 'supplies' THEN 5 WHEN 'social_insurance' THEN 10 WHEN 'employment' THEN 10 WHEN 'tax' THEN 10 ELSE 15 END`;
  const departmentSlot = `CASE category_code ${Object.entries(CATEGORY_DEPARTMENT)
    .map(([code, slot]) => `WHEN ${q(code)} THEN ${slot + 1}`)
    .join(' ')} END`;
  const uuidAt = (at: string, random: string) =>
    `(lpad(to_hex((extract(epoch FROM ${at}) * 1000)::bigint), 12, '0') || '7' || substr(${random}, 1, 3) || '8' || substr(${random}, 4, 15))::uuid`;
  const untilEnd = '$7::timestamptz';
  const clamp = (at: string) => `least(${at}, ${untilEnd})`;
  return `
WITH picked AS (
  SELECT g.serial, e.id AS enterprise_id, e.org_unit_id, e.district_id, g.received_on,
    ${category} AS category_code,
    g.r_time, g.r_state, g.r_source, g.r_urgency, g.r_valid, g.r_forward, g.r_respond, g.r_answer,
    g.r_outcome, g.r_confirm, g.r_satisfaction, g.r_via, g.r_title, g.r_id
  FROM (
    SELECT serial, 1 + floor(power(random(), 1.3) * $6)::bigint AS pick,
      $3::date + floor(random() * $4)::int AS received_on,
      random() AS r_category, random() AS r_time, random() AS r_state, random() AS r_source,
      random() AS r_urgency, random() AS r_valid, random() AS r_forward, random() AS r_respond,
      random() AS r_answer, random() AS r_outcome, random() AS r_confirm, random() AS r_satisfaction,
      random() AS r_via, random() AS r_title, md5(random()::text) AS r_id
    FROM generate_series($1::bigint, $2::bigint) AS serial
  ) AS g
  JOIN synthetic_appeal_enterprises e ON e.n = g.pick
),
timed AS (
  SELECT p.*,
    -- 08:00–18:00 in Shanghai (UTC+8, no daylight saving) is 00:00–10:00 UTC.
    (p.received_on::timestamp AT TIME ZONE 'UTC') + p.r_time * interval '10 hours' AS received_at,
    CASE WHEN $5::date - p.received_on < 45
      THEN ${caseOf('p.r_state', RECENT_STATES, q)}
      ELSE ${caseOf('p.r_state', SETTLED_STATES, q)} END AS state,
    ${resolveDays} AS resolve_days
  FROM picked p
),
dated AS (
  SELECT t.*,
    t.received_at + (0.5 + t.r_valid * 36) * interval '1 hour' AS validated,
    t.received_at + (0.5 + t.r_valid * 36) * interval '1 hour' + (0.5 + t.r_forward * 20) * interval '1 hour' AS forwarded
  FROM timed t
),
shaped AS (
  SELECT d.*,
    d.forwarded + interval '2 days' AS respond_due,
    d.forwarded + d.resolve_days * interval '1.4 days' AS resolve_due,
    d.forwarded + power(d.r_respond, 3) * interval '3 days' AS responded,
    d.forwarded + (0.3 + power(d.r_answer, 1.5) * d.resolve_days * 1.6) * interval '1 day' AS answered
  FROM dated d
),
appeal_rows AS (
  SELECT s.*,
    s.state IN ('forwarded', 'in_progress', 'returned', 'answered', 'confirmed', 'closed') AS is_forwarded,
    s.state IN ('in_progress', 'returned', 'answered', 'confirmed', 'closed') AS has_response,
    s.state IN ('answered', 'confirmed', 'closed') AS has_outcome,
    s.answered + (1 + s.r_confirm * 48) * interval '1 hour' AS confirmed,
    s.answered + (1 + s.r_confirm * 48) * interval '1 hour' + (2 + s.r_via * 72) * interval '1 hour' AS rated
  FROM shaped s
),
titled AS (
  SELECT a.*, ${titles} AS title FROM appeal_rows a
),
inserted AS (
  INSERT INTO appeals (id, number, enterprise_id, org_unit_id, category_code, title, description, source,
    urgency, state, invalid_reason, received_at, received_on, validated_at, forwarded_at, responded_at,
    respond_due_at, resolve_due_at, outcome, answered_at, overdue, confirmed_at, satisfaction, rated_at,
    rated_via, closed_at, created_at, updated_at)
  SELECT ${uuidAt('a.received_at', 'a.r_id')},
    'SQ' || to_char(a.received_on, 'YYYY') || lpad(a.serial::text, 9, '0'),
    a.enterprise_id, a.org_unit_id, a.category_code, a.title, a.title || '，请协调相关部门帮助解决。',
    ${caseOf(
      'a.r_source',
      [
        ['visit', 30],
        ['phone', 25],
        ['chamber', 15],
        ['group_chat', 12],
        ['survey', 10],
        ['self_service', 8],
      ],
      q,
    )},
    ${caseOf(
      'a.r_urgency',
      [
        ['normal', 85],
        ['urgent', 13],
        ['critical', 2],
      ],
      q,
    )},
    a.state,
    CASE WHEN a.state = 'invalid' THEN (${textArray(INVALID_REASONS)})[1 + floor(a.r_title * ${INVALID_REASONS.length})::int] END,
    a.received_at, a.received_on,
    CASE WHEN a.state NOT IN ('submitted', 'invalid') THEN ${clamp('a.validated')} END,
    CASE WHEN a.is_forwarded THEN ${clamp('a.forwarded')} END,
    CASE WHEN a.has_response THEN ${clamp('a.responded')} END,
    CASE WHEN a.is_forwarded THEN a.respond_due END,
    CASE WHEN a.is_forwarded THEN a.resolve_due END,
    CASE WHEN a.has_outcome THEN CASE WHEN a.r_outcome < 0.85 THEN 'resolved' ELSE 'unsolvable' END END,
    CASE WHEN a.has_outcome THEN ${clamp('a.answered')} END,
    a.state IN ('forwarded', 'in_progress') AND a.resolve_due < ${untilEnd},
    CASE WHEN a.state IN ('confirmed', 'closed') THEN ${clamp('a.confirmed')} END,
    CASE WHEN a.state = 'closed' THEN ${caseOf(
      'a.r_satisfaction',
      [
        ['satisfied', 75],
        ['basically_satisfied', 18],
        ['dissatisfied', 7],
      ],
      q,
    )} END,
    CASE WHEN a.state = 'closed' THEN ${clamp('a.rated')} END,
    CASE WHEN a.state = 'closed' THEN ${caseOf(
      'a.r_via',
      [
        ['phone', 60],
        ['visit', 20],
        ['self_service', 20],
      ],
      q,
    )} END,
    CASE WHEN a.state = 'closed' THEN ${clamp('a.rated')} END,
    a.received_at, a.received_at
  FROM titled a
  RETURNING id, number, enterprise_id, org_unit_id, category_code, title, description, source, urgency, state,
    received_at, received_on, forwarded_at, responded_at, respond_due_at, resolve_due_at, outcome,
    answered_at, satisfaction
),
merged AS (
  -- Duplicates raised again through another source and merged into the first.
  INSERT INTO appeals (id, number, enterprise_id, org_unit_id, category_code, title, description, source,
    urgency, state, merged_into_id, received_at, received_on, created_at, updated_at)
  SELECT ${uuidAt('i.received_at', 'md5(i.id::text)')},
    i.number || 'D', i.enterprise_id, i.org_unit_id, i.category_code, i.title, i.description, 'group_chat',
    i.urgency, 'merged', i.id, i.received_at + interval '2 hours', i.received_on, i.received_at, i.received_at
  FROM inserted i
  WHERE i.state NOT IN ('invalid', 'submitted') AND random() < 0.02
  RETURNING 1
),
forward_rows AS (
  SELECT i.*, k.n AS k, u.district_id,
    CASE WHEN k.n = 1 THEN ${departmentSlot}
      ELSE 1 + (${departmentSlot} + floor(i.r_other * 7)::int) % 8 END AS slot,
    CASE
      WHEN i.state = 'forwarded' THEN 'pending'
      WHEN i.state = 'in_progress' THEN 'accepted'
      WHEN i.state = 'returned' THEN 'returned'
      WHEN k.n = 2 AND i.r_returned < 0.15 THEN 'returned'
      ELSE i.outcome END AS forward_state
  FROM (SELECT i.*, random() AS r_second, random() AS r_other, random() AS r_returned
          FROM inserted i WHERE i.forwarded_at IS NOT NULL) AS i
  JOIN synthetic_appeal_units u ON u.id = i.org_unit_id
  CROSS JOIN LATERAL generate_series(1, CASE WHEN i.r_second < 0.25 THEN 2 ELSE 1 END) AS k (n)
),
forwards AS (
  INSERT INTO appeal_forwards (id, appeal_id, round, department_id, channel_id, org_unit_id, category_code,
    state, forwarded_at, forwarded_on, respond_due_at, resolve_due_at, responded_at, accepted_at,
    returned_at, return_reason, answered_at, answer, response_overdue, resolve_overdue, satisfaction,
    updated_at)
  SELECT ${uuidAt('r.forwarded_at', `md5(r.id::text || r.k::text)`)},
    r.id, 1, d.department_id, d.channel_id, r.org_unit_id, r.category_code, r.forward_state,
    r.forwarded_at, (r.forwarded_at AT TIME ZONE 'Asia/Shanghai')::date, r.respond_due_at, r.resolve_due_at,
    r.responded_at,
    CASE WHEN r.forward_state NOT IN ('pending', 'returned') THEN r.responded_at END,
    CASE WHEN r.forward_state = 'returned' THEN r.responded_at END,
    CASE WHEN r.forward_state = 'returned' THEN (${textArray(RETURN_REASONS)})[1 + floor(r.r_other * ${RETURN_REASONS.length})::int] END,
    CASE WHEN r.forward_state IN ('resolved', 'unsolvable') THEN r.answered_at END,
    CASE WHEN r.forward_state = 'resolved' THEN '已协调解决。' WHEN r.forward_state = 'unsolvable' THEN '已向企业解释政策，暂无法解决。' END,
    r.forward_state = 'pending' AND r.respond_due_at < ${untilEnd},
    r.forward_state IN ('pending', 'accepted') AND r.resolve_due_at < ${untilEnd},
    CASE WHEN r.forward_state IN ('resolved', 'unsolvable') THEN r.satisfaction END,
    coalesce(r.answered_at, r.responded_at, r.forwarded_at)
  FROM forward_rows r
  JOIN synthetic_appeal_departments d ON d.district_id = r.district_id AND d.slot = r.slot
  RETURNING 1
)
SELECT (SELECT count(*) FROM inserted) + (SELECT count(*) FROM merged) AS appeals,
  (SELECT count(*) FROM forwards) AS forwards`;
}

/** Departments and channels for every district of the synthetic province that has none yet. */
async function ensureDepartments(client: pg.PoolClient, provincePath: string): Promise<number> {
  const names = DEMO_DEPARTMENTS.map((name, i) => `(${i + 1}, ${q(name)})`).join(', ');
  await client.query(
    `WITH planned AS (
       SELECT gen_random_uuid() AS id, u.id AS district_id, u.path, u.depth,
         replace(u.name, '工商联', '') || s.name AS name
       FROM org_units u CROSS JOIN (VALUES ${names}) AS s (slot, name)
       WHERE u.kind = 'district' AND u.path LIKE $1
         AND NOT EXISTS (SELECT 1 FROM org_units x WHERE x.parent_id = u.id AND x.kind = 'department')
     ),
     units AS (
       INSERT INTO org_units (id, parent_id, kind, name, path, depth)
       SELECT id, district_id, 'department', name, path || id || '/', depth + 1 FROM planned
       RETURNING id, parent_id, name
     )
     INSERT INTO channels (org_unit_id, department_id, name)
     SELECT parent_id, id, name || '快捷通道' FROM units`,
    [`${provincePath}%`],
  );
  const slots = DEMO_DEPARTMENTS.map((name, i) => `WHEN u.name LIKE ${q(`%${name}`)} THEN ${i + 1}`).join(
    ' ',
  );
  const { rowCount } = await client.query(
    `CREATE UNLOGGED TABLE synthetic_appeal_departments AS
       SELECT u.parent_id AS district_id, CASE ${slots} END AS slot, u.id AS department_id, c.id AS channel_id
       FROM org_units u JOIN channels c ON c.department_id = u.id AND c.org_unit_id = u.parent_id
       WHERE u.kind = 'department' AND u.path LIKE $1`,
    [`${provincePath}%`],
  );
  await client.query('CREATE INDEX ON synthetic_appeal_departments (district_id, slot)');
  return rowCount ?? 0;
}

/** The first day of each month from `from` to `until`, clipped to the range: the load's chunks. */
function monthChunks(from: string, until: string): { start: string; days: number }[] {
  const chunks: { start: string; days: number }[] = [];
  const end = Date.parse(`${until}T00:00:00Z`);
  let cursor = Date.parse(`${from}T00:00:00Z`);
  while (cursor <= end) {
    const date = new Date(cursor);
    const nextMonth = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
    const last = Math.min(nextMonth - 86_400_000, end);
    chunks.push({
      start: date.toISOString().slice(0, 10),
      days: Math.round((last - cursor) / 86_400_000) + 1,
    });
    cursor = nextMonth;
  }
  return chunks;
}

/**
 * While a load runs, this table holds the indexes it dropped; a load that was interrupted is finished
 * (indexes, triggers, rollups) by the next run before anything else.
 */
const LOAD_STATE = 'synthetic_appeal_load';
/** Side tables of migrations 0062 and 0065, refilled by the recount at the end of a load. */
const FIRST_RECORD_TABLES = [
  'appeal_first_records',
  'appeal_forward_first_records',
  'appeal_chamber_first_records',
];
const HELPER_TABLES = [
  'synthetic_appeal_units',
  'synthetic_appeal_enterprises',
  'synthetic_appeal_departments',
];
const WORKERS = 2;

/** Runs `tasks` on `WORKERS` connections at once (2 cores: one statement each). */
async function onWorkers<T>(
  pool: pg.Pool,
  tasks: readonly T[],
  run: (client: pg.PoolClient, task: T) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      const client = await pool.connect();
      try {
        await client.query("SET synchronous_commit = off; SET jit = off; SET work_mem = '256MB'");
        await client.query("SET maintenance_work_mem = '1GB'");
        while (next < tasks.length) await run(client, tasks[next++]!);
      } finally {
        client.release();
      }
    }),
  );
}

/** Rebuilds the dropped indexes and the rollups, switches the triggers back on, drops the load's helpers. */
async function finishLoad(pool: pg.Pool, log: (message: string) => void) {
  const { rows: state } = await pool.query<{ definition: string; triggers: string; after: boolean }>(
    `SELECT definition, triggers, after_recount AS after FROM ${LOAD_STATE}`,
  );
  const started = performance.now();
  const ifMissing = (rows: typeof state) =>
    rows.map((row) => row.definition.replace(/^CREATE (UNIQUE )?INDEX /, 'CREATE $1INDEX IF NOT EXISTS '));
  const definitions = ifMissing(state.filter((row) => !row.after));
  const afterRecount = ifMissing(state.filter((row) => row.after));
  // The rollups are recounted beside the first indexes: both only read the tables (SHARE locks).
  let rollupsMs = 0;
  await onWorkers(pool, ['rollups', ...definitions], async (client, task) => {
    if (task !== 'rollups') return void (await client.query(task));
    const rebuildStarted = performance.now();
    await client.query('SELECT rebuild_appeal_rollups()');
    await client.query('SELECT rebuild_appeal_day_rollups()');
    await client.query('SELECT rebuild_appeal_enterprise_counts()');
    await client.query('SELECT rebuild_appeal_first_records()');
    rollupsMs = performance.now() - rebuildStarted;
    log(`汇总表重建 / rollups rebuilt · ${(rollupsMs / 1000).toFixed(0)} s`);
  });
  await onWorkers(pool, afterRecount, async (client, definition) => void (await client.query(definition)));
  const triggers = state[0]?.triggers ?? 'USER';
  await pool.query(
    `ALTER TABLE appeals ENABLE TRIGGER ${triggers}; ALTER TABLE appeal_forwards ENABLE TRIGGER ${triggers};
     DROP TABLE IF EXISTS ${[LOAD_STATE, ...HELPER_TABLES].join(', ')}`,
  );
  const indexesMs = performance.now() - started;
  log(`索引 ${state.length} 个 / rebuilt ${state.length} indexes · ${(indexesMs / 1000).toFixed(0)} s`);
  return { rollupsMs, indexesMs };
}

export async function generateSyntheticAppeals(
  pool: pg.Pool,
  options: SyntheticAppealsOptions,
): Promise<SyntheticAppealsResult> {
  const log = options.log ?? (() => undefined);
  const started = performance.now();
  const { rows: interrupted } = await pool.query('SELECT 1 FROM pg_class WHERE relname = $1', [LOAD_STATE]);
  if (interrupted.length > 0) {
    log('上次生成被中断，先完成它 / finishing an interrupted load first');
    await finishLoad(pool, log);
  }
  let province = await pool.query<{ path: string }>(
    'SELECT path FROM org_units WHERE parent_id IS NULL AND name = $1',
    [SYNTHETIC_PROVINCE.name],
  );
  if (province.rowCount === 0) {
    const enterprises = options.enterprises ?? 1_000_000;
    log(
      `生成合成省份 / generating the synthetic province with ${enterprises.toLocaleString('en')} enterprises`,
    );
    await generateSynthetic(pool, { enterprises, log });
    province = await pool.query('SELECT path FROM org_units WHERE parent_id IS NULL AND name = $1', [
      SYNTHETIC_PROVINCE.name,
    ]);
  }
  const provincePath = province.rows[0]!.path;
  const registryMs = performance.now() - started;

  // Preparation, in one transaction: departments and channels, the helper tables the month statements
  // read, and — row by row, the rollup triggers and foreign-key checks would cost more than the load
  // itself, and the data is consistent by construction — the triggers off and secondary indexes dropped.
  // Disabling the foreign-key triggers needs a superuser; otherwise only the rollup triggers go off.
  const client = await pool.connect();
  let departments: number;
  let enterpriseCount: number;
  try {
    await client.query('BEGIN');
    await client.query(`DROP TABLE IF EXISTS ${HELPER_TABLES.join(', ')}`);
    departments = await ensureDepartments(client, provincePath);
    // A district of every org unit in the province, from the path (/province/city/district/…).
    await client.query(
      `CREATE UNLOGGED TABLE synthetic_appeal_units AS
         SELECT id, split_part(path, '/', 4)::uuid AS district_id FROM org_units
         WHERE path LIKE $1 AND depth >= 2`,
      [`${provincePath}%`],
    );
    await client.query('CREATE INDEX ON synthetic_appeal_units (id)');
    const enterprises = await client.query(
      `CREATE UNLOGGED TABLE synthetic_appeal_enterprises AS
         SELECT row_number() OVER (ORDER BY e.id) AS n, e.id, e.org_unit_id, u.district_id
         FROM enterprises e JOIN synthetic_appeal_units u ON u.id = e.org_unit_id
         WHERE e.merged_into_id IS NULL`,
    );
    await client.query('CREATE INDEX ON synthetic_appeal_enterprises (n)');
    await client.query(`ANALYZE ${HELPER_TABLES.join(', ')}`);
    enterpriseCount = enterprises.rowCount ?? 0;
    if (enterpriseCount === 0)
      throw new Error('合成省份没有企业 / the synthetic province has no enterprises');
    const { rows: role } = await client.query<{ super: boolean }>(
      'SELECT rolsuper AS super FROM pg_roles WHERE rolname = current_user',
    );
    const triggers = role[0]?.super ? 'ALL' : 'USER';
    await client.query(`ALTER TABLE appeals DISABLE TRIGGER ${triggers}`);
    await client.query(`ALTER TABLE appeal_forwards DISABLE TRIGGER ${triggers}`);
    // The first records' side tables are refilled at the end (rebuild_appeal_first_records): their indexes
    // are built after it, not row by row during it (at 10M, 2,230 s of the load's 3,212 with them in place).
    await client.query(
      `CREATE TABLE ${LOAD_STATE} AS
         SELECT i.indexname AS name, i.indexdef AS definition, $2::text AS triggers,
           i.tablename = ANY($3::text[]) AS after_recount
         FROM pg_indexes i
         WHERE i.schemaname = current_schema() AND i.tablename = ANY($1::text[] || $3::text[])
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
      [['appeals', 'appeal_forwards'], triggers, FIRST_RECORD_TABLES],
    );
    const { rows: dropped } = await client.query<{ name: string }>(`SELECT name FROM ${LOAD_STATE}`);
    for (const index of dropped) await client.query(`DROP INDEX ${index.name}`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }

  const years = options.years ?? 3;
  const untilDate = new Date(`${options.until}T00:00:00Z`);
  const from = new Date(
    Date.UTC(untilDate.getUTCFullYear() - years, untilDate.getUTCMonth(), untilDate.getUTCDate() + 1),
  )
    .toISOString()
    .slice(0, 10);
  const months = monthChunks(from, options.until);
  const totalDays = months.reduce((sum, chunk) => sum + chunk.days, 0);
  const { rows: serials } = await pool.query<{ last: string }>(
    "SELECT coalesce(max(substr(number, 7, 9)::bigint) FILTER (WHERE number ~ '^SQ[0-9]{13}'), 0) AS last FROM appeals",
  );
  // Each month gets its serial numbers up front, so that the two workers can load months in any order.
  // Merged duplicates come on top (about 2%): 98% are planned so that the total is near the number asked.
  // bigint comes back from pg as text: a number here, or `serial + 1` would append a digit.
  let serial = Number(serials[0]!.last);
  const chunks = months.map((month) => {
    const count = Math.round((options.appeals * 0.98 * month.days) / totalDays);
    const chunk = { ...month, first: serial + 1, last: serial + count };
    serial += count;
    return chunk;
  });
  const statement = chunkStatement();
  const untilEnd = new Date(Date.parse(`${options.until}T23:59:00+08:00`)).toISOString();
  const loadStarted = performance.now();
  let appeals = 0;
  let forwards = 0;
  await onWorkers(pool, chunks, async (worker, chunk) => {
    await worker.query('SELECT setseed($1)', [((options.seed ?? 0.41) + chunk.first / 1e9) % 1]);
    const { rows } = await worker.query<{ appeals: string; forwards: string }>(statement, [
      chunk.first,
      chunk.last,
      chunk.start,
      chunk.days,
      options.until,
      enterpriseCount,
      untilEnd,
    ]);
    appeals += Number(rows[0]!.appeals);
    forwards += Number(rows[0]!.forwards);
    const seconds = (performance.now() - loadStarted) / 1000;
    log(
      `诉求 ${chunk.start.slice(0, 7)} · ${appeals.toLocaleString('en')} appeals, ${forwards.toLocaleString('en')} forwards · ${seconds.toFixed(0)} s`,
    );
  });
  await pool.query("SELECT setval('appeal_number_seq', greatest($1::bigint, nextval('appeal_number_seq')))", [
    serial,
  ]);
  const loadMs = performance.now() - loadStarted;

  const { rollupsMs, indexesMs } = await finishLoad(pool, log);

  const analyzeStarted = performance.now();
  // The visibility map set, so that distinct enterprises are counted from the covering indexes alone, and
  // every table analysed — the rollups the recounts refilled too: a server with autovacuum off (CI's is)
  // would otherwise plan their reads with no statistics (a sort where a hash aggregate belongs: 2× slower).
  await pool.query('VACUUM (ANALYZE)');
  const analyzeMs = performance.now() - analyzeStarted;
  return {
    appeals,
    forwards,
    departments,
    timings: { registryMs, loadMs, rollupsMs, indexesMs, analyzeMs, totalMs: performance.now() - started },
  };
}
