// Tests of the first-run seed: the demo federation (tree, accounts, enterprise) and, with the demo off, only
// the three administrators with their own initial passwords — on a real PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { usccProblem } from '@qinqing/shared';
import { checkPasswordPolicy, verifyPassword } from '../core/auth/passwords.ts';
import { DEMO_PASSWORD, json, setupTestApp, type TestApp } from '../test/harness.ts';
import { generatePassword } from '../core/auth/passwords.ts';
import { DEMO_DEPARTMENTS, demoUscc, seedIfEmpty } from './seed.ts';

interface UnitRow {
  id: string;
  parent_id: string | null;
  parent_name: string | null;
  kind: string;
  name: string;
  path: string;
  depth: number;
}

interface AccountRow {
  username: string;
  roles: string[];
  unit: string;
  password_hash: string;
  must_change_password: boolean;
  enterprise_id: string | null;
}

const DEMO_ACCOUNTS: Record<string, [role: string, unit: string]> = {
  sysadmin: ['system_admin', '示例市工商联'],
  secadmin: ['security_admin', '示例市工商联'],
  auditor: ['audit_admin', '示例市工商联'],
  staff: ['federation_staff', '示例区工商联'],
  leader: ['federation_leader', '示例区工商联'],
  secretary: ['chamber_secretary', '东湖街道商会'],
  liaison: ['department_liaison', '人力资源社会保障局'],
  // Issue 11: the department's head holds the department head role, distinct from the liaison's.
  hrhead: ['department_head', '人力资源社会保障局'],
  // Issue 10 item 5: the city court's liaison, reached by the district through the city's opened channel.
  courtliaison: ['department_liaison', '示例市中级人民法院'],
  member: ['enterprise_contact', '东湖街道工商联'],
  // 融资 financing: the partner banks' account managers.
  banker: ['bank_manager', '建设银行示例支行'],
  banker2: ['bank_manager', '交通银行示例支行'],
};

async function units(t: TestApp): Promise<UnitRow[]> {
  const { rows } = await t.database.pool.query<UnitRow>(
    `SELECT u.id, u.parent_id, p.name AS parent_name, u.kind, u.name, u.path, u.depth
       FROM org_units u LEFT JOIN org_units p ON p.id = u.parent_id ORDER BY u.depth, u.name`,
  );
  return rows;
}

async function accounts(t: TestApp): Promise<AccountRow[]> {
  const { rows } = await t.database.pool.query<AccountRow>(
    `SELECT u.username, u.roles, o.name AS unit, u.password_hash, u.must_change_password, u.enterprise_id
       FROM users u JOIN org_units o ON o.id = u.org_unit_id
      WHERE NOT EXISTS (SELECT 1 FROM api_tokens t WHERE t.account_id = u.id) ORDER BY u.username`,
  );
  return rows;
}

async function counts(t: TestApp) {
  const { rows } = await t.database.pool.query(
    `SELECT (SELECT count(*)::int FROM org_units) AS units, (SELECT count(*)::int FROM users) AS users,
            (SELECT count(*)::int FROM enterprises) AS enterprises, (SELECT count(*)::int FROM audit_events) AS audit`,
  );
  return rows[0] as { units: number; users: number; enterprises: number; audit: number };
}

