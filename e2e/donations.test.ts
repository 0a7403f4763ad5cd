// Browser journey of 捐赠 (issue 15): staff create a campaign, record a directed cash donation and a
// donation of goods (its items with quantity and value) on it, confirm both; the campaign shows the totals
// and the directed share; the dashboard's social-responsibility card shows the new total — the registry's
// donations.amount, 25,000.00 yuan more than before.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fenToYuan, groupedYuan } from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  dialogOpened,
  pickEnterprise,
  type Platform,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
} from './harness.ts';

const CAMPAIGN = '岁末送温暖专项捐赠';
const RECIPIENT = '东湖街道社区卫生服务中心';

describe('donations journey', { timeout: 240_000 }, () => {
  let platform: Platform;
  let givers: string[];

  /** donations.amount of the staff's district for this quarter, as the dashboard reads it by default. */
  const donatedFen = async () => {
    const cookie = await platform.t.sessionFor(await platform.t.userId('staff'));
    const response = await platform.t.request({ url: '/api/measures/values?ids=donations.amount', cookie });
    return (response.json() as { items: { value: number }[] }).items[0]!.value;
  };

  before(async () => {
    platform = await startPlatform();
    const { rows } = await platform.t.database.pool.query<{ name: string }>(
      `SELECT e.name FROM chamber_memberships m JOIN enterprises e ON e.id = m.enterprise_id
         JOIN org_units c ON c.id = m.chamber_id WHERE c.name = '东湖街道商会' ORDER BY e.name LIMIT 2`,
    );
    givers = rows.map((row) => row.name);
  });
  after(() => platform?.close());

  it('staff record and confirm a directed cash and a goods donation; the campaign and the dashboard count them', async () => {
    const before = await donatedFen();
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'donations-staff', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto('/donations?tab=campaigns');
      await page.getByTestId('campaign-create').click();
      await dialogOpened(page);
      await page.getByTestId('campaign-name').fill(CAMPAIGN);
      await page.getByTestId('campaign-submit').click();
      await page.waitForURL(/\/campaigns\/[0-9a-f-]+$/);
      await page.getByText(CAMPAIGN).first().waitFor();

      // A directed cash donation.
      await page.getByTestId('donation-record').click();
      await dialogOpened(page);
      let dialog = page.locator('.ant-modal');
      await pickEnterprise(page, page.locator('.ant-modal'), givers[0]!);
      await dialog.getByTestId('donation-amount-input').fill('20000');
      await dialog.getByTestId('donation-directed').click();
      await dialog.getByTestId('donation-directed-to').fill('甘肃省示例县');
      await page.getByTestId('donation-submit').click();
      await dialog.waitFor({ state: 'hidden' });

      // A donation of goods: its items, the value their sum.
      await page.getByTestId('donation-record').click();
      await dialogOpened(page);
      dialog = page.locator('.ant-modal');
      await pickEnterprise(page, page.locator('.ant-modal'), givers[1]!);
      await dialog.getByTestId('donation-kind').getByText('捐物').click();
      await dialog.getByTestId('item-name').fill('棉衣');
      await dialog.getByTestId('item-quantity').fill('100');
      await dialog.getByTestId('item-value').fill('5000');
      await page.getByTestId('donation-submit').click();
      await dialog.waitFor({ state: 'hidden' });

      await assertText(page, 'donations-confirmed', '已确认 0 笔，合计 0.00 元');
      for (const giver of givers) {
        await page.getByTestId('donations-table').getByRole('button', { name: giver }).click();
        const drawer = page.getByTestId('donation-drawer');
        await drawer.getByTestId('donation-confirm').click();
        await drawer.getByTestId('donation-state').filter({ hasText: '已确认' }).waitFor();
        await drawer.getByTestId('donation-letter').waitFor();
        await page.keyboard.press('Escape');
        await drawer.waitFor({ state: 'hidden' });
      }

      await assertText(page, 'donations-confirmed', '已确认 2 笔，合计 25,000.00 元');
      await page.getByTestId('campaign-confirmed').getByText('25,000.00 元').waitFor();
      await page.getByTestId('campaign-directed').getByText('20,000.00 元').waitFor();
      await page.getByTestId('campaign-directed-share').getByText('80.0%').waitFor();

      const after = await donatedFen();
      assert.equal(after - before, 2_500_000, 'the registry counts the two confirmed donations, in fen');
      await page.goto('/dashboard');
      const card = page.getByTestId('social-donations.amount');
      await card.getByText(`${groupedYuan(fenToYuan(BigInt(after)))} 元`).waitFor();
    });
  });
});

