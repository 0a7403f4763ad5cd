// Browser journey of the audit log as its reader sees it: the audit administrator finds a staff member's
// acceptance of an appeal by its Chinese name and the appeal's number, picks actions by name from the
// grouped filter, looks a record up by its number, reads its detail as labelled fields, and reads the
// action's English name after switching language.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD, json } from '../apps/server/src/test/harness.ts';
import { insertAppeal } from '../apps/server/src/test/appeals.ts';
import {
  overlaySettled,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
  type Platform,
} from './harness.ts';

const APPEAL_NUMBER = 'SQ-E2E-AUDIT-1';

describe('audit log journey', { timeout: 180_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
    const { t } = platform;
    // Staff accepts an appeal as valid: the record the auditor looks for.
    const { rows } = await t.database.pool.query<{ id: string }>(
      "SELECT e.id FROM enterprises e JOIN org_units u ON u.id = e.org_unit_id WHERE u.name = '示例区工商联' LIMIT 1",
    );
    const appealId = await insertAppeal(t, {
      enterpriseId: rows[0]!.id,
      number: APPEAL_NUMBER,
      state: 'submitted',
    });
    const staff = await t.signIn('staff');
    const accepted = await t.request({
      method: 'POST',
      url: `/api/appeals/${appealId}/transitions`,
      cookie: staff,
      body: { action: 'mark_valid', version: 1, note: '情况属实' },
    });
    assert.equal(accepted.statusCode, 200, json(accepted).toString());
  });
  after(() => platform?.close());

  it('the audit administrator reads actions by name and records by number, and filters by them', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'audit-log', async () => {
      await signInThroughPage(page, 'auditor', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.getByTestId('side-menu').getByText('审计日志').click();
      const table = page.getByTestId('audit-table');
      await table.waitFor();
      // Names, not codes: the sign-in and the acceptance, the appeal by its number, staff by name.
      await table.getByText('登录', { exact: true }).first().waitFor();
      const row = table.locator('tr').filter({ hasText: '受理诉求' }).first();
      await row.getByText(APPEAL_NUMBER).waitFor();
      await row.getByText('王晓燕').waitFor();
      assert.equal(await table.getByText('appeal.mark_valid').count(), 0, 'no action code in the table');

      // The grouped select of action names.
      await page.getByTestId('audit-action-filter').click();
      await overlaySettled(page, '.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      await dropdown.getByText('账号与登录', { exact: true }).waitFor();
      await page.keyboard.type('受理诉求');
      await dropdown.locator('.ant-select-item-option').filter({ hasText: '受理诉求' }).first().click();
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: /查\s*询/ }).click();
      await page.waitForURL(/action=appeal\.mark_valid/);
      // Only the chosen action: the sign-ins leave the table.
      await table.getByText('登录', { exact: true }).first().waitFor({ state: 'detached' });
      await table.locator('tr').filter({ hasText: APPEAL_NUMBER }).first().waitFor();

      // By record: the appeal's number, from the URL as a link would set it.
      await page.goto(`/audit?object=${APPEAL_NUMBER}`);
      const found = table.locator('tr.ant-table-row').filter({ hasText: APPEAL_NUMBER });
      await found.first().waitFor();
      assert.equal(await table.locator('tr.ant-table-row').count(), 1);

      // The detail as labelled fields.
      await found.first().locator('.ant-table-row-expand-icon').click();
      const detail = page.getByTestId('audit-detail');
      await detail.getByText('原状态').waitFor();
      await detail.getByText('待受理').waitFor();
      await detail.getByText('已受理').waitFor();
      await detail.getByText('情况属实').waitFor();

      // In English: the action's English name.
      await page.getByTestId('lang-switch').click();
      await table.getByText('Appeal accepted as valid').first().waitFor();
    });
  });
});
