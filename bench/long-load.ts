// A long load (issue 12 item 9): one app node on the demo federation (embedded PostgreSQL in a temp data
// directory), driven open-loop at a fixed rate for a long time with mixed work — lists, searches, raising
// appeals, moving them through their state machine, the dashboard, reading one appeal. Prints errors and
// p50/p95/p99 per kind, and the node's RSS at start, every minute and at the end, with the machine's load
// average (other work on a 2-core machine moves every number here).
// Open loop: a request is sent when its time comes, whether or not earlier ones have answered, so a slow
// server shows as latency (no coordinated omission); the number in flight is capped and what the cap
// held back is counted as "late".
// Before the load, each kind's cost: N requests of it one at a time, with the CPU the node and its
// PostgreSQL spent per request (what sets the rate two cores can hold); after it, where the run's CPU went.
// Options: --seconds N (default 600), --rate N requests per second (default 200), --max-in-flight N,
// --costs N (requests per kind measured one at a time before the load; default 50, 0 to skip).
// Not part of `npm test`: run with `npx tsx bench/long-load.ts [--seconds 60]`.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { login } from './lib/auth.ts';
import { ownCpuMs, processCpuMs, processTreeCpu } from './lib/cpu.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, percentile, type TargetRow } from './lib/report.ts';
import { embeddedDatabaseUrl, makeTempDataDir, spawnAppServer, waitHealthy } from './lib/server.ts';

const START_TIMEOUT_MS = 180_000;
const TICK_MS = 5;
const RSS_SAMPLE_MS = 10_000;
const RSS_PRINT_EVERY_MS = 60_000;
/** RSS growth over the run's second half (after warm-up) above this is reported as growing. */
const RSS_GROWTH_LIMIT = 0.1;
const REQUEST_TIMEOUT_MS = 30_000;

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '600' },
    rate: { type: 'string', default: '200' },
    'max-in-flight': { type: 'string', default: '200' },
    costs: { type: 'string', default: '50' },
  },
  strict: false,
});

type Kind = 'list' | 'search' | 'raise' | 'transition' | 'dashboard' | 'read';

/** Shares of the rate; a transition with no appeal ready to move is sent as a list instead. */
const MIX: [Kind, number][] = [
  ['list', 0.3],
  ['search', 0.2],
  ['raise', 0.1],
  ['transition', 0.2],
  ['dashboard', 0.05],
  ['read', 0.15],
];

/** The next move of an appeal in each state on the demo's path to closed, and who makes it. */
const NEXT: Record<string, { action: string; by: 'staff' | 'liaison' } | undefined> = {
  submitted: { action: 'mark_valid', by: 'staff' },
  valid: { action: 'forward', by: 'staff' },
  forwarded: { action: 'accept', by: 'liaison' },
  in_progress: { action: 'resolve', by: 'liaison' },
  answered: { action: 'confirm', by: 'staff' },
  confirmed: { action: 'rate', by: 'staff' },
};

interface Moving {
  id: string;
  version: number;
  state: string;
}

interface Tally {
  latencies: number[];
  errors: number;
  /** First few error answers, to say what failed. */
  samples: string[];
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

/**
 * One request over a kept-alive connection: node's http client costs the generator about half of what fetch
 * does, and the generator shares the two cores with the node and its database.
 */
function httpCall(
  agent: http.Agent,
  base: string,
  path: string,
  cookie: string,
  body: unknown,
): Promise<{ status: number; text: string }> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const request = http.request(
      base + path,
      {
        agent,
        method: payload === undefined ? 'GET' : 'POST',
        headers: {
          cookie,
          ...(payload === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(payload),
                origin: base,
              }),
        },
        timeout: REQUEST_TIMEOUT_MS,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    request.on('timeout', () => request.destroy(new Error(`no answer in ${REQUEST_TIMEOUT_MS} ms`)));
    request.on('error', reject);
    request.end(payload);
  });
}

/** CPU ms so far of the node, of its PostgreSQL (the postmaster it started and the backends), and of this process. */
function cpuSplit(nodePid: number): { node: number; database: number; generator: number } {
  let database = 0;
  for (const [child] of processTreeCpu(nodePid)) {
    if (child === nodePid) continue;
    for (const [, cpuMs] of processTreeCpu(child)) database += cpuMs;
  }
  return { node: processCpuMs(nodePid), database, generator: ownCpuMs() };
}

const load = () =>
  os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

