// Browser journeys of the foundation: staff in Chinese and English, the auditor finding that login, a
// chamber secretary kept out of the users page, and the forced change of an initial password.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, orgUnitId, createAccount } from '../apps/server/src/test/harness.ts';
import {
  overlaySettled,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
  type Platform,
} from './harness.ts';

describe('foundation journeys', { timeout: 180_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it('staff signs in, sees the layout in Chinese, switches to English, signs out', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'staff-language', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      const menu = page.getByTestId('side-menu');
      await menu.getByText('工作台').waitFor();
      assert.equal(await menu.getByText('用户管理').count(), 0, 'staff has no users page in the menu');
      await page.getByText('王晓燕').first().waitFor();

      await page.getByTestId('lang-switch').click();
      await menu.getByText('Workbench').or(menu.getByText('Home')).first().waitFor();
      assert.equal(await menu.getByText('工作台').count(), 0);
      // The choice is remembered across a reload.
      await page.reload();
      await page.getByTestId('app-layout').waitFor();
      assert.equal(await page.evaluate(() => globalThis.localStorage.getItem('qinqing.lang')), 'en-US');
      assert.equal(await page.getByTestId('side-menu').getByText('工作台').count(), 0);

      await page.getByTestId('user-menu').click();
      await overlaySettled(page, '.ant-dropdown:not(.ant-dropdown-hidden)');
      await page.getByTestId('logout').click();
      await page.getByTestId('login-username').waitFor();
      const me = await page.evaluate(async () => (await fetch('/api/auth/me')).status);
      assert.equal(me, 401, 'the session is gone on the server');
    });
  });

  it('the audit administrator finds that login in the audit log', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'auditor', async () => {
      await signInThroughPage(page, 'auditor', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.getByTestId('side-menu').getByText('审计日志').click();
      const table = page.getByTestId('audit-table');
      await table.waitFor();
      await table.getByText('staff').first().waitFor();
      await table.getByText('auth.login').first().waitFor();
    });
  });

  it('a chamber secretary cannot open the users page', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'secretary', async () => {
      await signInThroughPage(page, 'secretary', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      assert.equal(await page.getByTestId('side-menu').getByText('用户管理').count(), 0);
      await page.goto('/users');
      await page.getByTestId('page-forbidden').waitFor();
      const api = await page.evaluate(async () => (await fetch('/api/users')).status);
      assert.equal(api, 403);
    });
  });

  it('an account with an initial password must change it before using the platform', async () => {
    const unit = await orgUnitId(platform.t, '示例区工商联');
    await createAccount(platform.t, {
      username: 'newstaff',
      orgUnitId: unit,
      roles: ['federation_staff'],
      mustChangePassword: true,
    });
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'forced-change', async () => {
      await signInThroughPage(page, 'newstaff', DEMO_PASSWORD);
      await page.getByTestId('cp-current').waitFor();
      await page.getByTestId('cp-current').fill(DEMO_PASSWORD);
      await page.getByTestId('cp-new').fill('Morning-tea-at-nine-42');
      await page.getByTestId('cp-confirm').fill('Morning-tea-at-nine-42');
      await page.getByTestId('cp-submit').click();
      await page.getByTestId('app-layout').waitFor();
      await page.getByTestId('side-menu').getByText('工作台').waitFor();
    });
  });

  it('an unknown page shows the 404 page', async () => {
    const page = await platform.newPage();
    await signInThroughPage(page, 'staff', DEMO_PASSWORD);
    await page.getByTestId('app-layout').waitFor();
    await page.goto('/no-such-page');
    await page.getByTestId('page-not-found').waitFor();
  });
});
