// Per-federation settings and unrated appeals as people meet them (issue 10 items 4 and 6): the district's
// staff see the calendar warning (2027 missing on the test clock) and their categories as own, overriding or
// inherited, and override one at their level; an appeal nobody rated reads 未评价办结; the system
// administrator loads a faulty notice file and is told what to fix, line by line.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  dialogOpened,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
  type Platform,
} from './harness.ts';

const SHOTS = process.env.QINQING_E2E_SHOTS;

describe('federation settings journeys', { timeout: 180_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it('staff: the calendar warning, the categories of their level, an override, an appeal closed unrated', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'federation-settings-staff', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('calendar-missing-banner').getByText('2027 年工作日历尚未录入').waitFor();

      await page.goto('/channels?tab=categories');
      await page.getByTestId('categories-level').getByText('示例区工商联').waitFor();
      const table = page.getByTestId('categories-table');
      const policy = table.locator('tr', { hasText: 'policy' });
      await policy.getByText('本级覆盖上级').waitFor();
      const rent = table.locator('tr', { hasText: 'rent' });
      await rent.getByText('继承自示例市工商联').waitFor();
      await rent.getByRole('button', { name: '在本级覆盖' }).click();
      await dialogOpened(page);
      const resolve = page.locator('.ant-modal').getByLabel('默认办结时限（工作日）');
      await resolve.fill('12');
      await page.getByTestId('category-save').click();
      await rent.getByText('本级覆盖上级').waitFor();
      await rent.getByText('12', { exact: true }).waitFor();
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'categories.png'), fullPage: true });

      await page.goto('/appeals?q=商铺租金缓缴协调');
      await page.getByText('商铺租金缓缴协调').first().click();
      await page.getByTestId('appeal-closed-unrated').getByText('未评价办结').waitFor();
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'appeal-unrated.png'), fullPage: true });
    });
  });

  // hardening (issue 12 item 2): a channel's robot URL is write-only in the page too.
  it('staff set a channel’s robot: its URL (with the key) is never shown again, and a later save keeps it', async () => {
    const page = await platform.newPage();
    const key = 'e2e-robot-key-0815';
    await screenshotOnFailure(page, 'federation-settings-robot', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.goto('/channels');
      const row = page.getByTestId('channels-table').locator('tr', { hasText: '人力资源社会保障局' });
      const edit = async () => {
        await row.getByTestId('channel-edit').click();
        await dialogOpened(page);
      };
      await edit();
      await page
        .locator('.ant-modal')
        .getByLabel('群机器人回调')
        .fill(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`);
      await page.getByTestId('channel-save').click();
      await row.getByText('已配置').waitFor();
      await edit();
      const field = page.locator('.ant-modal').getByLabel('群机器人回调');
      assert.equal(await field.inputValue(), '');
      assert.match((await field.getAttribute('placeholder')) ?? '', /已设置（qyapi\.weixin\.qq\.com）/);
      await page.getByTestId('channel-save').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await row.getByText('已配置').waitFor();
      assert.ok(!(await page.content()).includes(key));
    });
  });

  it('the system administrator loads a faulty notice and reads what to fix; nothing is loaded', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'federation-settings-calendar', async () => {
      await signInThroughPage(page, 'sysadmin', DEMO_PASSWORD);
      await page.getByTestId('calendar-missing-banner').waitFor();
      await page.goto('/calendar?year=2027');
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'notice-')), '2027.json');
      fs.writeFileSync(
        file,
        JSON.stringify({
          year: 2027,
          title: '测试',
          holidays: [{ name: '元旦', from: '2027-01-01', to: '2027-01-03', workdays: ['2027-01-04'] }],
        }),
      );
      await page.locator('input[type=file]').setInputFiles(file);
      const problems = page.getByTestId('calendar-notice-problems');
      await problems.getByText('holidays.0.workdays.0').waitFor();
      assert.match(await problems.innerText(), /调休上班日只能是周六或周日/);
      await page.getByTestId('calendar-not-configured').waitFor();
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'calendar.png'), fullPage: true });
    });
  });
});
