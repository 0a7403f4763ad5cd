// 惠企政策 policies through the API on the demo district: the library (create, search with fragments,
// traditional characters and pinyin, PATCH with version), bad input (unknown codes named, dates, the full
// text's limit, HTML kept as text), matching with reasons and a near miss, publishing and pushing as a job
// that never notifies an enterprise twice, the enterprise's view with read receipts, marks and a question
// that becomes an appeal, redemptions in exact money, the figures and measures, expiry by the scheduler's
// task, and who may not (each role).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { MyPolicy, PolicyMatches, PolicyStats, PolicyView, PushView } from '@qinqing/shared';
import { createAccount, orgUnitId, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { computeReport } from '../reports/figures.ts';
import { writeReport } from '../reports/writing.ts';
import { libreOfficeSkip, officeToPdf } from '../../test/libreoffice.ts';
import { expirePolicies } from './schedule.ts';

describe('policies', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let memberEnterprise: string;
  let otherEnterprise: string;
  let chamber: string;
  let otherChamber: string;
  let hrDepartment: string;

  const call = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });
  const errorOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error;

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'member', 'liaison', 'hrhead', 'sysadmin', 'auditor'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    const pick = async (query: ReturnType<typeof sql>) => {
      const { rows } = await t.database.db.execute<{ id: string }>(query);
      return rows[0]!.id;
    };
    memberEnterprise = await pick(sql`SELECT enterprise_id AS id FROM users WHERE username = 'member'`);
    chamber = await orgUnitId(t, '东湖街道商会');
    otherChamber = await orgUnitId(t, '西山街道商会');
    hrDepartment = await orgUnitId(t, '人力资源社会保障局');
    // The demo shows policies to the enterprise contact (one closing within a week, first) and to staff.
    const demo = (await call('member', 'GET', '/api/my/policies')).json() as { items: MyPolicy[] };
    assert.ok(demo.items.length >= 3, `the demo contact sees policies: ${demo.items.length}`);
    assert.ok(demo.items[0]!.closesInDays !== null && demo.items[0]!.closesInDays <= 7);
    const library = (await call('staff', 'GET', '/api/policies')).json() as { total: number };
    assert.ok(library.total >= 12);
    // The member's enterprise gets known facts; another enterprise of the district differs only in tags.
    otherEnterprise = await pick(sql`SELECT e.id FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
      WHERE u.path LIKE (SELECT path FROM org_units WHERE name = '示例区工商联') || '%'
        AND e.id <> ${memberEnterprise} AND e.merged_into_id IS NULL ORDER BY e.id LIMIT 1`);
    await t.database.db.execute(sql`UPDATE enterprises SET industry_code = '6513', size = 'small',
      tags = ARRAY['高新技术企业'], founded_on = '2019-05-01', membership_status = 'active', division_code = '110105001'
      WHERE id = ${memberEnterprise}`);
    await t.database.db.execute(sql`UPDATE enterprises SET industry_code = '6512', size = 'small',
      tags = ARRAY['保供企业'], founded_on = '2018-01-01', membership_status = 'active', division_code = '110105002'
      WHERE id = ${otherEnterprise}`);
    const staffB = await orgUnitId(t, '西山街道工商联');
    await createAccount(t, { username: 'street-staff', orgUnitId: staffB, roles: ['federation_staff'] });
    cookies['street-staff'] = await t.sessionFor(await t.userId('street-staff'));
  });
  after(() => t.close());

  const basePolicy = (extra: Record<string, unknown> = {}) => ({
    title: '关于支持软件企业高质量发展的若干措施',
    documentNumber: '示科发〔2026〕12号',
    issuer: '示例区科学技术局',
    level: 'district',
    benefitKind: 'subsidy',
    summary: '对软件和信息技术服务业小型企业给予研发费用补贴。',
    fullText: '第一条 <script>alert(1)</script> 研发补贴按上年度研发投入的10%给予，最高50万元。',
    effectiveOn: '2026-01-01',
    expiresOn: '2027-12-31',
    redemption: 'application',
    applicationOpensOn: '2026-11-01',
    applicationClosesOn: '2026-12-31',
    amountMin: '0',
    amountMax: '500000.00',
    tags: ['研发'],
    conditions: [
      { field: 'industry', op: 'prefix', values: ['65'] },
      { field: 'size', op: 'in', values: ['small', 'micro'] },
      { field: 'manual', op: 'text', values: ['上年度研发投入不低于100万元'] },
    ],
    ...extra,
  });
  const created = async (who = 'staff', extra: Record<string, unknown> = {}) => {
    const response = await call(who, 'POST', '/api/policies', basePolicy(extra));
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { policy: PolicyView }).policy;
  };
  const move = (who: string, policy: { id: string; version: number }, action: string) =>
    call(who, 'POST', `/api/policies/${policy.id}/transitions`, { action, version: policy.version });
  const published = async (policy: PolicyView) => {
    const response = await move('staff', policy, 'publish');
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as { policy: PolicyView }).policy;
  };
  const finishedPush = async (who: string, pushId: string) => {
    for (let i = 0; i < 100; i++) {
      const response = await call(who, 'GET', `/api/policy-pushes/${pushId}`);
      assert.equal(response.statusCode, 200, response.body);
      const push = (response.json() as { push: PushView }).push;
      if (push.status === 'succeeded' || push.status === 'failed') return push;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('push did not finish');
  };
  const measuredAmount = async () => {
    const district = await orgUnitId(t, '示例区工商联');
    const response = await call(
      'staff',
      'GET',
      `/api/measures/values?ids=policies.amount,policies.readRate&orgUnitId=${district}&from=2026-11-01&to=2026-12-31`,
    );
    assert.equal(response.statusCode, 200, response.body);
    const items = (response.json() as { items: { id: string; value: number | null }[] }).items;
    return items.find((item) => item.id === 'policies.amount')!.value!;
  };
  const bells = async (username: string, policyId: string) => {
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id
           WHERE u.username = ${username} AND n.object_id = ${policyId} AND n.kind = 'policy.pushed'`,
    );
    return rows[0]!.n;
  };

  it('staff write a policy; matching gives reasons per condition, a near miss naming the one failed, counts by street and chamber', async () => {
    const policy = await created();
    assert.equal(policy.state, 'draft');
    assert.equal(policy.amountMax, '500000.00');
    assert.ok(policy.fullText?.includes('<script>alert(1)</script>'), 'HTML is kept as text, as written');
    const matches = (
      await call('staff', 'GET', `/api/policies/${policy.id}/matches?limit=200`)
    ).json() as PolicyMatches;
    const mine = matches.items.find((item) => item.enterprise.id === memberEnterprise);
    assert.ok(mine, 'the member enterprise matches');
    assert.deepEqual(
      mine.reasons.map((reason) => [reason.field, reason.met]),
      [
        ['industry', true],
        ['size', true],
      ],
    );
    assert.match(mine.reasons[0]!.text, /6513/);
    assert.deepEqual(matches.manual, ['上年度研发投入不低于100万元']);
    assert.ok(matches.byStreet.some((street) => street.name === '东湖街道工商联'));
    assert.equal(
      matches.byStreet.reduce((sum, street) => sum + street.count, 0),
      matches.total,
      'every match is counted under its street',
    );
    // A tag the member lacks: it becomes a near miss naming the tag; the other enterprise holds it.
    const narrowed = await call('staff', 'PATCH', `/api/policies/${policy.id}`, {
      version: policy.version,
      conditions: [...basePolicy().conditions, { field: 'tag', op: 'in', values: ['保供企业'] }],
    });
    assert.equal(narrowed.statusCode, 200, narrowed.body);
    const after = (
      await call('staff', 'GET', `/api/policies/${policy.id}/matches?limit=200`)
    ).json() as PolicyMatches;
    assert.ok(after.items.some((item) => item.enterprise.id === otherEnterprise));
    const miss = after.nearMisses.find((item) => item.enterprise.id === memberEnterprise);
    assert.ok(miss, 'the member is a near miss');
    assert.equal(miss.failed.field, 'tag');
    assert.match(miss.failed.text, /保供企业/);
    // A stale version is refused and changes nothing.
    const stale = await call('staff', 'PATCH', `/api/policies/${policy.id}`, {
      version: policy.version,
      title: '旧版本',
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(errorOf(stale).code, 'VERSION_CONFLICT');
    // Preview before saving answers the same.
    const preview = await call('staff', 'POST', '/api/policies/match-preview', {
      conditions: basePolicy().conditions,
      limit: 200,
    });
    assert.equal(preview.statusCode, 200, preview.body);
    assert.equal((preview.json() as PolicyMatches).total, matches.total);
  });

  it('bad input is refused naming what to fix, and writes nothing', async () => {
    const before = await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM policies`);
    const unknownIndustry = await call(
      'staff',
      'POST',
      '/api/policies',
      basePolicy({
        conditions: [{ field: 'industry', op: 'prefix', values: ['9999'] }],
      }),
    );
    assert.equal(unknownIndustry.statusCode, 400);
    assert.equal(errorOf(unknownIndustry).details?.[0]?.path, 'conditions.0.values');
    assert.match(errorOf(unknownIndustry).details?.[0]?.message ?? '', /9999/);
    const unknownDivision = await call(
      'staff',
      'POST',
      '/api/policies',
      basePolicy({
        conditions: [{ field: 'division', op: 'prefix', values: ['999999'] }],
      }),
    );
    assert.equal(unknownDivision.statusCode, 400);
    assert.match(errorOf(unknownDivision).details?.[0]?.message ?? '', /999999/);
    const reversed = await call('staff', 'POST', '/api/policies', basePolicy({ expiresOn: '2025-12-31' }));
    assert.equal(reversed.statusCode, 400);
    assert.equal(errorOf(reversed).details?.[0]?.path, 'expiresOn');
    const badOp = await call(
      'staff',
      'POST',
      '/api/policies',
      basePolicy({
        conditions: [{ field: 'size', op: 'prefix', values: ['small'] }],
      }),
    );
    assert.equal(badOp.statusCode, 400);
    const huge = await call(
      'staff',
      'POST',
      '/api/policies',
      basePolicy({ fullText: '政'.repeat((10 * 1024 * 1024) / 3 + 10) }),
    );
    assert.equal(huge.statusCode, 400, huge.body.slice(0, 300));
    assert.match(errorOf(huge).details?.[0]?.message ?? '', /2,000,000/);
    const after = await t.database.db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM policies`);
    assert.equal(after.rows[0]!.n, before.rows[0]!.n);
    const megabyte = await call(
      'staff',
      'POST',
      '/api/policies',
      basePolicy({ fullText: '策'.repeat(350_000) }),
    );
    assert.equal(megabyte.statusCode, 201, 'a 1 MB full text is fine');
  });

  it('search finds fragments, traditional characters and pinyin initials', async () => {
    await created('staff', {
      title: '稳岗扩岗专项补贴实施办法',
      documentNumber: '示人社发〔2026〕8号',
      benefitKind: 'employment',
    });
    const titles = async (q: string) =>
      (
        (await call('staff', 'GET', `/api/policies?q=${encodeURIComponent(q)}`)).json() as {
          items: { title: string }[];
        }
      ).items.map((item) => item.title);
    assert.ok((await titles('扩岗')).includes('稳岗扩岗专项补贴实施办法'));
    assert.ok((await titles('穩崗')).includes('稳岗扩岗专项补贴实施办法'), 'traditional characters fold');
    assert.ok((await titles('wgkg')).includes('稳岗扩岗专项补贴实施办法'), 'pinyin initials');
    assert.ok((await titles('人社发')).includes('稳岗扩岗专项补贴实施办法'), 'the document number');
    assert.ok((await titles('最高50万元')).includes('关于支持软件企业高质量发展的若干措施'), 'the full text');
    const filtered = (await call('staff', 'GET', '/api/policies?benefit=employment&pageSize=200')).json() as {
      items: { title: string; benefitKind: string }[];
    };
    assert.ok(filtered.items.some((item) => item.title === '稳岗扩岗专项补贴实施办法'));
    assert.ok(filtered.items.every((item) => item.benefitKind === 'employment'));
  });

  it('publish, push to the matched as a job, never notify twice; the enterprise sees it with reasons, reads it, marks it, asks; staff record a redemption; the figures count it', async () => {
    const draft = await created();
    const early = await call('staff', 'POST', `/api/policies/${draft.id}/pushes`, { target: 'matched' });
    assert.equal(early.statusCode, 409, 'a draft is not pushed');
    assert.equal(errorOf(early).code, 'INVALID_TRANSITION');
    const policy = await published(draft);
    assert.equal(policy.state, 'published');
    const again = await move('staff', draft, 'publish');
    assert.equal(again.statusCode, 409);

    const count = await call('staff', 'POST', `/api/policies/${policy.id}/push-count`, { target: 'matched' });
    assert.equal(count.statusCode, 200, count.body);
    const { recipients, alreadyReached } = count.json() as { recipients: number; alreadyReached: number };
    assert.ok(recipients >= 1);
    assert.equal(alreadyReached, 0);
    const accepted = await call('staff', 'POST', `/api/policies/${policy.id}/pushes`, { target: 'matched' });
    assert.equal(accepted.statusCode, 202, accepted.body);
    const first = await finishedPush('staff', (accepted.json() as { pushId: string }).pushId);
    assert.equal(first.status, 'succeeded');
    assert.equal(first.notified, recipients);
    assert.equal(first.targeted, recipients);
    const recount = await call('staff', 'POST', `/api/policies/${policy.id}/push-count`, {
      target: 'matched',
    });
    assert.deepEqual(
      recount.json(),
      { recipients, alreadyReached: recipients },
      'all reached by the first push',
    );
    assert.equal(await bells('member', policy.id), 1);
    const repeated = await call('staff', 'POST', `/api/policies/${policy.id}/pushes`, { target: 'matched' });
    const second = await finishedPush('staff', (repeated.json() as { pushId: string }).pushId);
    assert.equal(second.notified, 0, 'a repeated push notifies nobody twice');
    assert.equal(await bells('member', policy.id), 1);

    const mine = (await call('member', 'GET', '/api/my/policies')).json() as { items: MyPolicy[] };
    const entry = mine.items.find((item) => item.policy.id === policy.id);
    assert.ok(entry, 'the enterprise sees the policy');
    assert.equal(entry.read, false);
    assert.ok(entry.reasons.every((reason) => reason.met));
    assert.equal(entry.closesInDays !== null, true);
    assert.equal(
      ((await call('member', 'POST', `/api/policies/${policy.id}/read`)).json() as { firstRead: boolean })
        .firstRead,
      true,
    );
    assert.equal(
      ((await call('member', 'POST', `/api/policies/${policy.id}/read`)).json() as { firstRead: boolean })
        .firstRead,
      false,
    );
    const marked = await call('member', 'POST', `/api/policies/${policy.id}/marks`, { mark: 'interested' });
    assert.equal(marked.statusCode, 200, marked.body);
    const asked = await call('member', 'POST', `/api/policies/${policy.id}/questions`, {
      question: '研发投入如何认定？',
    });
    assert.equal(asked.statusCode, 201, asked.body);
    const { appealId } = asked.json() as { appealId: string };
    const appeal = (await call('staff', 'GET', `/api/appeals/${appealId}`)).json() as {
      appeal: { category: string };
    };
    assert.equal(appeal.appeal.category, 'policy');

    const reach = (await call('staff', 'GET', `/api/policy-pushes/${first.id}`)).json() as { push: PushView };
    assert.equal(reach.push.figures?.read, 1);
    assert.equal(reach.push.figures?.interested, 1);
    const listed = (await call('staff', 'GET', `/api/policies/${policy.id}/pushes`)).json() as {
      items: PushView[];
    };
    const readOf = (items: PushView[]) => new Map(items.map((push) => [push.id, push.figures?.read ?? null]));
    assert.deepEqual(
      readOf(listed.items),
      new Map([
        [first.id, 1],
        [second.id, 0],
      ]),
      'each push counts its own recipients',
    );
    // While a push runs the page reads its pushes every second: a running push answers its progress without
    // counting its reach, the finished ones beside it still count theirs.
    const finishedAt = await t.database.db.execute<{ at: string }>(
      sql`SELECT finished_at::text AS at FROM policy_pushes WHERE id = ${first.id}`,
    );
    await t.database.db.execute(
      sql`UPDATE jobs SET status = 'running' WHERE id = (SELECT job_id FROM policy_pushes WHERE id = ${first.id})`,
    );
    await t.database.db.execute(sql`UPDATE policy_pushes SET finished_at = NULL WHERE id = ${first.id}`);
    const running = (await call('staff', 'GET', `/api/policies/${policy.id}/pushes`)).json() as {
      items: PushView[];
    };
    assert.deepEqual(
      readOf(running.items),
      new Map([
        [first.id, null],
        [second.id, 0],
      ]),
    );
    assert.equal(running.items.find((push) => push.id === first.id)?.status, 'running');
    // The push has written its finish and the runner has not yet recorded the job's: finished, figures shown.
    await t.database.db.execute(
      sql`UPDATE policy_pushes SET finished_at = ${finishedAt.rows[0]!.at}::timestamptz WHERE id = ${first.id}`,
    );
    const finishing = (await call('staff', 'GET', `/api/policies/${policy.id}/pushes`)).json() as {
      items: PushView[];
    };
    assert.equal(readOf(finishing.items).get(first.id), 1);
    await t.database.db.execute(
      sql`UPDATE jobs SET status = 'succeeded' WHERE id = (SELECT job_id FROM policy_pushes WHERE id = ${first.id})`,
    );

    const amountBefore = await measuredAmount();
    const missingAmount = await call('staff', 'POST', `/api/policies/${policy.id}/redemptions`, {
      enterpriseId: memberEnterprise,
      status: 'approved',
    });
    assert.equal(missingAmount.statusCode, 400);
    assert.equal(errorOf(missingAmount).details?.[0]?.path, 'amount');
    const redeemed = await call('staff', 'POST', `/api/policies/${policy.id}/redemptions`, {
      enterpriseId: memberEnterprise,
      status: 'approved',
      appliedOn: '2026-11-05',
      decidedOn: '2026-11-20',
      amount: '200000.10',
    });
    assert.equal(redeemed.statusCode, 201, redeemed.body);
    // The enterprise cannot overwrite what staff confirmed.
    const overwrite = await call('member', 'POST', `/api/my/policies/${policy.id}/redemptions`, {
      status: 'applied',
    });
    assert.equal(overwrite.statusCode, 409, overwrite.body);

    const stats = (await call('staff', 'GET', '/api/policies/stats?groupBy=policy')).json() as PolicyStats;
    const row = stats.groups.find((group) => group.key === policy.id);
    assert.equal(row?.amount, '200000.10');
    assert.equal(row?.approved, 1);
    assert.equal(row?.read, 1);
    const amountAfter = await measuredAmount();
    assert.equal(amountAfter - amountBefore, 20_000_010, 'the measure counts the redemption in fen');
    // The dashboard's policy card and the report's paragraph read the same measure.
    const district = await orgUnitId(t, '示例区工商联');
    const period = `orgUnitId=${district}&from=2026-11-01&to=2026-12-31`;
    const dashboard = (await call('staff', 'GET', `/api/dashboard?${period}`)).json() as {
      policies: { items: { id: string; value: number | null }[] };
    };
    assert.equal(dashboard.policies.items.find((f) => f.id === 'policies.amount')?.value, amountAfter);
    const unit = { id: district, name: '示例区工商联', path: '' };
    const { rows: unitRows } = await t.database.db.execute<{ path: string }>(
      sql`SELECT path FROM org_units WHERE id = ${district}`,
    );
    unit.path = unitRows[0]!.path;
    const data = await t.database.db.transaction(
      async (tx) =>
        (
          await computeReport(
            tx,
            t.ctx.measures,
            unit,
            { from: '2026-11-01', to: '2026-12-31' },
            '2026-12-31',
            {
              caseCategories: 0,
              casesPerCategory: 0,
            },
          )
        ).data,
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    const report = writeReport({
      type: 'quarterly',
      period: '2026-Q4',
      range: { from: '2026-10-01', to: '2026-12-31' },
      unitName: unit.name,
      data,
      commentary: {},
      issuedOn: '2026-12-31',
      revision: 1,
    });
    const paragraph = report.blocks.find((b) => b.kind === 'paragraph' && b.lead === '（七）惠企政策。');
    assert.ok(paragraph && paragraph.kind === 'paragraph');
    assert.match(paragraph.text, /帮助企业获得政策资金/);

    // Withdrawn, it leaves the enterprise's view.
    const withdrawn = await move(
      'staff',
      (await call('staff', 'GET', `/api/policies/${policy.id}`)).json().policy as PolicyView,
      'withdraw',
    );
    assert.equal(withdrawn.statusCode, 200, withdrawn.body);
    const later = (await call('member', 'GET', '/api/my/policies')).json() as { items: MyPolicy[] };
    assert.ok(!later.items.some((item) => item.policy.id === policy.id));
  });

  it('the scheduler expires a published policy after its expiry date', async () => {
    const policy = await published(await created('staff', { expiresOn: '2026-12-31' }));
    assert.equal(await expirePolicies(t.ctx, '2026-12-31'), 0, 'still valid on its last day');
    assert.ok((await expirePolicies(t.ctx, '2027-01-01')) >= 1);
    const after = (await call('staff', 'GET', `/api/policies/${policy.id}`)).json() as { policy: PolicyView };
    assert.equal(after.policy.state, 'expired');
  });

  it('who may not: leaders read only, liaisons draft their own department only, another unit’s draft is 404, administrators see none, contacts see only their own', async () => {
    const draft = await created();
    // Leaders read, never write.
    assert.equal((await call('leader', 'GET', `/api/policies/${draft.id}`)).statusCode, 200);
    assert.equal((await call('leader', 'POST', '/api/policies', basePolicy())).statusCode, 403);
    assert.equal((await move('leader', draft, 'publish')).statusCode, 403);
    // Another unit's draft is not found.
    assert.equal((await call('street-staff', 'GET', `/api/policies/${draft.id}`)).statusCode, 404);
    assert.equal((await call('liaison', 'GET', `/api/policies/${draft.id}`)).statusCode, 404);
    assert.equal((await call('secretary', 'GET', `/api/policies/${draft.id}`)).statusCode, 404);
    // A liaison drafts for their own department, not for the federation, and does not publish.
    const own = await call('liaison', 'POST', '/api/policies', basePolicy({ orgUnitId: hrDepartment }));
    assert.equal(own.statusCode, 201, own.body);
    const liaisonDraft = (own.json() as { policy: PolicyView }).policy;
    const elsewhere = await call(
      'liaison',
      'POST',
      '/api/policies',
      basePolicy({ orgUnitId: await orgUnitId(t, '示例区工商联') }),
    );
    assert.equal(elsewhere.statusCode, 400);
    assert.equal(errorOf(elsewhere).details?.[0]?.path, 'orgUnitId');
    assert.equal((await move('liaison', liaisonDraft, 'publish')).statusCode, 403);
    const counts = (
      await call('liaison', 'GET', `/api/policies/${liaisonDraft.id}/matches`)
    ).json() as PolicyMatches;
    assert.deepEqual(counts.items, [], 'a liaison sees counts, not the registry’s names');
    // Staff publish it; the liaison can no longer change it.
    const live = await published(
      (await call('staff', 'GET', `/api/policies/${liaisonDraft.id}`)).json().policy as PolicyView,
    );
    const change = await call('liaison', 'PATCH', `/api/policies/${live.id}`, {
      version: live.version,
      title: '改',
    });
    assert.equal(change.statusCode, 403);
    // The secretary reads the published policy and pushes to their own chamber only.
    assert.equal((await call('secretary', 'GET', `/api/policies/${live.id}`)).statusCode, 200);
    assert.equal(
      (await call('secretary', 'POST', `/api/policies/${live.id}/pushes`, { target: 'matched' })).statusCode,
      403,
    );
    assert.equal(
      (
        await call('secretary', 'POST', `/api/policies/${live.id}/pushes`, {
          target: 'chamber',
          chamberId: otherChamber,
        })
      ).statusCode,
      404,
    );
    const ownChamber = await call('secretary', 'POST', `/api/policies/${live.id}/pushes`, {
      target: 'chamber',
      chamberId: chamber,
    });
    assert.equal(ownChamber.statusCode, 202, ownChamber.body);
    await finishedPush('secretary', (ownChamber.json() as { pushId: string }).pushId);
    // Administrators and department heads see none of it.
    for (const who of ['sysadmin', 'auditor', 'hrhead']) {
      assert.equal((await call(who, 'GET', '/api/policies')).statusCode, 403, who);
      assert.equal((await call(who, 'GET', `/api/policies/${live.id}`)).statusCode, 403, who);
    }
    // An enterprise contact: not the staff side; a policy that does not fit it is not found; only its own records.
    assert.equal((await call('member', 'GET', '/api/policies')).statusCode, 403);
    assert.equal(
      (
        await call('member', 'POST', `/api/policies/${live.id}/redemptions`, {
          enterpriseId: memberEnterprise,
          status: 'applied',
        })
      ).statusCode,
      403,
    );
    const unfit = await published(
      await created('staff', { conditions: [{ field: 'tag', op: 'in', values: ['专精特新'] }] }),
    );
    assert.equal((await call('member', 'GET', `/api/my/policies/${unfit.id}`)).statusCode, 404);
    assert.equal((await call('member', 'POST', `/api/policies/${unfit.id}/read`)).statusCode, 404);
    await call('staff', 'POST', `/api/policies/${live.id}/redemptions`, {
      enterpriseId: otherEnterprise,
      status: 'rejected',
      rejectReason: '材料不全',
    });
    const records = (await call('member', 'GET', '/api/my/redemptions')).json() as {
      items: { enterprise: { id: string } }[];
    };
    assert.ok(records.items.every((item) => item.enterprise.id === memberEnterprise));
    assert.equal(
      (await call('member', 'POST', `/api/policies/${draft.id}/marks`, { mark: 'applying' })).statusCode,
      404,
    );
  });

  it(
    'compiles chosen policies into a .docx that LibreOffice opens (政策汇编)',
    { skip: libreOfficeSkip() },
    async () => {
      const first = await published(await created('staff', { title: '汇编测试：研发费用加计扣除政策' }));
      const second = await created('staff', { title: '汇编测试：稳岗返还政策', benefitKind: 'employment' });
      const response = await t.request({
        url: `/api/policies/compilation.docx?ids=${first.id},${second.id}`,
        cookie: cookies.staff,
      });
      assert.equal(response.statusCode, 200, response.body.slice(0, 300));
      const pdf = await officeToPdf(response.rawPayload, 'docx');
      assert.match(pdf.text, /惠企政策汇编/);
      assert.match(pdf.text, /目录/);
      assert.match(pdf.text, /汇编测试：研发费用加计扣除政策/);
      assert.match(pdf.text, /汇编测试：稳岗返还政策/);
      assert.match(pdf.text, /示科发/);
      assert.match(pdf.text, /政策要点/);
      assert.ok(pdf.pages >= 2, `${pdf.pages} pages`);
      const none = await t.request({ url: '/api/policies/compilation.docx', cookie: cookies.staff });
      assert.equal(none.statusCode, 400);
      // Another unit's staff cannot read the district's policies: nothing to compile.
      const elsewhere = await t.request({
        url: `/api/policies/compilation.docx?ids=${second.id}`,
        cookie: cookies['street-staff'],
      });
      assert.equal(elsewhere.statusCode, 400);
    },
  );
});
