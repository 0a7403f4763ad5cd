// Browser journey of a chamber's roster kept by its own secretary (issue 10 item 3): the secretary of
// 东湖街道商会 adds an enterprise of their street by its credit code, appoints its chairman to the
// leadership, and both show on the chamber's page after a reload.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { usccCheckCharacter } from '@qinqing/shared';
import { DEMO_PASSWORD, json } from '../apps/server/src/test/harness.ts';
import {
  chooseOption,
  dialogOpened,
  type Platform,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
} from './harness.ts';

const ENTERPRISE = '东湖新材料科技有限公司';
const PERSON = '欧阳新';

function uscc(): string {
  const first17 = '91110105MA01RQ8X7';
  return first17 + usccCheckCharacter(first17);
}

describe('roster journey', { timeout: 120_000 }, () => {
  let platform: Platform;
  let chamberId: string;

  before(async () => {
    platform = await startPlatform();
    const { t } = platform;
    const { rows } = await t.database.pool.query<{ id: string; parent_id: string }>(
      "SELECT id, parent_id FROM org_units WHERE name = '东湖街道商会'",
    );
    chamberId = rows[0]!.id;
    // Registered by the federation under the chamber's street, in no chamber: the secretary cannot see it.
    const staff = await t.signIn('staff');
    const created = await t.request({
      method: 'POST',
      url: '/api/enterprises',
      cookie: staff,
      body: { uscc: uscc(), name: ENTERPRISE, orgUnitId: rows[0]!.parent_id },
    });
    assert.equal(created.statusCode, 201, created.body);
    const enterpriseId = json<{ enterprise: { id: string } }>(created).enterprise.id;
    const person = await t.request({
      method: 'POST',
      url: '/api/people',
      cookie: staff,
      body: { name: PERSON, positions: [{ enterpriseId, position: '董事长' }] },
    });
    assert.equal(person.statusCode, 201, person.body);
  });
  after(() => platform?.close());

  it('a chamber secretary adds a member and a leader to their chamber', async () => {
    const page = await platform.newPage();
    await screenshotOnFailure(page, 'roster-secretary', async () => {
      await signInThroughPage(page, 'secretary', DEMO_PASSWORD);
      await page.getByTestId('app-layout').waitFor();
      await page.goto(`/chambers/${chamberId}`);
      await page.getByTestId('chamber-detail').waitFor();

      await page.getByTestId('add-member').click();
      await dialogOpened(page);
      await page.getByTestId('add-member-uscc').fill(uscc());
      await page.getByTestId('add-member-save').click();
      await page.locator('.ant-modal').waitFor({ state: 'hidden' });

      await page.getByTestId('add-leader').click();
      await dialogOpened(page);
      const dialog = page.locator('.ant-modal');
      await chooseOption(page, dialog.getByTestId('person-picker'), ENTERPRISE, PERSON);
      await chooseOption(page, dialog.getByTestId('leader-role'), '副会长');
      await page.getByTestId('add-leader-save').click();
      await dialog.waitFor({ state: 'hidden' });

      await page.reload();
      await page.getByTestId('chamber-leaders').getByText(PERSON).waitFor();
      await page.getByPlaceholder('企业名称或信用代码').fill('新材料');
      await page.getByTestId('chamber-members').getByText(ENTERPRISE).waitFor();
    });
    const { rows } = await platform.t.database.pool.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE action IN ('chamber.member_added', 'chamber.leader_added') ORDER BY seq",
    );
    assert.deepEqual(
      rows.map((r) => r.action),
      ['chamber.member_added', 'chamber.leader_added'],
    );
  });
});
