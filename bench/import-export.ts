// Member registry spreadsheets at scale, against the real server (embedded PostgreSQL, fresh cluster):
// import of 100,000 rows (1% invalid) end to end — upload, checks, background job — target ≤ 60 s with the
// server's RSS ≤ 1 GB; then export of 1,000,000 rows (seeded by one generate_series INSERT) streamed to
// the client with RSS ≤ 1 GB. RSS is the server process's VmRSS from /proc, polled every 100 ms.
import fs from 'node:fs';
import path from 'node:path';
// exceljs's streaming parser with its UTF-8 decoding fixed, before exceljs itself loads.
import '../apps/server/src/core/office/exceljs-utf8.ts';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { usccCheckCharacter } from '../packages/shared/src/uscc.ts';
import { sessionCookie } from './lib/auth.ts';
import { processCpuMs, processTreeCpu, treeCpuDeltaMs } from './lib/cpu.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { seconds, type TargetRow } from './lib/report.ts';
import {
  embeddedDatabaseUrl,
  makeTempDataDir,
  readPostmasterPid,
  removeTempDataDir,
  sleep,
  spawnAppServer,
  waitHealthy,
} from './lib/server.ts';

const IMPORT_ROWS = 100_000;
const INVALID_EVERY = 100;
const EXPORT_ROWS = 1_000_000;
const IMPORT_TARGET_MS = 60_000;
const RSS_TARGET_MB = 1024;
const START_TIMEOUT_MS = 120_000;
const JOB_TIMEOUT_MS = 30 * 60_000;
/** BENCH_IMPORT_ONLY=1 stops after the import (for iterating on it); the default runs the export too. */
const IMPORT_ONLY = process.env.BENCH_IMPORT_ONLY === '1';

/** Peak VmRSS of a process, sampled until stopped. */
function rssSampler(pid: number) {
  let peakKb = 0;
  const sample = () => {
    try {
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
      peakKb = Math.max(peakKb, kb);
    } catch {
      // The process is gone; the peak so far stands.
    }
  };
  sample();
  const timer = setInterval(sample, 100);
  return {
    currentMb: () => {
      sample();
      return peakKb / 1024;
    },
    stop: () => {
      clearInterval(timer);
      sample();
      return peakKb / 1024;
    },
  };
}

function benchUscc(serial: number, valid: boolean): string {
  const first17 = `91110105MC${String(serial).padStart(7, '0')}`;
  const check = usccCheckCharacter(first17)!;
  // An invalid row: the wrong check character, which only the checksum catches.
  const wrong = check === '0' ? '1' : '0';
  return first17 + (valid ? check : wrong);
}

