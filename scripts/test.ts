// npm test: starts an embedded PostgreSQL for the run, migrates a template database, runs every test
// file with node's test runner (the reliability tier first: its files are the longest); then, when
// TEST_DATABASE_URL is set, runs again on that server the server tests that use a test database (the rest —
// pure units, the embedded server's own tests, LibreOffice's layout of a file — would only repeat themselves).
// Ends with the runner's summary and one line "N passed, N failed" over both runs.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireDataDirLock, startEmbeddedPostgres } from '../apps/server/src/db/embedded.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');

function findTests(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : findTests(rel);
    return entry.name.endsWith('.test.ts') ? [rel] : [];
  });
}

/**
 * Whether a test file uses the test database server: through the harness, the per-file database or a test
 * world built on them. Only these say anything new when run again on a second server.
 */
function usesTestServer(file: string): boolean {
  return /test\/(harness|database|[a-z-]+-world)\.ts|setupTestApp|createTestDatabase|QINQING_TEST_ADMIN_URL/.test(
    fs.readFileSync(path.join(root, file), 'utf8'),
  );
}

interface RunResult {
  passed: number;
  failed: number;
  code: number;
}

/**
 * One `node --test` process: a group of server test files in one process (`--test-isolation=none`: the
 * app's modules are loaded once for the group, where a process per file spent seconds of CPU loading them
 * each time), or a file in a process of its own (the reliability tier, which kills processes; a journey,
 * which drives its own browser).
 */
interface Job {
  label: string;
  files: string[];
  isolation: 'none' | 'process';
}

/** Slots: two test processes at a time on the machine's two cores. */
const SLOTS = 2;
/** Server test files per shared process: small enough that the two slots end together, large enough to pay. */
const GROUPS_PER_SLOT = 4;

/**
 * Splits the server test files into groups of about the same weight (their size stands for their time):
 * heaviest first, each into the lightest group so far.
 */
function groupFiles(files: string[], groups: number): string[][] {
  const bins = Array.from({ length: Math.min(groups, files.length) }, () => ({
    files: [] as string[],
    weight: 0,
  }));
  const weighed = files
    .map((file) => ({ file, weight: fs.statSync(path.join(root, file)).size }))
    .sort((a, b) => b.weight - a.weight);
  for (const { file, weight } of weighed) {
    const lightest = bins.reduce((min, bin) => (bin.weight < min.weight ? bin : min));
    lightest.files.push(file);
    lightest.weight += weight;
  }
  return bins.map((bin) => bin.files.sort());
}

function countTap(tap: string, name: string): number {
  return Number(new RegExp(`^# ${name} (\\d+)`, 'm').exec(tap)?.[1] ?? 0);
}

/** Runs one job, its reports to files; prints its spec report whole when it ends, so jobs never interleave. */
async function runJob(job: Job, env: NodeJS.ProcessEnv, dir: string, index: number): Promise<RunResult> {
  const specFile = path.join(dir, `${index}.spec.txt`);
  const tapFile = path.join(dir, `${index}.tap.txt`);
  const args = [
    '--import',
    'tsx',
    '--test',
    `--test-isolation=${job.isolation}`,
    '--test-concurrency=1',
    '--test-timeout=300000',
    '--test-reporter=spec',
    `--test-reporter-destination=${specFile}`,
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...job.files,
  ];
  const started = Date.now();
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
    child.on('close', (status) => resolve(status ?? 1));
  });
  const seconds = Math.round((Date.now() - started) / 1000);
  const tap = fs.existsSync(tapFile) ? fs.readFileSync(tapFile, 'utf8') : '';
  const failed = countTap(tap, 'fail') + countTap(tap, 'cancelled');
  console.log(
    `\n--- ${job.label} (${job.files.length} file${job.files.length === 1 ? '' : 's'}, ${seconds} s) ---`,
  );
  if (fs.existsSync(specFile)) process.stdout.write(fs.readFileSync(specFile, 'utf8'));
  return { passed: countTap(tap, 'pass'), failed: failed + (code !== 0 && failed === 0 ? 1 : 0), code };
}

