// A province-scale synthetic registry (合成数据) for benchmarks: 河南省工商联 → 10 cities → 10 districts each → up to
// 15 streets each (real GB/T 2260 divisions), their chambers, and any number of member enterprises with contacts,
// chamber memberships and party organizations. Invented and seeded; bulk-loaded in batches through unnest().
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { EnterpriseSize, MembershipStatus } from '@qinqing/shared';
import { bigrams, searchKeysOf, type SearchKeys } from '../core/search/search-keys.ts';
import { divisionChildren, type Division } from '../reference/divisions.ts';
import {
  BRAND_CHARS,
  CONTACT_POSITIONS,
  INDUSTRY_TABLE,
  INDUSTRY_WORDS,
  INSTRUCTOR_SHARE,
  mobileNumber,
  ORGANIZED_SHARE,
  PARTY_FORMS,
  personName,
  registeredCapital,
  ROADS,
  SeededRandom,
  SIZE_BY_SECTOR,
  STATUS_REASONS,
  SUFFIX_TABLE,
  tagsFor,
  unifiedCode,
  weighted,
  type IndustryWord,
} from './registry-words.ts';

export const SYNTHETIC_PROVINCE = { code: '41', name: '河南省工商联' } as const;
const CITIES = 10;
const DISTRICTS_PER_CITY = 10;
const STREETS_PER_DISTRICT = 15;
const LATEST = '2025-12-31';

export interface SyntheticOptions {
  enterprises: number;
  seed?: number;
  /** Enterprises per INSERT statement. */
  batchSize?: number;
  log?: (message: string) => void;
}

export interface SyntheticCounts {
  orgUnits: number;
  chambers: number;
  enterprises: number;
  contacts: number;
  memberships: number;
  partyOrganizations: number;
}

export interface SyntheticResult {
  provinceId: string;
  counts: SyntheticCounts;
  /** Milliseconds per phase: org units, enterprises and what hangs off them, index rebuild, VACUUM ANALYZE. */
  timings: {
    orgUnitsMs: number;
    enterprisesMs: number;
    indexesMs: number;
    analyzeMs: number;
    totalMs: number;
  };
}

interface Unit {
  id: string;
  parentId: string | null;
  kind: 'province' | 'city' | 'district' | 'street' | 'chamber' | 'association';
  name: string;
  code: string | null;
  path: string;
  depth: number;
}

interface Chamber {
  unit: Unit;
  type: 'street' | 'industry' | 'out_of_town' | 'association';
}

interface Street {
  unit: Unit;
  division: Division;
  chamber: Unit;
}

interface District {
  unit: Unit;
  division: Division;
  city: City;
  /** The place word a company name may start with (中原, 巩义). */
  place: NamePart;
  streets: Street[];
  industryChambers: Partial<Record<'pharma' | 'catering' | 'tech', Unit>>;
  youthAssociation: Unit;
}

interface City {
  unit: Unit;
  division: Division;
  place: NamePart;
  bracketed: NamePart;
}

/**
 * A name part with its search keys computed once: pinyin-pro costs ~45 µs a name, too much for a million
 * rows, so a row's keys are the concatenation of its parts' keys. Parts are chosen so that this equals
 * searchKeysOf(whole name) — no polyphone whose reading depends on the neighbouring part (BRAND_CHARS).
 */
interface NamePart {
  text: string;
  simplified: string;
  pinyin: string;
  initials: string;
  /** Syllables separated by spaces, as the sort key has them. */
  spoken: string;
}

function namePart(text: string): NamePart {
  const keys = searchKeysOf(text);
  return {
    text,
    simplified: keys.searchName,
    pinyin: keys.namePinyin,
    initials: keys.nameInitials,
    spoken: keys.sortKey.slice(0, keys.sortKey.indexOf('\u0001')),
  };
}