describe('donations from the phone', { timeout: 240_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it('an enterprise contact reports goods with evidence on the phone; staff see the photo and confirm', async () => {
    const { rows } = await platform.t.database.pool.query<{ id: string; name: string }>(
      `SELECT e.id, e.name FROM users u JOIN enterprises e ON e.id = u.enterprise_id WHERE u.username = 'member'`,
    );
    const enterprise = rows[0]!.name;
    const phone = await platform.browser.newContext({
      baseURL: platform.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await phone.clock.install({ time: platform.t.ctx.clock.now() });
    const contact = await phone.newPage();
    contact.setDefaultTimeout(15_000);
    let donationId = '';
    await screenshotOnFailure(contact, 'donations-phone', async () => {
      await contact.goto('/m/enterprise');
      await contact.getByTestId('phone-login-username').fill('member');
      await contact.getByTestId('phone-login-password').fill(DEMO_PASSWORD);
      await contact.getByTestId('phone-login-submit').tap();
      await contact.getByTestId('phone-donations-link').tap();
      const form = contact.getByTestId('phone-donation-form');
      await form.waitFor();
      await contact.getByTestId('phone-donation-kind').selectOption('goods');
      await contact.getByTestId('phone-donation-item-name-0').fill('医用口罩');
      await contact.getByTestId('phone-donation-item-quantity-0').fill('5000');
      await contact.getByTestId('phone-donation-item-value-0').fill('1200.50');
      await contact.getByTestId('phone-donation-recipient').fill(RECIPIENT);
      await contact.getByTestId('phone-donation-evidence').setInputFiles({
        name: '交接照片.png',
        mimeType: 'image/png',
        buffer: Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
      });
      const sideways = (await contact.evaluate(
        'document.documentElement.scrollWidth - window.innerWidth',
      )) as number;
      assert.ok(sideways <= 0, `the form fits 390 px (${sideways} px sideways)`);
      await contact.getByTestId('phone-donation-submit').tap();
      await contact.getByTestId('phone-toast').filter({ hasText: '已登记，待工商联确认' }).waitFor();
      const item = contact.getByTestId('phone-donations').locator('li').filter({ hasText: '1200.50' });
      await item.getByText('待工商联确认').waitFor();
      donationId = ((await item.getAttribute('data-testid')) ?? '').replace('phone-donation-', '');
    });

    const page = await platform.newPage();
    await screenshotOnFailure(page, 'donations-phone-staff', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      // The recipient is this journey's own: the search finds this donation only.
      await page.goto(`/donations?state=pledged&q=${encodeURIComponent(RECIPIENT)}`);
      await page.getByTestId('donations-table').getByRole('button', { name: enterprise }).click();
      const drawer = page.getByTestId('donation-drawer');
      await drawer.getByTestId('donation-amount').getByText('1,200.50').waitFor();
      await drawer.getByTestId('donation-evidence').getByText('交接照片.png').waitFor();
      await drawer.getByTestId('donation-confirm').click();
      await drawer.getByTestId('donation-state').filter({ hasText: '已确认' }).waitFor();
    });
    const { rows: stored } = await platform.t.database.pool.query<{ state: string; files: number }>(
      `SELECT d.state, (SELECT count(*)::int FROM donation_attachments a WHERE a.donation_id = d.id) AS files
         FROM donations d WHERE d.id = $1`,
      [donationId],
    );
    assert.deepEqual(stored[0], { state: 'received', files: 1 });

    await screenshotOnFailure(contact, 'donations-phone-after', async () => {
      await contact.reload();
      await contact.getByTestId(`phone-donation-${donationId}`).getByText('已确认到账').waitFor();
    });

    // Its own volunteers: one registered by staff for the enterprise shows on the phone, a party member.
    const staffCookie = await platform.t.sessionFor(await platform.t.userId('staff'));
    const registered = await platform.t.request({
      method: 'POST',
      url: '/api/volunteers',
      cookie: staffCookie,
      body: { enterpriseId: rows[0]!.id, name: '手机志愿者甲', partyMember: true, skills: ['急救'] },
    });
    assert.equal(registered.statusCode, 201, registered.body);
    await screenshotOnFailure(contact, 'volunteers-phone', async () => {
      await contact.goto('/m/enterprise');
      await contact.getByTestId('phone-volunteers-link').tap();
      const item = contact.getByTestId('phone-volunteers').locator('li').filter({ hasText: '手机志愿者甲' });
      await item.getByText('党员').waitFor();
      await item.getByText('急救').waitFor();
    });
    await phone.close();
  });
});

async function assertText(page: Page, testId: string, text: string): Promise<void> {
  const locator = page.getByTestId(testId);
  await locator.filter({ hasText: text }).waitFor();
  assert.equal((await locator.innerText()).trim(), text);
}
