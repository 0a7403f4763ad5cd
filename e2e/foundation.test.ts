// Browser journeys of the foundation: staff in Chinese and English, the auditor finding that login, a
// chamber secretary kept out of the users page, the forced change of an initial password, the roles page in
// words and the image challenge after failed sign-ins.
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
      await table.getByText('登录', { exact: true }).first().waitFor();
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

  it('the roles page shows permissions by group and name, with what each allows — not codes', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'roles-in-words', async () => {
      await signInThroughPage(page, 'secadmin', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto('/roles');
      const table = page.getByTestId('roles-table');
      await table.waitFor();
      // A role's row by its name cell: descriptions of permissions may name a role too (捐赠 … 工商联机关干部确认).
      const roleRow = (name: string) =>
        table.locator('tr').filter({ has: page.getByTestId('role-name').getByText(name, { exact: true }) });
      const head = roleRow('职能部门负责人');
      await head.getByText('本部门办理情况').first().waitFor();
      await head.getByText('查看转办到本部门的诉求数量').first().waitFor();
      const staff = roleRow('工商联机关干部');
      for (const group of ['名册', '服务闭环', '看板与报告'])
        await staff.getByText(group, { exact: true }).waitFor();
      await staff.getByText('配置快捷通道', { exact: true }).waitFor();
      // No permission code is the main text of a permission.
      const items = await table.getByTestId('permission-item').locator('strong').allTextContents();
      assert.ok(items.length > 20);
      assert.deepEqual(
        items.filter((text) => /^[a-zA-Z]+\.[a-zA-Z]+$/.test(text)),
        [],
      );
    });
  });

  it('after three failed sign-ins the login page shows an image challenge and accepts its answer', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'login-challenge', async () => {
      for (let i = 0; i < 3; i++) {
        await signInThroughPage(page, 'leader', 'Wrong-password-42');
        await page.getByRole('alert').getByText('用户名或密码错误').waitFor();
      }
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-submit').click();
      await page.getByRole('alert').getByText('验证码').waitFor();
      const image = page.getByTestId('login-challenge-image');
      await image.waitFor();
      assert.match((await image.getAttribute('src')) ?? '', /^data:image\/png;base64,/);
      // A wrong answer: refused, and a new image is drawn.
      const first = await image.getAttribute('src');
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-challenge-answer').fill('00000');
      await page.getByTestId('login-submit').click();
      await page.getByRole('alert').getByText('验证码不正确').waitFor();
      await page.waitForFunction(
        (before) =>
          document.querySelector('[data-testid="login-challenge-image"]')?.getAttribute('src') !== before,
        first,
      );
      // The person reads the digits off the image; the test reads them where the server keeps them.
      const { rows } = await platform.t.database.pool.query<{ answer: string }>(
        'SELECT answer FROM login_challenges ORDER BY created_at DESC LIMIT 1',
      );
      await page.getByTestId('login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('login-challenge-answer').fill(rows[0]!.answer);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('app-layout').waitFor();
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