describe('demo seed', () => {
  let t: TestApp;
  before(async () => {
    t = await setupTestApp();
  });
  after(() => t.close());

  it('builds the city → district → streets tree with its chambers, association and departments', async () => {
    const all = await units(t);
    assert.equal(all.length, 22); // 19, the city's court (issue 10 item 5) and two partner banks (融资 financing)
    const byName = new Map(all.map((u) => [u.name, u]));
    const city = byName.get('示例市工商联');
    assert.deepEqual([city?.kind, city?.parent_id, city?.depth], ['city', null, 0]);
    const district = byName.get('示例区工商联');
    assert.deepEqual(
      [district?.kind, district?.parent_name, district?.depth],
      ['district', '示例市工商联', 1],
    );

    const children = (parent: string, kind: string) =>
      all
        .filter((u) => u.parent_name === parent && u.kind === kind)
        .map((u) => u.name)
        .sort();
    assert.deepEqual(
      children('示例区工商联', 'street'),
      ['东湖街道工商联', '南河街道工商联', '西山街道工商联'].sort(),
    );
    for (const street of ['东湖街道', '西山街道', '南河街道']) {
      assert.deepEqual(children(`${street}工商联`, 'chamber'), [`${street}商会`], street);
      assert.equal(all.filter((u) => u.parent_name === `${street}工商联`).length, 1, street);
    }
    assert.deepEqual(children('示例区工商联', 'chamber'), ['示例区医药商会', '示例区餐饮商会'].sort());
    assert.deepEqual(children('示例区工商联', 'association'), ['示例区青年创业者协会']);
    assert.deepEqual(
      children('示例区工商联', 'department'),
      [
        '金融办',
        '人力资源社会保障局',
        '司法局',
        '税务局',
        '发展改革委',
        '财政局',
        '商务委',
        '市场监管局',
      ].sort(),
    );
    assert.deepEqual([...DEMO_DEPARTMENTS].sort(), children('示例区工商联', 'department'));
    assert.equal(all.filter((u) => u.kind === 'chamber').length, 5);
    assert.deepEqual(children('示例市工商联', 'department'), ['示例市中级人民法院']);

    // Every path is the parent's path plus the unit's id, and the depth one more than the parent's.
    for (const unit of all) {
      const parent = all.find((u) => u.id === unit.parent_id);
      assert.equal(unit.path, `${parent?.path ?? '/'}${unit.id}/`, unit.name);
      assert.equal(unit.depth, parent ? parent.depth + 1 : 0, unit.name);
    }
  });

  it('creates the 12 demo accounts with their roles, where each belongs, with the given password to keep', async () => {
    const rows = await accounts(t);
    assert.deepEqual(
      Object.fromEntries(rows.map((r) => [r.username, [r.roles.join(), r.unit]])),
      DEMO_ACCOUNTS,
    );
    for (const row of rows) {
      assert.equal(row.must_change_password, false, row.username);
      assert.equal(await verifyPassword(row.password_hash, DEMO_PASSWORD), true, row.username);
    }
    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: { username: 'secretary', password: DEMO_PASSWORD },
    });
    assert.equal(json<{ user: { mustChangePassword: boolean } }>(login).user.mustChangePassword, false);
  });

  it('creates the demo enterprise with a valid unified social credit code, linked to the member account', async () => {
    const { rows } = await t.database.pool.query<{ id: string; name: string; uscc: string; unit: string }>(
      `SELECT e.id, e.name, e.uscc, o.name AS unit FROM enterprises e JOIN org_units o ON o.id = e.org_unit_id
        WHERE e.name = '示例区东湖智能科技有限公司'`,
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]?.unit, '东湖街道工商联');
    assert.equal(usccProblem(rows[0]?.uscc ?? ''), null);
    const member = (await accounts(t)).find((a) => a.username === 'member');
    assert.equal(member?.enterprise_id, rows[0]?.id);
    assert.equal((await accounts(t)).filter((a) => a.enterprise_id !== null).length, 1);
  });

  it('records the seeding in the audit log', async () => {
    const { rows } = await t.database.pool.query(
      "SELECT seq, actor_name, detail FROM audit_events WHERE action = 'system.seeded'",
    );
    assert.deepEqual(rows, [
      { seq: 1, actor_name: 'system', detail: { demo: true, accounts: Object.keys(DEMO_ACCOUNTS) } },
    ]);
  });

  it('seeds nothing a second time', async () => {
    const before = await counts(t);
    for (const demo of [true, false]) {
      const result = await seedIfEmpty(t.database.db, t.ctx.audit, {
        demo,
        demoPassword: DEMO_PASSWORD,
        now: t.ctx.clock.now(),
      });
      assert.deepEqual(result, { seeded: false, accounts: [] });
    }
    assert.deepEqual(await counts(t), before);
  });
});

