// The demo district's 服务包: one published package (two of the demo's published policies and three services)
// handed to the demo contact's enterprise — on a done visit, when the demo has one — and to four more
// enterprises of the district, and one draft package being put together. Dated from the app's clock.
import { sql } from 'drizzle-orm';
import { shanghaiDay, shiftDay } from '../core/calendar/working-days.ts';
import type { Tx } from '../db/connection.ts';
import { insertPackage, replaceItems } from '../modules/service-packages/repository.ts';

export async function seedServicePackagesDemo(tx: Tx, now: Date): Promise<void> {
  const today = shanghaiDay(now);
  const { rows: units } = await tx.execute<{ id: string; path: string }>(
    sql`SELECT id, path FROM org_units WHERE name = '示例区工商联'`,
  );
  const district = units[0];
  const { rows: accounts } = await tx.execute<{ username: string; id: string; enterprise_id: string | null }>(
    sql`SELECT username, id, enterprise_id FROM users WHERE username IN ('staff', 'member')`,
  );
  const staff = accounts.find((account) => account.username === 'staff');
  const member = accounts.find((account) => account.username === 'member');
  if (!district || !staff || !member?.enterprise_id) return;
  const { rows: policies } = await tx.execute<{ id: string }>(
    sql`SELECT id FROM policies WHERE state = 'published' AND org_unit_id = ${district.id}
         ORDER BY published_on DESC, id LIMIT 2`,
  );
  const published = await insertPackage(tx, {
    orgUnitId: district.id,
    name: '2026年民营企业专属服务包',
    description: '开展“送专属服务包”活动：惠企政策解读、法律体检、融资对接，一企一包，送政策上门。',
    createdBy: staff.id,
    now,
  });
  await replaceItems(tx, published, [
    ...policies.map((policy) => ({ policyId: policy.id, service: null })),
    { policyId: null, service: '免费法律体检一次（区律师协会商会调解工作室）' },
    { policyId: null, service: '银会企融资对接：合作银行客户经理上门服务' },
    { policyId: null, service: '政企直联“快捷通道”：诉求专人跟办' },
  ]);
  await tx.execute(
    sql`UPDATE service_packages SET state = 'published', published_at = ${now} WHERE id = ${published}`,
  );
  // The member's enterprise received it on a done visit where the demo has one; four others by hand-out.
  const { rows: visits } = await tx.execute<{ id: string; visited_on: string }>(
    sql`SELECT id, visited_on::text AS visited_on FROM visits
         WHERE enterprise_id = ${member.enterprise_id} AND status = 'done' ORDER BY visited_on DESC LIMIT 1`,
  );
  const visit = visits[0];
  await tx.execute(
    sql`INSERT INTO service_package_holders
          (package_id, enterprise_id, org_unit_id, handed_on, handed_by, visit_id, note, created_at)
        SELECT ${published}::uuid, e.id, e.org_unit_id, ${visit?.visited_on ?? shiftDay(today, -3)}::date,
               ${staff.id}::uuid, ${visit?.id ?? null}::uuid, '走访时送达', ${now}::timestamptz
          FROM enterprises e WHERE e.id = ${member.enterprise_id}`,
  );
  await tx.execute(
    sql`INSERT INTO service_package_holders
          (package_id, enterprise_id, org_unit_id, handed_on, handed_by, note, created_at)
        SELECT ${published}::uuid, e.id, e.org_unit_id, ${shiftDay(today, -7)}::date, ${staff.id}::uuid, NULL,
               ${now}::timestamptz
          FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
         WHERE u.path LIKE ${district.path + '%'} AND e.id <> ${member.enterprise_id}
           AND e.merged_into_id IS NULL
         ORDER BY e.sort_key, e.id LIMIT 4`,
  );
  const draft = await insertPackage(tx, {
    orgUnitId: district.id,
    name: '新春送温暖服务包（编制中）',
    description: '节前走访困难会员企业时送达。',
    createdBy: staff.id,
    now,
  });
  await replaceItems(tx, draft, [{ policyId: null, service: '用工对接：春节后返岗招聘专场' }]);
}
