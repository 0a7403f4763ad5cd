// The appeal loop on a 1280 × 800 screen, as staff, the department's liaison and the enterprise see it
// (issue 11): the key columns of the appeal board, the liaison's inbox and an appeal's forwards stay in
// view — number, title, state, deadlines, the answer — while the other columns scroll.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import type { AppealSummary } from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import { screenshotOnFailure, signInThroughPage, startPlatform, type Platform } from './harness.ts';
import { clippedKeyColumns } from './key-columns.ts';

const SCREEN = { width: 1280, height: 800 };

async function pageAt1280(platform: Platform, username: string): Promise<Page> {
  const page = await platform.newPage();
  await page.setViewportSize(SCREEN);
  await signInThroughPage(page, username, DEMO_PASSWORD);
  await page.getByTestId('app-layout').waitFor();
  return page;
}

describe('the appeal loop at 1280 × 800', { timeout: 300_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it('keeps the key columns of the board, the inbox and the forwards in view', async () => {
    const staffCookie = await platform.t.signIn('staff', DEMO_PASSWORD);
    const answered = await platform.t.request({
      url: '/api/appeals?state=answered,confirmed,closed&page=1&pageSize=20',
      cookie: staffCookie,
    });
    const withAnswer = (answered.json() as { items: AppealSummary[] }).items.find(
      (appeal) => appeal.departments.length > 0,
    );
    assert.ok(withAnswer, 'the demo has an answered appeal');

    const staff = await pageAt1280(platform, 'staff');
    await screenshotOnFailure(staff, 'key-columns-staff', async () => {
      await staff.goto('/appeals');
      const board = staff.getByTestId('appeals-table');
      await board.locator('.ant-table-row').first().waitFor();
      assert.deepEqual(await clippedKeyColumns(board, ['编号', '标题', '状态', '办理时限']), []);

      await staff.goto(`/appeals/${withAnswer.id}`);
      const forwards = staff.getByTestId('appeal-forwards');
      await forwards.locator('.ant-table-row').first().waitFor();
      assert.deepEqual(await clippedKeyColumns(forwards, ['承办部门', '状态', '答复 / 退回原因']), []);
    });

    const liaison = await pageAt1280(platform, 'liaison');
    await screenshotOnFailure(liaison, 'key-columns-liaison', async () => {
      await liaison.goto('/inbox');
      const inbox = liaison.getByTestId('inbox-table');
      await inbox.locator('.ant-table-row').first().waitFor();
      assert.deepEqual(await clippedKeyColumns(inbox, ['编号', '标题', '状态', '响应时限', '办结时限']), []);
    });
  });
});