function joinedKeys(parts: readonly NamePart[]): SearchKeys {
  const simplified = parts.map((p) => p.simplified).join('');
  const spoken = parts
    .map((p) => p.spoken)
    .filter(Boolean)
    .join(' ');
  return {
    searchName: simplified,
    searchBigrams: bigrams([simplified]),
    namePinyin: parts.map((p) => p.pinyin).join(''),
    nameInitials: parts.map((p) => p.initials).join(''),
    sortKey: `${spoken}\u0001${simplified}`.slice(0, 400),
  };
}

/** 郑州市 → 郑州, 管城回族区 → 管城, 中牟县 → 中牟: how a company name says where it is. */
function shortPlace(name: string): string {
  const short = name.replace(/(回族|自治)?[市区县]$/, '');
  return [...short].length >= 2 ? short : name;
}

function newUnit(parent: Unit | null, kind: Unit['kind'], name: string, code: string | null = null): Unit {
  const id = randomUUID();
  return {
    id,
    parentId: parent?.id ?? null,
    kind,
    name,
    code,
    path: `${parent?.path ?? '/'}${id}/`,
    depth: parent ? parent.depth + 1 : 0,
  };
}

/** The province's federation tree on real divisions: the 10 cities with the most counties, 10 of each's. */
function buildTree() {
  const units: Unit[] = [];
  const chambers: Chamber[] = [];
  const province = newUnit(null, 'province', SYNTHETIC_PROVINCE.name, SYNTHETIC_PROVINCE.code);
  units.push(province);
  const countiesOf = (code: string) =>
    (divisionChildren(code) ?? []).filter(
      (d) => d.name !== '市辖区' && (divisionChildren(d.code) ?? []).length > 0,
    );
  const prefectures = [...(divisionChildren(SYNTHETIC_PROVINCE.code) ?? [])]
    .sort((a, b) => countiesOf(b.code).length - countiesOf(a.code).length || a.code.localeCompare(b.code))
    .slice(0, CITIES)
    .sort((a, b) => a.code.localeCompare(b.code));
  const districts: District[] = [];
  for (const prefecture of prefectures) {
    const cityUnit = newUnit(province, 'city', `${prefecture.name}工商联`, prefecture.code);
    units.push(cityUnit);
    const cityPlace = shortPlace(prefecture.name);
    const city: City = {
      unit: cityUnit,
      division: prefecture,
      place: namePart(cityPlace),
      bracketed: namePart(`（${cityPlace}）`),
    };
    // Out-of-town chambers and associations hang under the city federation.
    for (const [name, type, kind] of [
      ['浙江商会', 'out_of_town', 'chamber'],
      ['女企业家协会', 'association', 'association'],
    ] as const) {
      const unit = newUnit(cityUnit, kind, `${cityPlace}${name}`);
      units.push(unit);
      chambers.push({ unit, type });
    }
    for (const county of countiesOf(prefecture.code).slice(0, DISTRICTS_PER_CITY)) {
      const districtUnit = newUnit(cityUnit, 'district', `${county.name}工商联`, county.code);
      units.push(districtUnit);
      const place = shortPlace(county.name);
      const industryChambers: District['industryChambers'] = {};
      for (const [sector, name] of [
        ['pharma', '医药商会'],
        ['catering', '餐饮商会'],
        ['tech', '科技商会'],
      ] as const) {
        const unit = newUnit(districtUnit, 'chamber', `${place}${name}`);
        units.push(unit);
        chambers.push({ unit, type: 'industry' });
        industryChambers[sector] = unit;
      }
      const youthAssociation = newUnit(districtUnit, 'association', `${place}青年创业者协会`);
      units.push(youthAssociation);
      chambers.push({ unit: youthAssociation, type: 'association' });
      const streets: Street[] = [];
      for (const division of (divisionChildren(county.code) ?? []).slice(0, STREETS_PER_DISTRICT)) {
        const unit = newUnit(districtUnit, 'street', `${division.name}工商联`, division.code);
        const chamber = newUnit(unit, 'chamber', `${division.name}商会`);
        units.push(unit, chamber);
        chambers.push({ unit: chamber, type: 'street' });
        streets.push({ unit, division, chamber });
      }
      districts.push({
        unit: districtUnit,
        division: county,
        city,
        place: namePart(place),
        streets,
        industryChambers,
        youthAssociation,
      });
    }
  }
  return { province, units, chambers, districts };
}

