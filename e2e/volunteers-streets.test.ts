// Browser journey of 志愿服务 and 小巷管家 (issue 15): the secretary of 东湖街道商会 records a volunteer activity
// and a member's hours on it (pending until staff confirm it), and staff see 东湖街道's coverage, adopt an
// alley for a member enterprise and watch the street's coverage move from 7 of 14 to 8 of 14.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
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

const ACTIVITY = '东湖社区义务理发';
/** A demo volunteer of a member of 东湖街道商会 (volunteers-demo.ts). */
const VOLUNTEER = '刘洋';
/** An alley of 东湖街道 the demo leaves unadopted. */
const ALLEY = '东湖北里二巷';

describe('volunteers and street adoption journey', { timeout: 180_000 }, () => {
  let platform: Platform;
  let street: string;
  let adopter: string;

  before(async () => {
    platform = await startPlatform();
    const { rows } = await platform.t.database.pool.query<{ street: string; adopter: string }>(
      `SELECT (SELECT id FROM org_units WHERE name = '东湖街道工商联') AS street,
              (SELECT e.name FROM chamber_memberships m JOIN enterprises e ON e.id = m.enterprise_id
                 JOIN org_units c ON c.id = m.chamber_id WHERE c.name = '东湖街道商会' ORDER BY e.name LIMIT 1) AS adopter`,
    );
    street = rows[0]!.street;
    adopter = rows[0]!.adopter;
  });
  after(() => platform?.close());

  it('the chamber secretary records a volunteer activity with hours', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'volunteers-secretary', async () => {
      await signInThroughPage(page, 'secretary', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto('/volunteers?tab=activities');
      await page.getByTestId('activity-create').click();
      await dialogOpened(page);
      await page.getByTestId('activity-title').fill(ACTIVITY);
      await page.getByTestId('activity-save').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });

      // The new activity opens in its drawer: record a volunteer's hours.
      await page.getByTestId('record-hours').click();
      await dialogOpened(page);
      const dialog = page.locator('.ant-modal');
      await chooseOption(page, dialog.getByTestId('hours-volunteer'), VOLUNTEER, VOLUNTEER);
      await dialog.getByTestId('hours-value').fill('2.5');
      await page.getByTestId('hours-save').click();
      await dialog.waitFor({ state: 'hidden' });

      await assertText(page, 'activity-hours', '2.5');
      await assertText(page, 'activity-person-times', '1');
      await assertText(page, 'activity-status', '待确认');
    });
    const { rows } = await platform.t.database.pool.query<{ minutes: number; status: string; org: string }>(
      `SELECT p.minutes_served AS minutes, a.status, o.name AS org FROM volunteer_activities a
         JOIN volunteer_participations p ON p.activity_id = a.id JOIN org_units o ON o.id = a.org_unit_id
        WHERE a.title = $1`,
      [ACTIVITY],
    );
    assert.deepEqual(rows, [{ minutes: 150, status: 'pending', org: '东湖街道商会' }]);
  });

  it('staff adopt an alley for a member and the street’s coverage moves', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'street-adoption-staff', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto('/street-adoption');
      await assertText(page, `coverage-${street}`, '50.0%');
      await page.getByTestId('street-link').filter({ hasText: '东湖街道工商联' }).click();
      await page.getByTestId(`adopt-${ALLEY}`).click();
      await dialogOpened(page);
      const dialog = page.locator('.ant-modal');
      await pickEnterprise(page, dialog, adopter);
      await page.getByTestId('adopt-save').click();
      await dialog.waitFor({ state: 'hidden' });

      await assertText(page, `coverage-${street}`, '57.1%');
      const row = page.locator('tr').filter({ hasText: ALLEY });
      assert.equal(await row.getByTestId('segment-adopter').innerText(), adopter);
      await page.reload();
      await assertText(page, `coverage-${street}`, '57.1%');
    });
  });
});

async function assertText(page: Page, testId: string, text: string): Promise<void> {
  const locator = page.getByTestId(testId);
  await locator.filter({ hasText: text }).waitFor();
  assert.equal((await locator.innerText()).trim(), text);
}
