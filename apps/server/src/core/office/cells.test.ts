// Unit tests of spreadsheet cells: reading what exceljs gives (formulas, errors, rich text), dates written
// every way people write them, numbers with full-width digits, and the formula-injection guard.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  columnLetter,
  columnNumber,
  decodeOoxmlEscapes,
  excelSerialToDate,
  foldFullWidth,
  parseDateCell,
  parseNumberCell,
  readCell,
  safeCell,
  textOf,
  unescapeCell,
} from './cells.ts';

const text = (value: string) => ({ kind: 'text', text: value }) as const;

describe('reading cells', () => {
  it('turns strings, numbers, dates and rich text into readings; blank text is empty', () => {
    assert.deepEqual(readCell('甲公司'), text('甲公司'));
    assert.deepEqual(readCell('   '), { kind: 'empty' });
    assert.deepEqual(readCell(null), { kind: 'empty' });
    assert.deepEqual(readCell(42), { kind: 'number', value: 42 });
    assert.deepEqual(readCell(new Date(Date.UTC(2020, 2, 1))), { kind: 'date', date: '2020-03-01' });
    assert.deepEqual(readCell({ richText: [{ text: '东湖' }, { text: '科技' }] }), text('东湖科技'));
  });

  it('uses a formula’s cached result and never evaluates it; without a result the cell is a problem', () => {
    assert.deepEqual(readCell({ formula: 'A1&"x"', result: '甲x' }), text('甲x'));
    assert.deepEqual(readCell({ formula: '1+1', result: 2 }), { kind: 'number', value: 2 });
    const missing = readCell({ formula: 'WEBSERVICE("http://example.org")' } as never);
    assert.equal(missing.kind, 'problem');
    assert.match(missing.kind === 'problem' ? missing.message : '', /公式且没有计算结果/);
    assert.equal(readCell({ error: '#N/A' } as never).kind, 'problem');
  });

  it('decodes the _xHHHH_ escapes OOXML uses for control characters', () => {
    assert.equal(decodeOoxmlEscapes('a_x0000_b'), 'a\u0000b');
    assert.equal(decodeOoxmlEscapes('a_x005F_x0000_b'), 'a_x0000_b');
    assert.deepEqual(readCell('甲_x0000_'), text('甲\u0000'));
  });

  it('writes numbers as plain text for code columns', () => {
    assert.equal(textOf({ kind: 'number', value: 110105001 }), '110105001');
    assert.equal(textOf({ kind: 'number', value: 1.5 }), '1.5');
  });
});

describe('dates', () => {
  const date = (value: string) => parseDateCell(text(value));

  it('reads dates written as text in the common ways', () => {
    for (const [written, expected] of [
      ['2020-03-01', '2020-03-01'],
      ['2020-3-1', '2020-03-01'],
      ['2020/03/01', '2020-03-01'],
      ['2020.3.1', '2020-03-01'],
      ['2020年3月1日', '2020-03-01'],
      ['2020年3月', '2020-03-01'],
      ['2020.03', '2020-03-01'],
      ['20200301', '2020-03-01'],
      ['2020-03-01 08:30:00', '2020-03-01'],
      ['２０２０－０３－０１', '2020-03-01'],
      [' 2020 年 3 月 1 日 ', '2020-03-01'],
    ]) {
      assert.deepEqual(date(written!), { date: expected }, written);
    }
  });

  it('reads Excel serial numbers, yyyymmdd numbers and date cells', () => {
    assert.deepEqual(parseDateCell({ kind: 'number', value: 43891 }), { date: '2020-03-01' });
    assert.deepEqual(parseDateCell({ kind: 'number', value: 20200301 }), { date: '2020-03-01' });
    assert.deepEqual(parseDateCell({ kind: 'date', date: '2019-01-02' }), { date: '2019-01-02' });
    assert.equal(excelSerialToDate(1), '1900-01-01');
    assert.equal(excelSerialToDate(59), '1900-02-28');
    assert.equal(excelSerialToDate(60), null);
    assert.equal(excelSerialToDate(61), '1900-03-01');
  });

  it('refuses what is not a date, naming days that do not exist', () => {
    const february30 = date('2020-02-30');
    assert.match('error' in february30 ? february30.error : '', /不存在/);
    for (const written of ['去年', '3/1/2020', '2020-13-01', '1800-01-01']) {
      assert.ok('error' in date(written), written);
    }
  });
});

describe('numbers and text', () => {
  it('folds full-width digits and letters', () => {
    assert.equal(foldFullWidth('ＡＢ１２３　x'), 'AB123 x');
  });

  it('reads amounts with grouping, full-width digits and a unit', () => {
    assert.equal(parseNumberCell(text('1,000')), 1000);
    assert.equal(parseNumberCell(text('１００')), 100);
    assert.equal(parseNumberCell(text('500万元')), 500);
    assert.equal(parseNumberCell(text('12.5')), 12.5);
    assert.equal(parseNumberCell(text('五百')), null);
  });

  it('names columns as Excel does', () => {
    assert.deepEqual([1, 26, 27, 52, 703].map(columnLetter), ['A', 'Z', 'AA', 'AZ', 'AAA']);
    assert.deepEqual(['A', 'Z', 'AA', 'AZ', 'AAA'].map(columnNumber), [1, 26, 27, 52, 703]);
  });
});

describe('safeCell (formula injection guard)', () => {
  it('prefixes text starting with =, +, -, @, tab or CR, and unescapeCell takes it off again', () => {
    for (const value of ['=1+1', '+86 10 1234', '-2+3', '@SUM(A1:A9)', '\t=1', '\r=1']) {
      assert.equal(safeCell(value), `'${value}`);
      assert.equal(unescapeCell(safeCell(value)), value);
    }
    assert.equal(safeCell('甲公司'), '甲公司');
    assert.equal(unescapeCell("'plain"), "'plain");
  });
});
