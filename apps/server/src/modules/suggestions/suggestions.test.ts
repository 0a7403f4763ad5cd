// API tests of 建言 suggestions: drafting from appeals, draft → submitted → adopted with the audit trail,
// a corrected decision, the rules on dates and document references, illegal transitions and stale
// versions, who may read or write, and the counts by the day submitted.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { SuggestionStats, SuggestionSummary, SuggestionView } from '@qinqing/shared';
import { orgUnits } from '../../db/schema/index.ts';
import { insertAppeal } from '../../test/appeals.ts';
import {
  createAccount,
  json,
  orgUnitId,
  setupTestApp,
  type ErrorJson,
  type TestApp,
} from '../../test/harness.ts';
import { worldUscc } from '../../test/registry-world.ts';
import { insertOrgUnit } from '../org-units/service.ts';

type Page = { items: SuggestionSummary[]; total: number; page: number; pageSize: number };

/** The test's today (Asia/Shanghai): a year the demo's suggestions (dated from the real today) never reach. */
const TODAY = '2025-06-15';

describe('suggestions (建言)', () => {
  let t: TestApp;
  const cookies = {} as Record<'staff' | 'leader' | 'secretary' | 'liaison' | 'member' | 'outsider', string>;
  let appealHere: string;
  let appealSecond: string;
  let appealElsewhere: string;

  const count = async (sql: string) =>
    (await t.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${sql}`)).rows[0]!.n;
  const snapshot = async () => ({
    suggestions: await count('suggestions'),
    links: await count('suggestion_appeals'),
    audit: await count("audit_events WHERE action LIKE 'suggestion.%'"),
  });
  const lastAudit = async (action: string) =>
    (
      await t.database.pool.query<{ object_id: string; detail: Record<string, unknown> }>(
        'SELECT object_id, detail FROM audit_events WHERE action = $1 ORDER BY seq DESC LIMIT 1',
        [action],
      )
    ).rows[0];

  const create = (body: unknown, cookie = cookies.staff) =>
    t.request({ method: 'POST', url: '/api/suggestions', cookie, body });
  const get = (id: string, cookie = cookies.staff) => t.request({ url: `/api/suggestions/${id}`, cookie });
  const patch = (id: string, body: unknown, cookie = cookies.staff) =>
    t.request({ method: 'PATCH', url: `/api/suggestions/${id}`, cookie, body });
  const transition = (id: string, body: unknown, cookie = cookies.staff) =>
    t.request({ method: 'POST', url: `/api/suggestions/${id}/transitions`, cookie, body });
  const list = async (query = '', cookie = cookies.staff) => {
    const response = await t.request({ url: `/api/suggestions${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<Page>(response);
  };
  const stats = async (query: string, cookie = cookies.staff) => {
    const response = await t.request({ url: `/api/suggestions/stats${query}`, cookie });
    assert.equal(response.statusCode, 200, response.body);
    return json<SuggestionStats>(response);
  };
  const ok = async (response: Awaited<ReturnType<typeof create>>, status = 200) => {
    assert.equal(response.statusCode, status, response.body);
    return json<{ suggestion: SuggestionView }>(response).suggestion;
  };
  const draft = async (overrides: Record<string, unknown> = {}, cookie = cookies.staff) =>
    ok(
      await create(
        {
          kind: 'proposal',
          title: '关于优化企业开办流程的建议',
          body: '建议推行一窗通办。',
          targetBody: '区政府',
          ...overrides,
        },
        cookie,
      ),
      201,
    );
  const submit = async (s: SuggestionView, submittedOn: string) =>
    ok(await transition(s.id, { action: 'submit', version: s.version, submittedOn }));
  const decide = async (s: SuggestionView, outcome: string, decidedOn: string, documentRef?: string) =>
    ok(await transition(s.id, { action: 'decide', version: s.version, outcome, decidedOn, documentRef }));
  const detail = (response: Awaited<ReturnType<typeof create>>, path: string) =>
    json<ErrorJson>(response).error.details?.find((d) => d.path === path);

  /** A valid 招工 appeal of the enterprise, received now. */
  const appealOf = (orgUnitId: string, enterpriseId: string, title: string) =>
    insertAppeal(t, { orgUnitId, enterpriseId, title, description: '企业反映招工难' });

  before(async () => {
    t = await setupTestApp();
    t.ctx.clock.set(new Date(`${TODAY}T04:00:00Z`));
    for (const [who, username] of [
      ['staff', 'staff'],
      ['leader', 'leader'],
      ['secretary', 'secretary'],
      ['liaison', 'liaison'],
      ['member', 'member'],
    ] as const) {
      cookies[who] = await t.sessionFor(await t.userId(username));
    }
    // Another district of the demo city, with its own staff and one appeal.
    const cityId = await orgUnitId(t, '示例市工商联');
    const [city] = await t.database.db.select().from(orgUnits).where(eq(orgUnits.id, cityId));
    const otherDistrict = await insertOrgUnit(t.database.db, city!, {
      kind: 'district',
      name: '另一区工商联',
    });
    cookies.outsider = await t.sessionFor(
      await createAccount(t, {
        username: 'other-staff',
        orgUnitId: otherDistrict.id,
        roles: ['federation_staff'],
      }),
    );
    const { rows } = await t.database.pool.query<{ id: string }>(
      "INSERT INTO enterprises (org_unit_id, name, uscc) VALUES ($1, '另一区机械有限公司', $2) RETURNING id",
      [otherDistrict.id, worldUscc(901)],
    );
    appealElsewhere = await appealOf(otherDistrict.id, rows[0]!.id, '另一区企业招工难');
    const { rows: demo } = await t.database.pool.query<{ id: string; org_unit_id: string }>(
      "SELECT id, org_unit_id FROM enterprises WHERE name = '示例区东湖智能科技有限公司'",
    );
    appealHere = await appealOf(demo[0]!.org_unit_id, demo[0]!.id, '技术工人招聘难');
    appealSecond = await appealOf(demo[0]!.org_unit_id, demo[0]!.id, '社保补贴申领慢');
  });
  after(() => t.close());

  it('seeds the demo district with an adopted proposal, a pending policy comment and a draft', async () => {
    const { rows } = await t.database.pool.query(
      `SELECT s.kind, s.status, s.document_ref IS NOT NULL AS has_ref, o.name AS unit
         FROM suggestions s JOIN org_units o ON o.id = s.org_unit_id ORDER BY s.number`,
    );
    assert.deepEqual(rows, [
      { kind: 'proposal', status: 'adopted', has_ref: true, unit: '示例区工商联' },
      { kind: 'policy_comment', status: 'submitted', has_ref: false, unit: '示例区工商联' },
      { kind: 'proposal', status: 'draft', has_ref: false, unit: '示例区工商联' },
    ]);
  });

  describe('the happy path', () => {
    it('drafts from appeals, submits, records the adoption, and audits each step', async () => {
      const created = await draft({
        kind: 'policy_comment',
        title: '对《促进民营经济发展若干措施（征求意见稿）》的意见',
        body: '第一条建议……\n第二条建议……',
        policyTitle: '促进民营经济发展若干措施（征求意见稿）',
        targetBody: '区发展改革委',
        appealIds: [appealHere, appealSecond, appealHere],
      });
      assert.match(created.number, /^JY2025-\d{4}$/);
      assert.equal(created.status, 'draft');
      assert.equal(created.version, 1);
      assert.equal(created.body, '第一条建议……\n第二条建议……');
      assert.equal(created.appealCount, 2);
      assert.deepEqual(
        created.appeals.map((a) => [a.title, a.state]),
        [
          ['技术工人招聘难', 'valid'],
          ['社保补贴申领慢', 'valid'],
        ],
      );
      assert.equal(created.createdBy?.name, '王晓燕');
      assert.equal(created.orgUnitName, '示例区工商联');
      const createdAudit = await lastAudit('suggestion.created');
      assert.equal(createdAudit?.object_id, created.id);

      const submitted = await submit(created, '2025-05-20');
      assert.equal(submitted.status, 'submitted');
      assert.equal(submitted.submittedOn, '2025-05-20');
      assert.equal(submitted.version, 2);
      assert.deepEqual((await lastAudit('suggestion.submitted'))?.detail, {
        number: created.number,
        from: 'draft',
        to: 'submitted',
        submittedOn: '2025-05-20',
      });

      const adopted = await decide(submitted, 'adopted', '2025-06-10', '示政办发〔2025〕12号');
      assert.equal(adopted.status, 'adopted');
      assert.equal(adopted.decidedOn, '2025-06-10');
      assert.equal(adopted.documentRef, '示政办发〔2025〕12号');
      assert.equal(adopted.version, 3);
      const decided = await lastAudit('suggestion.decided');
      assert.equal(decided?.detail.to, 'adopted');
      assert.equal(decided?.detail.documentRef, '示政办发〔2025〕12号');

      const shown = await ok(await get(created.id, cookies.leader));
      assert.equal(shown.status, 'adopted');
      assert.equal(shown.appeals.length, 2);
    });

    it('numbers suggestions in sequence within the year', async () => {
      const first = await draft();
      const second = await draft();
      const serial = (n: string) => Number(n.slice(-4));
      assert.equal(serial(second.number), serial(first.number) + 1);
    });

    it('corrects a decision with another one, keeping what it replaced in the audit', async () => {
      const adopted = await decide(
        await submit(await draft(), '2025-06-01'),
        'adopted',
        '2025-06-05',
        '示政发〔2025〕1号',
      );
      const corrected = await decide(adopted, 'not_adopted', '2025-06-06');
      assert.equal(corrected.status, 'not_adopted');
      assert.equal(corrected.documentRef, null);
      const audit = await lastAudit('suggestion.decided');
      assert.deepEqual(audit?.detail.replaced, {
        status: 'adopted',
        decidedOn: '2025-06-05',
        documentRef: '示政发〔2025〕1号',
      });
    });

    it('changes a draft: content, kind and linked appeals, with before and after in the audit', async () => {
      const created = await draft({ appealIds: [appealHere] });
      const changed = await ok(
        await patch(created.id, {
          version: created.version,
          title: '关于优化企业开办和注销流程的建议',
          appealIds: [appealSecond],
        }),
      );
      assert.equal(changed.version, 2);
      assert.deepEqual(
        changed.appeals.map((a) => a.id),
        [appealSecond],
      );
      const audit = await lastAudit('suggestion.updated');
      assert.deepEqual(audit?.detail, {
        number: created.number,
        before: { title: '关于优化企业开办流程的建议', appealIds: [appealHere] },
        after: { title: '关于优化企业开办和注销流程的建议', appealIds: [appealSecond] },
      });
      const missing = await patch(created.id, { version: 2, kind: 'policy_comment' });
      assert.equal(missing.statusCode, 400);
      assert.equal(detail(missing, 'policyTitle')?.code, 'POLICY_TITLE_REQUIRED');
      const comment = await ok(
        await patch(created.id, { version: 2, kind: 'policy_comment', policyTitle: '开办企业便利化办法' }),
      );
      assert.equal(comment.policyTitle, '开办企业便利化办法');
      const back = await ok(await patch(created.id, { version: 3, kind: 'proposal' }));
      assert.equal(back.policyTitle, null, 'a proposal names no policy');
      const unchanged = await ok(await patch(created.id, { version: 4, title: back.title }));
      assert.equal(unchanged.version, 4, 'nothing changed, nothing written');
    });
  });

  describe('bad input', () => {
    it('refuses bad drafts with field details and writes nothing', async () => {
      const before = await snapshot();
      const good = { kind: 'proposal', title: '标题', body: '正文', targetBody: '区政府' };
      const missingAppeal = '00000000-0000-4000-8000-000000000001';
      const cases: [unknown, string, string][] = [
        [{ ...good, targetBody: undefined }, 'targetBody', 'INVALID_TYPE'],
        [{ ...good, kind: 'motion' }, 'kind', 'INVALID_VALUE'],
        [{ ...good, title: '' }, 'title', 'TOO_SMALL'],
        [{ ...good, body: '字'.repeat(10_001) }, 'body', 'TOO_BIG'],
        [{ ...good, body: '正文\u0000' }, 'body', 'CONTROL_CHARACTER'],
        [{ ...good, kind: 'policy_comment' }, 'policyTitle', 'POLICY_TITLE_REQUIRED'],
        [{ ...good, appealIds: [appealHere, missingAppeal] }, 'appealIds.1', 'NOT_FOUND'],
        [{ ...good, appealIds: [appealElsewhere] }, 'appealIds.0', 'NOT_FOUND'],
        [{ ...good, appealIds: ['nope'] }, 'appealIds.0', 'INVALID_FORMAT'],
        [{ ...good, status: 'adopted' }, '', 'UNRECOGNIZED_KEYS'],
      ];
      for (const [body, path, code] of cases) {
        const response = await create(body);
        assert.equal(response.statusCode, 400, `${JSON.stringify(body).slice(0, 100)}: ${response.body}`);
        assert.equal(detail(response, path)?.code, code, `${path}: ${response.body.slice(0, 300)}`);
        assert.match(detail(response, path)!.message, /[\u4e00-\u9fff]/);
      }
      assert.deepEqual(await snapshot(), before);
    });

    it('refuses future dates, a decision before the submission and an adoption without a document reference', async () => {
      const created = await draft();
      const before = await snapshot();
      const cases: [unknown, string, string][] = [
        [{ action: 'submit', version: 1, submittedOn: '2025-06-16' }, 'submittedOn', 'DATE_IN_FUTURE'],
        [{ action: 'submit', version: 1 }, 'submittedOn', 'INVALID_TYPE'],
        [{ action: 'submit', version: 1, submittedOn: '2025-02-30' }, 'submittedOn', 'INVALID_FORMAT'],
        [{ action: 'withdraw', version: 1 }, 'action', 'INVALID_UNION'],
      ];
      for (const [body, path, code] of cases) {
        const response = await transition(created.id, body);
        assert.equal(response.statusCode, 400, `${JSON.stringify(body)}: ${response.body}`);
        assert.equal(detail(response, path)?.code, code, response.body);
      }
      assert.deepEqual(await snapshot(), before);

      const submitted = await submit(created, '2025-06-01');
      const decisions: [unknown, string, string][] = [
        [
          {
            action: 'decide',
            version: 2,
            outcome: 'adopted',
            decidedOn: '2025-05-31',
            documentRef: '示政发〔2025〕2号',
          },
          'decidedOn',
          'DECIDED_BEFORE_SUBMITTED',
        ],
        [
          {
            action: 'decide',
            version: 2,
            outcome: 'adopted',
            decidedOn: '2025-06-16',
            documentRef: '示政发〔2025〕2号',
          },
          'decidedOn',
          'DATE_IN_FUTURE',
        ],
        [
          { action: 'decide', version: 2, outcome: 'adopted', decidedOn: '2025-06-02' },
          'documentRef',
          'DOCUMENT_REF_REQUIRED',
        ],
        [
          {
            action: 'decide',
            version: 2,
            outcome: 'partly_adopted',
            decidedOn: '2025-06-02',
            documentRef: '',
          },
          'documentRef',
          'DOCUMENT_REF_REQUIRED',
        ],
        [
          { action: 'decide', version: 2, outcome: 'maybe', decidedOn: '2025-06-02' },
          'outcome',
          'INVALID_VALUE',
        ],
      ];
      const afterSubmit = await snapshot();
      for (const [body, path, code] of decisions) {
        const response = await transition(submitted.id, body);
        assert.equal(response.statusCode, 400, `${JSON.stringify(body)}: ${response.body}`);
        assert.equal(detail(response, path)?.code, code, response.body);
      }
      assert.deepEqual(await snapshot(), afterSubmit);
      const notAdopted = await decide(submitted, 'not_adopted', '2025-06-01');
      assert.equal(notAdopted.status, 'not_adopted', 'no document needed when not adopted; same day is fine');
    });
  });

  describe('the state machine and versions', () => {
    it('answers an illegal transition with 409 INVALID_TRANSITION and changes nothing', async () => {
      const created = await draft();
      const before = await snapshot();
      const early = await transition(created.id, {
        action: 'decide',
        version: 1,
        outcome: 'adopted',
        decidedOn: '2025-06-01',
        documentRef: '示政发〔2025〕3号',
      });
      assert.equal(early.statusCode, 409, early.body);
      assert.equal(json<ErrorJson>(early).error.code, 'INVALID_TRANSITION');
      const submitted = await submit(created, '2025-06-01');
      const twice = await transition(created.id, { action: 'submit', version: 2, submittedOn: '2025-06-02' });
      assert.equal(twice.statusCode, 409);
      assert.equal(json<ErrorJson>(twice).error.code, 'INVALID_TRANSITION');
      const edit = await patch(created.id, { version: submitted.version, title: '改标题' });
      assert.equal(edit.statusCode, 409, 'content is edited only in draft');
      assert.equal(json<ErrorJson>(edit).error.code, 'INVALID_TRANSITION');
      const decided = await decide(submitted, 'partly_adopted', '2025-06-03', '示政发〔2025〕4号');
      const resubmit = await transition(created.id, {
        action: 'submit',
        version: decided.version,
        submittedOn: '2025-06-04',
      });
      assert.equal(
        json<ErrorJson>(resubmit).error.code,
        'INVALID_TRANSITION',
        'never back to draft or submitted',
      );
      assert.equal((await snapshot()).audit, before.audit + 2);
    });

    it('answers a stale version with 409 VERSION_CONFLICT and changes nothing', async () => {
      const created = await draft();
      await ok(await patch(created.id, { version: 1, body: '修改后的正文' }));
      const before = await snapshot();
      const stalePatch = await patch(created.id, { version: 1, body: '另一人的修改' });
      assert.equal(stalePatch.statusCode, 409);
      assert.equal(json<ErrorJson>(stalePatch).error.code, 'VERSION_CONFLICT');
      const staleSubmit = await transition(created.id, {
        action: 'submit',
        version: 1,
        submittedOn: '2025-06-01',
      });
      assert.equal(staleSubmit.statusCode, 409);
      assert.equal(json<ErrorJson>(staleSubmit).error.code, 'VERSION_CONFLICT');
      assert.deepEqual(await snapshot(), before);
      assert.equal((await ok(await get(created.id))).body, '修改后的正文');
    });
  });

  describe('who may', () => {
    it('refuses secretaries, liaisons and enterprise contacts everything (403)', async () => {
      const created = await draft();
      for (const who of ['secretary', 'liaison', 'member'] as const) {
        const cookie = cookies[who];
        assert.equal((await t.request({ url: '/api/suggestions', cookie })).statusCode, 403, who);
        assert.equal((await t.request({ url: '/api/suggestions/stats', cookie })).statusCode, 403, who);
        assert.equal((await get(created.id, cookie)).statusCode, 403, who);
        assert.equal(
          (await create({ kind: 'proposal', title: '越权', body: '越权', targetBody: '区政府' }, cookie))
            .statusCode,
          403,
          who,
        );
      }
    });

    it('lets a leader read but not write', async () => {
      const created = await draft();
      assert.ok((await list('', cookies.leader)).items.some((s) => s.id === created.id));
      assert.equal((await get(created.id, cookies.leader)).statusCode, 200);
      const before = await snapshot();
      assert.equal(
        (
          await create(
            { kind: 'proposal', title: '领导', body: '领导', targetBody: '区政府' },
            cookies.leader,
          )
        ).statusCode,
        403,
      );
      assert.equal(
        (await patch(created.id, { version: 1, title: '领导改' }, cookies.leader)).statusCode,
        403,
      );
      assert.equal(
        (
          await transition(
            created.id,
            { action: 'submit', version: 1, submittedOn: '2025-06-01' },
            cookies.leader,
          )
        ).statusCode,
        403,
      );
      assert.deepEqual(await snapshot(), before);
    });

    it("hides a district's suggestions from another district's staff (404), and theirs from ours", async () => {
      const ours = await draft();
      const theirs = await draft({}, cookies.outsider);
      assert.equal(theirs.orgUnitName, '另一区工商联');
      assert.equal((await get(ours.id, cookies.outsider)).statusCode, 404);
      assert.equal((await patch(ours.id, { version: 1, title: '外区改' }, cookies.outsider)).statusCode, 404);
      assert.equal(
        (
          await transition(
            ours.id,
            { action: 'submit', version: 1, submittedOn: '2025-06-01' },
            cookies.outsider,
          )
        ).statusCode,
        404,
      );
      assert.ok(!(await list('', cookies.outsider)).items.some((s) => s.id === ours.id));
      assert.ok(!(await list('')).items.some((s) => s.id === theirs.id));
      assert.equal((await get(theirs.id)).statusCode, 404);
      // Their own appeal is theirs to link; ours is not.
      const linked = await draft({ appealIds: [appealElsewhere] }, cookies.outsider);
      assert.equal(linked.appealCount, 1);
      const refused = await create(
        { kind: 'proposal', title: '越区', body: '越区', targetBody: '区政府', appealIds: [appealHere] },
        cookies.outsider,
      );
      assert.equal(refused.statusCode, 400);
      assert.equal(detail(refused, 'appealIds.0')?.code, 'NOT_FOUND');
    });
  });

  describe('the list and the counts', () => {
    it('filters by status, kind, text and the period submitted', async () => {
      const comment = await draft({
        kind: 'policy_comment',
        title: '对人才新政的意见',
        body: '意见正文',
        policyTitle: '示例区人才引进办法（征求意见稿）',
        targetBody: '区人才办',
      });
      await submit(comment, '2025-04-10');
      const byKind = await list('?kind=policy_comment&status=submitted');
      assert.ok(byKind.items.every((s) => s.kind === 'policy_comment' && s.status === 'submitted'));
      assert.ok(byKind.items.some((s) => s.id === comment.id));
      assert.deepEqual(
        (await list(`?q=${encodeURIComponent('人才引进')}`)).items.map((s) => s.id),
        [comment.id],
      );
      assert.deepEqual(
        (await list(`?q=${encodeURIComponent('人才办')}&from=2025-04-10&to=2025-04-10`)).items.map(
          (s) => s.id,
        ),
        [comment.id],
      );
      assert.equal((await list('?from=2025-04-11&to=2025-04-30')).total, 0);
      assert.ok(
        (await list('?status=draft')).items.every((s) => s.status === 'draft' && s.submittedOn === null),
      );
      const page = await list('?page=1&pageSize=2');
      assert.equal(page.items.length, 2);
      assert.equal(page.items[0]?.status, 'draft', 'drafts first');
      const bad = await t.request({ url: '/api/suggestions?status=lost', cookie: cookies.staff });
      assert.equal(bad.statusCode, 400);
      assert.equal(detail(bad, 'querystring.status')?.code, 'INVALID_VALUE');
    });

    it('counts by the day submitted, within scope: submitted, adopted, partly, not adopted, pending, rate', async () => {
      const period = '?from=2025-03-01&to=2025-03-31';
      assert.deepEqual(await stats(period), {
        from: '2025-03-01',
        to: '2025-03-31',
        submitted: 0,
        adopted: 0,
        partlyAdopted: 0,
        notAdopted: 0,
        pending: 0,
        adoptionRate: null,
      });
      // Submitted in March: two adopted (one decided in June, still counted in March), one partly, one not,
      // two pending; one submitted in February and a draft do not count; nor does another district's.
      const inMarch = async (day: string) => submit(await draft(), day);
      await decide(await inMarch('2025-03-03'), 'adopted', '2025-03-20', '示政发〔2025〕10号');
      await decide(await inMarch('2025-03-31'), 'adopted', '2025-06-01', '示政发〔2025〕11号');
      await decide(await inMarch('2025-03-15'), 'partly_adopted', '2025-04-01', '示政发〔2025〕12号');
      await decide(await inMarch('2025-03-01'), 'not_adopted', '2025-03-02');
      await inMarch('2025-03-10');
      await inMarch('2025-03-11');
      await decide(await inMarch('2025-02-28'), 'adopted', '2025-03-05', '示政发〔2025〕9号');
      await draft();
      const theirs = await draft({}, cookies.outsider);
      await ok(
        await transition(
          theirs.id,
          { action: 'submit', version: 1, submittedOn: '2025-03-05' },
          cookies.outsider,
        ),
      );
      const expected = {
        from: '2025-03-01',
        to: '2025-03-31',
        submitted: 6,
        adopted: 2,
        partlyAdopted: 1,
        notAdopted: 1,
        pending: 2,
        adoptionRate: 0.75,
      };
      assert.deepEqual(await stats(period), expected);
      assert.deepEqual(await stats(period, cookies.leader), expected);
      assert.equal((await stats(period, cookies.outsider)).submitted, 1);
      const year = await stats('');
      assert.equal(year.from, '2025-01-01');
      assert.equal(year.to, TODAY);
      const reversed = await t.request({
        url: '/api/suggestions/stats?from=2025-04-01&to=2025-03-01',
        cookie: cookies.staff,
      });
      assert.equal(reversed.statusCode, 400);
      assert.equal(detail(reversed, 'from')?.code, 'PERIOD_REVERSED');
    });
  });
});
