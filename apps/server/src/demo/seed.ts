// Demo and first-run data: on an empty database, either the demo city federation (示例区工商联 with its
// streets, chambers, departments and one account per role) or, with QINQING_DEMO=off, only a root unit
// and the three administrators.
import { sql } from 'drizzle-orm';
import { usccCheckCharacter, type Role } from '@qinqing/shared';
import type { AuditLog } from '../core/audit/audit-log.ts';
import { generatePassword, hashPassword } from '../core/auth/passwords.ts';
import { insertOrgUnit } from '../modules/org-units/service.ts';
import type { Db, Tx } from '../db/connection.ts';
import { enterprises, orgUnits, users } from '../db/schema/index.ts';
import { seedRegistryDemo } from './registry-demo.ts';
import { seedVisitsDemo } from './visits-demo.ts';
import { seedAppealsDemo } from './appeals-demo.ts';
import { seedSettingsDemo } from './settings-demo.ts';
import { CITY_COURT, seedCrossLevelDemo } from './cross-level-demo.ts';
import { seedSuggestionsDemo } from './suggestions-demo.ts';
import { seedVolunteersDemo } from './volunteers-demo.ts';
import { seedDonationsDemo } from './donations-demo.ts';
import { seedApiTokensDemo } from './api-tokens-demo.ts';
import { seedInvitationsDemo } from './invitations-demo.ts';
// events (issue 16)
import { seedEventLinksDemo, seedEventsDemo } from './events-demo.ts';
// 惠企政策 policies
import { seedPoliciesDemo } from './policies-demo.ts';
// 服务包 service packages
import { seedServicePackagesDemo } from './service-packages-demo.ts';
// 融资 financing
import { seedBanks, seedFinancingDemo } from './financing-demo.ts';
// 互助 mutual aid
import { seedAidDemo } from './aid-demo.ts';

const SEED_LOCK = 7_301_003;

export const DEMO_DEPARTMENTS = [
  '金融办',
  '人力资源社会保障局',
  '司法局',
  '税务局',
  '发展改革委',
  '财政局',
  '商务委',
  '市场监管局',
] as const;

export interface SeededAccount {
  username: string;
  displayName: string;
  role: Role;
  password: string;
  mustChangePassword: boolean;
}

export interface SeedResult {
  seeded: boolean;
  accounts: SeededAccount[];
  /** The demo hotline's API token, shown once at first start (never stored in the clear). */
  hotlineTokenSecret?: string;
}

export function demoUscc(serial: number): string {
  const first17 = `91110105MA${String(serial).padStart(6, '0')}X`.slice(0, 17);
  return first17 + usccCheckCharacter(first17);
}

interface AccountSpec {
  username: string;
  displayName: string;
  role: Role;
  orgUnitId: string;
  enterpriseId?: string;
}

/** `password`: one for all accounts; `mustChange`: whether it is an initial password to be changed. */
async function createAccounts(
  tx: Tx,
  specs: AccountSpec[],
  password: () => string,
  mustChange: boolean,
  now: Date,
) {
  const accounts: SeededAccount[] = [];
  for (const spec of specs) {
    const initial = password();
    await tx.insert(users).values({
      username: spec.username,
      displayName: spec.displayName,
      orgUnitId: spec.orgUnitId,
      enterpriseId: spec.enterpriseId ?? null,
      roles: [spec.role],
      passwordHash: await hashPassword(initial),
      // Dated on the app's clock like the rest of the demo: password lifetimes count from it.
      passwordChangedAt: now,
      mustChangePassword: mustChange,
    });
    accounts.push({ ...spec, password: initial, mustChangePassword: mustChange });
  }
  return accounts;
}