/** One INSERT … SELECT FROM unnest($1::type[], …) statement and the column arrays of its next batch. */
class BulkInsert {
  private columns: unknown[][];
  rows = 0;
  total = 0;
  readonly sql: string;

  constructor(
    table: string,
    private readonly specs: readonly { name: string; type: string; select?: string }[],
  ) {
    this.columns = specs.map(() => []);
    const names = specs.map((s) => s.name).join(', ');
    const params = specs.map((s, i) => `$${i + 1}::${s.type}[]`).join(', ');
    const select = specs.map((s) => s.select ?? s.name).join(', ');
    this.sql = `INSERT INTO ${table} (${names}) SELECT ${select} FROM unnest(${params}) AS r(${names})`;
  }

  push(row: Record<string, unknown>): void {
    for (const [i, spec] of this.specs.entries()) this.columns[i]!.push(row[spec.name] ?? null);
    this.rows++;
    this.total++;
  }

  /** The batch's parameters; the next batch starts empty. */
  take(): unknown[][] {
    const columns = this.columns;
    this.columns = this.specs.map(() => []);
    this.rows = 0;
    return columns;
  }
}

const text = (name: string) => ({ name, type: 'text' });

function enterpriseTable() {
  return new BulkInsert('enterprises', [
    { name: 'id', type: 'uuid' },
    { name: 'org_unit_id', type: 'uuid' },
    text('name'),
    text('uscc'),
    text('legal_representative'),
    { name: 'registered_capital', type: 'numeric' },
    { name: 'founded_on', type: 'date' },
    text('industry_code'),
    text('size'),
    text('division_code'),
    text('address'),
    // Arrays of arrays cannot be unnested row by row: tags and bigrams travel joined and are split here.
    { name: 'tags', type: 'text', select: "string_to_array(tags, ',')" },
    text('membership_status'),
    text('membership_status_reason'),
    { name: 'membership_status_on', type: 'date' },
    { name: 'joined_on', type: 'date' },
    text('search_name'),
    { name: 'search_bigrams', type: 'text', select: "string_to_array(search_bigrams, ' ')" },
    text('name_pinyin'),
    text('name_initials'),
    text('sort_key'),
    { name: 'created_at', type: 'timestamptz' },
  ]);
}

const STATUSES = weighted<MembershipStatus>([
  ['active', 90],
  ['applying', 4],
  ['suspended', 3],
  ['withdrawn', 3],
]);
const PLACE_STYLES = weighted([
  ['city', 45],
  ['district', 15],
  ['none', 30],
  ['bracketed', 10],
] as const);

