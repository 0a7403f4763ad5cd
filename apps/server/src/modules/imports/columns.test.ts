// Unit tests of the import's header mapping: the variants people write for each column, required-field
// stars and notes in parentheses, and the header problems that refuse a file.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CellReading } from '../../core/office/cells.ts';
import { fieldOfHeader, mapHeader } from './columns.ts';

const cells = (...texts: (string | null)[]): CellReading[] =>
  texts.map((text) => (text === null ? { kind: 'empty' } : { kind: 'text', text }));

describe('import headers', () => {
  it('maps the template headers and their common variants onto fields', () => {
    const expected: Record<string, string> = {
      企业名称: 'name',
      名称: 'name',
      单位名称: 'name',
      '*企业名称': 'name',
      统一社会信用代码: 'uscc',
      信用代码: 'uscc',
      社会信用代码: 'uscc',
      '统一社会信用代码（必填）': 'uscc',
      企业规模: 'size',
      规模: 'size',
      行业代码: 'industryCode',
      所属行业代码: 'industryCode',
      行业: 'industryCode',
      法定代表人: 'legalRepresentative',
      法人: 'legalRepresentative',
      法人代表: 'legalRepresentative',
      注册地址: 'address',
      地址: 'address',
      住所: 'address',
      '注册资本（万元）': 'registeredCapital',
      '注册资本(万元)': 'registeredCapital',
      注册资本: 'registeredCapital',
      '成立日期（年月日）': 'foundedOn',
      行政区划代码: 'divisionCode',
      标签: 'tags',
      曾用名: 'formerNames',
      联系人: 'contactName',
      职务: 'contactPosition',
      手机: 'mobile',
      联系电话: 'mobile',
      手机号码: 'mobile',
      联系人手机: 'mobile',
      会员类型: 'membershipType',
      会员状态: 'membershipStatus',
      入会日期: 'joinedOn',
      ' 企业 名称 ': 'name',
    };
    for (const [header, field] of Object.entries(expected))
      assert.equal(fieldOfHeader(header), field, header);
    for (const header of ['序号', '备注', '所属单位', ''])
      assert.equal(fieldOfHeader(header), undefined, header);
  });

  it('keeps unknown columns without a field and ignores blank cells after the last header', () => {
    const { columns, problems } = mapHeader(1, cells('序号', '名称', '信用代码', null, null), []);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      columns.map((c) => [c.column, c.header, c.field]),
      [
        [1, '序号', undefined],
        [2, '名称', 'name'],
        [3, '信用代码', 'uscc'],
      ],
    );
  });

  it('refuses blank, merged and duplicate headers and missing required columns, naming the column', () => {
    const blank = mapHeader(1, cells('企业名称', null, '统一社会信用代码'), []);
    assert.deepEqual(
      blank.problems.map((p) => p.code),
      ['HEADER_BLANK'],
    );
    assert.match(blank.problems[0]!.message, /第 B 列/);
    const merged = mapHeader(2, cells('企业名称', '统一社会信用代码', '联系人', null), [
      { ref: 'A1:D1', top: 1, left: 1, bottom: 1, right: 4 },
      { ref: 'C2:D2', top: 2, left: 3, bottom: 2, right: 4 },
    ]);
    assert.equal(merged.problems[0]?.code, 'HEADER_MERGED', 'a merged title row above is fine');
    assert.match(merged.problems[0]!.message, /C2:D2.*第 C 至 D 列/);
    const duplicate = mapHeader(1, cells('企业名称', '信用代码', '统一社会信用代码'), []);
    assert.equal(duplicate.problems[0]?.code, 'HEADER_DUPLICATE');
    const missing = mapHeader(1, cells('企业名称', '地址'), []);
    assert.equal(missing.problems[0]?.code, 'HEADER_MISSING');
  });
});
