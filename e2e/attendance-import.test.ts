// Browser journey of an online session's attendance and an event's links (issue 16): staff open a district
// lecture with an online session and two registrations, go to 导入签到名单, download the template, upload the
// meeting's list, read the preview (matched, walk-in, a refused row), confirm, and find 3 人次 on the event;
// they link the event to a published policy and see it on the event and, as a 解读会, on the policy's page;
// a chamber's page flags its month without an activity, and a person's page shows their honours.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { EventView } from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import { workbookOf } from '../apps/server/src/test/workbooks.ts';
import { DEMO_BRIEFING_POLICIES, DEMO_DUTY_GAP_CHAMBER } from '../apps/server/src/demo/events-demo.ts';
import {
  chooseOption,
  dialogOpened,
  type Platform,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
} from './harness.ts';

const TITLE = '线上“两个健康”宣讲';
const POLICY = DEMO_BRIEFING_POLICIES[0];

describe('attendance import and event links journey', { timeout: 120_000 }, () => {
  let platform: Platform;
  let event: EventView;

  before(async () => {
    platform = await startPlatform();
    const { t } = platform;
    const cookie = await t.sessionFor(await t.userId('staff'));
    const created = await t.request({
      method: 'POST',
      url: '/api/events',
      cookie,
      body: {
        title: TITLE,
        kind: 'lecture',
        sessions: [
          {
            startsAt: '2026-11-27T15:00:00+08:00',
            endsAt: '2026-11-27T16:30:00+08:00',
            onlineUrl: 'https://meeting.example.cn/j/2026',
          },
        ],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    event = (created.json() as { event: EventView }).event;
    for (const body of [
      { personName: '线上赵', mobile: '13900000291' },
      { personName: '线上钱', mobile: '13900000292' },
    ]) {
      const registered = await t.request({
        method: 'POST',
        url: `/api/events/${event.id}/registrations`,
        cookie,
        body,
      });
      assert.equal(registered.statusCode, 201, registered.body);
    }
  });
  after(() => platform?.close());

  it('imports a meeting’s list through its preview, links a policy, and shows duty and honours where they belong', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'attendance-import', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto(`/events/${event.id}`);
      await page.getByTestId('event-attendance-import').click();
      await page.waitForURL(/\/attendance-import/);
      await page.getByTestId('page-title').getByText(TITLE).waitFor();

      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('import-template').click(),
      ]);
      assert.match(download.suggestedFilename(), /签到名单导入模板\.xlsx$/);

      const list = await workbookOf(
        ['姓名', '手机号码', '单位'],
        [
          ['线上赵', '13900000291', '某科技公司'],
          ['线上钱', '13900000292', null],
          ['旁听孙', '13900000293', null],
          ['号码错', '1390000', null],
        ],
      );
      await page
        .locator('input[type=file]')
        .setInputFiles({ name: '参会名单.xlsx', mimeType: 'application/octet-stream', buffer: list });
      await page.getByTestId('import-check').click();
      await page.getByTestId('import-row-线上赵').getByText('匹配报名').waitFor();
      await page.getByTestId('import-row-旁听孙').getByText('未报名，按现场参加').waitFor();
      await page.getByTestId('import-rejected').getByText('手机号码应为 11 位数字，以 1 开头').waitFor();
      await page.getByTestId('import-confirm').click();
      await page.getByTestId('import-done').waitFor();
      await page.getByTestId('import-done').getByRole('button', { name: '返回活动' }).click();
      await page.waitForURL(new RegExp(`/events/${event.id}$`));
      await page.getByTestId('event-person-times').getByText('3', { exact: true }).waitFor();
      await page.getByTestId('session-1-attendance').getByText('3', { exact: true }).waitFor();
    });

    await screenshotOnFailure(page, 'event-links', async () => {
      await page.getByTestId('event-links-edit').click();
      await dialogOpened(page);
      await chooseOption(
        page,
        page.locator('.ant-modal').getByTestId('event-policies'),
        POLICY,
        POLICY.slice(0, 6),
      );
      // Close the choices (a click on the title; Escape would close the dialog too).
      await page.locator('.ant-modal-title').click();
      await page.getByTestId('event-links-save').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await page.getByTestId('event-policies-linked').getByText(POLICY).click();
      await page.waitForURL(/\/policies\/[0-9a-f-]{36}$/);
      await page.getByTestId('linked-events').getByText(TITLE).waitFor();
    });

    await screenshotOnFailure(page, 'chamber-duty-and-honours', async () => {
      const { rows } = await platform.t.database.pool.query<{ chamber: string; person: string }>(
        `SELECT (SELECT id FROM org_units WHERE name = $1) AS chamber,
                (SELECT person_id FROM honours WHERE person_id IS NOT NULL ORDER BY holder_name LIMIT 1) AS person`,
        [DEMO_DUTY_GAP_CHAMBER],
      );
      await page.goto(`/chambers/${rows[0]!.chamber}`);
      await page.getByTestId('chamber-duty').waitFor();
      // The demo's chamber let the month two months before this one pass (the test clock is in November).
      assert.equal(await page.getByTestId('chamber-duty-9').getAttribute('data-state'), 'missed');
      await page.getByTestId('chamber-duty-missed').getByText('9月').waitFor();
      await page.goto(`/people/${rows[0]!.person}`);
      await page.getByTestId('holder-honours').waitFor();
    });
  });
});
