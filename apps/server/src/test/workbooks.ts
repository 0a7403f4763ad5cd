// Test factories for spreadsheet imports: member workbooks built with exceljs, archives built by hand
// (zip bombs, fakes, edited parts), multipart uploads through the app, and waiting for a job to finish.
import { randomBytes } from 'node:crypto';
// exceljs's streaming parser with its UTF-8 decoding fixed, before exceljs itself loads.
import '../core/office/exceljs-utf8.ts';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { usccCheckCharacter, type JobView } from '@qinqing/shared';
import { ORIGIN, type TestApp } from './harness.ts';
import { unzipParts, zipOf } from './zips.ts';

export const TEMPLATE_HEADERS = [
  '企业名称',
  '统一社会信用代码',
  '企业规模',
  '行业代码',
  '法定代表人',
  '注册地址',
  '曾用名',
  '注册资本（万元）',
  '成立日期',
  '行政区划代码',
  '标签',
  '联系人',
  '职务',
  '手机',
  '会员类型',
  '会员状态',
  '入会日期',
] as const;

/** A valid credit code per serial (organisation code part varies), distinct from the demo's. */
export function testUscc(serial: number): string {
  const first17 = `91110105MB${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

export type Cell = ExcelJS.CellValue;

/** A workbook with `headers` in row 1 (or after `titleRows`) and `rows` under it. */
export async function workbookOf(
  headers: readonly Cell[],
  rows: readonly (readonly Cell[])[],
  options: { titleRows?: readonly (readonly Cell[])[]; merges?: string[]; sheets?: string[] } = {},
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('会员名册');
  for (const title of options.titleRows ?? []) sheet.addRow([...title]);
  sheet.addRow([...headers]);
  for (const row of rows) sheet.addRow([...row]);
  for (const range of options.merges ?? []) sheet.mergeCells(range);
  // Later tabs (instructions, other lists) are not read.
  for (const name of options.sheets ?? [])
    workbook.addWorksheet(name).addRow(['企业名称', '统一社会信用代码']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** One row in template column order from a partial record keyed by header. */
export function memberRow(values: Partial<Record<(typeof TEMPLATE_HEADERS)[number], Cell>>): Cell[] {
  return TEMPLATE_HEADERS.map((header) => values[header] ?? null);
}

export function membersWorkbook(
  rows: Partial<Record<(typeof TEMPLATE_HEADERS)[number], Cell>>[],
): Promise<Buffer> {
  return workbookOf(TEMPLATE_HEADERS, rows.map(memberRow));
}

/** An .xlsx with one part's text edited (e.g. to write `_x0000_`, which exceljs itself never writes). */
export function editPart(xlsx: Buffer, name: string, edit: (xml: string) => string): Buffer {
  const parts = unzipParts(xlsx);
  const part = parts.get(name);
  if (!part) throw new Error(`no part ${name}`);
  parts.set(name, Buffer.from(edit(part.toString('utf8'))));
  return zipOf([...parts].map(([partName, data]) => ({ name: partName, data })));
}

export function multipart(fileName: string, content: Buffer): { payload: Buffer; contentType: string } {
  const boundary = `----qinqing-${randomBytes(8).toString('hex')}`;
  const head =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n` +
    'Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n';
  return {
    payload: Buffer.concat([Buffer.from(head), content, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    contentType: `multipart/form-data; boundary=${boundary}`,
  };
}

export function upload(
  t: TestApp,
  cookie: string,
  content: Buffer,
  options: { query?: string; fileName?: string } = {},
): Promise<LightMyRequestResponse> {
  const { payload, contentType } = multipart(options.fileName ?? '会员.xlsx', content);
  return t.app.inject({
    method: 'POST',
    url: `/api/enterprises/import${options.query ?? ''}`,
    headers: { host: 'localhost:80', origin: ORIGIN, cookie, 'content-type': contentType },
    payload,
  });
}

/** Polls the job until it has finished. */
export async function finishedJob(t: TestApp, cookie: string, jobId: string): Promise<JobView> {
  for (let attempt = 0; attempt < 600; attempt++) {
    const response = await t.request({ url: `/api/jobs/${jobId}`, cookie });
    if (response.statusCode !== 200) throw new Error(`job ${jobId}: ${response.statusCode} ${response.body}`);
    const job = response.json<JobView>();
    if (job.status === 'succeeded' || job.status === 'failed') return job;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${jobId} did not finish`);
}

/** Uploads, expects 202, and waits for the job. */
export async function importFile(
  t: TestApp,
  cookie: string,
  content: Buffer,
  options: { query?: string; fileName?: string } = {},
): Promise<JobView> {
  const response = await upload(t, cookie, content, options);
  if (response.statusCode !== 202) throw new Error(`upload: ${response.statusCode} ${response.body}`);
  return finishedJob(t, cookie, response.json<{ jobId: string }>().jobId);
}

/** The rows of the first worksheet of an .xlsx (cells as exceljs reads them, without its empty slot 0). */
export async function sheetRows(xlsx: Buffer): Promise<Cell[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const rows: Cell[][] = [];
  sheet.eachRow((row) => rows.push((row.values as Cell[]).slice(1)));
  return rows;
}
