// Enterprise accounts by invitation (issue 10 item 1): a chamber secretary invites the chamber's members in a
// batch and prints the letters; then, on a 390-px phone, a contact opens one letter's link, accepts it and
// signs in with their mobile number.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  overlaySettled,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
  type Platform,
} from './harness.ts';

const PASSWORD = 'Harbour-Lantern-2048';
const MOBILE = '13655556666';

describe('invitations journey', { timeout: 180_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it('a secretary invites the chamber and prints letters; a contact accepts on a phone and signs in', async () => {
    const page = await platform.newPage();
    let link = '';
    await screenshotOnFailure(page, 'invitations-batch', async () => {
      await signInThroughPage(page, 'secretary', DEMO_PASSWORD);
      await page.getByTestId('page-title').waitFor();
      await page.goto('/invitations?tab=batch');
      await page.getByTestId('batch-chamber').click();
      await overlaySettled(page, '.ant-select-dropdown');
      await page.locator('.ant-select-dropdown').getByText('东湖街道商会', { exact: true }).click();
      await page.getByRole('button', { name: '邀请全部会员企业' }).click();
      await page.getByTestId('batch-done').waitFor({ timeout: 60_000 });
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('print-letters').click(),
      ]);
      assert.match(download.suggestedFilename(), /邀请函\.docx$/);
      const stream = await download.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const zip = await JSZip.loadAsync(Buffer.concat(chunks));
      const xml = await zip.file('word/document.xml')!.async('string');
      link = /链接：(\S+?\/invite\/[3-9A-Y]{16})/.exec(xml)?.[1] ?? '';
      assert.ok(link, 'the letter carries the link');
      await page.goto('/invitations');
      await page.getByTestId('invitation-state').first().waitFor();
    });

    const context = await platform.browser.newContext({
      baseURL: platform.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    await context.clock.install({ time: platform.t.ctx.clock.now() });
    const phone = await context.newPage();
    await screenshotOnFailure(phone, 'invitations-accept', async () => {
      await phone.goto(new URL(link).pathname);
      await phone.getByLabel('姓名').fill('赵丽');
      await phone.getByLabel('手机号').fill('1365555666');
      await phone.getByLabel('设置密码').fill(PASSWORD);
      await phone.getByRole('button', { name: '开通账号' }).tap();
      await phone.getByText('手机号码应为 11 位数字').waitFor();
      await phone.getByLabel('手机号').fill(MOBILE);
      await phone.getByRole('button', { name: '开通账号' }).tap();
      await phone.getByText(`请用手机号 ${MOBILE} 和刚设置的密码登录`).waitFor();
      const sideways = await phone.evaluate('document.documentElement.scrollWidth - window.innerWidth');
      assert.ok(Number(sideways) <= 0, `the accept page scrolls sideways by ${String(sideways)} px`);
      await phone.getByTestId('go-sign-in').tap();
      await phone.getByTestId('phone-login-username').fill(MOBILE);
      await phone.getByTestId('phone-login-password').fill(PASSWORD);
      await phone.getByTestId('phone-login-submit').tap();
      await phone.waitForURL((url) => !url.pathname.startsWith('/m/login'));
      const me = await phone.evaluate("fetch('/api/auth/me').then((r) => r.json())");
      assert.deepEqual((me as { user: { roles: string[] } }).user.roles, ['enterprise_contact']);
    });
    await context.close();
  });
});
