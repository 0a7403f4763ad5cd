// 政策推送 who a push notifies, a chunk of enterprises at a time: the enabled enterprise contacts of those
// enterprises — not a disabled contact, not an account of another role tied to the enterprise, not the
// contacts of an enterprise outside the chunk — found through the index of migration 0058 rather than by
// a scan of every account (the planner is told to avoid scans; without the index it scans all the same).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { connect, type Database } from '../../db/connection.ts';
import { createTestDatabase, type TestDatabase } from '../../test/database.ts';
import { enterpriseContacts, idsText } from './push.ts';

describe('policies: the contacts a push notifies', () => {
  let testDb: TestDatabase;
  let database: Database;
  const enterprise: Record<'a' | 'b' | 'c', string> = { a: '', b: '', c: '' };
  const user: Record<string, string> = {};

  before(async () => {
    testDb = await createTestDatabase();
    database = connect(testDb.url, 2);
    const { pool } = database;
    const { rows: unit } = await pool.query<{ id: string }>(
      `INSERT INTO org_units (id, kind, name, path, depth)
       SELECT id, 'district', '推送测试区工商联', '/' || id || '/', 0 FROM (SELECT gen_random_uuid() AS id) u
       RETURNING id`,
    );
    for (const key of ['a', 'b', 'c'] as const) {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO enterprises (org_unit_id, name, uscc) VALUES ($1, $2, $3) RETURNING id`,
        [unit[0]!.id, `推送测试企业${key}`, `PUSHTEST${key.toUpperCase()}0000000000`],
      );
      enterprise[key] = rows[0]!.id;
    }
    const account = async (name: string, of: string, roles: string[], disabled = false) => {
      const { rows } = await pool.query<{ id: string }>(
        `INSERT INTO users (username, display_name, org_unit_id, roles, password_hash, enterprise_id, disabled)
         VALUES ($1, $1, $2, $3, 'x', $4, $5) RETURNING id`,
        [name, unit[0]!.id, roles, of, disabled],
      );
      user[name] = rows[0]!.id;
    };
    await account('a-first', enterprise.a, ['enterprise_contact']);
    await account('a-second', enterprise.a, ['enterprise_contact']);
    await account('a-left', enterprise.a, ['enterprise_contact'], true);
    await account('b-only', enterprise.b, ['enterprise_contact']);
    await account('c-only', enterprise.c, ['enterprise_contact']);
  });
  after(async () => {
    await database.close();
    await testDb.drop();
  });

  it('are the enabled contacts of the enterprises asked, each once', async () => {
    const found = await enterpriseContacts(database.db, [enterprise.a, enterprise.b, enterprise.a]);
    assert.deepEqual([...found].sort(), [user['a-first']!, user['a-second']!, user['b-only']!].sort());
    assert.deepEqual(await enterpriseContacts(database.db, [enterprise.c]), [user['c-only']!]);
    assert.deepEqual(await enterpriseContacts(database.db, []), []);
  });

  it('are found through the enterprise index, not a scan of every account', async () => {
    const plan = await database.db.transaction(async (tx) => {
      await tx.execute(sql`SET LOCAL enable_seqscan = off`);
      const { rows } = await tx.execute<{ 'QUERY PLAN': unknown }>(
        sql`EXPLAIN (FORMAT JSON) SELECT id FROM users
             WHERE enterprise_id = ANY (${sql.param([enterprise.a, enterprise.b])}::uuid[])
               AND 'enterprise_contact' = ANY (roles) AND NOT disabled`,
      );
      return JSON.stringify(rows[0]!['QUERY PLAN']);
    });
    assert.match(plan, /users_enterprise_idx/);
    assert.doesNotMatch(plan, /Seq Scan/);
  });
});

describe('policies: a push reads its targets as one text and cuts it into chunks', () => {
  it('gives every id once, in order, whatever the chunk size; the last chunk is the rest', () => {
    const ids = Array.from({ length: 1_201 }, () => randomUUID()).sort();
    const list = ids.join(',');
    for (const size of [1, 500, 1_201, 2_000]) {
      const chunks: string[][] = [];
      for (let start = 0; start < ids.length; start += size)
        chunks.push(idsText(list, start, Math.min(size, ids.length - start)).split(','));
      assert.deepEqual(chunks.flat(), ids, `chunks of ${size}`);
      assert.equal(chunks.at(-1)!.length, ids.length % size || Math.min(size, ids.length));
    }
  });
});
