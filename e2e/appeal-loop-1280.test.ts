// The appeal loop on a 1280 × 800 screen, as staff, the department's liaison and the enterprise see it
// (issue 11): the key columns of the appeal board, the liaison's inbox and an appeal's forwards stay in
// view — number, title, state, deadlines, the answer — while the other columns scroll; one appeal past
// its response deadline is overdue alike in staff's filter, the kanban, the inbox and the ledger; and the
// words on its tags, toasts and rows are the one vocabulary's as the liaison resolves it and the
// enterprise rates it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  APPEAL_ACTION_WORDS,
  APPEAL_STATE_WORDS,
  FORWARD_STATE_WORDS,
  NOTIFICATION_GROUP_LABELS,
  OVERDUE_WORDS,
  type AppealSummary,
  type AppealView,
  type ChannelView,
} from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import { sheetRows } from '../apps/server/src/test/workbooks.ts';
import { act, screenshotOnFailure, signInThroughPage, startPlatform, type Platform } from './harness.ts';
import { clippedKeyColumns } from './key-columns.ts';

const SCREEN = { width: 1280, height: 800 };
const MEMBER_ENTERPRISE = '示例区东湖智能科技有限公司';
const DEPARTMENT = '人力资源社会保障局';

/** A signed-in API caller (no browser), for setting up and for reading the ledger. */
async function apiAs(platform: Platform, username: string) {
  const cookie = await platform.t.signIn(username, DEMO_PASSWORD);
  return async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers = {}) => {
    const payload = method === 'GET' ? undefined : (body ?? {});
    const response = await platform.t.request({ method, url, body: payload, cookie, headers });
    assert.ok(response.statusCode < 300, `${method} ${url} → ${response.statusCode} ${response.body}`);
    return response;
  };
}

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

  it('one appeal past its response deadline: overdue in every view, then resolved and rated in one vocabulary', async () => {
    const { rows } = await platform.t.database.pool.query<{ id: string }>(
      'SELECT id FROM enterprises WHERE name = $1',
      [MEMBER_ENTERPRISE],
    );
    let staffApi = await apiAs(platform, 'staff');
    const { items: channels } = (await staffApi('GET', '/api/channels')).json() as { items: ChannelView[] };
    const department = channels.find((channel) => channel.department.name === DEPARTMENT)!.department;
    const title = `宽屏旅程：招工补贴迟迟未响应 ${randomUUID().slice(0, 8)}`;
    let { appeal } = (
      await staffApi(
        'POST',
        '/api/appeals',
        {
          enterpriseId: rows[0]!.id,
          category: 'employment',
          title,
          description: '企业申请的招工补贴两周没有回音。',
          source: 'phone',
          urgency: 'normal',
        },
        { 'idempotency-key': randomUUID() },
      )
    ).json() as { appeal: AppealView };
    // Raised by staff, it starts accepted: forwarded at once.
    ({ appeal } = (
      await staffApi('POST', `/api/appeals/${appeal.id}/transitions`, {
        action: 'forward',
        departmentIds: [department.id],
        version: appeal.version,
      })
    ).json() as { appeal: AppealView });
    const forward = appeal.forwards.find((item) => item.departmentId === department.id)!;
    const overdueWord = OVERDUE_WORDS.any.zh;

    // Two hours past the response deadline, nobody having taken it on. Sessions follow the clock.
    const at = new Date(Date.parse(forward.respondDueAt) + 2 * 3_600_000).toISOString();
    try {
      await staffApi('PUT', '/api/test/clock', { at });
      staffApi = await apiAs(platform, 'staff');
      await staffApi('POST', '/api/test/scheduler/run');

      const staff = await pageAt1280(platform, 'staff');
      await screenshotOnFailure(staff, 'wide-overdue-staff', async () => {
        // Staff's 只看超期 lists it, marked, its key columns in view.
        await staff.goto('/appeals?overdue=true');
        const board = staff.getByTestId('appeals-table');
        const row = board.locator('.ant-table-row', { hasText: title });
        await row.getByTestId('appeal-overdue').getByText(overdueWord).waitFor();
        await row.getByTestId('appeal-state').getByText(APPEAL_STATE_WORDS.forwarded.zh).waitFor();
        assert.deepEqual(await clippedKeyColumns(board, ['编号', '标题', '状态', '办理时限']), []);
        // The kanban flags its card.
        await staff.goto('/appeals?view=kanban&overdue=true');
        const card = staff.getByTestId('appeal-card').filter({ hasText: title });
        await card.getByTestId('appeal-overdue').first().waitFor();
      });

      // The ledger says 是否超期 = 是 for it.
      const day = at.slice(0, 10);
      const ledger = await staffApi(
        'GET',
        `/api/ledgers/appeals.xlsx?from=${appeal.receivedAt.slice(0, 7)}-01&to=${day}`,
      );
      const sheet = await sheetRows(ledger.rawPayload);
      const header = sheet.find((cells) => cells.includes('是否超期'))!;
      const ledgerRow = sheet.find((cells) => cells.includes(appeal.number));
      assert.ok(ledgerRow, `the ledger lists ${appeal.number}`);
      assert.equal(ledgerRow[header.indexOf('是否超期')], '是');

      // The department head's own page counts it overdue as the one definition does, as the API says.
      const head = await pageAt1280(platform, 'hrhead');
      await screenshotOnFailure(head, 'wide-department-figures', async () => {
        await head.goto('/department-figures');
        const card = head.getByTestId('department-figures').filter({ hasText: DEPARTMENT });
        const shown = card.getByTestId('department-figure-overdue').locator('.ant-statistic-content-value');
        await shown.waitFor();
        const figures = (
          await (
            await apiAs(platform, 'hrhead')
          )('GET', '/api/department-figures')
        ).json() as {
          departments: { name: string; overdue: number }[];
        };
        const counted = figures.departments.find((d) => d.name === DEPARTMENT)!.overdue;
        assert.ok(counted >= 1);
        assert.equal(Number(await shown.innerText()), counted);
      });

      // The liaison finds it under 已超期, takes it on and resolves it: the toast, the forward row and the
      // appeal's tag each say the vocabulary's word.
      const liaison = await pageAt1280(platform, 'liaison');
      await screenshotOnFailure(liaison, 'wide-overdue-liaison', async () => {
        await liaison.goto('/inbox');
        await liaison.getByTestId('inbox-tab-overdue').click();
        const inbox = liaison.getByTestId('inbox-table');
        const row = inbox.locator('.ant-table-row', { hasText: title });
        await row.getByTestId('appeal-overdue').first().waitFor();
        assert.deepEqual(
          await clippedKeyColumns(inbox, ['编号', '标题', '状态', '响应时限', '办结时限']),
          [],
        );
        await row.click();
        await liaison.waitForURL(new RegExp(`/appeals/${appeal.id}$`));
        // The contact the enterprise named shows masked; the liaison, their forward open, reveals the
        // number (POST …/contact/unmask), and the reveal is in the audit log.
        const mobile = liaison.getByTestId('appeal-contact-mobile');
        assert.match(await mobile.innerText(), /\*/);
        await liaison.getByTestId('appeal-contact-unmask').click();
        await liaison.getByTestId('appeal-contact-unmask').waitFor({ state: 'detached' });
        assert.match(await mobile.innerText(), /^1\d{10}$/);
        const { rows: reveals } = await platform.t.database.pool.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM audit_events WHERE action = 'appeal.contact_unmasked' AND object_id = $1",
          [appeal.id],
        );
        assert.equal(reveals[0]!.n, 1);
        await act(liaison, 'accept');
        await liaison.locator('.ant-message').getByText(APPEAL_ACTION_WORDS.accept.done.zh).first().waitFor();
        await act(liaison, 'resolve', '已与企业对接，补贴本周内发放。');
        await liaison
          .locator('.ant-message')
          .getByText(APPEAL_ACTION_WORDS.resolve.done.zh)
          .first()
          .waitFor();
        const forwards = liaison.getByTestId('appeal-forwards');
        await forwards.getByText(FORWARD_STATE_WORDS.resolved.zh).first().waitFor();
        await liaison
          .getByTestId('appeal-detail')
          .getByTestId('appeal-state')
          .first()
          .getByText(APPEAL_STATE_WORDS.answered.zh)
          .waitFor();
        assert.deepEqual(await clippedKeyColumns(forwards, ['承办部门', '状态', '答复 / 退回原因']), []);
      });

      // The liaison changes whether 超期与督办 also goes by email (their notification preferences): saved,
      // and still so after a reload and in the API.
      await screenshotOnFailure(liaison, 'wide-preferences', async () => {
        await liaison.goto('/notifications');
        const byEmail = liaison.getByRole('checkbox', {
          name: `${NOTIFICATION_GROUP_LABELS.deadline.zh} 邮件`,
        });
        await byEmail.waitFor();
        const wanted = !(await byEmail.isChecked());
        await byEmail.setChecked(wanted);
        await liaison
          .locator('.notification-preferences')
          .getByRole('button', { name: /保\s*存/ })
          .click();
        await liaison.locator('.ant-message').getByText('通知方式已保存').waitFor();
        await liaison.reload();
        const reloaded = liaison.getByRole('checkbox', {
          name: `${NOTIFICATION_GROUP_LABELS.deadline.zh} 邮件`,
        });
        await reloaded.waitFor();
        assert.equal(await reloaded.isChecked(), wanted);
        const saved = await (await apiAs(platform, 'liaison'))('GET', '/api/notifications/preferences');
        assert.equal(
          (saved.json() as { channels: Record<string, { email: boolean }> }).channels.deadline!.email,
          wanted,
        );
      });

      // Staff confirm the answer; the enterprise reads its state in its own list and rates it: 已办结.
      ({ appeal } = (await staffApi('GET', `/api/appeals/${appeal.id}`)).json() as { appeal: AppealView });
      await staffApi('POST', `/api/appeals/${appeal.id}/transitions`, {
        action: 'confirm',
        version: appeal.version,
      });
      // The enterprise's contact is sent to the phone side (one column, at any width) and rates it there.
      const member = await platform.newPage();
      await member.setViewportSize(SCREEN);
      await signInThroughPage(member, 'member', DEMO_PASSWORD);
      await member.waitForURL(/\/m\/$/);
      await screenshotOnFailure(member, 'wide-member', async () => {
        const row = member.getByTestId('phone-appeal-item').filter({ hasText: title });
        await row.getByTestId('phone-appeal-state').getByText(APPEAL_STATE_WORDS.confirmed.zh).waitFor();
        await row.click();
        await member.waitForURL(new RegExp(`/m/appeals/${appeal.id}$`));
        await member.getByTestId('phone-rate-satisfied').click();
        await member.getByTestId('phone-rate-submit').click();
        await member.getByTestId('phone-toast').getByText(APPEAL_ACTION_WORDS.rate.done.zh).waitFor();
        await member.getByTestId('phone-appeal-state').getByText(APPEAL_STATE_WORDS.closed.zh).waitFor();
      });
    } finally {
      await staffApi('DELETE', '/api/test/clock');
    }
  });
});
