// Channels across levels in the browser (issue 10 item 5): the district's staff forward an appeal to the
// city's court through the channel the city opened to them (listed as the city's), and the court's liaison
// finds it in their inbox named as the district's, accepts and answers it.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { APPEAL_STATE_WORDS, type AppealView } from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import { act, screenshotOnFailure, signInThroughPage, startPlatform, type Platform } from './harness.ts';

const COURT = '示例市中级人民法院';

describe('a district forwards to a city department whose liaison answers', { timeout: 180_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it('forwards through the city’s opened channel; the court’s liaison sees it as the district’s and answers', async () => {
    // Set up by API: an appeal raised by the district's staff (accepted as raised).
    const cookie = await platform.t.signIn('staff', DEMO_PASSWORD);
    const { rows } = await platform.t.database.pool.query<{ id: string }>(
      "SELECT id FROM enterprises WHERE name = '示例区东湖智能科技有限公司'",
    );
    const title = `跨级转办：合同纠纷调解 ${randomUUID().slice(0, 8)}`;
    const raised = await platform.t.request({
      method: 'POST',
      url: '/api/appeals',
      cookie,
      headers: { 'idempotency-key': randomUUID() },
      body: {
        enterpriseId: rows[0]!.id,
        category: 'legal',
        title,
        description: '供货合同对方违约拒付尾款，希望法院诉前调解。',
        source: 'visit',
        urgency: 'normal',
      },
    });
    assert.equal(raised.statusCode, 201, raised.body);
    const appeal = (raised.json() as { appeal: AppealView }).appeal;

    const staff = await platform.newPage();
    await screenshotOnFailure(staff, 'cross-level-staff', async () => {
      await signInThroughPage(staff, 'staff', DEMO_PASSWORD);
      await staff.getByTestId('app-layout').waitFor();
      await staff.goto(`/appeals/${appeal.id}`);
      await staff.getByTestId('appeal-action-forward').click();
      // The court is offered beside the district's own departments, marked as the city's.
      const choice = staff.getByTestId('forward-department').filter({ hasText: COURT });
      await choice.getByTestId('forward-from-above').getByText('示例市工商联开放').waitFor();
      await choice.getByRole('checkbox').check();
      await staff.getByTestId('appeal-dialog-confirm').click();
      await staff.getByTestId('appeal-forwards').getByText(COURT).waitFor();
    });

    const liaison = await platform.newPage();
    await screenshotOnFailure(liaison, 'cross-level-liaison', async () => {
      await signInThroughPage(liaison, 'courtliaison', DEMO_PASSWORD);
      await liaison.getByTestId('app-layout').waitFor();
      await liaison.goto('/inbox');
      const row = liaison.getByTestId('inbox-row').filter({ hasText: title });
      await row.getByTestId('inbox-from-unit').getByText('示例区工商联').waitFor();
      await row.click();
      await liaison.waitForURL(new RegExp(`/appeals/${appeal.id}$`));
      await act(liaison, 'accept');
      await act(liaison, 'resolve', '已组织诉前调解，双方达成分期付款协议。');
      await liaison
        .getByTestId('appeal-detail')
        .getByTestId('appeal-state')
        .first()
        .getByText(APPEAL_STATE_WORDS.answered.zh)
        .waitFor();
    });

    // The district sees the answer; the city's figures count the forward as the court's work.
    const after = await platform.t.request({ url: `/api/appeals/${appeal.id}`, cookie });
    const seen = (after.json() as { appeal: AppealView }).appeal;
    assert.equal(seen.state, 'answered');
    assert.equal(seen.forwards[0]?.answer, '已组织诉前调解，双方达成分期付款协议。');
  });
});
