// The phone side's first load (issue 10): Chromium at 390 × 844 (touch) over an emulated 3G connection —
// CDP Network.emulateNetworkConditions at 750 kb/s down, 250 kb/s up, 100 ms round trip, the cache off —
// with the CPU slowed 4× (Emulation.setCPUThrottlingRate, a mid-range phone), opening the appeal form as a
// signed-in enterprise contact. Time to interactive = the page's clock (from navigation start) when the form
// has its categories and its submit button is enabled (a performance mark the page sets). Also: the JavaScript bytes on the wire (gzipped) and
// that nothing of the admin bundle is fetched. Targets: ≤ 3 s to interactive, JavaScript ≤ 300 KB gzipped.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { FORM_READY_MARK } from '../apps/web/src/phone/marks.ts';
import { login } from './lib/auth.ts';
import { isEntry, runStandalone, type Benchmark } from './lib/entry.ts';
import { ms, median, type TargetRow } from './lib/report.ts';
import {
  makeTempDataDir,
  removeTempDataDir,
  repoRoot,
  spawnAppServer,
  waitHealthy,
  type SpawnedProcess,
} from './lib/server.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = 5;
const PROFILE = {
  downKbps: 750,
  upKbps: 250,
  rttMs: 100,
  /** A mid-range phone's CPU; the network alone (×1) is measured beside it. */
  cpuSlowdown: 4,
};
const TTI_TARGET_MS = 3000;
const JS_TARGET_BYTES = 300 * 1024;
const START_TIMEOUT_MS = 120_000;

interface Load {
  ttiMs: number;
  /** When the last script, the session answer and the categories had arrived (page clock). */
  scriptsDoneMs: number;
  meDoneMs: number;
  categoriesDoneMs: number;
  scriptBytes: number;
  totalBytes: number;
  requests: string[];
}

/** One cold load of /m/appeals/new in a fresh context (nothing cached), throttled. */
async function firstLoad(
  browser: Browser,
  baseUrl: string,
  sessionToken: string,
  cpuSlowdown: number,
): Promise<Load> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  await context.addCookies([{ name: 'qinqing_sid', value: sessionToken, url: baseUrl }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: PROFILE.rttMs,
    downloadThroughput: (PROFILE.downKbps * 1000) / 8,
    uploadThroughput: (PROFILE.upKbps * 1000) / 8,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });

  const types = new Map<string, { url: string; type: string }>();
  let scriptBytes = 0;
  let totalBytes = 0;
  cdp.on('Network.responseReceived', (event) => {
    types.set(event.requestId, { url: event.response.url, type: event.type });
  });
  cdp.on('Network.loadingFinished', (event) => {
    totalBytes += event.encodedDataLength;
    if (types.get(event.requestId)?.type === 'Script') scriptBytes += event.encodedDataLength;
  });

  await page.goto('/m/appeals/new', { waitUntil: 'commit' });
  await page.locator('[data-testid="phone-appeal-form"][data-ready="true"]').waitFor({ timeout: 60_000 });
  await page.locator('[data-testid="phone-appeal-submit"]:not([disabled])').waitFor();
  // The page marks the moment its form became usable (FORM_READY_MARK), on its own clock
  // from navigation start: the time of this process's polling is not counted.
  const ttiMs = (await page.evaluate(
    `performance.getEntriesByName('${FORM_READY_MARK}', 'mark')[0]?.startTime ?? -1`,
  )) as number;
  if (ttiMs < 0) throw new Error('the appeal form set no ready mark');
  const timings = JSON.parse(
    (await page.evaluate(
      `JSON.stringify(performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname, e.responseEnd]))`,
    )) as string,
  ) as [string, number][];
  const doneAt = (match: (path: string) => boolean) =>
    Math.max(0, ...timings.filter(([path]) => match(path)).map(([, end]) => end));
  // Let what is still in flight (the unread count) finish before counting bytes.
  await page.waitForLoadState('networkidle');
  const requests = [...types.values()].map((entry) => new URL(entry.url).pathname);
  await context.close();
  return {
    ttiMs,
    scriptsDoneMs: doneAt((p) => p.endsWith('.js')),
    meDoneMs: doneAt((p) => p === '/api/auth/me'),
    categoriesDoneMs: doneAt((p) => p === '/api/appeal-categories'),
    scriptBytes,
    totalBytes,
    requests,
  };
}

