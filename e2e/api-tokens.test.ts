// 接口令牌 as the security administrator meets them (issue 10 item 8): issue a token for a city platform on
// the roles and security page, read its secret once, call the API with it, revoke it, and see the call; the
// API reference at /api/docs renders from the app's own files, with no request leaving it.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  overlaySettled,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
  type Platform,
} from './harness.ts';

describe('API tokens journey', { timeout: 180_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it('secadmin issues a token, it works, it is revoked and stops at once; /api/docs renders offline', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'api-tokens', async () => {
      await signInThroughPage(page, 'secadmin', DEMO_PASSWORD);
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.goto('/roles?tab=tokens');
      const table = page.getByTestId('api-tokens-table');
      await table.getByText('12345热线（示例）').waitFor();

      await page.getByRole('button', { name: '签发令牌' }).click();
      const dialog = page.locator('.ant-modal').filter({ hasText: '签发令牌' });
      await dialog.getByLabel('名称').fill('城市平台');
      await dialog.getByLabel('范围').click();
      await overlaySettled(page, '.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: '示例区工商联' }).click();
      await page.getByTestId('api-token-issue-ok').click();
      const secret = (await page.getByTestId('api-token-secret').innerText()).trim();
      assert.match(secret, /^qqt_/);
      // The secret's dialog done opening: a click during its animation was not taken and it stayed over the
      // table (CI).
      const shown = page.locator('.ant-modal').filter({ has: page.getByTestId('api-token-secret') });
      await page.waitForFunction(
        (element) => !!element && !/-(appear|enter)(-|\b)/.test(element.className),
        await shown.elementHandle(),
      );
      await shown.getByRole('button', { name: '我已保存' }).click();
      await shown.waitFor({ state: 'hidden' });
      await table.getByText('城市平台').waitFor();

      const call = (url: string) =>
        fetch(`${platform.baseUrl}${url}`, { headers: { authorization: `Bearer ${secret}` } });
      assert.equal((await call('/api/auth/me')).status, 200);

      await table.getByTestId('api-token-revoke-城市平台').click();
      await overlaySettled(page, '.ant-popconfirm');
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /确\s*定|OK/ })
        .click();
      await table.locator('tr', { hasText: '城市平台' }).getByText('已吊销').waitFor();
      assert.equal((await call('/api/auth/me')).status, 401);

      const outside: string[] = [];
      page.on('request', (request) => {
        if (!request.url().startsWith(platform.baseUrl)) outside.push(request.url());
      });
      await page.goto('/api/docs/');
      await page
        .locator('.swagger-ui .opblock-summary-path', { hasText: '/api/hotline/appeals' })
        .first()
        .waitFor();
      await page.locator('.swagger-ui .authorize').first().waitFor();
      assert.deepEqual(outside, []);
    });
  });
});
