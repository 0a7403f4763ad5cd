// Browser journey of 服务包 (issue 13, item 6): staff write a package of services, publish it and hand it to
// the demo contact's enterprise, the dialog showing the recipient count, and see it among the holders; the
// enterprise contact (390 px phone) finds it under 我的服务包.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  chooseOption,
  dialogOpened,
  type Platform,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
} from './harness.ts';

const NAME = '青年企业家专属服务包（旅程）';
const SERVICE = '知识产权保护咨询一次';
const PHONE = { width: 390, height: 844 };

describe('service packages journey', { timeout: 180_000 }, () => {
  let platform: Platform;
  let memberName = '';

  before(async () => {
    platform = await startPlatform();
    const { rows } = await platform.t.database.pool.query<{ name: string }>(
      `SELECT e.name FROM users u JOIN enterprises e ON e.id = u.enterprise_id WHERE u.username = 'member'`,
    );
    memberName = rows[0]!.name;
  });
  after(() => platform?.close());

  it('staff write, publish and hand out a package; the contact sees it on a phone', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'packages-staff', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto('/service-packages');
      await page.getByTestId('package-create').click();
      await page.getByTestId('package-form').waitFor();
      await page.getByTestId('package-name').fill(NAME);
      await page.getByTestId('package-item-service').first().fill(SERVICE);
      await page.getByTestId('package-save').click();
      await page.waitForURL(/\/service-packages\/[0-9a-f-]{36}$/);
      await page.getByTestId('package-items').getByText(SERVICE).waitFor();

      await page.getByTestId('package-publish').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await page.getByTestId('package-hand-out').click();
      await dialogOpened(page);
      await chooseOption(page, page.getByTestId('event-invitees'), memberName, memberName.slice(0, 4));
      await page.locator('.ant-modal-title').click();
      await page
        .getByTestId('package-hand-out-count')
        .getByText(/将新发放给 1 家企业（另有 0 家已持有）/)
        .waitFor();
      await page.getByTestId('package-hand-out-confirm').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await page.getByTestId('package-holders').getByText(memberName).waitFor();
    });

    const phoneContext = await platform.browser.newContext({
      baseURL: platform.baseUrl,
      locale: 'zh-CN',
      viewport: PHONE,
      isMobile: true,
      hasTouch: true,
    });
    const phone = await phoneContext.newPage();
    phone.setDefaultTimeout(15_000);
    await screenshotOnFailure(phone, 'packages-phone', async () => {
      await phone.goto('/m/packages');
      await phone.getByTestId('phone-login-username').fill('member');
      await phone.getByTestId('phone-login-password').fill(DEMO_PASSWORD);
      await phone.getByTestId('phone-login-submit').tap();
      await phone.waitForURL(/\/m\/packages$/);
      const item = phone.getByTestId('phone-package').filter({ hasText: NAME });
      await item.getByText(SERVICE).waitFor();
      const width = (await phone.evaluate('document.documentElement.scrollWidth')) as number;
      assert.ok(width <= PHONE.width, `the list is ${width} px wide`);
    });
    await phoneContext.close();
  });
});
