// Start-up time: cold (empty data directory: initdb, migrations, demo seed) and warm (same directory again)
// until GET /api/health answers ok, and how long a SIGTERM stop takes. Targets: cold ≤ 15 s, warm ≤ 3 s.
// Phases come from the server's own log lines, and a separate probe times module loading alone, so a
// missed target says where the time went.
import { spawn } from 'node:child_process';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { median, ms, seconds, type TargetRow } from './lib/report.ts';
import {
  deadline,
  makeTempDataDir,
  removeTempDataDir,
  repoRoot,
  spawnAppServer,
  waitHealthy,
} from './lib/server.ts';

const ROUNDS = 3;
const COLD_TARGET_MS = 15_000;
const WARM_TARGET_MS = 3_000;
// Well past the targets, but bounded: a hung start must not hang the benchmark.
const HEALTH_TIMEOUT_MS = 90_000;
const PROBE_TIMEOUT_MS = 60_000;
// Lines main.ts and db/embedded.ts print; a phase shows as n/a if their wording changes.
const INITDB = 'initialising PostgreSQL cluster';
const POSTGRES_UP = 'PostgreSQL is up';
const LISTENING = 'Qinqing is running';

interface StartStop {
  startMs: number;
  /** spawn → initdb begins (cold only): Node, tsx, module loading. */
  untilInitdbMs: number;
  /** spawn → PostgreSQL answers: the above, then initdb (cold) and starting postgres. */
  untilPostgresMs: number;
  /** PostgreSQL answers → listening: migrations, building the app, seeding (cold). */
  untilListeningMs: number;
  stopMs: number;
}

async function startAndStop(dataDir: string): Promise<StartStop> {
  const startedAt = performance.now();
  const server = await spawnAppServer({ dataDir });
  try {
    const startMs = await waitHealthy(server, startedAt, HEALTH_TIMEOUT_MS);
    const initdbAt = server.printedAt(INITDB) ?? Number.NaN;
    const postgresAt = server.printedAt(POSTGRES_UP) ?? Number.NaN;
    const listeningAt = server.printedAt(LISTENING) ?? Number.NaN;
    return {
      startMs,
      untilInitdbMs: initdbAt - startedAt,
      untilPostgresMs: postgresAt - startedAt,
      untilListeningMs: listeningAt - postgresAt,
      stopMs: await server.stop(),
    };
  } finally {
    await server.stop();
  }
}

interface ProbeResult {
  wallMs: number;
  importMs: number;
}

/** One process that only loads main.ts's imports: its wall time is the floor under any start. */
async function probeModuleLoading(): Promise<ProbeResult> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/import-probe.ts'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const code = await Promise.race([exited, deadline(PROBE_TIMEOUT_MS).then(() => 'timeout' as const)]);
  if (code === 'timeout') {
    child.kill('SIGKILL');
    throw new Error('import probe timed out');
  }
  if (code !== 0) throw new Error(`import probe failed (exit ${code})`);
  const { importMs } = JSON.parse(output) as { importMs: number };
  return { wallMs: performance.now() - started, importMs };
}

function minMedian(values: number[]): string {
  return values.some(Number.isNaN)
    ? 'n/a'
    : `min ${seconds(Math.min(...values))} · median ${seconds(median(values))}`;
}

export const startup: Benchmark = {
  title: 'Start-up (spawn → GET /api/health ok)',
  async run() {
    const cold: StartStop[] = [];
    const warm: StartStop[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const dataDir = makeTempDataDir();
      try {
        cold.push(await startAndStop(dataDir));
        warm.push(await startAndStop(dataDir));
      } finally {
        removeTempDataDir(dataDir);
      }
      const [c, w] = [cold.at(-1)!, warm.at(-1)!];
      console.log(
        `round ${round}: cold ${seconds(c.startMs)} (stop ${ms(c.stopMs)}), warm ${seconds(w.startMs)} (stop ${ms(w.stopMs)})`,
      );
    }
    const probes: ProbeResult[] = [];
    for (let i = 0; i < ROUNDS; i++) probes.push(await probeModuleLoading());

    const pick = (runs: StartStop[], key: keyof StartStop) => runs.map((run) => run[key]);
    const coldStart = pick(cold, 'startMs');
    const warmStart = pick(warm, 'startMs');
    const stops = pick([...cold, ...warm], 'stopMs');
    const phaseRow = (label: string, values: number[]): TargetRow => ({
      target: label,
      measured: minMedian(values),
      goal: '(breakdown)',
    });
    return [
      {
        target: `cold start (${ROUNDS}×)`,
        measured: minMedian(coldStart),
        goal: `≤ ${seconds(COLD_TARGET_MS)}`,
        met: median(coldStart) <= COLD_TARGET_MS,
      },
      phaseRow('  cold: spawn → initdb begins', pick(cold, 'untilInitdbMs')),
      phaseRow('  cold: spawn → PostgreSQL up', pick(cold, 'untilPostgresMs')),
      phaseRow('  cold: PostgreSQL up → listening', pick(cold, 'untilListeningMs')),
      {
        target: `warm start (${ROUNDS}×)`,
        measured: minMedian(warmStart),
        goal: `≤ ${seconds(WARM_TARGET_MS)}`,
        met: median(warmStart) <= WARM_TARGET_MS,
      },
      phaseRow('  warm: spawn → PostgreSQL up', pick(warm, 'untilPostgresMs')),
      phaseRow('  warm: PostgreSQL up → listening', pick(warm, 'untilListeningMs')),
      phaseRow(
        '  node + tsx + imports only (probe)',
        probes.map((probe) => probe.wallMs),
      ),
      phaseRow(
        '  of which importing main.ts deps',
        probes.map((probe) => probe.importMs),
      ),
      {
        target: `clean stop after SIGTERM (${ROUNDS * 2}×)`,
        measured: `min ${ms(Math.min(...stops))} · median ${ms(median(stops))}`,
        goal: '(reported only)',
      },
    ];
  },
};

if (isEntry(import.meta.url)) await runStandalone(startup);