const HEADERS = [
  '企业名称',
  '统一社会信用代码',
  '企业规模',
  '行业代码',
  '法定代表人',
  '注册地址',
  '注册资本（万元）',
  '成立日期',
  '行政区划代码',
  '标签',
  '联系人',
  '职务',
  '手机',
  '会员状态',
  '入会日期',
];
const SIZES = ['大', '中', '小', '微'];
const INDUSTRIES = ['6513', '5191', '7243', '2710', '5211', '6210'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const PLACES = '东湖西山南河北辰中关望京亦庄';

/** An .xlsx written as Excel would (shared strings), one row per enterprise, every 100th invalid. */
async function writeImportFile(filePath: string): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: filePath, useSharedStrings: true });
  const sheet = workbook.addWorksheet('会员名册');
  sheet.addRow(HEADERS).commit();
  for (let i = 0; i < IMPORT_ROWS; i++) {
    const place = PLACES[i % PLACES.length]!;
    sheet
      .addRow([
        `${place}${SURNAMES[i % SURNAMES.length]}氏第${i}号科技有限公司`,
        benchUscc(i, i % INVALID_EVERY !== INVALID_EVERY - 1),
        SIZES[i % SIZES.length],
        INDUSTRIES[i % INDUSTRIES.length],
        `${SURNAMES[(i * 7) % SURNAMES.length]}建国`,
        `示例市示例区${place}路${i % 500}号`,
        100 + (i % 900),
        `20${String(10 + (i % 15))}-0${1 + (i % 9)}-1${i % 10}`,
        '110105001',
        i % 3 === 0 ? '专精特新、高新技术企业' : '',
        `${SURNAMES[(i * 3) % SURNAMES.length]}晓燕`,
        '办公室主任',
        `138${String(i).padStart(8, '0')}`,
        '正常',
        '2021-03-01',
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
}

async function runImport(baseUrl: string, cookie: string, filePath: string, pid: number, postmaster: number) {
  const rss = rssSampler(pid);
  // CPU time rather than wall time alone: on a shared 2-core machine it says what the import costs.
  const cpuBefore = { server: processCpuMs(pid), pg: processTreeCpu(postmaster) };
  const started = performance.now();
  const form = new FormData();
  form.append('file', new Blob([fs.readFileSync(filePath)]), 'bench.xlsx');
  const response = await fetch(`${baseUrl}/api/enterprises/import`, {
    method: 'POST',
    headers: { cookie, origin: baseUrl },
    body: form,
  });
  const accepted = performance.now() - started;
  if (response.status !== 202) throw new Error(`import upload: ${response.status} ${await response.text()}`);
  const { jobId } = (await response.json()) as { jobId: string };
  let job: { status: string; counts: Record<string, number>; error: unknown; progress: number };
  for (;;) {
    const poll = await fetch(`${baseUrl}/api/jobs/${jobId}`, { headers: { cookie } });
    job = (await poll.json()) as typeof job;
    if (job.status === 'succeeded' || job.status === 'failed') break;
    if (performance.now() - started > JOB_TIMEOUT_MS) throw new Error('import did not finish');
    await sleep(250);
  }
  const total = performance.now() - started;
  const cpu = {
    serverMs: processCpuMs(pid) - cpuBefore.server,
    postgresMs: treeCpuDeltaMs(cpuBefore.pg, processTreeCpu(postmaster)),
  };
  return { accepted, total, job, cpu, peakMb: rss.stop() };
}

/** One INSERT … SELECT generate_series: a million members under the district federation, each with a contact. */
async function seedMillion(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    const { rows } = await client.query<{ id: string }>(
      "SELECT id FROM org_units WHERE name = '示例区工商联'",
    );
    const district = rows[0]?.id;
    if (!district) throw new Error('no 示例区工商联');
    await client.query(
      `INSERT INTO enterprises (org_unit_id, name, uscc, size, industry_code, division_code, legal_representative,
         address, registered_capital, founded_on, tags, membership_status, joined_on, search_name, sort_key)
       SELECT $1, '导出测试企业' || i || '有限公司', '91BENCH' || lpad(i::text, 11, '0'),
         (ARRAY['large','medium','small','micro'])[1 + i % 4], (ARRAY['6513','5191','7243'])[1 + i % 3],
         '110105001', '法人' || i, '示例区测试路' || i || '号', 100 + i % 900, DATE '2010-01-01' + (i % 4000),
         CASE WHEN i % 10 = 0 THEN ARRAY['=1+1', '专精特新'] ELSE '{}' END, 'active', DATE '2021-03-01',
         '导出测试企业' || i, 'dao chu ce shi ' || lpad(i::text, 8, '0')
       FROM generate_series(1, ${EXPORT_ROWS}) AS i`,
      [district],
    );
    await client.query(
      `INSERT INTO enterprise_contacts (enterprise_id, name, position, mobile, is_primary)
       SELECT id, '联系人', '主任', '139' || lpad((row_number() OVER ())::text, 8, '0'), true
       FROM enterprises WHERE uscc LIKE '91BENCH%'`,
    );
    await client.query('ANALYZE enterprises; ANALYZE enterprise_contacts');
    return performance.now() - started;
  } finally {
    await client.end();
  }
}

async function runExport(baseUrl: string, cookie: string, pid: number) {
  const rss = rssSampler(pid);
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/enterprises/export.xlsx`, { headers: { cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`export: ${response.status}`);
  const firstByte = performance.now() - started;
  let bytes = 0;
  for await (const chunk of response.body) bytes += (chunk as Uint8Array).length;
  return { firstByte, total: performance.now() - started, bytes, peakMb: rss.stop() };
}

async function exportedRows(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rows: string }>(
      "SELECT detail->>'rows' AS rows FROM audit_events WHERE action = 'enterprise.exported' ORDER BY seq DESC LIMIT 1",
    );
    return Number(rows[0]?.rows ?? 0);
  } finally {
    await client.end();
  }
}

const mb = (value: number) => `${value.toFixed(0)} MB`;

export const importExport: Benchmark = {
  title: `member import (${IMPORT_ROWS.toLocaleString('en-US')} rows, 1% invalid) and export (${EXPORT_ROWS.toLocaleString('en-US')} rows)`,
  async run() {
    const dataDir = makeTempDataDir();
    const filePath = path.join(dataDir, 'bench-import.xlsx');
    let started = performance.now();
    await writeImportFile(filePath);
    const fileMs = performance.now() - started;
    const fileMb = fs.statSync(filePath).size / 1024 / 1024;
    console.log(`import file written in ${seconds(fileMs)} (${fileMb.toFixed(1)} MB)`);

    started = performance.now();
    const server = await spawnAppServer({ dataDir });
    try {
      await waitHealthy(server, started, START_TIMEOUT_MS);
      const pid = server.child.pid!;
      const cookie = await sessionCookie(server.baseUrl);
      const idleMb = rssSampler(pid).stop();

      const postmaster = readPostmasterPid(dataDir)?.pid;
      if (postmaster === undefined) throw new Error('no postmaster.pid');
      const imported = await runImport(server.baseUrl, cookie, filePath, pid, postmaster);
      const { counts } = imported.job;
      const rate = (n: number, ms: number) => `${Math.round((n / ms) * 1000).toLocaleString('en-US')} rows/s`;
      console.log(
        `import: ${imported.job.status} in ${seconds(imported.total)} (202 after ${seconds(imported.accepted)}) · ` +
          `${JSON.stringify(counts)} · peak RSS ${mb(imported.peakMb)}`,
      );
      if (imported.job.status !== 'succeeded')
        throw new Error(`import failed: ${JSON.stringify(imported.job.error)}`);

      const importRows: TargetRow[] = [
        {
          target: `import ${IMPORT_ROWS.toLocaleString('en-US')} rows end to end`,
          measured: `${seconds(imported.total)} · ${rate(IMPORT_ROWS, imported.total)}`,
          goal: `≤ ${seconds(IMPORT_TARGET_MS)}`,
          met: imported.total <= IMPORT_TARGET_MS,
        },
        {
          target: '  upload and file checks (202)',
          measured: seconds(imported.accepted),
          goal: '(breakdown)',
        },
        {
          target: '  CPU: server · PostgreSQL',
          measured: `${seconds(imported.cpu.serverMs)} · ${seconds(imported.cpu.postgresMs)}`,
          goal: '(breakdown)',
        },
        {
          target: '  outcome',
          measured: `created ${counts.created} · rejected ${counts.rejected} · total ${counts.total}`,
          goal: `(rejected ${IMPORT_ROWS / INVALID_EVERY})`,
        },
        {
          target: 'server RSS during import (peak)',
          measured: `${mb(imported.peakMb)} (idle ${mb(idleMb)})`,
          goal: `≤ ${mb(RSS_TARGET_MB)}`,
          met: imported.peakMb <= RSS_TARGET_MB,
        },
      ];
      if (IMPORT_ONLY) return importRows;

      const databaseUrl = embeddedDatabaseUrl(dataDir);
      const seedMs = await seedMillion(databaseUrl);
      console.log(`seeded ${EXPORT_ROWS.toLocaleString('en-US')} more enterprises in ${seconds(seedMs)}`);
      const exported = await runExport(server.baseUrl, cookie, pid);
      const rows = await exportedRows(databaseUrl);
      console.log(
        `export: ${rows.toLocaleString('en-US')} rows, ${(exported.bytes / 1024 / 1024).toFixed(1)} MB in ` +
          `${seconds(exported.total)} (first byte ${seconds(exported.firstByte)}) · peak RSS ${mb(exported.peakMb)}`,
      );
      return [
        ...importRows,
        {
          target: `export ${rows.toLocaleString('en-US')} rows (streamed)`,
          measured: `${seconds(exported.total)} · ${rate(rows, exported.total)} · first byte ${seconds(exported.firstByte)}`,
          goal: '(no time target)',
        },
        {
          target: 'server RSS during export (peak)',
          measured: mb(exported.peakMb),
          goal: `≤ ${mb(RSS_TARGET_MB)}`,
          met: exported.peakMb <= RSS_TARGET_MB,
        },
      ] satisfies TargetRow[];
    } finally {
      await server.stop();
      removeTempDataDir(dataDir);
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(importExport);
