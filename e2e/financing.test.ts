// Browser journey of 融资对接 (issue 14): an enterprise contact states a need with consent on the phone; the
// chamber secretary vouches for it; staff vet it and send it to both partner banks; one bank's account
// manager approves and grants it; the other bank's manager never sees that answer; the dashboard's financing
// card shows the loan and its amount (the registry's financing.granted and financing.grantedAmount). A second
// journey: staff make a program (专项), recommend an enterprise into its list and record its loan.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { fenToYuan, groupedYuan } from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  chooseOption,
  dialogOpened,
  pickEnterprise,
  type Platform,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
} from './harness.ts';

const PURPOSE = '旺季备货，补充流动资金（旅程）';

describe('financing journey', { timeout: 240_000 }, () => {
  let platform: Platform;

  const measures = async () => {
    const cookie = await platform.t.sessionFor(await platform.t.userId('leader'));
    const response = await platform.t.request({
      url: '/api/measures/values?ids=financing.granted,financing.grantedAmount',
      cookie,
    });
    const items = (response.json() as { items: { id: string; value: number }[] }).items;
    return Object.fromEntries(items.map((item) => [item.id, item.value])) as Record<string, number>;
  };

  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  /** Signs in on the desktop and opens the need's page. */
  const openNeed = async (page: Page, username: string, id: string) => {
    await signInThroughPage(page, username, DEMO_PASSWORD);
    await page.getByTestId('app-layout').waitFor();
    await page.goto(`/financing/needs/${id}`);
    await page.getByTestId('need-detail').waitFor();
  };
  /** Takes an action on the need's page, filling its dialog when it has one. */
  const act = async (
    page: Page,
    action: string,
    fill?: (dialog: ReturnType<Page['locator']>) => Promise<void>,
  ) => {
    const before = await page.getByTestId('need-timeline').locator('.ant-timeline-item').count();
    await page.getByTestId(`need-action-${action}`).click();
    if (fill) {
      await dialogOpened(page);
      const dialog = page.locator('.ant-modal');
      await fill(dialog);
      await page.getByTestId('need-action-submit').click();
      await dialog.waitFor({ state: 'hidden' });
    }
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="need-timeline"] .ant-timeline-item').length > count,
      before,
    );
  };

  it('from the phone to two banks, a loan granted by one, unseen by the other, counted on the dashboard', async () => {
    const before = await measures();

    // The enterprise contact states the need on the phone, with consent.
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
    await screenshotOnFailure(contact, 'financing-phone', async () => {
      await contact.goto('/m/financing');
      await contact.getByTestId('phone-login-username').fill('member');
      await contact.getByTestId('phone-login-password').fill(DEMO_PASSWORD);
      await contact.getByTestId('phone-login-submit').tap();
      await contact.getByTestId('phone-need-form').waitFor();
      await contact.getByTestId('phone-need-amount').fill('2000000');
      await contact.getByTestId('phone-need-term').fill('12');
      await contact.getByTestId('phone-need-purpose').fill(PURPOSE);
      await contact.getByTestId('phone-need-consent').tap();
      await contact.getByTestId('phone-need-submit').tap();
      await contact.getByTestId('phone-needs').getByText(PURPOSE, { exact: false }).waitFor();
    });
    await phone.close();
    const { rows } = await platform.t.database.pool.query<{ id: string; consent: boolean }>(
      'SELECT id, consent FROM financing_needs WHERE purpose = $1',
      [PURPOSE],
    );
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.consent, true);
    const id = rows[0]!.id;

    // The chamber secretary vouches for it.
    const secretary = await platform.newPage();
    await screenshotOnFailure(secretary, 'financing-secretary', async () => {
      await openNeed(secretary, 'secretary', id);
      await act(secretary, 'vouch', (dialog) =>
        dialog.getByTestId('action-note').fill('会员企业订单充足，商会推荐'),
      );
      await secretary.getByText('会员企业订单充足，商会推荐').first().waitFor();
    });
    await secretary.context().close();

    // Staff vet it and send it to both banks.
    const staff = await platform.newPage();
    await screenshotOnFailure(staff, 'financing-staff', async () => {
      await openNeed(staff, 'staff', id);
      await act(staff, 'vet');
      await act(staff, 'send', async (dialog) => {
        await dialog.getByText('建设银行示例支行').click();
        await dialog.getByText('交通银行示例支行').click();
      });
      await staff.getByTestId('need-banks').getByText('交通银行示例支行').waitFor();
    });
    await staff.context().close();

    // One bank approves and grants.
    const banker = await platform.newPage();
    await screenshotOnFailure(banker, 'financing-banker', async () => {
      await openNeed(banker, 'banker', id);
      await act(banker, 'approve', async (dialog) => {
        await dialog.getByTestId('action-amount').fill('1800000');
        await dialog.getByTestId('action-rate').fill('3.65');
      });
      await act(banker, 'grant', (dialog) => dialog.getByTestId('action-amount').fill('1800000'));
      await banker.getByTestId('need-granted').getByText('1,800,000.00 元').waitFor();
    });
    await banker.context().close();

    // The other bank sees its own row only: nothing of the first bank's answer.
    const banker2 = await platform.newPage();
    await screenshotOnFailure(banker2, 'financing-banker2', async () => {
      await openNeed(banker2, 'banker2', id);
      await banker2.getByTestId('need-banks').getByText('交通银行示例支行').waitFor();
      const text = await banker2.getByTestId('need-detail').innerText();
      assert.ok(!text.includes('建设银行'), 'banker2 never sees the other bank');
      assert.ok(!text.includes('1,800,000.00'), 'nor its loan');
      assert.ok(!text.includes('3.65'), 'nor its rate');
    });
    await banker2.context().close();

    // The dashboard's financing card counts the loan.
    const after = await measures();
    assert.equal(after['financing.granted']! - before['financing.granted']!, 1);
    assert.equal(after['financing.grantedAmount']! - before['financing.grantedAmount']!, 180_000_000);
    const leader = await platform.newPage();
    await screenshotOnFailure(leader, 'financing-dashboard', async () => {
      await signInThroughPage(leader, 'leader', DEMO_PASSWORD);
      await leader.getByTestId('app-layout').waitFor();
      await leader.goto('/dashboard');
      await leader
        .getByTestId('financing-financing.granted')
        .getByText(String(after['financing.granted']), { exact: true })
        .waitFor();
      await leader
        .getByTestId('financing-financing.grantedAmount')
        .getByText(`${groupedYuan(fenToYuan(BigInt(after['financing.grantedAmount']!)))} 元`)
        .waitFor();
    });
  });

  it('staff make a program, recommend an enterprise into it and record its outcome', async () => {
    const { rows } = await platform.t.database.pool.query<{ name: string }>(
      `SELECT e.name FROM enterprises e JOIN users u ON u.username = 'member' AND u.enterprise_id = e.id`,
    );
    const enterprise = rows[0]!.name;
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'financing-program', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto('/financing');
      await page.getByTestId('financing-programs').click();
      await page.getByTestId('program-add').click();
      await dialogOpened(page);
      const dialog = page.locator('.ant-modal');
      await dialog.getByTestId('program-name').fill('稳岗贷（旅程）');
      const starts = dialog.locator('.ant-picker input').first();
      await starts.click();
      await starts.fill('2026-01-01');
      await starts.press('Enter');
      await page.getByTestId('program-save').click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByTestId('programs').getByText('稳岗贷（旅程）').click();
      await page.locator('.ant-drawer').getByTestId('program-entries').waitFor();
      await page.getByTestId('program-recommend').click();
      await dialogOpened(page);
      const entry = page.locator('.ant-modal');
      await pickEnterprise(page, entry, enterprise);
      await chooseOption(page, entry.locator('.ant-select').nth(1), '已获贷款');
      await entry.locator('input[inputmode="decimal"]').fill('2000000');
      await page.getByTestId('program-entry-save').click();
      await entry.waitFor({ state: 'hidden' });
      const entries = page.getByTestId('program-entries');
      await entries.getByText(enterprise).waitFor();
      await entries.getByText('已获贷款').waitFor();
      await entries.getByText('2,000,000.00', { exact: false }).waitFor();
    });
  });
});
