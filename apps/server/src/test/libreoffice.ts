// Test utility: opens a generated Office file (.xlsx, .docx) in LibreOffice, converts it to PDF and reads
// the PDF back (text with poppler's pdftotext, page count with pdfinfo) — proof that the file opens in the
// office suite Chinese government machines run, laid out as intended. Conversions run one at a time per
// process (LibreOffice is slow and memory-hungry), each process with its own LibreOffice profile, and with
// the fontconfig aliases that map the official font names (仿宋_GB2312, 方正小标宋简体, 黑体…) to Noto CJK.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const FONTCONFIG_FILE = fileURLToPath(new URL('./fontconfig/qinqing-fonts.conf', import.meta.url));

const TOOLS = ['soffice', 'pdftotext', 'pdfinfo'] as const;
const INSTALL_HINT =
  'apt-get install libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk';
/** The first conversion starts LibreOffice with a fresh profile: on two busy cores that takes a while. */
const DEFAULT_TIMEOUT_MS = 180_000;

let available: boolean | undefined;

/** Whether soffice, pdftotext and pdfinfo are on the PATH. */
export function libreOfficeAvailable(): boolean {
  available ??= TOOLS.every(
    (tool) => spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0,
  );
  return available;
}

/**
 * The `skip` option for tests that need LibreOffice: a message on a developer machine without it, and
 * `false` under CI, where the test then runs and fails on the missing tool instead of passing silently.
 */
export function libreOfficeSkip(): string | false {
  // npm test's second run (the same server tests on TEST_DATABASE_URL's server) repeats what the database
  // decides; how LibreOffice lays out a file does not depend on the server, and was seen in the first run.
  if (process.env.QINQING_TEST_SECOND_SERVER === '1')
    return 'opened in LibreOffice in the first run (the layout does not depend on the database server)';
  if (libreOfficeAvailable() || process.env.CI === 'true') return false;
  return `LibreOffice or poppler-utils is not installed (${INSTALL_HINT}): skipped`;
}

export interface ConvertedPdf {
  pdfPath: string;
  /** The whole document's text, laid out (`pdftotext -layout`). */
  text: string;
  pages: number;
}

let workDir: string | undefined;

/** One directory per process for the profile and the files; removed when the process exits. */
function workDirectory(): string {
  if (!workDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinqing-office-'));
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
    workDir = dir;
  }
  return workDir;
}

interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a command in its own process group, killing the whole group (soffice forks) on timeout. */
function run(command: string, args: string[], timeoutMs: number, env = process.env): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new Error(`${command} could not start (${INSTALL_HINT}): ${error.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (timedOut) reject(new Error(`${command} timed out after ${timeoutMs} ms: ${stderr}`));
      else if (code !== 0) reject(new Error(`${command} exited with ${code}: ${stderr || stdout}`));
      else resolve({ stdout, stderr });
    });
  });
}

/** Text of a PDF, or of pages `first` to `last` (1-based, inclusive). */
export async function pdfText(
  pdfPath: string,
  pages: { first?: number; last?: number } = {},
): Promise<string> {
  const range = [
    ...(pages.first ? ['-f', String(pages.first)] : []),
    ...(pages.last ? ['-l', String(pages.last)] : []),
  ];
  const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', ...range, pdfPath, '-'], 60_000);
  return stdout;
}

export async function pdfPageCount(pdfPath: string): Promise<number> {
  const { stdout } = await run('pdfinfo', [pdfPath], 60_000);
  const match = /^Pages:\s+(\d+)/m.exec(stdout);
  if (!match) throw new Error(`pdfinfo gave no page count: ${stdout}`);
  return Number(match[1]);
}

let queue: Promise<unknown> = Promise.resolve();
let sequence = 0;

async function convert(file: Buffer | string, ext: string, timeoutMs: number): Promise<ConvertedPdf> {
  const dir = workDirectory();
  const n = ++sequence;
  const source = path.join(dir, `document-${n}.${ext}`);
  if (typeof file === 'string') fs.copyFileSync(file, source);
  else fs.writeFileSync(source, file);
  const outDir = path.join(dir, `out-${n}`);
  fs.mkdirSync(outDir);
  const profile = pathToFileURL(path.join(dir, 'profile')).href;
  await run(
    'soffice',
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      '--norestore',
      '--nologo',
      '--nodefault',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      source,
    ],
    timeoutMs,
    { ...process.env, FONTCONFIG_FILE, SAL_USE_VCLPLUGIN: 'svp' },
  );
  const pdfPath = path.join(outDir, `document-${n}.pdf`);
  // soffice answers 0 even when it could not load the file; the missing PDF says so.
  if (!fs.existsSync(pdfPath)) throw new Error(`LibreOffice did not convert the .${ext} file to PDF`);
  const [text, pages] = await Promise.all([pdfText(pdfPath), pdfPageCount(pdfPath)]);
  return { pdfPath, text, pages };
}

/**
 * Converts an Office file (its bytes, or a path) to PDF with LibreOffice. Calls are queued: one soffice
 * at a time in this process.
 */
export function officeToPdf(
  file: Buffer | string,
  ext: 'xlsx' | 'docx',
  options: { timeoutMs?: number } = {},
): Promise<ConvertedPdf> {
  const result = queue.then(() => convert(file, ext, options.timeoutMs ?? DEFAULT_TIMEOUT_MS));
  queue = result.catch(() => undefined);
  return result;
}
