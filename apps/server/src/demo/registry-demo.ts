// The demo district's member registry (会员名册): about 300 member enterprises with contacts and membership
// history, 代表人士 with positions and federation roles, chamber profiles, leaders and memberships, and party
// organizations (党组织). Invented, deterministic (seeded), inserted in a few multi-row statements.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { EnterpriseSize, MembershipStatus, PartyOrganizationForm } from '@qinqing/shared';
import { searchKeysOf } from '../core/search/search-keys.ts';
import { divisionChildren } from '../reference/divisions.ts';
import type { Tx } from '../db/connection.ts';
import {
  chamberLeaders,
  chamberMembershipEnds,
  chamberMemberships,
  chamberProfiles,
  enterpriseContacts,
  enterprises,
  enterpriseStatusHistory,
  partyOrganizations,
  people,
  personFederationRoles,
  personPositions,
} from '../db/schema/index.ts';
import {
  CONTACT_POSITIONS,
  DEMO_BRANDS,
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
  type Sector,
} from './registry-words.ts';

const SEED = 20_260_105;
export const DEMO_ENTERPRISES = 300;
export const DEMO_PEOPLE = 120;
/** Exact numbers of members not in good standing; the rest are active. */
export const DEMO_STATUS_COUNTS: Readonly<Record<Exclude<MembershipStatus, 'active'>, number>> = {
  applying: 8,
  suspended: 6,
  withdrawn: 7,
};
export const DEMO_MEMBER_ENTERPRISE = '示例区东湖智能科技有限公司';
/** The demo district's streets are placed in Beijing 东城区 (GB/T 2260 110101) for their division codes. */
const DEMO_COUNTY = '110101';
/** The newest date the demo uses: all history lies before it, whatever today is. */
const LATEST = '2025-12-31';
const TERM = { federation: ['2022-06-16', '2027-06-15'], chamber: ['2023-03-01', '2028-02-28'] } as const;

interface Unit {
  id: string;
  name: string;
}

export interface RegistryDemoUnits {
  district: Unit;
  /** 东湖, 西山, 南河 street federations, and the chamber of each, in the same order. */
  streets: readonly Unit[];
  streetChambers: readonly Unit[];
  pharmaChamber: Unit;
  cateringChamber: Unit;
  youthAssociation: Unit;
  /** The enterprise seed.ts created for the `member` account; completed here, not replaced. */
  memberEnterprise: Unit;
}

export interface RegistryDemoCounts {
  enterprises: number;
  contacts: number;
  people: number;
  memberships: number;
  partyOrganizations: number;
}

type Enterprise = typeof enterprises.$inferInsert & { id: string };
type Person = typeof people.$inferInsert & { id: string };

interface Planned {
  enterprise: Enterprise;
  industry: IndustryWord;
  /** Index into units.streets, or -1 for the district itself. */
  street: number;
}

const AFFILIATIONS = weighted([
  ['cpc', 30],
  ['cndca', 12],
  ['cdl', 4],
  ['capd', 4],
  ['jiusan', 3],
  ['rcck', 2],
  ['pwdp', 2],
  ['zgd', 2],
  ['tsl', 1],
  ['none', 40],
] as const);

/**
 * Hand-written members that exercise search: polyphones (重庆 chóng, 长乐 cháng, 银行 háng, 行知 xíng, 朝阳
 * cháo, 调味 tiáo), a 4-byte character (𠮷), a former name in traditional script, a limited partnership.
 */
const NOTABLE: readonly { name: string; code: string; formerNames?: string[] }[] = [
  { name: '北京长乐村镇银行股份有限公司', code: '6621' },
  { name: '重庆老火锅（北京）餐饮管理有限公司', code: '6210' },
  { name: '北京行知教育科技有限公司', code: '8394' },
  { name: '示例区朝阳调味品有限公司', code: '1469' },
  { name: '北京长城长乐贸易有限公司', code: '5199', formerNames: ['長城貿易（北京）有限公司'] },
  { name: '北京𠮷祥餐饮管理有限公司', code: '6210' },
  { name: '北京重华药业股份有限公司', code: '2740' },
  { name: '北京乐行天下文化传媒有限公司', code: '7259' },
  { name: '北京华夏银杏大药房连锁有限公司', code: '5251' },
  { name: '北京东湖智汇投资管理合伙企业（有限合伙）', code: '7212' },
];

