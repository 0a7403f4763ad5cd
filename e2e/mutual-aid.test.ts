// Browser journey of 互助 (issue 14): a supply post, and a demand posted by the member's contact on the phone
// (390 px), who sees the masks among its post's candidates, without a contact; staff open the demand's
// candidates and connect the masks to it; each enterprise's contact accepts on the phone — the other side's
// contact shows only once both have; staff record the outcome (the quantity delivered) and the figures by
// category show it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { BrowserContext } from 'playwright-core';
import { AID_CATEGORY_LABELS, AID_POST_STATE_LABELS, type AidStats } from '@qinqing/shared';
import { DEMO_PASSWORD, createAccount } from '../apps/server/src/test/harness.ts';
import { AID_CATEGORY_WORDS, AID_POST_STATE_WORDS } from '../apps/web/src/phone/labels.ts';
import { screenshotOnFailure, signInThroughPage, startPlatform, type Platform } from './harness.ts';

const SUPPLIER_MOBILE = '13911112222';
const MEMBER_MOBILE = '13833334444';

describe('mutual aid journey', { timeout: 240_000 }, () => {
  let platform: Platform;
  let demandId: string;
  let supplyId: string;
  let ownId: string;

  const phone = async (): Promise<BrowserContext> => {
    const context = await platform.browser.newContext({
      baseURL: platform.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await context.clock.install({ time: platform.t.ctx.clock.now() });
    return context;
  };
  /** Signs in on the phone and accepts the match; answers the contact line shown after. */
  const acceptOnPhone = async (username: string): Promise<string> => {
    const context = await phone();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    let shown = '';
    await screenshotOnFailure(page, `aid-${username}`, async () => {
      await page.goto('/m/aid');
      await page.getByTestId('phone-login-username').fill(username);
      await page.getByTestId('phone-login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('phone-login-submit').tap();
      const matches = page.getByTestId('phone-aid-matches');
      await matches.getByTestId('phone-aid-accept').tap();
      await matches.getByTestId('phone-aid-accept').waitFor({ state: 'detached' });
      shown = await matches.getByTestId('phone-aid-contact').first().innerText();
    });
    await context.close();
    return shown;
  };

  before(async () => {
    platform = await startPlatform();
    const { t } = platform;
    const pool = t.database.pool;
    const { rows: own } = await pool.query<{ id: string }>(
      "SELECT enterprise_id AS id FROM users WHERE username = 'member'",
    );
    const { rows: other } = await pool.query<{ id: string; org_unit_id: string }>(
      `SELECT e.id, e.org_unit_id FROM enterprises e WHERE e.merged_into_id IS NULL AND e.id <> $1
        AND NOT EXISTS (SELECT 1 FROM aid_posts p WHERE p.enterprise_id = e.id) ORDER BY e.id LIMIT 1`,
      [own[0]!.id],
    );
    await pool.query(
      `INSERT INTO enterprise_contacts (enterprise_id, name, mobile, is_primary, sort)
       VALUES ($1, '供方张经理', $2, true, -1), ($3, '需方陈经理', $4, true, -1)`,
      [other[0]!.id, SUPPLIER_MOBILE, own[0]!.id, MEMBER_MOBILE],
    );
    const supplier = await createAccount(t, {
      username: 'supplier',
      orgUnitId: other[0]!.org_unit_id,
      roles: ['enterprise_contact'],
    });
    await pool.query('UPDATE users SET enterprise_id = $1 WHERE id = $2', [other[0]!.id, supplier]);
    const make = async (username: string, body: Record<string, unknown>) => {
      const cookie = await t.sessionFor(await t.userId(username));
      const response = await t.request({ method: 'POST', url: '/api/aid-posts', cookie, body });
      assert.equal(response.statusCode, 201, response.body);
      return (response.json() as { post: { id: string } }).post.id;
    };
    ownId = own[0]!.id;
    supplyId = await make('supplier', {
      side: 'supply',
      enterpriseId: other[0]!.id,
      title: '医用口罩现货',
      category: 'epidemic',
      quantity: 50000,
      unit: '个',
    });
  });
  after(() => platform?.close());

  it('the phone names categories and states as the desktop does', () => {
    const chinese = (words: Record<string, { zh: string }>) =>
      Object.fromEntries(Object.entries(words).map(([code, word]) => [code, word.zh]));
    assert.deepEqual(chinese(AID_CATEGORY_WORDS), AID_CATEGORY_LABELS);
    assert.deepEqual(chinese(AID_POST_STATE_WORDS), AID_POST_STATE_LABELS);
  });

  it('the member posts a need on the phone and sees the masks among its candidates, without a contact', async () => {
    const context = await phone();
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    await screenshotOnFailure(page, 'aid-post-phone', async () => {
      await page.goto('/m/aid');
      await page.getByTestId('phone-login-username').fill('member');
      await page.getByTestId('phone-login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('phone-login-submit').tap();
      const form = page.getByTestId('phone-aid-form');
      await page.getByTestId('phone-aid-side-demand').tap();
      await page.getByTestId('phone-aid-title').fill('齿轮厂复工急需医用口罩');
      await page.getByTestId('phone-aid-category').selectOption('epidemic');
      // A quantity left out is named before anything is sent.
      await page.getByTestId('phone-aid-unit').fill('个');
      await page.getByTestId('phone-aid-submit').tap();
      await page.getByTestId('phone-aid-error').getByText('数量').waitFor();
      await page.getByTestId('phone-aid-quantity').fill('20000');
      await page.getByTestId('phone-aid-urgent').check();
      await page.getByTestId('phone-aid-submit').tap();
      await page.getByTestId('phone-toast').getByText('已发布').waitFor();
      const { rows } = await platform.t.database.pool.query<{ id: string }>(
        `SELECT id FROM aid_posts WHERE enterprise_id = $1 AND title = '齿轮厂复工急需医用口罩'`,
        [ownId],
      );
      demandId = rows[0]!.id;
      const mine = page.getByTestId(`phone-aid-post-${demandId}`);
      await mine.getByText('20000 个').waitFor();
      // Just posted, its candidates open by themselves: the supplier's masks, no contact.
      const candidates = mine.getByTestId('phone-aid-candidates');
      await candidates.getByText('医用口罩现货').waitFor();
      assert.ok(!(await candidates.innerText()).includes(SUPPLIER_MOBILE));
      // Nothing of the page runs past the phone's width.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= 390, `page ${overflow}px wide`);
      assert.ok(await form.isVisible());
    });
    await context.close();
  });

  it('staff connect a supply to a need, both contacts accept on the phone, the outcome is recorded', async () => {
    const staff = await platform.newPage();
    let matchUrl = '';
    await screenshotOnFailure(staff, 'aid-staff', async () => {
      await signInThroughPage(staff, 'staff', DEMO_PASSWORD);
      await staff.getByTestId('app-layout').waitFor();
      await staff.goto('/aid?q=齿轮厂');
      await staff.getByTestId(`aid-candidates-${demandId}`).click();
      await staff.getByTestId(`aid-broker-${supplyId}`).click();
      await staff.waitForURL(/\/aid\/matches\/[0-9a-f-]+$/);
      matchUrl = new URL(staff.url()).pathname;
      await staff.getByTestId('aid-match-state').getByText('待双方确认').waitFor();
      assert.ok(!(await staff.getByTestId('aid-match').innerText()).includes(SUPPLIER_MOBILE));
    });

    const first = await acceptOnPhone('member');
    assert.ok(!first.includes(SUPPLIER_MOBILE), `masked until both accept: ${first}`);
    const second = await acceptOnPhone('supplier');
    assert.ok(second.includes(MEMBER_MOBILE), `the supplier sees the need's contact: ${second}`);

    // The masks delivered in 防疫物资 so far (the demo delivered some): the figures must add 20,000 个.
    const masks = async () => {
      const { t } = platform;
      const response = await t.request({
        method: 'GET',
        url: '/api/aid/stats',
        cookie: await t.sessionFor(await t.userId('staff')),
      });
      const stats = response.json() as AidStats;
      const row = stats.categories.find((item) => item.category === 'epidemic');
      return row?.delivered.find((item) => item.unit === '个')?.quantity ?? 0;
    };
    const before = await masks();
    await screenshotOnFailure(staff, 'aid-fulfil', async () => {
      await staff.goto(matchUrl);
      await staff.getByTestId('aid-contact-supply').getByText(SUPPLIER_MOBILE, { exact: false }).waitFor();
      await staff.getByTestId('aid-action-fulfil').click();
      await staff.getByTestId('aid-fulfil-quantity').fill('20000');
      await staff.getByTestId('aid-fulfil-submit').click();
      await staff.getByTestId('aid-delivered').getByText('20000 个', { exact: false }).waitFor();
      await staff.getByTestId('aid-match-state').getByText('对接完成').waitFor();
      await staff.goto('/aid');
      await staff
        .getByTestId('aid-figures')
        .getByText(`${before + 20000} 个`, { exact: false })
        .first()
        .waitFor();
    });
    assert.equal(await masks(), before + 20000);
  });
});