/** The web app built from the current sources into a folder of its own (or QINQING_WEB_DIST as given). */
function webBuild(): { dir: string; built: boolean } {
  if (process.env.QINQING_WEB_DIST) return { dir: path.resolve(process.env.QINQING_WEB_DIST), built: false };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinqing-bench-web-'));
  execFileSync('npx', ['vite', 'build', '--outDir', dir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: path.join(repoRoot, 'apps/web'),
    stdio: 'inherit',
  });
  return { dir, built: true };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export const phoneFirstLoad: Benchmark = {
  title: `Phone side, first load of the appeal form (3G: ${PROFILE.downKbps}/${PROFILE.upKbps} kb/s, ${PROFILE.rttMs} ms RTT; 390 × 844)`,
  async run(): Promise<TargetRow[]> {
    if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set CHROMIUM_PATH)`);
    const web = webBuild();
    const dataDir = makeTempDataDir();
    let server: SpawnedProcess | undefined;
    let browser: Browser | undefined;
    try {
      const startedAt = performance.now();
      server = await spawnAppServer({
        dataDir,
        env: { QINQING_WEB_DIST: web.dir, QINQING_LOGIN_RATE_LIMIT: '0', QINQING_SCHEDULER_TICK_MS: '0' },
      });
      // Any 200 from the health route: its body grows warnings (a calendar year missing) this does not test.
      await waitHealthy(server, startedAt, START_TIMEOUT_MS, { path: '/api/health' });
      const session = await login(server.baseUrl, 'member');
      if (!session.token) throw new Error(`login as member failed with HTTP ${session.status}`);
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-quic',
        ],
      });
      const [launched, baseUrl, token] = [browser, server.baseUrl, session.token];
      const loadsAt = async (cpuSlowdown: number): Promise<Load[]> => {
        const loads: Load[] = [];
        for (let run = 0; run < RUNS; run++) {
          const load = await firstLoad(launched, baseUrl, token, cpuSlowdown);
          console.log(
            `CPU ×${cpuSlowdown}, run ${run + 1}: interactive at ${ms(load.ttiMs)} (scripts in at ${ms(load.scriptsDoneMs)}, session at ${ms(load.meDoneMs)}, categories at ${ms(load.categoriesDoneMs)}), JavaScript ${kb(load.scriptBytes)}, all ${kb(load.totalBytes)} in ${load.requests.length} requests`,
          );
          loads.push(load);
        }
        return loads;
      };
      const networkOnly = await loadsAt(1);
      const loads = await loadsAt(PROFILE.cpuSlowdown);
      const tti = median(loads.map((load) => load.ttiMs));
      const worst = Math.max(...loads.map((load) => load.ttiMs));
      const script = Math.max(...loads.map((load) => load.scriptBytes));
      const scripts = [
        ...new Set(
          [...networkOnly, ...loads].flatMap((load) => load.requests.filter((p) => p.endsWith('.js'))),
        ),
      ];
      // The phone page's own scripts are those its HTML names; anything else fetched would be the admin's.
      const ownScripts = new Set(
        [
          ...fs.readFileSync(path.join(web.dir, 'm/index.html'), 'utf8').matchAll(/"(\/assets\/[^"]+\.js)"/g),
        ].map((match) => match[1]),
      );
      const admin = scripts.filter((script) => !ownScripts.has(script));
      console.log(`scripts fetched: ${scripts.join(', ')}`);
      return [
        {
          target: `time to interactive on the appeal form, CPU ×${PROFILE.cpuSlowdown} (median of ${RUNS} cold loads)`,
          measured: `${ms(tti)} (slowest ${ms(worst)})`,
          goal: `≤ ${ms(TTI_TARGET_MS)}`,
          met: tti <= TTI_TARGET_MS,
        },
        {
          target: `the same over the network alone (CPU ×1, median of ${RUNS})`,
          measured: ms(median(networkOnly.map((load) => load.ttiMs))),
          goal: `≤ ${ms(TTI_TARGET_MS)}`,
          met: median(networkOnly.map((load) => load.ttiMs)) <= TTI_TARGET_MS,
        },
        {
          target: 'JavaScript the phone side downloads (gzipped, bytes on the wire)',
          measured: `${kb(script)} in ${scripts.length} files`,
          goal: `≤ ${kb(JS_TARGET_BYTES)}`,
          met: script <= JS_TARGET_BYTES,
        },
        {
          target: 'where the median load waits (page clock)',
          measured: `scripts in ${ms(median(loads.map((l) => l.scriptsDoneMs)))}, session ${ms(median(loads.map((l) => l.meDoneMs)))}, categories ${ms(median(loads.map((l) => l.categoriesDoneMs)))}`,
          goal: '',
        },
        {
          target: "scripts fetched beyond the phone page's own (the admin bundle)",
          measured: admin.length === 0 ? 'none' : admin.join(', '),
          goal: 'none',
          met: admin.length === 0,
        },
      ];
    } finally {
      await browser?.close();
      await server?.stop();
      removeTempDataDir(dataDir);
      if (web.built) fs.rmSync(web.dir, { recursive: true, force: true });
    }
  },
};

if (isEntry(import.meta.url)) await runStandalone(phoneFirstLoad);
