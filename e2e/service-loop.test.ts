// Browser journeys of the service loop (政企直联): across four logins, staff records a visit and raises an
// appeal from it, marks it valid and forwards it to 人力资源社会保障局; the liaison accepts and resolves it
// from the inbox; staff confirms; the enterprise contact rates it 满意 — and the figures move. Then with a
// set clock: a forwarded appeal passes its deadlines, the liaison is reminded and told it is overdue, and
// the leader sees the escalation.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import {
  APPEAL_ACTION_WORDS,
  APPEAL_STATE_WORDS,
  FORWARD_STATE_WORDS,
  type AppealStatsResult,
  type AppealView,
  type ChannelView,
} from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  act,
  chooseOption,
  pickEnterprise,
  type Platform,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
} from './harness.ts';

const MEMBER_ENTERPRISE = '示例区东湖智能科技有限公司';
const DEPARTMENT = '人力资源社会保障局';

/** The calendar quarter of the app's today as the figures page picks it by default (the browser's clock is the app's). */
function thisQuarter(platform: Platform): { from: string; to: string } {
  const today = platform.t.ctx.clock.now();
  const first = today.getMonth() - (today.getMonth() % 3);
  const day = (date: Date) =>
    `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
  return {
    from: day(new Date(today.getFullYear(), first, 1)),
    to: day(new Date(today.getFullYear(), first + 3, 0)),
  };
}

/** A signed-in API caller on the app under test (no browser), for setting up and reading figures. */
async function apiAs(platform: Platform, username: string) {
  const cookie = await platform.t.signIn(username, DEMO_PASSWORD);
  return async <T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, headers = {}) => {
    // A state-changing call always carries a JSON body (the server refuses an empty one under a JSON type).
    const payload = method === 'GET' ? undefined : (body ?? {});
    const response = await platform.t.request({ method, url, body: payload, cookie, headers });
    assert.ok(response.statusCode < 300, `${method} ${url} → ${response.statusCode} ${response.body}`);
    return response.json() as T;
  };
}

async function openMenu(page: Page, label: string): Promise<void> {
  await page.getByTestId('side-menu').getByText(label, { exact: true }).click();
}

async function expectState(page: Page, label: string): Promise<void> {
  await page.getByTestId('appeal-detail').getByTestId('appeal-state').first().getByText(label).waitFor();
}

/** The number a figure cell on the stats page shows. */
async function figure(page: Page, key: string): Promise<number> {
  const text = await page.getByTestId(`stats-${key}`).locator('.ant-statistic-content').innerText();
  return Number(text.replace(/[^\d.]/g, ''));
}

describe('service loop journeys', { timeout: 300_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it('visit → appeal → forward → accept → resolve → confirm → rated 满意, and the figures change', async () => {
    const quarter = thisQuarter(platform);
    const staffApi = await apiAs(platform, 'staff');
    const statsUrl = `/api/appeals/stats?from=${quarter.from}&to=${quarter.to}`;
    const before = await staffApi<AppealStatsResult>('GET', statsUrl);
    const title = `旅程测试：社保补贴申领遇阻 ${randomUUID().slice(0, 8)}`;
    let appealUrl = '';

    const staff = await platform.newPage();
    await screenshotOnFailure(staff, 'service-loop-staff', async () => {
      await signInThroughPage(staff, 'staff', DEMO_PASSWORD);
      await staff.getByTestId('app-layout').waitFor();

      // The figures page before, as staff read it.
      await staff.goto('/appeals/stats');
      await staff.getByTestId('stats-summary').waitFor();
      const resolvedOnPage = await figure(staff, 'resolved');
      assert.equal(resolvedOnPage, before.total.resolved, 'the page shows what the endpoint says');

      // A visit, recorded as done today, with an appeal raised from it on the spot.
      await openMenu(staff, '走访记录');
      await staff.getByTestId('visit-create').click();
      const visitForm = staff.getByTestId('visit-form');
      await pickEnterprise(staff, visitForm, MEMBER_ENTERPRISE, '东湖智能');
      await visitForm.getByTestId('visit-notes').fill('了解到企业新招员工的社保补贴申领遇到困难。');
      await staff.getByTestId('visit-save').click();
      // Saving the visit is the journey's first write on a cold app: on a loaded CI machine it has taken
      // longer than the default wait (the run of stop 21 and this one).
      await staff.getByTestId('visit-detail').waitFor({ timeout: 60_000 });
      await staff.getByTestId('visit-raise-appeal').click();
      await staff.waitForURL(/\/appeals\/new\?enterpriseId=.+&visitId=.+/);

      const form = staff.getByTestId('appeal-form');
      await form.getByText(MEMBER_ENTERPRISE).waitFor();
      await form.getByTestId('appeal-source').getByText('走访').waitFor();
      await chooseOption(staff, form.getByTestId('appeal-category'), '社保');
      await form.getByTestId('appeal-title').fill(title);
      await form
        .getByTestId('appeal-description')
        .fill('企业今年新招 12 名高校毕业生，社保补贴申领材料被退回两次，希望明确所需材料。');
      await staff.getByTestId('appeal-submit').click();
      await staff.waitForURL(/\/appeals\/[0-9a-f-]{36}$/);
      appealUrl = new URL(staff.url()).pathname;
      // Raised by staff, it is accepted as it is raised (no 受理 of one's own appeal).
      await expectState(staff, '已受理');

      await staff.getByTestId('appeal-action-forward').click();
      const choice = staff.getByTestId('forward-department').filter({ hasText: DEPARTMENT });
      await choice.waitFor();
      // Departments nobody could receive a forward at (no liaison account, no webhook) are shown, marked
      // and explained, but cannot be picked (issue 11).
      const unreachable = staff.getByTestId('forward-department').filter({ hasText: '财政局' });
      await unreachable.getByTestId('forward-no-liaison').getByText('无联络员账号').waitFor();
      assert.equal(await unreachable.getByRole('checkbox').isDisabled(), true);
      await staff
        .getByTestId('forward-no-liaison-explain')
        .getByText(/转办后无人签收/)
        .waitFor();
      assert.equal(await choice.getByTestId('forward-no-liaison').count(), 0);
      await choice.getByRole('checkbox').check();
      await staff.getByTestId('appeal-dialog-confirm').click();
      await expectState(staff, '已转办');
      await staff.getByTestId('appeal-forwards').getByText(DEPARTMENT).waitFor();
    });

    const liaison = await platform.newPage();
    await screenshotOnFailure(liaison, 'service-loop-liaison', async () => {
      await signInThroughPage(liaison, 'liaison', DEMO_PASSWORD);
      await liaison.getByTestId('app-layout').waitFor();
      await openMenu(liaison, '待办');
      await liaison.getByTestId('inbox-row').filter({ hasText: title }).click();
      await liaison.waitForURL(new RegExp(`${appealUrl}$`));
      await act(liaison, 'accept', '已接收，正在核实材料。');
      await expectState(liaison, '办理中');
      await act(liaison, 'resolve', '已与企业对接，补充材料后补贴已于本周发放。');
      // One event, one word each for what it is: the toast says what was done (the action's past tense),
      // the forward row the forward's state, the tag the appeal's state — all from the one vocabulary.
      await expectState(liaison, APPEAL_STATE_WORDS.answered.zh);
      await liaison
        .locator('.ant-message')
        .getByText(APPEAL_ACTION_WORDS.resolve.done.zh, { exact: true })
        .waitFor();
      await liaison
        .getByTestId('appeal-forwards')
        .getByText(FORWARD_STATE_WORDS.resolved.zh, { exact: true })
        .waitFor();
      assert.equal(APPEAL_ACTION_WORDS.resolve.done.zh, FORWARD_STATE_WORDS.resolved.zh);
      assert.notEqual(APPEAL_STATE_WORDS.answered.zh, APPEAL_STATE_WORDS.closed.zh);
    });

    await screenshotOnFailure(staff, 'service-loop-confirm', async () => {
      await staff.goto(appealUrl);
      await act(staff, 'confirm');
      await expectState(staff, '已确认');
    });

    const member = await platform.newPage();
    await screenshotOnFailure(member, 'service-loop-member', async () => {
      // Signed in on the desktop address, the enterprise's contact is sent to its phone side.
      await signInThroughPage(member, 'member', DEMO_PASSWORD);
      await member.waitForURL(/\/m\/$/);
      await member.getByTestId('phone-appeal-item').filter({ hasText: title }).click();
      await member.waitForURL(new RegExp(`/m${appealUrl}$`));
      await member.getByTestId('phone-rate-satisfied').click();
      await member.getByTestId('phone-rate-submit').click();
      await member.getByTestId('phone-appeal-state').getByText(APPEAL_STATE_WORDS.closed.zh).waitFor();
      await member.getByTestId('phone-appeal-satisfaction').getByText('满意').waitFor();
    });
    const rated = await staffApi<{ appeal: AppealView }>('GET', `/api/${appealUrl.slice(1)}`);
    assert.equal(rated.appeal.ratedVia, 'self_service', 'the enterprise rates for itself');

    const afterwards = await staffApi<AppealStatsResult>('GET', statsUrl);
    assert.equal(afterwards.total.received, before.total.received + 1, 'received +1');
    assert.equal(afterwards.total.resolved, before.total.resolved + 1, 'resolved +1');
    assert.equal(afterwards.total.rated, before.total.rated + 1, 'rated +1');
    assert.equal(afterwards.total.satisfied, before.total.satisfied + 1, 'satisfied +1');

    await screenshotOnFailure(staff, 'service-loop-stats', async () => {
      await staff.goto('/appeals/stats');
      await staff.getByTestId('stats-summary').waitFor();
      assert.equal(await figure(staff, 'resolved'), before.total.resolved + 1);
      assert.equal(await figure(staff, 'received'), before.total.received + 1);
    });
  });

  it('with a set clock an appeal goes overdue: the liaison is reminded and told, the leader sees the escalation', async () => {
    const { rows } = await platform.t.database.pool.query<{ id: string }>(
      'SELECT id FROM enterprises WHERE name = $1',
      [MEMBER_ENTERPRISE],
    );
    const enterpriseId = rows[0]!.id;
    let staffApi = await apiAs(platform, 'staff');
    const { items: channels } = await staffApi<{ items: ChannelView[] }>('GET', '/api/channels');
    const department = channels.find((channel) => channel.department.name === DEPARTMENT)!.department;
    const title = `旅程测试：用工备案迟迟未办 ${randomUUID().slice(0, 8)}`;

    let { appeal } = await staffApi<{ appeal: AppealView }>(
      'POST',
      '/api/appeals',
      {
        enterpriseId,
        category: 'employment',
        title,
        description: '企业提交的用工备案两周没有回音。',
        source: 'phone',
        urgency: 'urgent',
      },
      { 'idempotency-key': randomUUID() },
    );
    ({ appeal } = await staffApi<{ appeal: AppealView }>('POST', `/api/appeals/${appeal.id}/transitions`, {
      action: 'forward',
      version: appeal.version,
      departmentIds: [department.id],
    }));
    const forward = appeal.forwards.find((item) => item.departmentId === department.id)!;

    // Just before the response deadline (a reminder), then a day past the resolution deadline (overdue,
    // escalated). Sessions are checked against the same clock: sign in again after each move.
    const hours = (at: string, delta: number) => new Date(Date.parse(at) + delta * 3_600_000).toISOString();
    try {
      await staffApi('PUT', '/api/test/clock', { at: hours(forward.respondDueAt, -2) });
      staffApi = await apiAs(platform, 'staff');
      await staffApi('POST', '/api/test/scheduler/run');
      await staffApi('PUT', '/api/test/clock', { at: hours(forward.resolveDueAt, 24) });
      staffApi = await apiAs(platform, 'staff');
      await staffApi('POST', '/api/test/scheduler/run');

      const liaison = await platform.newPage();
      await screenshotOnFailure(liaison, 'service-loop-overdue-liaison', async () => {
        await signInThroughPage(liaison, 'liaison', DEMO_PASSWORD);
        await liaison.getByTestId('app-layout').waitFor();
        await liaison.getByTestId('notification-badge').locator('.ant-badge-count').waitFor();
        await liaison.getByTestId('notification-bell').click();
        const items = liaison.getByTestId('notification-panel').getByTestId('notification-item');
        await items.filter({ hasText: title }).first().waitFor();
        await items.filter({ hasText: title }).filter({ hasText: '即将超期' }).first().waitFor();
        const overdue = items.filter({ hasText: title }).filter({ hasText: '已超期' }).first();
        await overdue.waitFor();
        await overdue.click();
        await liaison.waitForURL(new RegExp(`/appeals/${appeal.id}$`));
        await liaison.getByTestId('appeal-detail').getByTestId('appeal-overdue').first().waitFor();
        await liaison.getByTestId('appeal-timeline').getByText('超期未办结').first().waitFor();
      });

      const leader = await platform.newPage();
      await screenshotOnFailure(leader, 'service-loop-overdue-leader', async () => {
        await signInThroughPage(leader, 'leader', DEMO_PASSWORD);
        await leader.getByTestId('app-layout').waitFor();
        await leader.getByTestId('notification-bell').click();
        await leader
          .getByTestId('notification-panel')
          .getByTestId('notification-item')
          .filter({ hasText: title })
          .filter({ hasText: '超期督办' })
          .first()
          .waitFor();
        // The board's overdue filter finds it too.
        await leader.goto('/appeals?overdue=true');
        await leader.getByTestId('appeals-table').getByText(title).waitFor();
      });
    } finally {
      await staffApi('DELETE', '/api/test/clock');
    }
  });
});