async function runSuite(
  label: string,
  adminUrl: string,
  jobs: Job[],
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<RunResult> {
  console.log(`\n=== ${label} ===`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    QINQING_TEST_ADMIN_URL: adminUrl,
    // Every test process loads the app's modules afresh (seconds of CPU each, on a run that keeps both cores
    // busy): V8's code cache is shared across them, and a larger young generation spares the many scavenges
    // of loading (each about a tenth off the import in a measurement on this machine).
    NODE_COMPILE_CACHE: path.join(tmp, 'compile-cache'),
    NODE_OPTIONS: [process.env.NODE_OPTIONS, '--max-semi-space-size=64'].filter(Boolean).join(' '),
    ...extraEnv,
  };
  const prepared = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/prepare-test-template.ts'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (prepared.status !== 0) return { passed: 0, failed: 1, code: 1 };
  // The test apps copy the demo template the script built (test/harness.ts) instead of seeding the demo.
  env.QINQING_TEST_DEMO_TEMPLATE = '1';
  const dir = path.join(tmp, `reports-${label.replace(/\W+/g, '-')}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const started = Date.now();
  const results: RunResult[] = [];
  // The jobs in the order given (the longest first), each to the next free slot.
  let next = 0;
  const slot = async () => {
    while (next < jobs.length) {
      const index = next++;
      results.push(await runJob(jobs[index]!, env, dir, index));
    }
  };
  await Promise.all(Array.from({ length: SLOTS }, slot));
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(
    `\n=== ${label}: ${passed} passed, ${failed} failed, ${jobs.length} processes, ${seconds} s ===`,
  );
  return { passed, failed, code: results.some((r) => r.code !== 0) ? 1 : 0 };
}

/** The reliability files and journeys each in a process of their own; the server files in shared groups. */
function plan(reliability: string[], server: string[], browser: string[]): Job[] {
  return [
    ...reliability.map((file) => ({ label: file, files: [file], isolation: 'process' as const })),
    ...groupFiles(server, SLOTS * GROUPS_PER_SLOT).map((files, i) => ({
      label: `server tests, group ${i + 1}`,
      files,
      isolation: 'none' as const,
    })),
    ...browser.map((file) => ({ label: file, files: [file], isolation: 'process' as const })),
  ];
}

async function main(): Promise<number> {
  fs.mkdirSync(tmp, { recursive: true });
  const build = spawnSync(process.execPath, ['scripts/build-web-if-needed.mjs'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) return 1;

  // The reliability tier (apps/server/src/reliability) starts the app as a child process on embedded data
  // directories of its own and kills its PostgreSQL or the app itself: it runs once, in the first run,
  // since it uses neither test server.
  const reliabilityTests = findTests('apps/server/src/reliability');
  const serverTests = [...findTests('packages/shared/src'), ...findTests('apps/server/src')].filter(
    (file) => !reliabilityTests.includes(file),
  );
  const browserTests = findTests('e2e');
  const dataDir = path.join(tmp, 'test-pg');
  const release = acquireDataDirLock(dataDir);
  const embedded = await startEmbeddedPostgres({ dataDir, log: (m) => console.log(`[test] ${m}`) });
  const results: RunResult[] = [];
  try {
    results.push(
      await runSuite(
        'embedded PostgreSQL',
        embedded.adminUrl,
        plan(reliabilityTests, serverTests, browserTests),
      ),
    );
    const external = process.env.TEST_DATABASE_URL;
    if (external)
      results.push(
        await runSuite(
          `TEST_DATABASE_URL ${new URL(external).host}`,
          external,
          plan([], serverTests.filter(usesTestServer), []),
          // What does not depend on the server (opening files in LibreOffice) is not repeated.
          { QINQING_TEST_SECOND_SERVER: '1' },
        ),
      );
  } finally {
    await embedded.stop();
    release();
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  console.log(`\ntotal: ${passed} passed, ${failed} failed`);
  return failed > 0 || results.some((r) => r.code !== 0) ? 1 : 0;
}

process.exit(await main());
