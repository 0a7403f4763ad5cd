// 捐赠 donations through the API on the demo district: campaigns and their totals, recording every kind,
// the rules on bad input, the state machine, who may do what (each role that may not), the figures by
// group, a party organization's participation, a donor's history, exact money (a thousand donations of
// 0.10 are 100.00 in every figure and report), and the acknowledgement letter and the year-end ledger
// opened in LibreOffice.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import type { CampaignView, DonationStats, DonationView, SocialResponsibilityFigure } from '@qinqing/shared';
import { insertOrgUnit } from '../org-units/service.ts';
import { computeReport } from '../reports/figures.ts';
import { writeReport } from '../reports/writing.ts';
import { createAccount, orgUnitId, setupTestApp, type ErrorJson, type TestApp } from '../../test/harness.ts';
import { libreOfficeSkip, officeToPdf } from '../../test/libreoffice.ts';
import { multipart } from '../../test/workbooks.ts';

describe('donations', () => {
  let t: TestApp;
  const cookies: Record<string, string> = {};
  let district: string;
  let chamber: string;
  let memberEnterprise: string;
  let chamberMember: string;
  let outsideChamber: string;

  const call = (who: string, method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.request({ method, url, body, cookie: cookies[who] });
  const errorOf = (response: { json(): unknown }) => (response.json() as ErrorJson).error;

  before(async () => {
    t = await setupTestApp();
    for (const name of ['staff', 'leader', 'secretary', 'member', 'liaison', 'sysadmin', 'auditor'])
      cookies[name] = await t.sessionFor(await t.userId(name));
    district = await orgUnitId(t, '示例区工商联');
    chamber = await orgUnitId(t, '东湖街道商会');
    const pick = async (query: ReturnType<typeof sql>) => {
      const { rows } = await t.database.db.execute<{ id: string }>(query);
      return rows[0]!.id;
    };
    memberEnterprise = await pick(sql`SELECT enterprise_id AS id FROM users WHERE username = 'member'`);
    chamberMember = await pick(
      // Another member than the demo contact's own (ids are random: the first by id may be it).
      sql`SELECT m.enterprise_id AS id FROM chamber_memberships m WHERE m.chamber_id = ${chamber}
        AND NOT EXISTS (SELECT 1 FROM users u WHERE u.enterprise_id = m.enterprise_id)
        ORDER BY m.enterprise_id LIMIT 1`,
    );
    outsideChamber = await pick(sql`SELECT e.id FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id
      WHERE u.path LIKE (SELECT path FROM org_units WHERE id = ${district}) || '%'
        AND e.id NOT IN (SELECT enterprise_id FROM chamber_memberships WHERE chamber_id = ${chamber})
        AND e.merged_into_id IS NULL ORDER BY e.id LIMIT 1`);
  });
  after(() => t.close());

  const newCampaign = async (name = `测试活动${randomUUID().slice(0, 6)}`) => {
    const response = await call('staff', 'POST', '/api/campaigns', { name, startsOn: '2026-11-01' });
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { campaign: CampaignView }).campaign;
  };
  const record = async (who: string, body: Record<string, unknown>) =>
    call(who, 'POST', '/api/donations', {
      channel: 'direct',
      donatedOn: '2026-11-20',
      kind: 'cash',
      ...body,
    });
  const recorded = async (who: string, body: Record<string, unknown>) => {
    const response = await record(who, body);
    assert.equal(response.statusCode, 201, response.body);
    return (response.json() as { donation: DonationView }).donation;
  };
  const move = (who: string, donation: { id: string; version: number }, action: string, reason?: string) =>
    call(who, 'POST', `/api/donations/${donation.id}/transitions`, {
      action,
      version: donation.version,
      ...(reason ? { reason } : {}),
    });
  const confirmed = async (donation: DonationView) => {
    const response = await move('staff', donation, 'confirm');
    assert.equal(response.statusCode, 200, response.body);
    return (response.json() as { donation: DonationView }).donation;
  };

  it('staff create a campaign, record a directed cash and a goods donation, confirm them; the campaign totals them', async () => {
    const campaign = await newCampaign('冬季送温暖测试');
    const cash = await recorded('staff', {
      campaignId: campaign.id,
      donorEnterpriseId: chamberMember,
      amount: '1000.10',
      directed: true,
      directedTo: '甘肃省示例县',
      receiptNumber: 'T-1',
    });
    assert.equal(cash.state, 'pledged');
    assert.equal(cash.amount, '1000.10');
    assert.deepEqual(cash.actions, ['confirm', 'void']);
    const goods = await recorded('staff', {
      campaignId: campaign.id,
      donorEnterpriseId: outsideChamber,
      kind: 'goods',
      items: [
        { name: '棉衣', quantity: 10, unit: '件', value: '300.00' },
        { name: '大米', quantity: 20, unit: '袋', value: '200.5' },
      ],
    });
    assert.equal(goods.amount, '500.50', 'the valuation is the items’ sum when no total is given');
    let view = (await call('staff', 'GET', `/api/campaigns/${campaign.id}`)).json() as {
      campaign: CampaignView;
    };
    assert.deepEqual(view.campaign.totals.all, { count: 2, amount: '1500.60' });
    assert.deepEqual(view.campaign.totals.confirmed, { count: 0, amount: '0.00' });
    await confirmed(cash);
    await confirmed(goods);
    view = (await call('staff', 'GET', `/api/campaigns/${campaign.id}`)).json() as { campaign: CampaignView };
    const totals = view.campaign.totals;
    assert.deepEqual(totals.confirmed, { count: 2, amount: '1500.60' });
    assert.deepEqual(totals.directed, { count: 1, amount: '1000.10' });
    assert.equal(totals.directedShare, 0.6665);
    assert.equal(totals.donors, 2);
    assert.deepEqual(
      totals.byKind.map((k) => [k.kind, k.amount]),
      [
        ['cash', '1000.10'],
        ['goods', '500.50'],
      ],
    );
    const list = (
      await call('staff', 'GET', `/api/donations?campaignId=${campaign.id}&directed=true`)
    ).json() as {
      items: DonationView[];
      confirmed: { amount: string };
    };
    assert.deepEqual(
      list.items.map((d) => d.id),
      [cash.id],
    );
    assert.equal(list.confirmed.amount, '1000.10');
  });

  it('bad input is refused naming the field: negative amount, goods without items or valuation, a receipt twice', async () => {
    const campaign = await newCampaign();
    const negative = await record('staff', { donorEnterpriseId: chamberMember, amount: '-5' });
    assert.equal(negative.statusCode, 400);
    assert.equal(errorOf(negative).details?.[0]?.path, 'amount', negative.body);
    const zero = await record('staff', { donorEnterpriseId: chamberMember, amount: '0.00' });
    assert.equal(zero.statusCode, 400, zero.body);
    assert.equal(errorOf(zero).details?.[0]?.path, 'amount', zero.body);
    const float = await record('staff', { donorEnterpriseId: chamberMember, amount: 10.5 });
    assert.equal(float.statusCode, 400, 'a number, not a decimal string, is refused');
    const noItems = await record('staff', { donorEnterpriseId: chamberMember, kind: 'goods', amount: '10' });
    assert.equal(noItems.statusCode, 400);
    assert.equal(errorOf(noItems).details?.[0]?.path, 'items');
    const noValue = await record('staff', {
      donorEnterpriseId: chamberMember,
      kind: 'goods',
      items: [{ name: '口罩', quantity: 1000 }],
    });
    assert.equal(noValue.statusCode, 400);
    assert.equal(errorOf(noValue).details?.[0]?.code, 'VALUATION_REQUIRED');
    const mismatch = await record('staff', {
      donorEnterpriseId: chamberMember,
      kind: 'goods',
      amount: '99',
      items: [{ name: '口罩', quantity: 1000, value: '100' }],
    });
    assert.equal(errorOf(mismatch).details?.[0]?.code, 'AMOUNT_MISMATCH');
    const rent = await record('staff', {
      donorEnterpriseId: chamberMember,
      kind: 'rent_reduction',
      amount: '10',
    });
    assert.deepEqual(
      errorOf(rent).details?.map((d) => d.path),
      ['rentTenants', 'rentMonths'],
    );
    const undirected = await record('staff', {
      donorEnterpriseId: chamberMember,
      amount: '1',
      directed: true,
    });
    assert.equal(errorOf(undirected).details?.[0]?.path, 'directedTo');
    const twoDonors = await record('staff', {
      donorEnterpriseId: chamberMember,
      donorChamberId: chamber,
      amount: '1',
    });
    assert.equal(errorOf(twoDonors).details?.[0]?.code, 'ONE_DONOR');
    const future = await record('staff', {
      donorEnterpriseId: chamberMember,
      amount: '1',
      donatedOn: '2027-01-01',
    });
    assert.equal(errorOf(future).details?.[0]?.path, 'donatedOn');

    await recorded('staff', {
      campaignId: campaign.id,
      donorEnterpriseId: chamberMember,
      amount: '1',
      receiptNumber: 'R-9',
    });
    const twice = await record('staff', {
      campaignId: campaign.id,
      donorEnterpriseId: outsideChamber,
      amount: '2',
      receiptNumber: 'R-9',
    });
    assert.equal(twice.statusCode, 409);
    assert.equal(errorOf(twice).details?.[0]?.path, 'receiptNumber');
    const elsewhere = await record('staff', {
      campaignId: (await newCampaign()).id,
      donorEnterpriseId: outsideChamber,
      amount: '2',
      receiptNumber: 'R-9',
    });
    assert.equal(elsewhere.statusCode, 201, 'the same number in another campaign is another receipt');
    const badCampaign = await call('staff', 'POST', '/api/campaigns', {
      name: '倒序',
      startsOn: '2026-11-01',
      endsOn: '2026-10-01',
    });
    assert.equal(errorOf(badCampaign).details?.[0]?.path, 'endsOn');
    const { rows } = await t.database.db.execute<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM donations WHERE amount_fen <= 0 OR receipt_number = 'R-9' AND campaign_id = ${campaign.id}`,
    );
    assert.equal(rows[0]!.n, 1, 'nothing half-written');
  });

  it('the state machine: confirm → acknowledge; void needs a reason; confirming a voided donation is 409 INVALID_TRANSITION', async () => {
    let donation = await recorded('staff', { donorEnterpriseId: chamberMember, amount: '5' });
    const noReason = await move('staff', donation, 'void');
    assert.equal(errorOf(noReason).details?.[0]?.path, 'reason');
    const voided = await move('staff', donation, 'void', '重复登记');
    assert.equal(voided.statusCode, 200);
    donation = (voided.json() as { donation: DonationView }).donation;
    assert.equal(donation.state, 'voided');
    const again = await move('staff', donation, 'confirm');
    assert.equal(again.statusCode, 409);
    assert.equal(errorOf(again).code, 'INVALID_TRANSITION');
    const stale = await move('staff', { ...donation, version: donation.version - 1 }, 'confirm');
    assert.equal(errorOf(stale).code, 'VERSION_CONFLICT');

    let other = await recorded('staff', { donorEnterpriseId: chamberMember, amount: '6' });
    const early = await move('staff', other, 'acknowledge');
    assert.equal(errorOf(early).code, 'INVALID_TRANSITION');
    other = await confirmed(other);
    const acknowledged = await move('staff', other, 'acknowledge');
    assert.equal((acknowledged.json() as { donation: DonationView }).donation.state, 'acknowledged');
    const { rows } = await t.database.db.execute<{ action: string }>(
      sql`SELECT action FROM audit_events WHERE object_id = ${other.id} ORDER BY seq`,
    );
    assert.deepEqual(
      rows.map((r) => r.action),
      ['donation.recorded', 'donation.confirm', 'donation.acknowledge'],
    );
  });

  it('a chamber secretary records for the chamber and its members (pending), not others, and cannot confirm', async () => {
    const own = await recorded('secretary', { donorEnterpriseId: chamberMember, amount: '88' });
    assert.equal(own.state, 'pledged');
    assert.deepEqual(own.actions, []);
    const chamberGift = await recorded('secretary', { donorChamberId: chamber, amount: '99' });
    assert.equal(chamberGift.donor.kind, 'chamber');
    const other = await record('secretary', { donorEnterpriseId: outsideChamber, amount: '1' });
    assert.equal(other.statusCode, 400);
    assert.equal(errorOf(other).details?.[0]?.code, 'DONOR_NOT_FOUND');
    assert.equal((await move('secretary', own, 'confirm')).statusCode, 403);
    assert.equal(
      (await call('secretary', 'POST', '/api/campaigns', { name: 'x', startsOn: '2026-11-01' })).statusCode,
      403,
    );
    const staffOnly = await recorded('staff', { donorEnterpriseId: outsideChamber, amount: '3' });
    assert.equal((await call('secretary', 'GET', `/api/donations/${staffOnly.id}`)).statusCode, 404);
    const list = (await call('secretary', 'GET', '/api/donations?pageSize=200')).json() as {
      items: DonationView[];
    };
    assert.ok(list.items.some((d) => d.id === own.id));
    assert.ok(!list.items.some((d) => d.id === staffOnly.id));
    assert.equal((await confirmed(own)).state, 'received', 'staff confirm what the secretary recorded');
  });

  it('an enterprise contact sees and reports only its own donations; leaders read only; liaisons and administrators see none', async () => {
    const own = await recorded('member', { donorEnterpriseId: memberEnterprise, amount: '66' });
    assert.equal(own.state, 'pledged');
    const other = await record('member', { donorEnterpriseId: chamberMember, amount: '1' });
    assert.equal(errorOf(other).details?.[0]?.code, 'DONOR_NOT_FOUND');
    const staffOnly = await recorded('staff', { donorEnterpriseId: outsideChamber, amount: '3' });
    assert.equal((await call('member', 'GET', `/api/donations/${staffOnly.id}`)).statusCode, 404);
    const mine = (await call('member', 'GET', '/api/donations?pageSize=200')).json() as {
      items: DonationView[];
    };
    assert.ok(mine.items.length > 0 && mine.items.every((d) => d.donor.id === memberEnterprise));
    assert.equal((await move('member', own, 'confirm')).statusCode, 403);

    assert.equal((await call('leader', 'GET', `/api/donations/${own.id}`)).statusCode, 200);
    assert.equal((await record('leader', { donorEnterpriseId: chamberMember, amount: '1' })).statusCode, 403);
    assert.equal((await move('leader', own, 'confirm')).statusCode, 403);
    for (const who of ['liaison', 'sysadmin', 'auditor']) {
      assert.equal((await call(who, 'GET', '/api/donations')).statusCode, 403, who);
      assert.equal((await call(who, 'GET', `/api/donations/${own.id}`)).statusCode, 403, who);
      assert.equal((await call(who, 'GET', '/api/campaigns')).statusCode, 403, who);
    }
  });

  it('staff of another district do not find the donation (404)', async () => {
    const donation = await recorded('staff', { donorEnterpriseId: chamberMember, amount: '7' });
    const city = await orgUnitId(t, '示例市工商联');
    const other = await t.database.db.transaction(async (tx) => {
      const [cityRow] = (
        await tx.execute<{ id: string; path: string; depth: number }>(
          sql`SELECT id, path, depth FROM org_units WHERE id = ${city}`,
        )
      ).rows;
      return insertOrgUnit(tx, cityRow!, { kind: 'district', name: '另一区工商联' });
    });
    await createAccount(t, { username: 'otherstaff', orgUnitId: other.id, roles: ['federation_staff'] });
    const cookie = await t.sessionFor(await t.userId('otherstaff'));
    const response = await t.request({ url: `/api/donations/${donation.id}`, cookie });
    assert.equal(response.statusCode, 404);
    const moved = await t.request({
      method: 'POST',
      url: `/api/donations/${donation.id}/transitions`,
      cookie,
      body: { action: 'confirm', version: donation.version },
    });
    assert.equal(moved.statusCode, 404);
    const asDonor = await t.request({
      method: 'POST',
      url: '/api/donations',
      cookie,
      body: {
        donorEnterpriseId: chamberMember,
        kind: 'cash',
        amount: '1',
        channel: 'direct',
        donatedOn: '2026-11-01',
      },
    });
    assert.equal(errorOf(asDonor).details?.[0]?.code, 'DONOR_NOT_FOUND');
  });

  it('a donor’s history lists its donations alone; stats group by campaign, kind, channel, chamber, org unit and month', async () => {
    const history = (
      await call('staff', 'GET', `/api/donations?donorId=${chamberMember}&pageSize=200`)
    ).json() as {
      items: DonationView[];
    };
    assert.ok(history.items.length > 0 && history.items.every((d) => d.donor.id === chamberMember));
    for (const groupBy of ['campaign', 'kind', 'channel', 'chamber', 'orgUnit', 'month']) {
      const response = await call('staff', 'GET', `/api/donations/stats?groupBy=${groupBy}`);
      assert.equal(response.statusCode, 200, response.body);
      const stats = response.json() as DonationStats;
      assert.ok(stats.items.length > 0, groupBy);
      if (groupBy !== 'chamber') {
        const sum = stats.items.reduce((s, i) => s + BigInt(i.amount.replace('.', '')), 0n);
        assert.equal(sum, BigInt(stats.total.amount.replace('.', '')), `${groupBy} adds up to the total`);
      }
    }
    const chambers = (
      await call('staff', 'GET', '/api/donations/stats?groupBy=chamber')
    ).json() as DonationStats;
    assert.ok(chambers.items.some((i) => i.key === chamber));
    assert.equal((await call('staff', 'GET', '/api/donations/stats?groupBy=donor')).statusCode, 400);
  });

  it('a party organization’s participation: organizations and party members who gave, and how much', async () => {
    const { rows } = await t.database.db.execute<{ id: string; member_count: number }>(
      sql`SELECT id, member_count FROM party_organizations WHERE chamber_id = ${chamber}`,
    );
    const branch = rows[0]!;
    const response = await call(
      'staff',
      'GET',
      `/api/party-organizations/${branch.id}/donation-participation`,
    );
    assert.equal(response.statusCode, 200, response.body);
    const before = response.json() as {
      organizations: number;
      organizationsGave: number;
      amount: string;
      partyMembersGave: number;
    };
    const gift = await recorded('staff', {
      donorPartyOrganizationId: branch.id,
      amount: '100.00',
      partyMemberCount: 3,
    });
    await confirmed(gift);
    const after = (
      await call('staff', 'GET', `/api/party-organizations/${branch.id}/donation-participation`)
    ).json() as typeof before;
    assert.equal(after.organizationsGave, Math.max(before.organizationsGave, 1));
    assert.equal(BigInt(after.amount.replace('.', '')) - BigInt(before.amount.replace('.', '')), 10000n);
    assert.ok(after.partyMembersGave >= Math.min(before.partyMembersGave + 3, branch.member_count) - 3);
    const wrong = await record('staff', {
      donorEnterpriseId: chamberMember,
      amount: '1',
      partyMemberCount: 2,
    });
    assert.equal(errorOf(wrong).details?.[0]?.path, 'partyMemberCount');
    assert.equal(
      (await call('liaison', 'GET', `/api/party-organizations/${branch.id}/donation-participation`))
        .statusCode,
      403,
    );
  });

  describe('exact money: a thousand donations of 0.10', () => {
    let unit: { id: string; name: string; path: string };
    let cookie: string;
    before(async () => {
      const districtRow = (
        await t.database.db.execute<{ id: string; path: string; depth: number }>(
          sql`SELECT id, path, depth FROM org_units WHERE id = ${district}`,
        )
      ).rows[0]!;
      const street = await t.database.db.transaction((tx) =>
        insertOrgUnit(tx, districtRow, { kind: 'street', name: '一角街道工商联' }),
      );
      unit = { id: street.id, name: street.name, path: street.path };
      await createAccount(t, {
        username: 'dimestaff',
        orgUnitId: street.id,
        roles: ['federation_staff', 'federation_leader'],
      });
      cookie = await t.sessionFor(await t.userId('dimestaff'));
      const enterprise = (
        await t.database.db.execute<{ id: string }>(sql`
        INSERT INTO enterprises (org_unit_id, name, uscc) VALUES (${street.id}, '一角钱科技有限公司', '91110105MA0000001X')
        RETURNING id`)
      ).rows[0]!;
      const campaign = (
        await t.database.db.execute<{ id: string }>(sql`
        INSERT INTO donation_campaigns (org_unit_id, name, kind, starts_on) VALUES (${street.id}, '一角钱活动', 'campaign', '2026-01-01')
        RETURNING id`)
      ).rows[0]!;
      await t.database.db.execute(sql`
        INSERT INTO donations (org_unit_id, campaign_id, donor_enterprise_id, donor_name, kind, amount_fen, channel,
          donated_on, state, confirmed_at)
        SELECT ${street.id}, ${campaign.id}, ${enterprise.id}, '一角钱科技有限公司', 'cash', 10, 'direct',
          '2026-11-02'::date, 'received', now()
        FROM generate_series(1, 999)`);
      // The thousandth through the API, as staff record and confirm it.
      const last = await t.request({
        method: 'POST',
        url: '/api/donations',
        cookie,
        body: {
          campaignId: campaign.id,
          donorEnterpriseId: enterprise.id,
          kind: 'cash',
          amount: '0.10',
          channel: 'direct',
          donatedOn: '2026-11-03',
        },
      });
      assert.equal(last.statusCode, 201, last.body);
      const donation = (last.json() as { donation: DonationView }).donation;
      const moved = await t.request({
        method: 'POST',
        url: `/api/donations/${donation.id}/transitions`,
        cookie,
        body: { action: 'confirm', version: donation.version },
      });
      assert.equal(moved.statusCode, 200);
    });

    it('is 100.00 in the stats, the list, the campaign, the measures, the dashboard card and the report', async () => {
      const get = async <T>(url: string) => {
        const response = await t.request({ url, cookie });
        assert.equal(response.statusCode, 200, response.body);
        return response.json() as T;
      };
      const period = 'from=2026-10-01&to=2026-12-31';
      const stats = await get<DonationStats>(`/api/donations/stats?groupBy=kind&${period}`);
      assert.deepEqual(stats.total, { count: 1000, amount: '100.00', directed: '0.00' });
      assert.equal(stats.items[0]!.amount, '100.00');
      const list = await get<{ total: number; confirmed: { amount: string } }>(`/api/donations?${period}`);
      assert.equal(list.total, 1000);
      assert.equal(list.confirmed.amount, '100.00');
      const campaigns = await get<{ items: { confirmed: { amount: string } }[] }>('/api/campaigns?q=一角钱');
      assert.equal(campaigns.items[0]!.confirmed.amount, '100.00');
      const measures = await get<{ items: { id: string; value: number; unit: string }[] }>(
        `/api/measures/values?ids=donations.amount,donations.count,donations.cash&${period}`,
      );
      assert.deepEqual(
        measures.items.map((m) => [m.id, m.value, m.unit]),
        [
          ['donations.amount', 10000, 'fen'],
          ['donations.count', 1000, 'count'],
          ['donations.cash', 10000, 'fen'],
        ],
      );
      const dashboard = await get<{ socialResponsibility: { items: SocialResponsibilityFigure[] } }>(
        `/api/dashboard?${period}`,
      );
      const card = new Map(dashboard.socialResponsibility.items.map((f) => [f.id, f]));
      assert.equal(card.get('donations.amount')?.value, 10000);
      assert.equal(card.get('donations.count')?.value, 1000);
      assert.match(card.get('donations.amount')?.link ?? '', /^\/donations\?.*state=confirmed/);

      const data = await t.database.db.transaction(
        async (tx) =>
          (
            await computeReport(
              tx,
              t.ctx.measures,
              unit,
              { from: '2026-10-01', to: '2026-12-31' },
              '2026-11-30',
              {
                caseCategories: 0,
                casesPerCategory: 0,
              },
            )
          ).data,
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      );
      assert.equal(data.social?.['donations.amount'], 10000);
      const report = writeReport({
        type: 'quarterly',
        period: '2026-Q4',
        range: { from: '2026-10-01', to: '2026-12-31' },
        unitName: unit.name,
        data,
        commentary: {},
        issuedOn: '2026-11-30',
        revision: 1,
      });
      const paragraph = report.blocks.find((b) => b.kind === 'paragraph' && b.lead === '（五）社会责任。');
      assert.ok(paragraph && paragraph.kind === 'paragraph');
      assert.match(paragraph.text, /捐款捐物100\.00元（已确认1,?000笔/);
    });

    it('is 100.00 on the year-end ledger’s total line', { skip: libreOfficeSkip() }, async () => {
      const response = await t.request({ url: '/api/ledgers/social-responsibility.xlsx?year=2026', cookie });
      assert.equal(response.statusCode, 200, response.body);
      const pdf = await officeToPdf(response.rawPayload, 'xlsx');
      assert.match(pdf.text, /一角街道工商联2026年度捐赠台账/);
      assert.match(pdf.text, /合计：已确认捐赠 1000 笔，金额（含物资折价）100\.00 元/);
      assert.match(pdf.text, /一角钱科技有限公司/);
    });
  });

  describe('evidence (捐赠凭证)', () => {
    const upload = (who: string, id: string, fileName: string, content: Buffer) => {
      const { payload, contentType } = multipart(fileName, content);
      return t.app.inject({
        method: 'POST',
        url: `/api/donations/${id}/attachments`,
        headers: {
          host: 'localhost:80',
          origin: 'http://localhost:80',
          cookie: cookies[who]!,
          'content-type': contentType,
        },
        payload,
      });
    };
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
    const stored = async (id: string) => {
      const { rows } = await t.database.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM donation_attachments WHERE donation_id = ${id}`,
      );
      return rows[0]!.n;
    };

    it('the donor’s contact adds a photo of the goods and staff a bank slip; both show on the donation and download; audited', async () => {
      const donation = await recorded('member', {
        donorEnterpriseId: memberEnterprise,
        kind: 'goods',
        items: [{ name: '口罩', quantity: 2000, unit: '只', value: '1000.00' }],
      });
      assert.equal(donation.mayAttach, true);
      assert.deepEqual(donation.attachments, []);
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
      const photo = await upload('member', donation.id, '物资照片.jpg', png);
      assert.equal(photo.statusCode, 201, photo.body);
      const added = (photo.json() as { attachment: { id: string; fileName: string; mediaType: string } })
        .attachment;
      assert.equal(added.fileName, '物资照片.png', 'the name follows the content');
      assert.equal(added.mediaType, 'image/png');
      const slip = await upload('staff', donation.id, '回单.pdf', pdf);
      assert.equal(slip.statusCode, 201, slip.body);

      const view = (
        (await call('leader', 'GET', `/api/donations/${donation.id}`)).json() as {
          donation: DonationView;
        }
      ).donation;
      assert.deepEqual(
        view.attachments.map((a) => a.fileName),
        ['物资照片.png', '回单.pdf'],
      );
      assert.equal(view.mayAttach, false, 'a leader reads only');
      const download = await call('member', 'GET', `/api/donations/${donation.id}/attachments/${added.id}`);
      assert.equal(download.statusCode, 200);
      assert.equal(download.headers['content-type'], 'image/png');
      assert.deepEqual(download.rawPayload, png);
      const { rows } = await t.database.db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'donation.attachment_added'
          AND object_id = ${donation.id}`,
      );
      assert.equal(rows[0]!.n, 2);
    });

    it('refuses a renamed program, an empty or oversized file and a voided donation, storing nothing', async () => {
      const donation = await recorded('staff', { donorEnterpriseId: chamberMember, amount: '12' });
      const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
      const renamed = await upload('staff', donation.id, 'receipt.pdf', exe);
      assert.equal(renamed.statusCode, 400);
      assert.equal(errorOf(renamed).details?.[0]?.code, 'UNSUPPORTED_FILE_TYPE');
      assert.equal(errorOf(renamed).details?.[0]?.path, 'file');
      const empty = await upload('staff', donation.id, 'empty.pdf', Buffer.alloc(0));
      assert.equal(empty.statusCode, 400);
      const big = Buffer.concat([
        Buffer.from('%PDF-1.4\n'),
        Buffer.alloc(t.config.attachmentMaxBytes + 10, 0x20),
      ]);
      assert.equal((await upload('staff', donation.id, 'big.pdf', big)).statusCode, 413);
      const noFile = await call('staff', 'POST', `/api/donations/${donation.id}/attachments`, {});
      assert.equal(noFile.statusCode, 400);
      assert.equal(errorOf(noFile).details?.[0]?.code, 'FILE_REQUIRED');
      const voided = await move('staff', donation, 'void', '重复登记');
      assert.equal(voided.statusCode, 200, voided.body);
      const late = await upload('staff', donation.id, 'a.pdf', pdf);
      assert.equal(late.statusCode, 409);
      assert.equal(errorOf(late).details?.[0]?.code, 'DONATION_VOIDED');
      assert.equal(
        ((await call('staff', 'GET', `/api/donations/${donation.id}`)).json() as { donation: DonationView })
          .donation.mayAttach,
        false,
      );
      assert.equal(await stored(donation.id), 0);
    });

    it('roles that may not: a leader 403, another enterprise’s contact and out-of-scope 404, liaisons and administrators 403', async () => {
      const donation = await recorded('staff', { donorEnterpriseId: chamberMember, amount: '5' });
      assert.equal((await upload('leader', donation.id, 'a.pdf', pdf)).statusCode, 403);
      assert.equal((await upload('member', donation.id, 'a.pdf', pdf)).statusCode, 404);
      const added = await upload('secretary', donation.id, 'a.pdf', pdf);
      assert.equal(added.statusCode, 201, 'the chamber’s secretary adds to its member’s donation');
      const id = (added.json() as { attachment: { id: string } }).attachment.id;
      assert.equal(
        (await call('member', 'GET', `/api/donations/${donation.id}/attachments/${id}`)).statusCode,
        404,
      );
      for (const who of ['liaison', 'sysadmin', 'auditor']) {
        assert.equal((await upload(who, donation.id, 'a.pdf', pdf)).statusCode, 403, who);
        assert.equal(
          (await call(who, 'GET', `/api/donations/${donation.id}/attachments/${id}`)).statusCode,
          403,
          who,
        );
      }
      const other = await recorded('staff', { donorEnterpriseId: outsideChamber, amount: '5' });
      assert.equal(
        (await call('staff', 'GET', `/api/donations/${other.id}/attachments/${id}`)).statusCode,
        404,
        'a file is found only under its own donation',
      );
      assert.equal(await stored(donation.id), 1);
    });
  });

  describe('office files', { skip: libreOfficeSkip() }, () => {
    it('the acknowledgement letter of a confirmed donation opens in LibreOffice; a pledged one has none (409)', async () => {
      const campaign = await newCampaign('证明测试活动');
      const pledged = await recorded('staff', {
        campaignId: campaign.id,
        donorEnterpriseId: chamberMember,
        kind: 'goods',
        items: [{ name: '电暖器', quantity: 30, unit: '台', value: '4500.00' }],
        directed: true,
        directedTo: '东湖街道敬老院',
        receiptNumber: 'ZM-1',
      });
      const early = await call('staff', 'GET', `/api/donations/${pledged.id}/acknowledgement.docx`);
      assert.equal(early.statusCode, 409);
      await confirmed(pledged);
      const response = await call('member', 'GET', `/api/donations/${pledged.id}/acknowledgement.docx`);
      assert.equal(response.statusCode, 404, 'not the contact’s own donation');
      const letter = await call('staff', 'GET', `/api/donations/${pledged.id}/acknowledgement.docx`);
      assert.equal(letter.statusCode, 200);
      const pdf = await officeToPdf(letter.rawPayload, 'docx');
      assert.match(pdf.text, /捐\s*赠\s*证\s*明/);
      assert.match(pdf.text, /人民币\s*4,500\.00\s*元/);
      assert.match(pdf.text, /证明测试活动/);
      assert.match(pdf.text, /电暖器/);
      assert.match(pdf.text, /东湖街道工商联/);
      assert.equal(pdf.pages, 1);
    });

    it('the year-end ledger of the demo district opens with its donations and the registry’s totals', async () => {
      const response = await call('staff', 'GET', '/api/ledgers/social-responsibility.xlsx');
      assert.equal(response.statusCode, 200, response.body);
      const pdf = await officeToPdf(response.rawPayload, 'xlsx');
      assert.match(pdf.text, /示例区工商联2026年度捐赠台账/);
      const measures = (
        await call('staff', 'GET', '/api/measures/values?ids=donations.count&from=2026-01-01&to=2026-12-31')
      ).json() as { items: { value: number }[] };
      assert.match(pdf.text, new RegExp(`合计：已确认捐赠 ${measures.items[0]!.value} 笔`));
      assert.equal(
        (await call('secretary', 'GET', '/api/ledgers/social-responsibility.xlsx')).statusCode,
        403,
      );
    });
  });
});
