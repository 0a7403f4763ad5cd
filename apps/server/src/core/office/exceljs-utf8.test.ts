// exceljs's streaming reader with the UTF-8 fix of exceljs-utf8.ts: Chinese text far longer than one
// chunk of an xlsx part comes back exactly (unfixed, characters split between chunks came back as U+FFFD).
import './exceljs-utf8.ts';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import ExcelJS from 'exceljs';

const NAMES = '鑫源智能科技有限公司东华建设集团股份合作社郑州市管城回族区人力资源社会保障局𠮷野家餐饮';

/** Names of varied lengths, so that chunk boundaries fall inside characters of every byte position. */
function nameOf(row: number): string {
  let name = '';
  for (let i = 0; i < 5 + (row % 23); i++) name += [...NAMES][(row * 7 + i * 13) % [...NAMES].length];
  return `${name}第${row}号`;
}

describe('exceljs streaming reader, UTF-8 across chunks', () => {
  it('is the fixed parser exceljs uses', () => {
    const require = createRequire(import.meta.url);
    const parseSax = path.join(path.dirname(require.resolve('exceljs')), 'lib', 'utils', 'parse-sax.js');
    assert.equal((require(parseSax) as { utf8Streaming?: boolean }).utf8Streaming, true);
  });

  it('reads back 20,000 Chinese names (shared strings and inline) exactly', async () => {
    const rows = 20_000;
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('会员企业');
    for (let row = 1; row <= rows; row++) sheet.addRow([row, nameOf(row), `${nameOf(row + 1)}地址`]);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    assert.ok(buffer.length > 200_000, `${buffer.length} bytes: several chunks per part`);

    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buffer]), {
      sharedStrings: 'cache',
      worksheets: 'emit',
    });
    const read: string[] = [];
    for await (const worksheet of reader) {
      for await (const row of worksheet)
        read.push(`${String(row.getCell(2).value)}|${String(row.getCell(3).value)}`);
    }
    assert.equal(read.length, rows);
    const broken = read.filter((text) => text.includes('\uFFFD'));
    assert.deepEqual(broken, []);
    for (let row = 1; row <= rows; row++) {
      assert.equal(read[row - 1], `${nameOf(row)}|${nameOf(row + 1)}地址`);
    }
  });
});