/** Generates the synthetic province into an empty-of-it database, in one transaction. */
export async function generateSynthetic(pool: pg.Pool, options: SyntheticOptions): Promise<SyntheticResult> {
  const log = options.log ?? (() => undefined);
  const batchSize = options.batchSize ?? 10_000;
  const rng = new SeededRandom(options.seed ?? 41);
  const started = performance.now();
  const client = await pool.connect();
  // Batch n is loading while batch n+1 is generated: PostgreSQL and Node each keep one core busy.
  let loading: Promise<unknown> = Promise.resolve();
  try {
    await client.query('BEGIN');
    const existing = await client.query('SELECT 1 FROM org_units WHERE parent_id IS NULL AND name = $1', [
      SYNTHETIC_PROVINCE.name,
    ]);
    if (existing.rowCount) {
      throw new Error(
        `${SYNTHETIC_PROVINCE.name} 已存在 / the synthetic province already exists in this database`,
      );
    }
    // One transaction: an interrupted run leaves nothing behind, so its commit need not wait for each batch.
    await client.query('SET LOCAL synchronous_commit = off');

    const { province, units, chambers, districts } = buildTree();
    const unitTable = new BulkInsert('org_units', [
      { name: 'id', type: 'uuid' },
      { name: 'parent_id', type: 'uuid' },
      text('kind'),
      text('name'),
      text('code'),
      text('path'),
      { name: 'depth', type: 'int' },
    ]);
    for (const u of units) {
      unitTable.push({
        id: u.id,
        parent_id: u.parentId,
        kind: u.kind,
        name: u.name,
        code: u.code,
        path: u.path,
        depth: u.depth,
      });
    }
    await client.query(unitTable.sql, unitTable.take());
    const profileTable = new BulkInsert('chamber_profiles', [
      { name: 'org_unit_id', type: 'uuid' },
      text('chamber_type'),
      { name: 'founded_on', type: 'date' },
      text('registration_no'),
      { name: 'registered_on', type: 'date' },
      text('address'),
    ]);
    for (const [i, chamber] of chambers.entries()) {
      const foundedOn = rng.date('2005-01-01', '2022-12-31');
      profileTable.push({
        org_unit_id: chamber.unit.id,
        chamber_type: chamber.type,
        founded_on: foundedOn,
        registration_no: unifiedCode('social', SYNTHETIC_PROVINCE.code + '0000', i + 1),
        registered_on: foundedOn,
        address: `${chamber.unit.name.replace(/商会$|协会$/, '')}${rng.pick(ROADS)}${rng.between(1, 200)}号`,
      });
    }
    await client.query(profileTable.sql, profileTable.take());
    const orgUnitsMs = performance.now() - started;
    log(
      `组织 ${units.length} 个（商会 ${chambers.length}）/ ${units.length} org units, ${chambers.length} chambers`,
    );

    const brands: NamePart[] = [];
    const chars = [...new Set(BRAND_CHARS)];
    for (const a of chars) for (const b of chars) if (a !== b) brands.push(namePart(a + b));
    const industries = new Map<IndustryWord, NamePart>(INDUSTRY_WORDS.map((w) => [w, namePart(w.word)]));
    const suffixes = new Map(SUFFIX_TABLE.entries.map(([suffix]) => [suffix, namePart(suffix)]));

    const enterpriseRows = enterpriseTable();
    const contactRows = new BulkInsert('enterprise_contacts', [
      { name: 'enterprise_id', type: 'uuid' },
      text('name'),
      text('position'),
      text('mobile'),
      { name: 'is_primary', type: 'bool' },
      { name: 'sort', type: 'int' },
    ]);
    const membershipRows = new BulkInsert('chamber_memberships', [
      { name: 'chamber_id', type: 'uuid' },
      { name: 'enterprise_id', type: 'uuid' },
      text('role'),
      { name: 'joined_on', type: 'date' },
    ]);
    const partyRows = new BulkInsert('party_organizations', [
      { name: 'org_unit_id', type: 'uuid' },
      { name: 'enterprise_id', type: 'uuid' },
      text('name'),
      text('form'),
      text('secretary_name'),
      { name: 'member_count', type: 'int' },
      { name: 'founded_on', type: 'date' },
    ]);
    const tables = [enterpriseRows, contactRows, membershipRows, partyRows];
    const flush = async () => {
      await loading;
      // Parameters are taken now, so the next batch can fill while these statements run one after another.
      const statements = tables.filter((t) => t.rows > 0).map((t) => [t.sql, t.take()] as const);
      loading = (async () => {
        for (const [sql, params] of statements) await client.query(sql, params);
      })();
    };

    // Maintaining the search indexes row by row costs far more than building them once at the end; the
    // drop and the rebuild are in this transaction, so the tables never lack them outside it.
    const secondaryIndexes = (
      await client.query<{ name: string; definition: string }>(
        `SELECT i.indexname AS name, i.indexdef AS definition FROM pg_indexes i
          WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
            AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)`,
        [['enterprises', 'enterprise_contacts', 'chamber_memberships', 'party_organizations']],
      )
    ).rows;
    for (const index of secondaryIndexes) await client.query(`DROP INDEX ${index.name}`);

    const loadStarted = performance.now();
    let reported = loadStarted;
    for (let serial = 1; serial <= options.enterprises; serial++) {
      const district = rng.pick(districts);
      const street = rng.pick(district.streets);
      const inStreet = rng.chance(0.75);
      const industry = rng.weighted(INDUSTRY_TABLE);
      const size: EnterpriseSize = rng.weighted(SIZE_BY_SECTOR[industry.sector]);
      const brand = rng.pick(brands);
      const drawn = rng.weighted(SUFFIX_TABLE);
      const suffix = suffixes.get(
        drawn === '集团有限公司' && (size === 'small' || size === 'micro') ? '有限公司' : drawn,
      )!;
      const style = rng.weighted(PLACE_STYLES);
      const parts =
        style === 'city'
          ? [district.city.place, brand, industries.get(industry)!, suffix]
          : style === 'district'
            ? [district.place, brand, industries.get(industry)!, suffix]
            : style === 'bracketed'
              ? [brand, district.city.bracketed, industries.get(industry)!, suffix]
              : [brand, industries.get(industry)!, suffix];
      const name = parts.map((p) => p.text).join('');
      const keys = joinedKeys(parts);

      const status = rng.weighted(STATUSES);
      const foundedOn = rng.date('1996-01-01', '2024-06-30');
      const joinedOn = rng.date(foundedOn < '2008-01-01' ? '2008-01-01' : foundedOn, LATEST);
      const statusOn = status === 'active' ? joinedOn : rng.date(joinedOn, LATEST);
      const id = randomUUID();
      const orgUnitId = inStreet ? street.unit.id : district.unit.id;
      enterpriseRows.push({
        id,
        org_unit_id: orgUnitId,
        name,
        uscc: unifiedCode('company', district.division.code, serial),
        legal_representative: personName(rng, rng.chance(0.25) ? 'female' : 'male'),
        registered_capital: registeredCapital(rng, size),
        founded_on: foundedOn,
        industry_code: industry.code,
        size,
        division_code: street.division.code,
        address: `${district.city.division.name}${district.division.name}${street.division.name}${rng.pick(ROADS)}${rng.between(1, 500)}号`,
        tags: tagsFor(rng, industry, size).join(','),
        membership_status: status,
        membership_status_reason:
          status === 'suspended' || status === 'withdrawn' ? rng.pick(STATUS_REASONS[status]) : null,
        membership_status_on: statusOn,
        joined_on: status === 'applying' ? null : joinedOn,
        search_name: keys.searchName,
        search_bigrams: keys.searchBigrams.join(' '),
        name_pinyin: keys.namePinyin,
        name_initials: keys.nameInitials,
        sort_key: keys.sortKey,
        created_at: `${statusOn}T${String(rng.between(8, 18)).padStart(2, '0')}:${String(rng.int(60)).padStart(2, '0')}:00+08:00`,
      });

      const contacts = rng.chance(0.4) ? (rng.chance(0.25) ? 2 : 1) : 0;
      for (let sort = 0; sort < contacts; sort++) {
        contactRows.push({
          enterprise_id: id,
          name: personName(rng, rng.chance(0.45) ? 'female' : 'male'),
          position: rng.pick(CONTACT_POSITIONS),
          mobile: mobileNumber(rng),
          is_primary: sort === 0,
          sort,
        });
      }

      if (status === 'active' || status === 'suspended') {
        const join = (chamberId: string, role = 'member') =>
          membershipRows.push({ chamber_id: chamberId, enterprise_id: id, role, joined_on: joinedOn });
        if (inStreet)
          join(street.chamber.id, rng.chance(0.02) ? rng.pick(['vice_president', 'director']) : 'member');
        const sector = industry.sector;
        const industryChamber =
          sector === 'pharma' || sector === 'catering' || sector === 'tech'
            ? district.industryChambers[sector]
            : undefined;
        if (industryChamber && rng.chance(0.5)) join(industryChamber.id);
        if (rng.chance(0.03)) join(district.youthAssociation.id);
      }

      const roll = rng.next();
      if (roll < ORGANIZED_SHARE[size]) {
        const plan = rng.weighted(PARTY_FORMS[size]);
        partyRows.push({
          org_unit_id: orgUnitId,
          enterprise_id: id,
          name:
            plan.form === 'joint_branch'
              ? `中共${(inStreet ? street.division : district.division).name}非公有制企业联合支部委员会`
              : `中共${name}${plan.form === 'committee' ? '委员会' : plan.form === 'general_branch' ? '总支部委员会' : '支部委员会'}`,
          form: plan.form,
          secretary_name: personName(rng, rng.chance(0.3) ? 'female' : 'male'),
          member_count: rng.between(...plan.members),
          founded_on: rng.date(foundedOn < '2005-01-01' ? '2005-01-01' : foundedOn, LATEST),
        });
      } else if (roll < ORGANIZED_SHARE[size] + INSTRUCTOR_SHARE) {
        partyRows.push({
          org_unit_id: orgUnitId,
          enterprise_id: id,
          name: `${name}党建工作指导员`,
          form: 'instructor_only',
          secretary_name: personName(rng, rng.chance(0.4) ? 'female' : 'male'),
          member_count: rng.between(0, 2),
          founded_on: rng.date('2018-01-01', LATEST),
        });
      }

      if (enterpriseRows.rows >= batchSize) await flush();
      if (serial % 100_000 === 0 || serial === options.enterprises) {
        const now = performance.now();
        if (now - reported > 1_000 || serial === options.enterprises) {
          const seconds = (now - loadStarted) / 1000;
          log(
            `企业 ${serial.toLocaleString('en')} / ${options.enterprises.toLocaleString('en')} · ${seconds.toFixed(1)} s · ${Math.round(serial / seconds).toLocaleString('en')}/s`,
          );
          reported = now;
        }
      }
    }
    await flush();
    await loading;
    const enterprisesMs = performance.now() - loadStarted;

    const indexStarted = performance.now();
    await client.query("SET LOCAL maintenance_work_mem = '512MB'");
    for (const index of secondaryIndexes) await client.query(index.definition);
    const indexesMs = performance.now() - indexStarted;
    log(
      `索引 ${secondaryIndexes.length} 个 / rebuilt ${secondaryIndexes.length} indexes · ${(indexesMs / 1000).toFixed(1)} s`,
    );

    await client.query('COMMIT');
    const analyzeStarted = performance.now();
    // Fresh statistics, or the planner guesses from an empty table's; and the visibility map set, as
    // autovacuum would leave it, so that counts can be answered from the covering indexes alone.
    await client.query(
      'VACUUM (ANALYZE) org_units, enterprises, enterprise_contacts, chamber_memberships, party_organizations, chamber_profiles',
    );
    const analyzeMs = performance.now() - analyzeStarted;
    return {
      provinceId: province.id,
      counts: {
        orgUnits: units.length,
        chambers: chambers.length,
        enterprises: enterpriseRows.total,
        contacts: contactRows.total,
        memberships: membershipRows.total,
        partyOrganizations: partyRows.total,
      },
      timings: { orgUnitsMs, enterprisesMs, indexesMs, analyzeMs, totalMs: performance.now() - started },
    };
  } catch (error) {
    await loading.catch(() => undefined);
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
