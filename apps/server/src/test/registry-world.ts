// A small registry world for the people, chamber, party-organization and search tests: its own district
// (测试区工商联) beside the demo one, so that counts do not depend on the demo data, with two streets,
// three chambers, six enterprises (one withdrawn, one merged away) and one account per business role.
import { eq } from 'drizzle-orm';
import { usccCheckCharacter, type ChamberType, type OrgUnitKind, type Role } from '@qinqing/shared';
import type { Tx } from '../db/connection.ts';
import { chamberMemberships, chamberProfiles, enterprises, orgUnits, users } from '../db/schema/index.ts';
import { insertEnterprise, type NewEnterprise } from '../modules/enterprises/service.ts';
import type { OrgUnitRow } from '../modules/org-units/repository.ts';
import { insertOrgUnit } from '../modules/org-units/service.ts';
import { createAccount, orgUnitId, type TestApp } from './harness.ts';

/** A valid credit code of this test world: 91310105QQ + a 7-digit serial + the check character. */
export function worldUscc(serial: number): string {
  const first17 = `91310105QQ${String(serial).padStart(7, '0')}`;
  return first17 + usccCheckCharacter(first17);
}

export interface RegistryWorld {
  district: string;
  changning: string;
  jingan: string;
  department: string;
  /** 长宁街道商会 (street), 测试区医药商会 (industry), 测试区青年创业者协会 (association). */
  streetChamber: string;
  industryChamber: string;
  association: string;
  /** Demo chambers outside this world. */
  demoChamber: string;
  enterprises: {
    /** 长宁智能科技有限公司: 长宁街道, in the street and industry chambers; contact mobile 13800001111. */
    smart: string;
    /** 长宁餐饮管理有限公司: 长宁街道, in the street chamber. */
    catering: string;
    /** 静安医药有限公司: 静安街道, in the industry chamber. */
    pharma: string;
    /** 静安物流有限公司: 静安街道, withdrawn, in the industry chamber. */
    logistics: string;
    /** 测试区建材有限公司: the district itself, in no chamber. */
    building: string;
    /** 长宁智能科技（旧）: merged into `smart`. */
    mergedAway: string;
    /** The demo enterprise, in the demo district: outside this world. */
    demo: string;
  };
  /** Session cookies: staff, leader, secretary (of the street chamber), contact (of `smart`), liaison; and the demo district's staff and secretary, outsiders here. */
  cookies: Record<
    'staff' | 'leader' | 'secretary' | 'contact' | 'liaison' | 'outsiderStaff' | 'outsiderSecretary',
    string
  >;
}

async function unit(
  tx: Tx,
  parent: OrgUnitRow,
  kind: OrgUnitKind,
  name: string,
  chamberType?: ChamberType,
): Promise<OrgUnitRow> {
  const row = await insertOrgUnit(tx, parent, { kind, name });
  if (chamberType) await tx.insert(chamberProfiles).values({ orgUnitId: row.id, chamberType });
  return row;
}

/** The date the world lives on: ages and terms are computed from it. */
export const WORLD_TODAY = '2026-06-15';

export async function buildRegistryWorld(t: TestApp): Promise<RegistryWorld> {
  t.ctx.clock.set(new Date(`${WORLD_TODAY}T08:00:00Z`));
  const cityId = await orgUnitId(t, '示例市工商联');
  const world = await t.database.db.transaction(async (tx) => {
    const [city] = await tx.select().from(orgUnits).where(eq(orgUnits.id, cityId));
    const district = await unit(tx, city!, 'district', '测试区工商联');
    const changning = await unit(tx, district, 'street', '长宁街道工商联');
    const jingan = await unit(tx, district, 'street', '静安街道工商联');
    const department = await unit(tx, district, 'department', '测试区金融办');
    const streetChamber = await unit(tx, changning, 'chamber', '长宁街道商会', 'street');
    const industryChamber = await unit(tx, district, 'chamber', '测试区医药商会', 'industry');
    const association = await unit(tx, district, 'association', '测试区青年创业者协会', 'association');

    const context = { actorId: await t.userId('staff'), today: WORLD_TODAY };
    const add = (input: Omit<NewEnterprise, 'uscc'>, serial: number) =>
      insertEnterprise(tx, { ...input, uscc: worldUscc(serial) }, context);
    const smart = await add(
      {
        name: '长宁智能科技有限公司',
        orgUnitId: changning.id,
        contacts: [{ name: '周敏', mobile: '13800001111', isPrimary: true }],
      },
      1,
    );
    const catering = await add({ name: '长宁餐饮管理有限公司', orgUnitId: changning.id }, 2);
    const pharma = await add({ name: '静安医药有限公司', orgUnitId: jingan.id }, 3);
    const logistics = await add(
      {
        name: '静安物流有限公司',
        orgUnitId: jingan.id,
        membership: { status: 'withdrawn', statusReason: '企业注销' },
      },
      4,
    );
    const building = await add({ name: '测试区建材有限公司', orgUnitId: district.id }, 5);
    const mergedAway = await add({ name: '长宁智能科技（旧）', orgUnitId: changning.id }, 6);
    await tx.update(enterprises).set({ mergedIntoId: smart }).where(eq(enterprises.id, mergedAway));

    await tx.insert(chamberMemberships).values([
      { chamberId: streetChamber.id, enterpriseId: smart, role: 'president' },
      { chamberId: streetChamber.id, enterpriseId: catering, role: 'member' },
      { chamberId: industryChamber.id, enterpriseId: smart, role: 'director' },
      { chamberId: industryChamber.id, enterpriseId: pharma, role: 'vice_president' },
      { chamberId: industryChamber.id, enterpriseId: logistics, role: 'member' },
    ]);
    return {
      district: district.id,
      changning: changning.id,
      jingan: jingan.id,
      department: department.id,
      streetChamber: streetChamber.id,
      industryChamber: industryChamber.id,
      association: association.id,
      enterprises: { smart, catering, pharma, logistics, building, mergedAway },
    };
  });

  const account = async (username: string, org: string, role: Role, enterpriseId?: string) => {
    const id = await createAccount(t, { username, orgUnitId: org, roles: [role] });
    if (enterpriseId) await t.database.db.update(users).set({ enterpriseId }).where(eq(users.id, id));
    return t.sessionFor(id);
  };
  const { rows } = await t.database.pool.query<{ id: string }>(
    "SELECT id FROM enterprises WHERE name = '示例区东湖智能科技有限公司'",
  );
  return {
    ...world,
    demoChamber: await orgUnitId(t, '东湖街道商会'),
    enterprises: { ...world.enterprises, demo: rows[0]!.id },
    cookies: {
      staff: await account('w-staff', world.district, 'federation_staff'),
      leader: await account('w-leader', world.district, 'federation_leader'),
      secretary: await account('w-secretary', world.streetChamber, 'chamber_secretary'),
      contact: await account('w-contact', world.changning, 'enterprise_contact', world.enterprises.smart),
      liaison: await account('w-liaison', world.department, 'department_liaison'),
      outsiderStaff: await t.sessionFor(await t.userId('staff')),
      outsiderSecretary: await t.sessionFor(await t.userId('secretary')),
    },
  };
}