function industryOf(code: string): IndustryWord {
  const known = INDUSTRY_WORDS.find((word) => word.code === code);
  if (known) return known;
  const sector: Sector = code === '6621' ? 'finance' : code.startsWith('62') ? 'catering' : 'manufacturing';
  return { word: '', code, sector, weight: 0 };
}

function inventName(rng: SeededRandom, industry: IndustryWord, size: EnterpriseSize): string {
  const brand = rng.pick(DEMO_BRANDS);
  const drawn = rng.weighted(SUFFIX_TABLE);
  // Only a large or medium company calls itself a group (集团).
  const suffix = drawn === '集团有限公司' && size !== 'large' && size !== 'medium' ? '有限公司' : drawn;
  const style = rng.next();
  if (style < 0.45) return `北京${brand}${industry.word}${suffix}`;
  if (style < 0.75) return `${brand}${industry.word}${suffix}`;
  if (style < 0.88) return `${brand}（北京）${industry.word}${suffix}`;
  return `示例区${brand}${industry.word}${suffix}`;
}

/** Indices 1…n-1 shuffled (Fisher–Yates); index 0 is the member's enterprise, always active. */
function shuffledIndices(rng: SeededRandom, n: number): number[] {
  const indices = Array.from({ length: n - 1 }, (_, i) => i + 1);
  for (let i = indices.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [indices[i], indices[j]] = [indices[j]!, indices[i]!];
  }
  return indices;
}

function planEnterprises(rng: SeededRandom, units: RegistryDemoUnits) {
  const streetsOfCounty = divisionChildren(DEMO_COUNTY) ?? [];
  // Each demo street covers a third of 东城区's real streets; district-level members lie anywhere in it.
  const third = Math.ceil(streetsOfCounty.length / 3);
  const divisionsOf = (street: number) =>
    street < 0 ? streetsOfCounty : streetsOfCounty.slice(street * third, (street + 1) * third);
  const unitTable = weighted([
    [0, 30],
    [1, 25],
    [2, 25],
    [-1, 20],
  ] as const);

  const statuses = new Map<number, MembershipStatus>();
  const order = shuffledIndices(rng, DEMO_ENTERPRISES);
  for (const [status, count] of Object.entries(DEMO_STATUS_COUNTS)) {
    for (let i = 0; i < count; i++) statuses.set(order.pop()!, status as MembershipStatus);
  }

  const names = new Set<string>();
  const planned: Planned[] = [];
  for (let index = 0; index < DEMO_ENTERPRISES; index++) {
    const notable = NOTABLE[index - 1];
    const industry =
      index === 0 ? industryOf('6513') : notable ? industryOf(notable.code) : rng.weighted(INDUSTRY_TABLE);
    const size = index === 0 ? 'small' : rng.weighted(SIZE_BY_SECTOR[industry.sector]);
    let name = index === 0 ? DEMO_MEMBER_ENTERPRISE : (notable?.name ?? inventName(rng, industry, size));
    while (names.has(name)) name = inventName(rng, industry, size);
    names.add(name);

    const street = index === 0 ? 0 : rng.weighted(unitTable);
    const division = rng.pick(divisionsOf(street));
    const status = statuses.get(index) ?? 'active';
    const foundedOn = rng.date('1996-01-01', '2023-12-31');
    const joinedOn = rng.date(foundedOn < '2008-01-01' ? '2008-01-01' : foundedOn, LATEST);
    const statusOn = status === 'active' ? joinedOn : rng.date(joinedOn, LATEST);
    const formerNames = notable?.formerNames ?? [];
    planned.push({
      industry,
      street,
      enterprise: {
        id: index === 0 ? units.memberEnterprise.id : randomUUID(),
        orgUnitId: street < 0 ? units.district.id : units.streets[street]!.id,
        name,
        formerNames,
        uscc: unifiedCode('company', '110105', 1_000_003 + index * 7_919),
        legalRepresentative: null,
        registeredCapital: registeredCapital(rng, size),
        foundedOn,
        industryCode: industry.code,
        size,
        divisionCode: division?.code ?? null,
        address: `北京市东城区${division?.name ?? ''}${rng.pick(ROADS)}${rng.between(1, 300)}号`,
        tags: tagsFor(rng, industry, size),
        membershipType: 'enterprise',
        membershipStatus: status,
        membershipStatusReason:
          status === 'suspended' || status === 'withdrawn' ? rng.pick(STATUS_REASONS[status]) : null,
        membershipStatusOn: status === 'applying' ? rng.date('2025-09-01', LATEST) : statusOn,
        joinedOn: status === 'applying' ? null : joinedOn,
        ...searchKeysOf(name, formerNames),
      },
    });
  }
  return planned;
}