export const longLoad: Benchmark = {
  title: 'A long load: one node, mixed work at a fixed rate',
  async run() {
    const seconds = Number(args.seconds);
    const rate = Number(args.rate);
    const maxInFlight = Number(args['max-in-flight']);
    const log = (message: string) => console.log(`  ${message}`);
    const dataDir = makeTempDataDir();
    const server = await spawnAppServer({ dataDir, env: { QINQING_LOGIN_RATE_LIMIT: '1000' } });
    try {
      await waitHealthy(server, performance.now(), START_TIMEOUT_MS);
      const base = server.baseUrl;
      const pool = new pg.Pool({ connectionString: embeddedDatabaseUrl(dataDir), max: 2 });
      let scene: { enterprises: string[]; categories: string[]; department: string; names: string[] };
      try {
        const enterprises = await pool.query<{ id: string; name: string }>(
          `SELECT e.id, e.name FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
            JOIN users s ON s.username = 'staff' JOIN org_units su ON su.id = s.org_unit_id
            WHERE u.path LIKE su.path || '%' AND e.merged_into_id IS NULL ORDER BY e.name`,
        );
        const categories = await pool.query<{ code: string }>(
          'SELECT DISTINCT code FROM appeal_categories WHERE active ORDER BY code',
        );
        const department = await pool.query<{ id: string }>(
          "SELECT org_unit_id AS id FROM users WHERE username = 'liaison'",
        );
        scene = {
          enterprises: enterprises.rows.map((row) => row.id),
          categories: categories.rows.map((row) => row.code),
          department: department.rows[0]!.id,
          // Two-character fragments of names and a pinyin-initials query: the search kinds the registry has.
          names: enterprises.rows.flatMap((row) => [row.name.slice(0, 2), row.name.slice(2, 4)]),
        };
      } finally {
        await pool.end();
      }
      if (scene.enterprises.length === 0 || scene.categories.length === 0)
        throw new Error('the demo federation has no enterprises or appeal categories');
      log(
        `${scene.enterprises.length} enterprises in the staff's scope, ${scene.categories.length} categories`,
      );

      const cookies: Record<'staff' | 'liaison', string> = { staff: '', liaison: '' };
      for (const who of ['staff', 'liaison'] as const) {
        const outcome = await login(base, who);
        if (!outcome.token) throw new Error(`login as ${who} failed with HTTP ${outcome.status}`);
        cookies[who] = `qinqing_sid=${outcome.token}`;
      }

      const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight + 10 });
      const tallies = new Map<Kind, Tally>(
        MIX.map(([kind]) => [kind, { latencies: [], errors: 0, samples: [] }]),
      );
      const ready: Moving[] = [];
      const recent: string[] = [];
      let counter = 0;
      let inFlight = 0;
      let late = 0;
      let closed = 0;

      const call = async (
        kind: Kind,
        path: string,
        who: 'staff' | 'liaison',
        body?: unknown,
      ): Promise<unknown> => {
        const started = performance.now();
        const tally = tallies.get(kind)!;
        inFlight++;
        try {
          const { status, text } = await httpCall(agent, base, path, cookies[who], body);
          tally.latencies.push(performance.now() - started);
          if (status >= 400) {
            tally.errors++;
            if (tally.samples.length < 5) tally.samples.push(`${status} ${path} ${text.slice(0, 200)}`);
            return undefined;
          }
          return JSON.parse(text) as unknown;
        } catch (error) {
          tally.latencies.push(performance.now() - started);
          tally.errors++;
          if (tally.samples.length < 5) tally.samples.push(`${path}: ${String(error)}`);
          return undefined;
        } finally {
          inFlight--;
        }
      };

      const pick = <T>(list: readonly T[]): T => list[counter % list.length]!;

      /** Sends one request of the kind (a list may send two); resolves when its answers are in. */
      const send = (kind: Kind): Promise<unknown> => {
        counter++;
        switch (kind) {
          case 'list': {
            const lists = [
              '/api/enterprises?page=1&pageSize=20',
              '/api/appeals?page=1&pageSize=20',
              '/api/appeals?page=2&pageSize=20&state=forwarded',
              '/api/notifications?page=1&pageSize=20',
            ];
            const sent = [call(kind, pick(lists), 'staff')];
            if (counter % 5 === 0) sent.push(call(kind, '/api/appeals/inbox?page=1&pageSize=20', 'liaison'));
            return Promise.all(sent);
          }
          case 'search': {
            const q = encodeURIComponent(pick(scene.names));
            return call(
              kind,
              counter % 2 ? `/api/search?q=${q}` : `/api/enterprises?q=${q}&page=1&pageSize=20`,
              'staff',
            );
          }
          case 'dashboard':
            return call(kind, '/api/dashboard', 'staff');
          case 'read': {
            const id = recent.length > 0 ? recent[counter % recent.length] : undefined;
            if (!id) return send('list');
            return call(kind, `/api/appeals/${id}`, 'staff');
          }
          case 'raise': {
            return call(kind, '/api/appeals', 'staff', {
              enterpriseId: pick(scene.enterprises),
              category: pick(scene.categories),
              title: `长时负载诉求 ${counter}`,
              description: '招工难，急需技术工人，请协调人社部门对接职业院校。',
              source: 'phone',
              urgency: 'normal',
            }).then((answer) => {
              const appeal = (answer as { appeal?: Moving } | undefined)?.appeal;
              if (!appeal) return;
              ready.push({ id: appeal.id, version: appeal.version, state: appeal.state });
              recent.push(appeal.id);
              if (recent.length > 500) recent.shift();
            });
          }
          case 'transition': {
            const moving = ready.shift();
            if (!moving) return send('list');
            const next = NEXT[moving.state]!;
            const body: Record<string, unknown> = { action: next.action, version: moving.version };
            if (next.action === 'forward') body.departmentIds = [scene.department];
            if (next.action === 'resolve') body.note = '已对接职业院校，企业招到 12 名技术工人。';
            if (next.action === 'rate') Object.assign(body, { satisfaction: 'satisfied', via: 'phone' });
            return call(kind, `/api/appeals/${moving.id}/transitions`, next.by, body).then((answer) => {
              const appeal = (answer as { appeal?: Moving } | undefined)?.appeal;
              if (!appeal) return;
              if (NEXT[appeal.state])
                ready.push({ id: moving.id, version: appeal.version, state: appeal.state });
              else closed++;
            });
          }
        }
      };

      const cumulative: [Kind, number][] = [];
      let sum = 0;
      for (const [kind, share] of MIX) cumulative.push([kind, (sum += share)]);
      const kindAt = (n: number): Kind => {
        // A fixed, spread-out sequence (golden-ratio steps) rather than random: runs compare.
        const x = (n * 0.6180339887) % 1;
        return cumulative.find(([, edge]) => x < edge)?.[0] ?? 'list';
      };

      const pid = server.child.pid!;
      const costRows: TargetRow[] = [];
      const costs = Number(args.costs);
      if (costs > 0) {
        // Raises first: they give the transitions and reads their appeals.
        for (const kind of ['raise', 'transition', 'read', 'list', 'search', 'dashboard'] as const) {
          const before = cpuSplit(pid);
          const wall = performance.now();
          for (let i = 0; i < costs; i++) await send(kind);
          const after = cpuSplit(pid);
          const each = (key: keyof typeof before) => ((after[key] - before[key]) / costs).toFixed(1);
          costRows.push({
            target: `${kind}, ${costs} one at a time (CPU per request)`,
            measured: `node ${each('node')} ms · PostgreSQL ${each('database')} ms · generator ${each('generator')} ms · wall ${((performance.now() - wall) / costs).toFixed(1)} ms`,
            goal: '',
          });
        }
        for (const tally of tallies.values()) {
          tally.latencies.length = 0;
          tally.errors = 0;
          tally.samples.length = 0;
        }
        closed = 0;
      }
      const cpuAtStart = cpuSplit(pid);
      const rss: { at: number; mb: number }[] = [];
      const started = performance.now();
      const sampleRss = () => {
        const at = (performance.now() - started) / 1000;
        const mb = rssMb(pid);
        rss.push({ at, mb });
        return mb;
      };
      log(`start: RSS ${sampleRss().toFixed(0)} MB · load average ${load()}`);
      const loadAtStart = load();
      let issued = 0;
      let lastPrint = 0;
      let lastSample = 0;
      const printedUpTo = new Map<Kind, number>();
      const endAt = started + seconds * 1000;
      while (performance.now() < endAt) {
        const now = performance.now();
        const due = Math.floor(((now - started) / 1000) * rate);
        while (issued < due) {
          issued++;
          if (inFlight >= maxInFlight) late++;
          else void send(kindAt(issued));
        }
        if (now - lastSample >= RSS_SAMPLE_MS) {
          lastSample = now;
          const mb = sampleRss();
          if (now - lastPrint >= RSS_PRINT_EVERY_MS) {
            lastPrint = now;
            const done = [...tallies.values()].reduce((n, t) => n + t.latencies.length, 0);
            const errors = [...tallies.values()].reduce((n, t) => n + t.errors, 0);
            log(
              `${((now - started) / 1000).toFixed(0)} s: RSS ${mb.toFixed(0)} MB · ${done} answered · ${errors} errors · ${inFlight} in flight · load ${load()}`,
            );
            // Which kinds slow down as the run goes on: each kind's p50 over the last minute.
            log(
              `    p50 this minute: ${[...tallies]
                .map(([kind, tally]) => {
                  const recentLatencies = tally.latencies.slice(printedUpTo.get(kind) ?? 0);
                  printedUpTo.set(kind, tally.latencies.length);
                  return `${kind} ${ms(percentile(recentLatencies, 50))}`;
                })
                .join(' · ')}`,
            );
          }
        }
        await new Promise((resolve) => setTimeout(resolve, TICK_MS));
      }
      while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      agent.destroy();
      const elapsed = (performance.now() - started) / 1000;
      // What the node logged about failures (LOG_LEVEL=warn: errors and warnings only).
      const logged = server
        .output()
        .split('\n')
        .filter((line) => /"level":(40|50|60)/.test(line));
      for (const line of logged.slice(-10)) log(`node logged: ${line.slice(0, 1500)}`);
      const endMb = sampleRss();
      log(`end: RSS ${endMb.toFixed(0)} MB · load average ${load()}`);
      const cpuAtEnd = cpuSplit(pid);

      const rows: TargetRow[] = [];
      let answered = 0;
      for (const [kind, tally] of tallies) {
        answered += tally.latencies.length;
        rows.push({
          target: `${kind}: ${tally.latencies.length} requests`,
          measured:
            tally.latencies.length === 0
              ? 'none sent'
              : `p50 ${ms(percentile(tally.latencies, 50))} · p95 ${ms(percentile(tally.latencies, 95))} · p99 ${ms(percentile(tally.latencies, 99))} · max ${ms(Math.max(...tally.latencies))}`,
          goal: 'no errors',
          met: tally.errors === 0,
        });
        if (tally.errors > 0) rows.at(-1)!.measured += ` · ${tally.errors} errors`;
        for (const sample of tally.samples) log(`${kind} error: ${sample}`);
      }
      rows.push({
        target: `overall: ${answered} answered in ${elapsed.toFixed(0)} s`,
        measured: `${(answered / elapsed).toFixed(1)} /s (asked ${rate} /s) · ${late} held back by the in-flight cap · ${closed} appeals taken to closed`,
        goal: `${rate} /s`,
        met: late === 0,
      });
      // Growth judged after warm-up: from the sample nearest a tenth of the run to the end.
      const warm = rss.find((sample) => sample.at >= elapsed / 10) ?? rss[0]!;
      const growth = (endMb - warm.mb) / warm.mb;
      rows.push({
        target: `node RSS: start ${rss[0]!.mb.toFixed(0)} MB, at ${warm.at.toFixed(0)} s ${warm.mb.toFixed(0)} MB, end ${endMb.toFixed(0)} MB`,
        measured: `points: ${rss
          .filter((_, i) => i % Math.max(1, Math.round(rss.length / 10)) === 0)
          .map((sample) => `${sample.at.toFixed(0)}s ${sample.mb.toFixed(0)}`)
          .join(', ')} · after warm-up ${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %`,
        goal: `flat after warm-up (≤ +${RSS_GROWTH_LIMIT * 100} %)`,
        met: growth <= RSS_GROWTH_LIMIT,
      });
      const share = (key: keyof typeof cpuAtEnd) => {
        const spent = (cpuAtEnd[key] - cpuAtStart[key]) / 1000;
        return `${key} ${spent.toFixed(0)} s (${((spent / elapsed) * 100).toFixed(0)} % of a core)`;
      };
      rows.push({
        target: `CPU over the run's ${elapsed.toFixed(0)} s (${os.cpus().length} cores)`,
        measured: `${share('node')} · ${share('database')} · ${share('generator')}`,
        goal: '',
      });
      rows.push(...costRows);
      rows.push({
        target: 'machine load average (1, 5, 15 min)',
        measured: `start ${loadAtStart} · end ${load()} on ${os.cpus().length} cores`,
        goal: '',
      });
      return rows;
    } finally {
      await server.stop();
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(longLoad);
