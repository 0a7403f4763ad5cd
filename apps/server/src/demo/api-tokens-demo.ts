// Demo 接口令牌: a token for the 12345 hotline over 示例区 (its secret is new at every first start and printed
// once with the demo accounts, never fixed in code) and one appeal the hotline raised with it.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { shanghaiDay } from '../core/calendar/working-days.ts';
import { hashApiSecret, newApiSecret } from '../core/auth/api-tokens.ts';
import type { Tx } from '../db/connection.ts';
import { appealEvents, appeals } from '../db/schema/index.ts';
import { insertServiceAccount, insertToken } from '../modules/api-tokens/repository.ts';

const DAY_MS = 86_400_000;
export const DEMO_HOTLINE_TOKEN = '12345热线（示例）';

/** Seeds the hotline's token and its appeal; answers the token's secret, to be shown once. */
export async function seedApiTokensDemo(tx: Tx, now: Date): Promise<string> {
  const { rows } = await tx.execute<{
    district_id: string;
    secadmin_id: string;
    enterprise_id: string;
    org_unit_id: string;
  }>(sql`
    SELECT (SELECT id FROM org_units WHERE name = '示例区工商联') AS district_id,
           (SELECT id FROM users WHERE username = 'secadmin') AS secadmin_id,
           e.id AS enterprise_id, e.org_unit_id
      FROM enterprises e
     WHERE e.merged_into_id IS NULL AND e.id <> (SELECT enterprise_id FROM users WHERE username = 'member')
     ORDER BY e.sort_key DESC, e.id LIMIT 1`);
  const place = rows[0]!;
  const secret = newApiSecret();
  const tokenId = randomUUID();
  const issuedAt = new Date(now.getTime() - 20 * DAY_MS);
  const accountId = await insertServiceAccount(tx, {
    tokenId,
    name: DEMO_HOTLINE_TOKEN,
    orgUnitId: place.district_id,
    at: issuedAt,
  });
  await insertToken(tx, {
    id: tokenId,
    name: DEMO_HOTLINE_TOKEN,
    secretHash: hashApiSecret(secret),
    hint: secret.slice(0, 8),
    permissions: ['appeals.hotline', 'appeals.read'],
    orgUnitId: place.district_id,
    accountId,
    expiresAt: new Date(now.getTime() + 345 * DAY_MS),
    createdBy: place.secadmin_id,
    at: issuedAt,
  });

  // Received yesterday from the hotline, waiting for the district's staff to triage.
  const received = new Date(now.getTime() - DAY_MS);
  const { rows: serial } = await tx.execute<{ n: string }>(
    sql`SELECT nextval('appeal_number_seq')::text AS n`,
  );
  const [appeal] = await tx
    .insert(appeals)
    .values({
      number: `SQ${shanghaiDay(received).slice(0, 4)}${serial[0]!.n.padStart(6, '0')}`,
      enterpriseId: place.enterprise_id,
      orgUnitId: place.org_unit_id,
      categoryCode: 'employment',
      title: '招工难，希望对接职业院校实习生',
      description:
        '企业致电12345反映：新增两条产线缺技术工人约 30 名，希望政府协助对接本区职业院校的实习生。',
      source: 'hotline_12345',
      urgency: 'normal',
      state: 'submitted',
      raisedBy: accountId,
      receivedAt: received,
      receivedOn: shanghaiDay(received),
      createdAt: received,
      updatedAt: received,
    })
    .returning({ id: appeals.id });
  await tx.insert(appealEvents).values({
    appealId: appeal!.id,
    occurredAt: received,
    actorName: DEMO_HOTLINE_TOKEN,
    action: 'raise',
    fromState: null,
    toState: 'submitted',
    detail: { source: 'hotline_12345', urgency: 'normal', category: 'employment' },
  });
  await tx.execute(
    sql`INSERT INTO hotline_cases (case_number, appeal_id, token_id, received_at)
        VALUES (${`12345-${shanghaiDay(received).replaceAll('-', '')}-0086`}, ${appeal!.id}, ${tokenId}, ${received})`,
  );
  await tx.execute(
    sql`INSERT INTO api_token_uses (token_id, at, method, route, status)
        VALUES (${tokenId}, ${received}, 'POST', '/api/hotline/appeals', 201)`,
  );
  await tx.execute(sql`UPDATE api_tokens SET last_used_at = ${received} WHERE id = ${tokenId}`);
  return secret;
}
