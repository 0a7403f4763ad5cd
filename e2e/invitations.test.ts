// Enterprise accounts by invitation (issue 10 item 1): a chamber secretary invites the chamber's members in a
// batch and prints the letters; then, on a 390-px phone, a contact opens one letter's link, accepts it and
// signs in with their mobile number (and later with a code sent by text message); staff invites enterprises
// ticked in the list and issues a reset link.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import JSZip from 'jszip';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import { startSmsPeer, type SmsPeer } from '../apps/server/src/test/sms-peer.ts';
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
  let sms: SmsPeer;
  before(async () => {
    sms = await startSmsPeer();
    platform = await startPlatform({ env: sms.env });
  });
  after(async () => {
    await platform?.close();
    await sms?.close();
  });

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

  it('staff invites two enterprises ticked in the list, and issues a reset link to an opened account', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'invitations-selected', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('page-title').waitFor();
      await page.goto('/enterprises');
      const rows = page.getByTestId('enterprises-table').locator('tr.ant-table-row');
      await rows.first().waitFor();
      await rows.nth(0).locator('.ant-table-selection-column .ant-checkbox').click();
      await rows.nth(1).locator('.ant-table-selection-column .ant-checkbox').click();
      await page.getByTestId('invite-selected').getByText('邀请所选的 2 家企业').waitFor();
      await page.getByTestId('invite-selected').click();
      await page.waitForURL(/\/invitations\?tab=batch&batch=/);
      await page.getByTestId('batch-done').waitFor({ timeout: 60_000 });

      // The contact who accepted in the journey above forgot their password: staff hands them a new link.
      await page.goto('/invitations?tab=invitations');
      await page.getByTestId('invitation-state-filter').click();
      await page.locator('.ant-select-item-option[title="已使用"]').click();
      const account = page.getByTestId('invitation-account').first();
      await account.getByTestId('reset-link').click();
      const link = await page.getByTestId('invitation-link').textContent();
      assert.match(link ?? '', /\/set-password\/[A-Z0-9]+$/);
    });
  });

  it('the contact signs in on the phone with a code sent by text message', async () => {
    const context = await platform.browser.newContext({
      baseURL: platform.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const phone = await context.newPage();
    await screenshotOnFailure(phone, 'invitations-sms-login', async () => {
      await phone.goto('/m/login');
      await phone.getByTestId('phone-sms-mode').tap();
      await phone.getByTestId('phone-sms-mobile').fill(MOBILE);
      await phone.getByTestId('phone-sms-send').tap();
      await phone.getByText(`验证码已发送至 ${MOBILE}`).waitFor();
      const message = sms.messages.at(-1);
      assert.equal(message?.mobile, MOBILE);
      await phone.getByTestId('phone-sms-code').fill(message!.params.code!);
      await phone.getByTestId('phone-sms-submit').tap();
      await phone.waitForURL((url) => !url.pathname.startsWith('/m/login'));
      const me = await phone.evaluate("fetch('/api/auth/me').then((r) => r.json())");
      assert.equal((me as { user: { username: string } }).user.username, MOBILE);
    });
    await context.close();
  });
});