/** A 代表人士 row with its search keys. */
function person(rng: SeededRandom, orgUnitId: string, fixed: Partial<Person> = {}): Person {
  const gender = fixed.gender ?? (rng.chance(0.24) ? 'female' : 'male');
  const name = fixed.name ?? personName(rng, gender);
  // About a third are young entrepreneurs (under 45: born 1982 or later).
  const birthYear = fixed.birthYear ?? (rng.chance(0.33) ? rng.between(1982, 1998) : rng.between(1956, 1981));
  const npc = rng.next();
  const cppcc = rng.next();
  return {
    id: randomUUID(),
    orgUnitId,
    name,
    gender,
    birthYear,
    politicalAffiliation: rng.weighted(AFFILIATIONS),
    npcLevel: npc < 0.08 ? 'district' : npc < 0.11 ? 'city' : null,
    cppccLevel: cppcc < 0.12 ? 'district' : cppcc < 0.16 ? 'city' : null,
    mobile: mobileNumber(rng),
    email: null,
    ...searchKeysOf(name),
    ...fixed,
  };
}

/** A member's role in a chamber follows its chair's office in the chamber's leadership. */
const MEMBERSHIP_ROLE = {
  president: 'president',
  vice_president: 'vice_president',
  executive: 'director',
} as const;

type LeaderRole = keyof typeof MEMBERSHIP_ROLE;