async function seedDemo(tx: Tx, demoPassword: string | undefined, now: Date): Promise<SeededAccount[]> {
  // One password for every demo account: QINQING_DEMO_PASSWORD, or a generated one to change at first login.
  const shared = demoPassword ?? generatePassword();
  const city = await insertOrgUnit(tx, null, { kind: 'city', name: '示例市工商联', code: '110100' });
  const district = await insertOrgUnit(tx, city, { kind: 'district', name: '示例区工商联', code: '110105' });
  const streetNames = ['东湖街道', '西山街道', '南河街道'];
  const streets = [];
  const streetChambers = [];
  for (const [i, name] of streetNames.entries()) {
    const street = await insertOrgUnit(tx, district, {
      kind: 'street',
      name: `${name}工商联`,
      code: `11010500${i + 1}`,
    });
    streets.push(street);
    streetChambers.push(await insertOrgUnit(tx, street, { kind: 'chamber', name: `${name}商会` }));
  }
  const pharmaChamber = await insertOrgUnit(tx, district, { kind: 'chamber', name: '示例区医药商会' });
  const cateringChamber = await insertOrgUnit(tx, district, { kind: 'chamber', name: '示例区餐饮商会' });
  const youthAssociation = await insertOrgUnit(tx, district, {
    kind: 'association',
    name: '示例区青年创业者协会',
  });
  const departments = [];
  for (const name of DEMO_DEPARTMENTS)
    departments.push(await insertOrgUnit(tx, district, { kind: 'department', name }));
  // The city's court (issue 10 item 5): its channel is opened to the district, which forwards to it.
  const cityCourt = await insertOrgUnit(tx, city, { kind: 'department', name: CITY_COURT });
  const [enterprise] = await tx
    .insert(enterprises)
    .values({ orgUnitId: streets[0]!.id, name: '示例区东湖智能科技有限公司', uscc: demoUscc(1) })
    .returning();
  await seedRegistryDemo(tx, {
    district,
    streets,
    streetChambers,
    pharmaChamber,
    cateringChamber,
    youthAssociation,
    memberEnterprise: enterprise!,
  });
  const hrDepartment = departments[DEMO_DEPARTMENTS.indexOf('人力资源社会保障局')]!;
  const [ccb, bocom] = await seedBanks(tx, district); // 融资 financing: the banks of `banker` and `banker2`
  return createAccounts(
    tx,
    [
      { username: 'sysadmin', displayName: '系统管理员', role: 'system_admin', orgUnitId: city.id },
      { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', orgUnitId: city.id },
      { username: 'auditor', displayName: '审计管理员', role: 'audit_admin', orgUnitId: city.id },
      { username: 'staff', displayName: '王晓燕', role: 'federation_staff', orgUnitId: district.id },
      { username: 'leader', displayName: '李建国', role: 'federation_leader', orgUnitId: district.id },
      {
        username: 'secretary',
        displayName: '张海峰',
        role: 'chamber_secretary',
        orgUnitId: streetChambers[0]!.id,
      },
      { username: 'liaison', displayName: '刘敏', role: 'department_liaison', orgUnitId: hrDepartment.id },
      // The department's head (部门负责人): reads what reaches 人社局 and its figures, and overdue appeals
      // forwarded there are escalated to this account; the liaison works them.
      { username: 'hrhead', displayName: '赵刚', role: 'department_head', orgUnitId: hrDepartment.id },
      // The city court's liaison: sees the district's appeal forwarded across levels while it is theirs.
      { username: 'courtliaison', displayName: '孙丽', role: 'department_liaison', orgUnitId: cityCourt.id },
      {
        username: 'member',
        displayName: '陈志强',
        role: 'enterprise_contact',
        orgUnitId: streets[0]!.id,
        enterpriseId: enterprise!.id,
      },
      // 融资 financing: the account managers (客户经理) of the two partner banks.
      { username: 'banker', displayName: '周文斌', role: 'bank_manager', orgUnitId: ccb!.id },
      { username: 'banker2', displayName: '吴佳怡', role: 'bank_manager', orgUnitId: bocom!.id },
    ],
    () => shared,
    demoPassword === undefined,
    now,
  );
}

async function seedAdminsOnly(tx: Tx, now: Date): Promise<SeededAccount[]> {
  const root = await insertOrgUnit(tx, null, { kind: 'city', name: '工商联' });
  return createAccounts(
    tx,
    [
      { username: 'sysadmin', displayName: '系统管理员', role: 'system_admin', orgUnitId: root.id },
      { username: 'secadmin', displayName: '安全管理员', role: 'security_admin', orgUnitId: root.id },
      { username: 'auditor', displayName: '审计管理员', role: 'audit_admin', orgUnitId: root.id },
    ],
    generatePassword,
    true,
    now,
  );
}

/** Seeds an empty database once, even when several instances start together. */
export async function seedIfEmpty(
  db: Db,
  audit: AuditLog,
  options: {
    demo: boolean;
    demoPassword?: string;
    /** The app clock's now: the demo is dated from it. */ now: Date;
  },
): Promise<SeedResult> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(${SEED_LOCK})`);
    const [existing] = await tx.select({ id: orgUnits.id }).from(orgUnits).limit(1);
    if (existing) return { seeded: false, accounts: [] };
    let hotlineTokenSecret: string | undefined;
    const accounts = options.demo
      ? await seedDemo(tx, options.demoPassword, options.now)
      : await seedAdminsOnly(tx, options.now);
    if (options.demo) {
      await seedVisitsDemo(tx, options.now); // after the accounts: the visits name `staff`
      await seedAppealsDemo(tx, options.now);
      await seedSuggestionsDemo(tx, options.now);
      await seedVolunteersDemo(tx, options.now); // after the accounts and the registry: it names staff and secretary
      await seedDonationsDemo(tx, options.now); // after the accounts: it names staff and member
      await seedInvitationsDemo(tx, options.now); // after the accounts: it names member, staff and secretary
      // events (issue 16): after the accounts and the registry (it names staff, reads contacts and chambers)
      await seedEventsDemo(tx, options.now);
      await seedSettingsDemo(tx, options.now); // after the appeals: its appeal uses their channels
      await seedCrossLevelDemo(tx, options.now); // after the accounts: its forward names the court's liaison
      hotlineTokenSecret = await seedApiTokensDemo(tx, options.now); // names secadmin; after the categories
      // 惠企政策 policies: after the registry and the accounts (it names staff, liaison and member)
      await seedPoliciesDemo(tx, options.now);
      await seedFinancingDemo(tx, options.now); // 融资 financing: after the accounts and the registry
      await seedAidDemo(tx, options.now); // 互助 mutual aid: after the accounts and the registry
      await seedEventLinksDemo(tx); // events (issue 16): after the events, policies and campaigns it links
      await seedServicePackagesDemo(tx, options.now); // 服务包: after the policies and visits it names
    }
    await audit.record(
      tx,
      { actorId: null, actorName: 'system', actorRoles: [], ip: null, requestId: null },
      {
        action: 'system.seeded',
        detail: { demo: options.demo, accounts: accounts.map((a) => a.username) },
      },
    );
    return { seeded: true, accounts, hotlineTokenSecret };
  });
}
