// The demo district's 互助 board: a dozen posts of members — masks, protective suits, disinfectant, raw
// materials, transport — supplies and needs, some urgent, one past its day; two brokered matches, one
// fulfilled (20,000 masks for one factory: "为一家齿轮厂解决口罩2万个") and one awaiting the supplier's consent.
// The words for matching are segmented as the service does. Dated from the app's clock.
import { and, asc, eq, isNull, like } from 'drizzle-orm';
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connection.ts';
import { enterprises, orgUnits, users } from '../db/schema/index.ts';
import { titleWords } from '../modules/mutual-aid/words.ts';

const DAY_MS = 86_400_000;

export async function seedAidDemo(tx: Tx, now: Date): Promise<void> {
  const [district] = await tx.select().from(orgUnits).where(eq(orgUnits.name, '示例区工商联'));
  const [staff] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'staff'));
  const [member] = await tx
    .select({ enterpriseId: users.enterpriseId })
    .from(users)
    .where(eq(users.username, 'member'));
  if (!district || !staff || !member?.enterpriseId) return;
  const firms = await tx
    .select({ id: enterprises.id, orgUnitId: enterprises.orgUnitId, divisionCode: enterprises.divisionCode })
    .from(enterprises)
    .innerJoin(orgUnits, eq(orgUnits.id, enterprises.orgUnitId))
    .where(and(like(orgUnits.path, `${district.path}%`), isNull(enterprises.mergedIntoId)))
    .orderBy(asc(enterprises.sortKey), asc(enterprises.id))
    .limit(12);
  const own = firms.find((firm) => firm.id === member.enterpriseId) ?? firms[0]!;
  const others = firms.filter((firm) => firm.id !== own.id);
  if (others.length < 8) return;
  const day = (days: number) =>
    new Date(now.getTime() + days * DAY_MS + 8 * 3_600_000).toISOString().slice(0, 10);
  const posts: [number, 'supply' | 'demand', string, string, number, string, number | null, boolean][] = [
    // [firm (-1: the member's own), side, title, category, quantity, unit, valid for days, urgent]
    [0, 'supply', '医用外科口罩现货', 'epidemic', 50000, '个', 30, false],
    [-1, 'demand', '急需医用外科口罩', 'epidemic', 20000, '个', 14, true],
    [1, 'supply', '医用防护服', 'epidemic', 2000, '套', 30, false],
    [2, 'demand', '复工急需防护服和护目镜', 'epidemic', 500, '套', 10, true],
    [3, 'supply', '84消毒液', 'epidemic', 300, '箱', 20, false],
    [4, 'demand', '红外测温枪', 'epidemic', 40, '台', 7, true],
    [5, 'supply', '冷链物流运输车辆', 'logistics', 5, '辆', 60, false],
    [6, 'demand', '原材料钢材采购', 'materials', 200, '吨', 45, false],
    [7, 'supply', '工业软件技术服务', 'technology', 10, '项', null, false],
    [0, 'demand', '口罩熔喷布原材料', 'materials', 5, '吨', 30, false],
    [1, 'supply', '一次性医用口罩', 'epidemic', 100000, '个', -3, false],
    [2, 'supply', '仓储场地短租', 'services', 2000, '平方米', 90, false],
  ];
  const ids: string[] = [];
  for (const [
    index,
    [firmIndex, side, title, category, quantity, unit, validDays, urgent],
  ] of posts.entries()) {
    const firm = firmIndex < 0 ? own : others[firmIndex]!;
    const createdAt = new Date(now.getTime() - (posts.length - index) * DAY_MS);
    const words = await titleWords(title);
    const expired = validDays !== null && validDays < 0;
    const { rows } = await tx.execute<{
      id: string;
    }>(sql`INSERT INTO aid_posts (org_unit_id, enterprise_id, side,
        title, category, quantity, unit, division_code, valid_until, urgent, words, state, created_by, created_at,
        updated_at)
      VALUES (${firm.orgUnitId}, ${firm.id}, ${side}, ${title}, ${category}, ${quantity}, ${unit},
        ${firm.divisionCode}, ${validDays === null ? null : day(validDays)}::date, ${urgent},
        ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(words)}::jsonb)), ${expired ? 'expired' : 'open'},
        ${staff.id}, ${createdAt}, ${createdAt})
      RETURNING id`);
    ids.push(rows[0]!.id);
  }
  const match = async (supply: number, demand: number, fulfilled: boolean) => {
    const at = new Date(now.getTime() - 2 * DAY_MS);
    await tx.execute(sql`INSERT INTO aid_matches (supply_id, demand_id, org_unit_id, brokered_by, state,
        supply_accepted_at, demand_accepted_at, quantity_delivered, delivered_on, created_at, updated_at)
      SELECT ${ids[supply]}, ${ids[demand]}, d.org_unit_id, ${staff.id}, ${fulfilled ? 'fulfilled' : 'proposed'},
        ${fulfilled ? at : null}::timestamptz, ${at}::timestamptz,
        ${fulfilled ? posts[demand]![4] : null}::numeric, ${fulfilled ? day(-1) : null}::date, ${at}, ${at}
      FROM aid_posts d WHERE d.id = ${ids[demand]}`);
    await tx.execute(sql`UPDATE aid_posts SET state = ${fulfilled ? 'fulfilled' : 'matched'}
      WHERE id IN (${ids[supply]}, ${ids[demand]})`);
  };
  await match(0, 1, true);
  await match(2, 3, false);
}