/** Seeds the demo district's registry inside the seeding transaction. */
export async function seedRegistryDemo(tx: Tx, units: RegistryDemoUnits): Promise<RegistryDemoCounts> {
  const rng = new SeededRandom(SEED);
  const planned = planEnterprises(rng, units);
  const memberEnterprise = planned[0]!;
  const inGoodStanding = (p: Planned) =>
    p.enterprise.membershipStatus === 'active' || p.enterprise.membershipStatus === 'suspended';

  // 代表人士: the chairs (董事长) of the larger members first, then of a sample of the rest; 6 chamber
  // 秘书长 on the chambers' staff; the rest general managers (总经理) hired by chairs.
  const chamberCount = units.streetChambers.length + 3;
  const managerCount = 8;
  const sizeRank = { large: 0, medium: 1, small: 2, micro: 3 } as const;
  const led = [
    memberEnterprise,
    ...planned
      .slice(1)
      .filter((p) => p.enterprise.membershipStatus !== 'withdrawn')
      .map((p) => ({ p, key: sizeRank[p.enterprise.size!] * 10 + rng.next() * 25 }))
      .sort((a, b) => a.key - b.key)
      .map(({ p }) => p),
  ].slice(0, DEMO_PEOPLE - chamberCount - managerCount);

  const chairOf = new Map<string, Person>();
  const everyone: Person[] = [];
  const positions: (typeof personPositions.$inferInsert)[] = [];
  for (const p of led) {
    const chair = person(
      rng,
      p.enterprise.orgUnitId,
      // The member's enterprise is led by a young 民建 member who sits in the district CPPCC.
      p === memberEnterprise
        ? {
            name: '周建华',
            gender: 'male',
            birthYear: 1984,
            politicalAffiliation: 'cndca',
            cppccLevel: 'district',
          }
        : {},
    );
    everyone.push(chair);
    chairOf.set(p.enterprise.id, chair);
    p.enterprise.legalRepresentative = chair.name;
    positions.push({ personId: chair.id, enterpriseId: p.enterprise.id, position: '董事长' });
    if (rng.chance(0.45))
      positions.push({ personId: chair.id, enterpriseId: p.enterprise.id, position: '总经理' });
  }
  for (const p of led.slice(1)) {
    if (everyone.length === led.length + managerCount) break;
    if (positions.some((x) => x.enterpriseId === p.enterprise.id && x.position === '总经理')) continue;
    const manager = person(rng, p.enterprise.orgUnitId);
    everyone.push(manager);
    positions.push({ personId: manager.id, enterpriseId: p.enterprise.id, position: '总经理' });
  }
  // Some chairs also sit on the board of a second member (a subsidiary, a partner's firm).
  for (const p of led.slice(1, 16)) {
    const other = rng.pick(planned);
    if (other !== p) {
      positions.push({
        personId: chairOf.get(p.enterprise.id)!.id,
        enterpriseId: other.enterprise.id,
        position: '董事',
      });
    }
  }
  for (const p of planned)
    p.enterprise.legalRepresentative ??= personName(rng, rng.chance(0.25) ? 'female' : 'male');

  // The federation's own leadership (主席, 副主席, 常委, 执委), drawn from the chairs of the largest members.
  const federationRoles: (typeof personFederationRoles.$inferInsert)[] = [];
  const seats = [
    ['chair', 1],
    ['vice_chair', 6],
    ['standing_committee', 15],
    ['executive_committee', 30],
  ] as const;
  const seated = led.slice(1);
  for (const [role, count] of seats) {
    for (let i = 0; i < count; i++) {
      federationRoles.push({
        personId: chairOf.get(seated.shift()!.enterprise.id)!.id,
        orgUnitId: units.district.id,
        role,
        termStart: TERM.federation[0],
        termEnd: TERM.federation[1],
      });
    }
  }
  // The member's chair sits on the executive committee too.
  federationRoles.push({
    personId: chairOf.get(memberEnterprise.enterprise.id)!.id,
    orgUnitId: units.district.id,
    role: 'executive_committee',
    termStart: TERM.federation[0],
    termEnd: TERM.federation[1],
  });

  // Chamber members: a street chamber has its street's members, the industry chambers theirs, the youth
  // association the members whose chair is under 45. Withdrawn members and applicants belong to none.
  const young = (p: Planned) => (chairOf.get(p.enterprise.id)?.birthYear ?? 0) >= 1982;
  const chambers = [
    ...units.streetChambers.map((unit, street) => ({
      unit,
      type: 'street' as const,
      members: planned.filter((p) => p.street === street && inGoodStanding(p)),
    })),
    {
      unit: units.pharmaChamber,
      type: 'industry' as const,
      members: planned.filter((p) => p.industry.sector === 'pharma' && inGoodStanding(p)),
    },
    {
      unit: units.cateringChamber,
      type: 'industry' as const,
      members: planned.filter((p) => p.industry.sector === 'catering' && inGoodStanding(p)),
    },
    {
      unit: units.youthAssociation,
      type: 'association' as const,
      members: planned.filter((p) => young(p) && inGoodStanding(p)),
    },
  ];
  const founded = ['2011-05-18', '2012-09-26', '2013-04-12', '2009-11-20', '2010-08-08', '2016-05-04'];
  const memberships = new Map<string, typeof chamberMemberships.$inferInsert>();
  for (const [c, chamber] of chambers.entries()) {
    const chamberFounded = founded[c] ?? LATEST;
    for (const p of chamber.members) {
      const joined = p.enterprise.joinedOn!;
      memberships.set(`${chamber.unit.id}/${p.enterprise.id}`, {
        chamberId: chamber.unit.id,
        enterpriseId: p.enterprise.id,
        role: 'member',
        joinedOn: joined < chamberFounded ? chamberFounded : joined,
      });
    }
  }

  // Former members (退会, migration 0030): each chamber's history shows two withdrawn enterprises that
  // left it on the day they withdrew, for their recorded reason.
  const formerMembers: (typeof chamberMembershipEnds.$inferInsert)[] = [];
  const withdrawn = planned
    .map((p) => p.enterprise)
    .filter((e) => e.membershipStatus === 'withdrawn' && e.membershipStatusOn);
  for (const chamber of chambers) {
    const leavers = withdrawn.filter((e) => !memberships.has(`${chamber.unit.id}/${e.id}`)).slice(0, 2);
    for (const e of leavers) {
      formerMembers.push({
        chamberId: chamber.unit.id,
        enterpriseId: e.id,
        role: 'member',
        joinedOn: e.joinedOn && e.joinedOn <= e.membershipStatusOn! ? e.joinedOn : null,
        leftOn: e.membershipStatusOn!,
        reason: e.membershipStatusReason ?? '企业申请退会',
      });
    }
  }

  // Chamber leadership: 会长, 副会长 and 执委 from the chairs of active members (their membership role
  // follows), the member's chair a 副会长 wherever its enterprise belongs; a 秘书长 on each chamber's staff
  // (张海峰, the `secretary` account, for 东湖街道商会).
  const leaders: (typeof chamberLeaders.$inferInsert)[] = [];
  for (const [c, chamber] of chambers.entries()) {
    const roles: LeaderRole[] = [
      'president',
      ...Array<LeaderRole>(2 + (c % 2)).fill('vice_president'),
      ...Array<LeaderRole>(3).fill('executive'),
    ];
    const candidates = chamber.members.filter(
      (p) =>
        p !== memberEnterprise && chairOf.has(p.enterprise.id) && p.enterprise.membershipStatus === 'active',
    );
    if (chamber.members.includes(memberEnterprise)) candidates.splice(1, 0, memberEnterprise);
    for (const [i, p] of candidates.slice(0, roles.length).entries()) {
      const role = roles[i]!;
      leaders.push({
        chamberId: chamber.unit.id,
        personId: chairOf.get(p.enterprise.id)!.id,
        role,
        termStart: TERM.chamber[0],
        termEnd: TERM.chamber[1],
      });
      memberships.get(`${chamber.unit.id}/${p.enterprise.id}`)!.role = MEMBERSHIP_ROLE[role];
    }
    const secretaryGeneral = person(
      rng,
      chamber.unit.id,
      c === 0 ? { name: '张海峰', gender: 'male', birthYear: 1979, politicalAffiliation: 'cpc' } : {},
    );
    everyone.push(secretaryGeneral);
    leaders.push({
      chamberId: chamber.unit.id,
      personId: secretaryGeneral.id,
      role: 'secretary_general',
      termStart: TERM.chamber[0],
      termEnd: TERM.chamber[1],
    });
  }

  const profiles = chambers.map((chamber, c) => ({
    orgUnitId: chamber.unit.id,
    chamberType: chamber.type,
    foundedOn: founded[c] ?? null,
    registrationNo: unifiedCode('social', '110105', 40_000 + c * 131),
    registeredOn: founded[c] ?? null,
    address: `北京市东城区${divisionChildren(DEMO_COUNTY)?.[c * 2]?.name ?? ''}${ROADS[c]}${10 + c * 7}号`,
  }));

  const contacts: (typeof enterpriseContacts.$inferInsert)[] = [];
  for (const p of planned) {
    const count = p === memberEnterprise || rng.chance(0.4) ? 2 : 1;
    for (let sort = 0; sort < count; sort++) {
      const isMemberContact = p === memberEnterprise && sort === 0;
      contacts.push({
        enterpriseId: p.enterprise.id,
        name: isMemberContact ? '陈志强' : personName(rng, rng.chance(0.45) ? 'female' : 'male'),
        position: isMemberContact ? '行政总监' : rng.pick(CONTACT_POSITIONS),
        mobile: mobileNumber(rng),
        email: rng.chance(0.4) ? `contact${contacts.length + 1}@example.com` : null,
        isPrimary: sort === 0,
        sort,
      });
    }
  }

  const history: (typeof enterpriseStatusHistory.$inferInsert)[] = [];
  for (const { enterprise: e } of planned) {
    const status = e.membershipStatus!;
    if (status === 'applying') {
      history.push({
        enterpriseId: e.id,
        fromStatus: null,
        toStatus: 'applying',
        changedOn: e.membershipStatusOn!,
      });
      continue;
    }
    history.push({ enterpriseId: e.id, fromStatus: null, toStatus: 'active', changedOn: e.joinedOn! });
    if (status !== 'active') {
      history.push({
        enterpriseId: e.id,
        fromStatus: 'active',
        toStatus: status,
        reason: e.membershipStatusReason,
        changedOn: e.membershipStatusOn!,
      });
    }
  }

  // Party organizations (两个覆盖): most large members have their own, small ones share a street's
  // 联合党支部 or have only a party-building instructor (党建指导员); three chambers run a 联合党支部.
  const party: (typeof partyOrganizations.$inferInsert)[] = [];
  const streetShortNames = units.streets.map((s) => s.name.replace(/工商联$/, ''));
  for (const p of planned) {
    const e = p.enterprise;
    const size = e.size!;
    const roll = rng.next();
    if (roll < ORGANIZED_SHARE[size]) {
      const plan = rng.weighted(PARTY_FORMS[size]);
      const place = p.street < 0 ? '示例区' : streetShortNames[p.street]!;
      const names: Record<PartyOrganizationForm, string> = {
        committee: `中共${e.name}委员会`,
        general_branch: `中共${e.name}总支部委员会`,
        independent_branch: `中共${e.name}支部委员会`,
        joint_branch: `中共${place}非公有制企业联合支部委员会`,
        functional: `${e.name}功能型党组织`,
        instructor_only: '',
      };
      const name = names[plan.form];
      party.push({
        orgUnitId: e.orgUnitId,
        enterpriseId: e.id,
        name,
        form: plan.form,
        secretaryName: personName(rng, rng.chance(0.3) ? 'female' : 'male'),
        memberCount: rng.between(...plan.members),
        foundedOn: rng.date(e.foundedOn! < '2005-01-01' ? '2005-01-01' : e.foundedOn!, LATEST),
      });
    } else if (roll < ORGANIZED_SHARE[size] + INSTRUCTOR_SHARE) {
      party.push({
        orgUnitId: e.orgUnitId,
        enterpriseId: e.id,
        name: `${e.name}党建工作指导员`,
        form: 'instructor_only',
        secretaryName: personName(rng, rng.chance(0.4) ? 'female' : 'male'),
        memberCount: rng.between(0, 2),
        foundedOn: rng.date('2018-01-01', LATEST),
      });
    }
  }
  for (const chamber of [chambers[0]!, chambers[1]!, chambers[3]!]) {
    party.push({
      orgUnitId: chamber.unit.id,
      chamberId: chamber.unit.id,
      name: `中共${chamber.unit.name}联合支部委员会`,
      form: 'joint_branch',
      secretaryName: personName(rng, 'male'),
      memberCount: rng.between(8, 30),
      foundedOn: rng.date('2016-01-01', '2020-12-31'),
    });
  }

  const { id: memberId, uscc: _uscc, ...memberFields } = memberEnterprise.enterprise;
  await tx.update(enterprises).set(memberFields).where(eq(enterprises.id, memberId));
  await tx.insert(enterprises).values(planned.slice(1).map((p) => p.enterprise));
  await tx.insert(people).values(everyone);
  await tx.insert(enterpriseContacts).values(contacts);
  await tx.insert(enterpriseStatusHistory).values(history);
  await tx.insert(personPositions).values(positions);
  await tx.insert(personFederationRoles).values(federationRoles);
  await tx.insert(chamberProfiles).values(profiles);
  await tx.insert(chamberLeaders).values(leaders);
  await tx.insert(chamberMemberships).values([...memberships.values()]);
  if (formerMembers.length > 0) await tx.insert(chamberMembershipEnds).values(formerMembers);
  await tx.insert(partyOrganizations).values(party);
  return {
    enterprises: planned.length,
    contacts: contacts.length,
    people: everyone.length,
    memberships: memberships.size,
    partyOrganizations: party.length,
  };
}
