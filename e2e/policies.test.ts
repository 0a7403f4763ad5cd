// Browser journey of 惠企政策 (issue 13): staff write a policy with conditions, preview the matches, see a
// near miss, publish and push it; the enterprise contact (390 px phone) sees it in 适合我的政策 with the
// reasons, opens it (the read count moves) and asks a question (an appeal appears on the appeal board);
// staff record an approved redemption and the dashboard's policy card shows the amount.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PushView } from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  assertNoSidewaysScroll,
  chooseOption,
  dialogOpened,
  overlaySettled,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
  type Platform,
} from './harness.ts';

const TITLE = '专精特新企业成长奖励办法（旅程）';
const TAG = '旅程专精特新';

describe('policies journey', { timeout: 240_000 }, () => {
  let platform: Platform;
  let memberEnterprise = '';
  let memberName = '';

  const api = async (username: string, method: 'GET' | 'POST', url: string, body?: unknown) => {
    const cookie = await platform.t.sessionFor(await platform.t.userId(username));
    const response = await platform.t.request({ method, url, body, cookie });
    assert.ok(response.statusCode < 300, `${method} ${url} → ${response.statusCode} ${response.body}`);
    return response.json() as unknown;
  };

  before(async () => {
    platform = await startPlatform();
    const { rows } = await platform.t.database.pool.query<{ id: string; name: string }>(
      `SELECT e.id, e.name FROM users u JOIN enterprises e ON e.id = u.enterprise_id WHERE u.username = 'member'`,
    );
    memberEnterprise = rows[0]!.id;
    memberName = rows[0]!.name;
    // The member's enterprise holds a tag no other enterprise does: it matches, every other active member is
    // a near miss on that one condition.
    await platform.t.database.pool.query(
      `UPDATE enterprises SET tags = array_append(tags, $1), membership_status = 'active' WHERE id = $2`,
      [TAG, memberEnterprise],
    );
  });
  after(() => platform?.close());

  it('staff write, preview, publish and push; the contact reads and asks on a phone; a redemption reaches the dashboard', async () => {
    const page = await platform.newPage();
    let policyId = '';
    await screenshotOnFailure(page, 'policies-staff', async () => {
      await signInThroughPage(page, 'staff', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto('/policies');
      await page.getByTestId('policy-create').click();
      await page.getByTestId('policy-form').waitFor();
      await page.getByTestId('policy-title').fill(TITLE);
      await page.getByTestId('policy-issuer').fill('示例区经济和信息化局');
      await page.getByTestId('policy-summary').fill('对成长性好的专精特新企业给予一次性奖励。<b>不加粗</b>');
      // The form starts with 会员状态 = active; a tag condition makes the near misses.
      await page.getByTestId('policy-condition-add').click();
      // A new condition starts as 企业标签 属于 ….
      const second = page.getByTestId('policy-condition').nth(1);
      await second.getByText('企业标签').waitFor();
      await second.getByTestId('policy-condition-values').fill(TAG);
      await page.getByTestId('policy-preview').click();
      await page
        .getByTestId('policy-preview-result')
        .getByText(/符合全部条件的企业 1 家/)
        .waitFor();
      await page.getByTestId('policy-save').click();
      await page.waitForURL(/\/policies\/[0-9a-f-]{36}$/);
      policyId = page.url().split('/').pop()!;

      await page
        .getByTestId('policy-match-summary')
        .getByText(/符合全部条件 1 家/)
        .waitFor();
      await page.getByTestId('policy-matches').getByText(memberName).first().waitFor();
      await page
        .getByTestId('policy-near-misses')
        .getByText(`未满足：企业标签：不具有 ${TAG} 标签`)
        .first()
        .waitFor();

      // The policy's document is kept with it (附件), typed by its content.
      await page
        .getByTestId('policy-attachments')
        .locator('input[type=file]')
        .setInputFiles({
          name: '实施细则.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
        });
      await page.getByTestId('policy-attachment-download').getByText('实施细则.pdf').waitFor();

      await page.getByTestId('policy-publish').click();
      await page.locator('.ant-modal-confirm .ant-btn-primary').click();
      await page.getByTestId('policy-push').click();
      await dialogOpened(page);
      await page
        .getByTestId('policy-push-count')
        .getByText(/将推送给 1 家企业/)
        .waitFor();
      await page.getByTestId('policy-push-confirm').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await page.getByTestId('policy-pushes').locator('.ant-table-row').first().waitFor();

      // A second push to a chosen list: staff pick a near miss (checked by a person) from the matched list.
      await page.getByTestId('policy-push').click();
      await dialogOpened(page);
      await page.locator('.ant-modal').getByText('指定企业').click();
      await page.getByTestId('policy-push-enterprises').click();
      await overlaySettled(page, '.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
      await page.locator('.ant-select-item-option').filter({ hasText: '不具有' }).first().click();
      // The list stays open for more choices: a click on the dialog's title closes it.
      await page.locator('.ant-modal-title').click();
      await page.locator('.ant-select-dropdown').waitFor({ state: 'hidden' });
      await page
        .getByTestId('policy-push-count')
        .getByText(/将推送给 1 家企业（其中 0 家/)
        .waitFor();
      await page.getByTestId('policy-push-confirm').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await page.getByTestId('policy-pushes').locator('.ant-table-row').nth(1).waitFor();
    });

    // The enterprise contact on a phone.
    const phone = await platform.newPhonePage();
    await screenshotOnFailure(phone, 'policies-phone', async () => {
      await phone.goto('/m/policies');
      await phone.getByTestId('phone-login-username').fill('member');
      await phone.getByTestId('phone-login-password').fill(DEMO_PASSWORD);
      await phone.getByTestId('phone-login-submit').tap();
      await phone.waitForURL(/\/m\/policies$/);
      const item = phone.getByTestId('phone-policy-item').filter({ hasText: TITLE });
      await item.getByText(`企业标签：${TAG}`).waitFor();
      await assertNoSidewaysScroll(phone, 'the policy list');
      await item.tap();
      await phone.getByTestId('phone-policy-reasons').getByText(`企业标签：${TAG}`).waitFor();
      await phone.getByTestId('phone-policy-attachments').getByText('实施细则.pdf').waitFor();
      // HTML in a policy's text is shown as text.
      await phone.getByText('<b>不加粗</b>', { exact: false }).first().waitFor();
      await phone.getByTestId('phone-policy-question').fill('奖励资金何时拨付？');
      await phone.getByTestId('phone-policy-ask').tap();
      await phone
        .getByTestId('phone-toast')
        .getByText(/已提交咨询/)
        .waitFor();
    });
    await phone.context().close();

    const pushes = (await api('staff', 'GET', `/api/policies/${policyId}/pushes`)) as { items: PushView[] };
    assert.equal(pushes.items.length, 2, 'the matched push and the chosen list');
    const matched = pushes.items.find((push) => push.target === 'matched');
    assert.equal(matched?.figures?.read, 1, 'opening the policy moved the read count');
    assert.equal(pushes.items.find((push) => push.target === 'list')?.targeted, 1);

    await screenshotOnFailure(page, 'policies-redeem', async () => {
      // The question is on the appeal board.
      await page.goto('/appeals');
      await page.getByText(`政策咨询：${TITLE}`).first().waitFor();

      await page.goto(`/policies/${policyId}`);
      await page.getByTestId('policy-redeem').click();
      await dialogOpened(page);
      await chooseOption(page, page.getByTestId('policy-redeem-enterprise'), memberName);
      await page.getByTestId('policy-redeem-amount').fill('300000');
      await page.getByTestId('policy-redeem-save').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });
      await page.getByTestId('policy-redemptions').getByText('300,000.00 元').waitFor();

      await page.goto('/dashboard');
      await page
        .getByTestId('dashboard-policies')
        .getByText(/300,000\.00|450,000\.00/)
        .first()
        .waitFor();
    });
  });
});