describe('demo seed without a demo password', () => {
  let t: TestApp;
  before(async () => {
    t = await setupTestApp({ demo: false });
  });
  after(() => t.close());

  it('gives every demo account one generated password, to be changed at first login', async () => {
    const result = await seedIfEmpty(t.database.db, t.ctx.audit, { demo: true, now: t.ctx.clock.now() });
    assert.equal(result.seeded, true);
    assert.equal(result.accounts.length, 12);
    const passwords = new Set(result.accounts.map((a) => a.password));
    assert.equal(passwords.size, 1);
    const [password = ''] = passwords;
    assert.notEqual(password, DEMO_PASSWORD);
    assert.ok(result.accounts.every((a) => a.mustChangePassword));
    for (const row of await accounts(t)) {
      assert.equal(row.must_change_password, true, row.username);
      assert.equal(await verifyPassword(row.password_hash, password), true, row.username);
    }
  });
});

describe('seed with the demo off', () => {
  let t: TestApp;
  before(async () => {
    t = await setupTestApp({ demo: false });
  });
  after(() => t.close());

  it('creates only a root unit and the three administrators, each with its own password to change', async () => {
    assert.deepEqual(await counts(t), { units: 0, users: 0, enterprises: 0, audit: 0 });
    // Two instances starting together: exactly one seeds.
    const results = await Promise.all([
      seedIfEmpty(t.database.db, t.ctx.audit, { demo: false, now: t.ctx.clock.now() }),
      seedIfEmpty(t.database.db, t.ctx.audit, { demo: false, now: t.ctx.clock.now() }),
    ]);
    assert.deepEqual(results.map((r) => r.seeded).sort(), [false, true]);
    const seeded = results.find((r) => r.seeded);
    assert.deepEqual(await counts(t), { units: 1, users: 3, enterprises: 0, audit: 1 });
    const [root] = await units(t);
    assert.deepEqual([root?.kind, root?.name, root?.parent_id], ['city', '工商联', null]);

    const rows = await accounts(t);
    assert.deepEqual(
      rows.map((r) => [r.username, r.roles.join(), r.unit]),
      [
        ['auditor', 'audit_admin', '工商联'],
        ['secadmin', 'security_admin', '工商联'],
        ['sysadmin', 'system_admin', '工商联'],
      ],
    );
    const passwords = seeded?.accounts.map((a) => a.password) ?? [];
    assert.equal(new Set(passwords).size, 3, 'three different passwords');
    for (const row of rows) {
      const own = seeded?.accounts.find((a) => a.username === row.username);
      assert.equal(own?.mustChangePassword, true);
      assert.equal(row.must_change_password, true, row.username);
      assert.equal(await verifyPassword(row.password_hash, own?.password ?? ''), true, row.username);
      for (const other of passwords.filter((p) => p !== own?.password)) {
        assert.equal(await verifyPassword(row.password_hash, other), false, row.username);
      }
    }

    const login = await t.request({
      method: 'POST',
      url: '/api/auth/login',
      body: {
        username: 'sysadmin',
        password: seeded?.accounts.find((a) => a.username === 'sysadmin')?.password,
      },
    });
    assert.equal(login.statusCode, 200);
    assert.equal(json<{ user: { mustChangePassword: boolean } }>(login).user.mustChangePassword, true);
  });
});

describe('seed helpers', () => {
  it('generatePassword gives readable passwords that pass the default policy, never the same twice', () => {
    const policy = { passwordMinLength: 12, passwordRequireComplexity: false };
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generatePassword();
      assert.match(
        password,
        /^[a-hjkmnp-zA-HJ-NP-Z2-9]{5}-[a-hjkmnp-zA-HJ-NP-Z2-9]{5}-[a-hjkmnp-zA-HJ-NP-Z2-9]{5}$/,
      );
      assert.deepEqual(checkPasswordPolicy(password, policy), [], password);
      seen.add(password);
    }
    assert.equal(seen.size, 200);
  });

  it('demoUscc gives valid codes', () => {
    for (const serial of [1, 2, 42, 999_999]) {
      const code = demoUscc(serial);
      assert.equal(code.length, 18);
      assert.equal(usccProblem(code), null, code);
    }
    assert.notEqual(demoUscc(1), demoUscc(2));
  });
});
