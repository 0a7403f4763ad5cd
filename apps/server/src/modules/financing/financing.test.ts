// 融资对接 financing through the API on the demo district: an enterprise contact states a need with consent,
// the chamber vouches, staff vet and send it to both banks, one bank approves and grants while the other
// never sees its answer; bad input names its field; sending without consent is 409 CONSENT_REQUIRED; two
// sends at once make one VERSION_CONFLICT; revoking consent hides the need from the banks; every role that
// may not is refused (403) or finds nothing (404); reminders to a bank that has not answered; programs,
// products, and the figures by group and as measures.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { FinancingStats, NeedPage, NeedView, ProgramView } from '@qinqing/shared';
import { computeReport } from '../reports/figures.ts';
import { writeReport } from '../reports/writing.ts';
import { orgUnitId, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { remindUnansweredBanks } from './reminders.ts';

describe('financing', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let ownEnterprise: string;
  let chamberMember: string;
  let outsider: string;
  let ccb: string;
  let bocom: string;

  const call = (who: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });
  const errorOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error;
  const needOf = (response: { json(): unknown }) => (response.json() as { need: NeedView }).need;

  before(async () => {
    t = await setupTestApp();
    for (const name of [
      'staff',
      'leader',
      'secretary',
      'member',
      'liaison',
      'hrhead',
      'sysadmin',
      'secadmin',
      'auditor',
      'banker',
      'banker2',
    ])
      cookies[name] = await t.sessionFor(await t.userId(name));
    const pick = async (query: ReturnType<typeof sql>) => {
      const { rows } = await t.database.db.execute<{ id: string }>(query);
      return rows[0]!.id;
    };
    ownEnterprise = await pick(sql`SELECT enterprise_id AS id FROM users WHERE username = 'member'`);
    chamberMember = await pick(sql`SELECT cm.enterprise_id AS id FROM chamber_memberships cm
      JOIN org_units c ON c.id = cm.chamber_id WHERE c.name = '东湖街道商会' AND cm.enterprise_id <> ${ownEnterprise}
      ORDER BY cm.enterprise_id LIMIT 1`);
    outsider = await pick(sql`SELECT e.id FROM enterprises e WHERE e.merged_into_id IS NULL
      AND e.id NOT IN (SELECT enterprise_id FROM chamber_memberships cm JOIN org_units c ON c.id = cm.chamber_id
                        WHERE c.name = '东湖街道商会') ORDER BY e.id LIMIT 1`);
    ccb = await pick(sql`SELECT id FROM org_units WHERE name = '建设银行示例支行'`);
    bocom = await pick(sql`SELECT id FROM org_units WHERE name = '交通银行示例支行'`);
  });
  after(() => t.close());

  const state = async (who: string, body: Record<string, unknown>) =>
    call(who, 'POST', '/api/financing-needs', {
      termMonths: 12,
      purpose: '补充流动资金',
      consentToShare: true,
      ...body,
    });
  const stated = async (who: string, body: Record<string, unknown>) => {
    const response = await state(who, body);
    assert.equal(response.statusCode, 201, response.body);
    return needOf(response);
  };
  const move = (who: string, need: { id: string; version: number }, action: string, extra = {}) =>
    call(who, 'POST', `/api/financing-needs/${need.id}/transitions`, {
      action,
      version: need.version,
      ...extra,
    });
  const moved = async (who: string, need: { id: string; version: number }, action: string, extra = {}) => {
    const response = await move(who, need, action, extra);
    assert.equal(response.statusCode, 200, `${who} ${action}: ${response.body}`);
    return needOf(response);
  };

  it('the whole pipeline: contact states, secretary vouches, staff send to two banks, one approves and grants, the other never sees it', async () => {
    let need = await stated('member', {
      enterpriseId: ownEnterprise,
      amount: '1200000.50',
      urgency: 'urgent',
    });
    assert.equal(need.state, 'submitted');
    assert.equal(need.amount, '1200000.50');
    assert.equal(need.consent, true);
    assert.deepEqual(need.actions.sort(), ['revoke_consent', 'withdraw']);
    const stored = await t.database.db.execute<{ amount_fen: string }>(
      sql`SELECT amount_fen::text FROM financing_needs WHERE id = ${need.id}`,
    );
    assert.equal(stored.rows[0]!.amount_fen, '120000050', 'kept in fen');

    need = await moved('secretary', need, 'vouch', { note: '会员企业经营稳定，商会推荐' });
    assert.equal(need.vouch?.chamber.name, '东湖街道商会');
    assert.equal((await move('secretary', need, 'vouch', { note: '再次' })).statusCode, 409);
    need = await moved('staff', need, 'vet');
    need = await moved('staff', need, 'send', { bankIds: [ccb, bocom] });
    assert.equal(need.state, 'sent');
    assert.deepEqual(
      need.banks.map((b) => b.state),
      ['sent', 'sent'],
    );

    // Each bank finds it in its inbox; banker answers, banker2 sees only its own row.
    const inbox = (await call('banker', 'GET', '/api/financing-needs')).json() as NeedPage;
    assert.ok(inbox.items.some((item) => item.id === need.id));
    let asBank = needOf(await call('banker', 'GET', `/api/financing-needs/${need.id}`));
    assert.deepEqual(asBank.actions.sort(), ['accept', 'approve', 'decline', 'request_documents']);
    asBank = await moved('banker', asBank, 'accept');
    const badRate = await move('banker', asBank, 'approve', {
      amount: '1000000',
      rate: '101',
      termMonths: 12,
    });
    assert.equal(badRate.statusCode, 400);
    assert.equal(errorOf(badRate).details?.[0]?.path, 'rate');
    const noTerm = await move('banker', asBank, 'approve', { amount: '1000000', rate: '3.85' });
    assert.equal(noTerm.statusCode, 400);
    assert.equal(errorOf(noTerm).details?.[0]?.path, 'termMonths');
    asBank = await moved('banker', asBank, 'approve', { amount: '1000000', rate: '3.85', termMonths: 12 });
    assert.equal(asBank.state, 'approved');
    asBank = await moved('banker', asBank, 'grant', { amount: '1000000.00', grantedOn: '2026-11-27' });
    assert.equal(asBank.state, 'granted');
    assert.equal(asBank.grantedAmount, '1000000.00');

    const other = await call('banker2', 'GET', `/api/financing-needs/${need.id}`);
    assert.equal(other.statusCode, 200);
    const raw = other.body;
    assert.ok(!raw.includes('建设银行'), 'banker2 sees nothing of the other bank');
    assert.ok(!raw.includes('3.85'), 'nor its rate');
    assert.ok(!raw.includes('1000000.00'), 'nor its amount lent');
    const seen = needOf(other);
    assert.deepEqual(
      seen.banks.map((b) => [b.bank.name, b.state]),
      [['交通银行示例支行', 'closed']],
    );
    assert.equal(seen.grantedBank, null);
    assert.equal(seen.state, 'withdrawn');
    assert.ok(
      seen.timeline.every((entry) => entry.bankName === null || entry.bankName === '交通银行示例支行'),
    );

    // The federation side sees both answers and the whole timeline.
    const full = needOf(await call('staff', 'GET', `/api/financing-needs/${need.id}`));
    assert.equal(full.state, 'granted');
    assert.deepEqual(full.banks.map((b) => [b.bank.name, b.state]).sort(), [
      ['交通银行示例支行', 'closed'],
      ['建设银行示例支行', 'granted'],
    ]);
    assert.deepEqual(
      full.timeline.map((entry) => entry.action),
      ['created', 'vouch', 'vet', 'send', 'send', 'accept', 'approve', 'grant'],
    );
    const { rows: audits } = await t.database.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE object_id = ${need.id} ORDER BY seq`,
    );
    assert.deepEqual(
      audits.map((row) => row.action),
      [
        'financing_need.created',
        'financing_need.vouch',
        'financing_need.vet',
        'financing_need.send',
        'financing_need.accept',
        'financing_need.approve',
        'financing_need.grant',
      ],
    );
    // The bank's managers were told; the author is told of the answers.
    const { rows: notices } = await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n
      FROM notifications WHERE object_id = ${need.id} AND user_id = (SELECT id FROM users WHERE username = 'banker2')`);
    assert.equal(notices[0]!.n, 1);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM financing_needs`,
    );
    for (const [body, path] of [
      [{ enterpriseId: ownEnterprise, amount: '0' }, 'amount'],
      [{ enterpriseId: ownEnterprise, amount: '-100' }, 'amount'],
      [{ enterpriseId: ownEnterprise, amount: '12.345' }, 'amount'],
      [{ enterpriseId: ownEnterprise, amount: '100', termMonths: 0 }, 'termMonths'],
      [{ enterpriseId: ownEnterprise, amount: '100', consentToShare: 'yes' }, 'consentToShare'],
      [{ enterpriseId: ownEnterprise, amount: '100', purpose: '' }, 'purpose'],
    ] as const) {
      const response = await state('member', body);
      assert.equal(response.statusCode, 400, JSON.stringify(body));
      assert.ok(
        errorOf(response).details?.some((detail) => detail.path === path),
        `${path}: ${response.body}`,
      );
    }
    const elsewhere = await state('member', { enterpriseId: outsider, amount: '100' });
    assert.equal(elsewhere.statusCode, 400);
    assert.equal(errorOf(elsewhere).details?.[0]?.path, 'enterpriseId');
    const secretaryOutside = await state('secretary', { enterpriseId: outsider, amount: '100' });
    assert.equal(secretaryOutside.statusCode, 400);
    const after = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM financing_needs`,
    );
    assert.equal(after.rows[0]!.n, before.rows[0]!.n);
  });

  it('sending without consent is 409 CONSENT_REQUIRED; revoking consent hides the need from the banks', async () => {
    let need = await stated('secretary', {
      enterpriseId: chamberMember,
      amount: '500000',
      consentToShare: false,
    });
    need = await moved('staff', need, 'vet');
    const refused = await move('staff', need, 'send', { bankIds: [ccb] });
    assert.equal(refused.statusCode, 409);
    assert.equal(errorOf(refused).code, 'CONSENT_REQUIRED');
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM financing_need_banks WHERE need_id = ${need.id}`,
    );
    assert.equal(rows[0]!.n, 0);
    need = await moved('secretary', need, 'give_consent');
    const inboxTotal = async () =>
      ((await call('banker', 'GET', '/api/financing-needs')).json() as NeedPage).total;
    const before = await inboxTotal();
    need = await moved('staff', need, 'send', { bankIds: [ccb] });
    assert.equal((await call('banker', 'GET', `/api/financing-needs/${need.id}`)).statusCode, 200);
    assert.equal(await inboxTotal(), before + 1, 'the inbox counts the need sent to it');
    need = await moved('staff', need, 'revoke_consent');
    assert.equal((await call('banker', 'GET', `/api/financing-needs/${need.id}`)).statusCode, 404);
    const inbox = (await call('banker', 'GET', '/api/financing-needs')).json() as NeedPage;
    assert.ok(!inbox.items.some((item) => item.id === need.id));
    assert.equal(inbox.total, before, 'and no longer once consent is revoked');
    const answer = await call('banker', 'POST', `/api/financing-needs/${need.id}/transitions`, {
      action: 'accept',
      version: need.version,
    });
    assert.equal(answer.statusCode, 404);
  });

  it('two staff sending at once: one wins, the other gets VERSION_CONFLICT', async () => {
    let need = await stated('staff', { enterpriseId: outsider, amount: '300000' });
    need = await moved('staff', need, 'vet');
    const [a, b] = await Promise.all([
      move('staff', need, 'send', { bankIds: [ccb] }),
      move('staff', need, 'send', { bankIds: [bocom] }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    assert.equal(errorOf(a.statusCode === 409 ? a : b).code, 'VERSION_CONFLICT');
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM financing_need_banks WHERE need_id = ${need.id}`,
    );
    assert.equal(rows[0]!.n, 1);
  });

  it('a bank acts only on needs sent to it; other banks and roles find nothing or are refused', async () => {
    let need = await stated('staff', { enterpriseId: outsider, amount: '200000' });
    need = await moved('staff', need, 'vet');
    need = await moved('staff', need, 'send', { bankIds: [ccb] });
    // Another bank: 404 on read and on approving.
    assert.equal((await call('banker2', 'GET', `/api/financing-needs/${need.id}`)).statusCode, 404);
    const approve = await move('banker2', need, 'approve', { amount: '1', rate: '3', termMonths: 1 });
    assert.equal(approve.statusCode, 404);
    // Staff may not answer for a bank; a bank may not send or vet; a leader reads but acts on nothing.
    assert.equal(
      (await move('staff', need, 'approve', { amount: '1', rate: '3', termMonths: 1 })).statusCode,
      403,
    );
    assert.equal((await move('banker', need, 'send', { bankIds: [bocom] })).statusCode, 403);
    assert.equal((await call('leader', 'GET', `/api/financing-needs/${need.id}`)).statusCode, 200);
    assert.equal((await move('leader', need, 'withdraw', { reason: 'x' })).statusCode, 403);
    // The enterprise contact sees only its own; the secretary only members'.
    assert.equal((await call('member', 'GET', `/api/financing-needs/${need.id}`)).statusCode, 404);
    assert.equal((await call('secretary', 'GET', `/api/financing-needs/${need.id}`)).statusCode, 404);
    const own = (await call('member', 'GET', '/api/financing-needs?pageSize=200')).json() as NeedPage;
    assert.ok(own.items.length > 0 && own.items.every((item) => item.enterprise.id === ownEnterprise));
    // Liaisons, heads and administrators see none of it.
    for (const who of ['liaison', 'hrhead', 'sysadmin', 'secadmin', 'auditor']) {
      assert.equal((await call(who, 'GET', '/api/financing-needs')).statusCode, 403, who);
      assert.equal((await call(who, 'GET', `/api/financing-needs/${need.id}`)).statusCode, 403, who);
      assert.equal((await call(who, 'GET', '/api/banks')).statusCode, 403, who);
    }
    // A bank lists only its own bank; a contact cannot create a program; a bank cannot state a need.
    const banks = (await call('banker', 'GET', '/api/banks')).json() as { items: { name: string }[] };
    assert.deepEqual(
      banks.items.map((b) => b.name),
      ['建设银行示例支行'],
    );
    assert.equal((await state('banker', { enterpriseId: outsider, amount: '1' })).statusCode, 403);
    assert.equal(
      (await call('member', 'POST', '/api/financing-programs', { name: 'x', startsOn: '2026-01-01' }))
        .statusCode,
      403,
    );
    // A bank asks for documents, then declines: the need ends declined (its only bank said no).
    need = needOf(await call('banker', 'GET', `/api/financing-needs/${need.id}`));
    const noNote = await move('banker', need, 'request_documents');
    assert.equal(noNote.statusCode, 400);
    need = await moved('banker', need, 'request_documents', { note: '请补充近两年财务报表' });
    need = await moved('banker', need, 'decline', { reason: '担保不足' });
    assert.equal(needOf(await call('staff', 'GET', `/api/financing-needs/${need.id}`)).state, 'declined');
    assert.equal((await move('banker', need, 'accept')).statusCode, 409);
  });

  it('reminds a bank that has not answered within the working days, once', async () => {
    let need = await stated('staff', { enterpriseId: outsider, amount: '100000' });
    need = await moved('staff', need, 'vet');
    need = await moved('staff', need, 'send', { bankIds: [bocom] });
    const now = t.ctx.clock.now();
    // The demo's older unanswered needs are reminded first; the new one is not due a day later.
    await remindUnansweredBanks(t.ctx, now);
    assert.equal(await remindUnansweredBanks(t.ctx, new Date(now.getTime() + 86_400_000)), 0);
    const later = new Date(now.getTime() + 7 * 86_400_000);
    assert.ok((await remindUnansweredBanks(t.ctx, later)) >= 1);
    assert.equal(await remindUnansweredBanks(t.ctx, later), 0, 'once');
    const view = needOf(await call('banker2', 'GET', `/api/financing-needs/${need.id}`));
    assert.ok(view.timeline.some((entry) => entry.action === 'bank_reminded'));
    const { rows } = await t.database.db.execute<{
      n: number;
    }>(sql`SELECT count(*)::int AS n FROM notifications
      WHERE object_id = ${need.id} AND kind = 'financing_need.bank_reminder'
        AND user_id IN (SELECT id FROM users WHERE username IN ('banker2', 'staff'))`);
    assert.equal(rows[0]!.n, 2, 'the bank’s manager and the staff who sent it');
  });

  it('banks keep their products; staff run programs with their recommended enterprises', async () => {
    const product = await call('banker', 'POST', `/api/banks/${ccb}/products`, {
      name: '科技贷',
      kind: 'credit',
      rateMin: '3.20',
      rateMax: '4.00',
      termMinMonths: 6,
      termMaxMonths: 36,
      amountMin: '100000',
      amountMax: '5000000',
    });
    assert.equal(product.statusCode, 201, product.body);
    const otherBank = await call('banker', 'POST', `/api/banks/${bocom}/products`, {
      name: '科技贷',
      kind: 'credit',
      rateMin: '3.20',
      rateMax: '4.00',
      termMinMonths: 6,
      termMaxMonths: 36,
      amountMin: '100000',
      amountMax: '5000000',
    });
    assert.equal(otherBank.statusCode, 404);
    const products = (await call('member', 'GET', `/api/banks/${ccb}/products`)).json() as {
      items: { name: string }[];
    };
    assert.ok(products.items.some((item) => item.name === '科技贷'));

    const created = await call('staff', 'POST', '/api/financing-programs', {
      name: '专项再贷款',
      conditions: '重点保障企业',
      startsOn: '2026-02-01',
    });
    assert.equal(created.statusCode, 201, created.body);
    const program = (created.json() as { program: ProgramView }).program;
    const entry = await call('staff', 'POST', `/api/financing-programs/${program.id}/entries`, {
      enterpriseId: outsider,
    });
    assert.equal(entry.statusCode, 200, entry.body);
    const granted = await call('staff', 'POST', `/api/financing-programs/${program.id}/entries`, {
      enterpriseId: outsider,
      outcome: 'granted',
      amount: '20000000',
    });
    const view = (granted.json() as { program: ProgramView }).program;
    assert.deepEqual(
      view.entries.map((e) => [e.outcome, e.amount]),
      [['granted', '20000000.00']],
    );
  });

  it('figures by bank and in total agree with the measures; the list behind the loans', async () => {
    const stats = (
      await call('staff', 'GET', '/api/financing/stats?groupBy=bank&from=2026-01-01&to=2026-12-31')
    ).json() as FinancingStats;
    const { rows } = await t.database.db.execute<{ n: number; fen: string }>(sql`SELECT count(*)::int AS n,
      coalesce(sum(granted_amount_fen), 0)::text AS fen FROM financing_needs WHERE granted_on IS NOT NULL`);
    assert.equal(stats.total.granted, rows[0]!.n);
    assert.equal(
      stats.groups.reduce((sum, group) => sum + group.granted, 0),
      stats.total.granted,
      'every loan is some bank’s',
    );
    const ccbGroup = stats.groups.find((group) => group.label === '建设银行示例支行')!;
    assert.ok(ccbGroup.granted >= 2);
    // Each bank's figures, counted here fact by fact from its rows (2026 in Beijing days, the staff's subtree).
    const { rows: expected } = await t.database.db.execute<{
      key: string;
      needs: number;
      vouched: number;
      approved: number;
      declined: number;
      granted: number;
      granted_fen: string;
      median: number | null;
    }>(sql`WITH nb AS (
        SELECT nb.*, n.vouched_at, n.granted_bank_id, n.granted_on AS need_granted_on, n.granted_amount_fen AS lent,
          n.granted_on - (n.created_at AT TIME ZONE 'Asia/Shanghai')::date AS days,
          to_char(nb.sent_at AT TIME ZONE 'Asia/Shanghai', 'YYYY') AS sent_year,
          to_char(coalesce(nb.approved_at, nb.declined_at) AT TIME ZONE 'Asia/Shanghai', 'YYYY') AS answer_year
        FROM financing_need_banks nb JOIN financing_needs n ON n.id = nb.need_id
        JOIN org_units u ON u.id = n.org_unit_id
        WHERE u.path LIKE (SELECT path FROM org_units WHERE id = (SELECT org_unit_id FROM users WHERE username = 'staff')) || '%')
      SELECT bank_id::text AS key,
        count(*) FILTER (WHERE sent_year = '2026')::int AS needs,
        count(*) FILTER (WHERE sent_year = '2026' AND vouched_at IS NOT NULL)::int AS vouched,
        count(*) FILTER (WHERE approved_at IS NOT NULL AND answer_year = '2026')::int AS approved,
        count(*) FILTER (WHERE approved_at IS NULL AND declined_at IS NOT NULL AND answer_year = '2026')::int AS declined,
        count(*) FILTER (WHERE granted_bank_id = bank_id AND extract(year FROM need_granted_on) = 2026)::int AS granted,
        coalesce(sum(lent) FILTER (WHERE granted_bank_id = bank_id AND extract(year FROM need_granted_on) = 2026), 0)::text AS granted_fen,
        (percentile_cont(0.5) WITHIN GROUP (ORDER BY days)
          FILTER (WHERE granted_bank_id = bank_id AND extract(year FROM need_granted_on) = 2026))::float8 AS median
      FROM nb GROUP BY bank_id`);
    const counted = expected.filter((row) => row.needs + row.approved + row.declined + row.granted > 0);
    assert.equal(stats.groups.length, counted.length, 'a group for each bank with a fact in the year');
    for (const row of counted) {
      const group = stats.groups.find((item) => item.key === row.key)!;
      assert.deepEqual(
        [group.needs, group.vouched, group.sent, group.approved, group.granted, group.medianDaysToLoan],
        [row.needs, row.vouched, row.needs, row.approved, row.granted, row.median],
        group.label,
      );
      const answered = row.approved + row.declined;
      assert.equal(
        group.approvalRate,
        answered === 0 ? null : Math.round((row.approved / answered) * 10_000) / 10_000,
        group.label,
      );
      assert.equal(Math.round(Number(group.grantedAmount) * 100), Number(row.granted_fen), group.label);
    }
    const values = (
      await call(
        'staff',
        'GET',
        '/api/measures/values?ids=financing.granted,financing.grantedAmount,financing.needs&from=2026-01-01&to=2026-12-31',
      )
    ).json() as { items: { id: string; value: number }[] };
    const byId = Object.fromEntries(values.items.map((v) => [v.id, v.value]));
    assert.equal(byId['financing.granted'], stats.total.granted);
    assert.equal(byId['financing.grantedAmount'], Number(rows[0]!.fen));
    assert.equal(byId['financing.needs'], stats.total.needs);
    for (const groupBy of ['chamber', 'orgUnit', 'program', 'month']) {
      const response = await call('staff', 'GET', `/api/financing/stats?groupBy=${groupBy}`);
      assert.equal(response.statusCode, 200, response.body);
    }
    const bad = await call('staff', 'GET', '/api/financing/stats?groupBy=planet');
    assert.equal(bad.statusCode, 400);
    assert.equal((await call('banker', 'GET', '/api/financing/stats?groupBy=bank')).statusCode, 403);
  });

  it('a need raised from an appeal of category 融资 answers it with its outcome', async () => {
    const raised = await call('staff', 'POST', '/api/appeals', {
      enterpriseId: outsider,
      category: 'financing',
      title: '急需流动资金贷款',
      description: '订单增加，需要流动资金 300 万元',
      source: 'visit',
      urgency: 'normal',
    });
    assert.equal(raised.statusCode, 201, raised.body);
    const appealId = (raised.json() as { appeal: { id: string } }).appeal.id;
    const wrong = await state('staff', { enterpriseId: chamberMember, amount: '100', appealId });
    assert.equal(wrong.statusCode, 400);
    assert.equal(errorOf(wrong).details?.[0]?.path, 'appealId');
    let need = await stated('staff', { enterpriseId: outsider, amount: '3000000', appealId });
    assert.equal(need.appealId, appealId);
    need = await moved('staff', need, 'vet');
    need = await moved('staff', need, 'send', { bankIds: [bocom] });
    let asBank = needOf(await call('banker2', 'GET', `/api/financing-needs/${need.id}`));
    assert.equal(asBank.appealId, null, 'a bank does not see the appeal');
    asBank = await moved('banker2', asBank, 'approve', { amount: '3000000', rate: '3.20', termMonths: 12 });
    await moved('banker2', asBank, 'grant', { amount: '3000000', grantedOn: '2026-11-30' });
    const { rows } = await t.database.db.execute<{ action: string; note: string }>(sql`SELECT action, note
      FROM appeal_events WHERE appeal_id = ${appealId} AND action = 'financing_outcome'`);
    assert.deepEqual(rows, [{ action: 'financing_outcome', note: '融资需求已放款 3000000.00 元' }]);
  });

  it('the dashboard’s financing card and the report’s paragraph read the same measures', async () => {
    const dashboard = (
      await call('leader', 'GET', '/api/dashboard?from=2026-01-01&to=2026-12-31')
    ).json() as {
      financing: { items: { id: string; value: number | null; link: string | null }[] };
    };
    const card = new Map(dashboard.financing.items.map((figure) => [figure.id, figure]));
    const { rows } = await t.database.db.execute<{ n: number; fen: string }>(sql`SELECT count(*)::int AS n,
      coalesce(sum(granted_amount_fen), 0)::text AS fen FROM financing_needs
      WHERE granted_on BETWEEN '2026-01-01' AND '2026-12-31'`);
    assert.equal(card.get('financing.granted')?.value, rows[0]!.n);
    assert.equal(card.get('financing.grantedAmount')?.value, Number(rows[0]!.fen));
    assert.match(card.get('financing.granted')?.link ?? '', /^\/financing\?.*state=granted/);

    const district = await orgUnitId(t, '示例区工商联');
    const { rows: units } = await t.database.db.execute<{ id: string; name: string; path: string }>(
      sql`SELECT id, name, path FROM org_units WHERE id = ${district}`,
    );
    const range = { from: '2026-10-01', to: '2026-12-31' };
    const data = await t.database.db.transaction(
      async (tx) =>
        (
          await computeReport(tx, t.ctx.measures, units[0]!, range, '2026-11-30', {
            caseCategories: 0,
            casesPerCategory: 0,
          })
        ).data,
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const report = writeReport({
      type: 'quarterly',
      period: '2026-Q4',
      range,
      unitName: units[0]!.name,
      data,
      commentary: {},
      issuedOn: '2026-11-30',
      revision: 1,
    });
    const paragraph = report.blocks.find((b) => b.kind === 'paragraph' && b.lead === '（八）融资对接。');
    assert.ok(paragraph && paragraph.kind === 'paragraph');
    const granted = data.financing!['financing.granted']!;
    assert.ok(granted >= 2);
    assert.match(paragraph.text, new RegExp(`促成贷款${granted}笔达[0-9.]+万元`));
  });
});
