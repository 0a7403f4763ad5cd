// Browser journey of an event's audience (issue 16): staff create an event for an invited list, choosing the
// demo contact's enterprise by name, and one for members matching conditions (a size other than theirs,
// manufacturing) their enterprise does not meet; on a phone the contact finds the first among their events and not the second.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { ENTERPRISE_SIZES, ENTERPRISE_SIZE_LABELS } from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  chooseOption,
  type Platform,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
} from './harness.ts';

const INVITED = '受邀企业家培训班';
const NOT_FOR_THEM = '制造企业座谈会';
const ENTERPRISE = '东湖智能科技';

describe('event audience journey', { timeout: 120_000 }, () => {
  let platform: Platform;
  /** A size the contact's enterprise is not: the conditions it cannot meet. */
  let otherSize: string;

  before(async () => {
    platform = await startPlatform();
    const { rows } = await platform.t.database.pool.query<{ size: string }>(
      `SELECT e.size FROM enterprises e JOIN users u ON u.enterprise_id = e.id WHERE u.username = 'member'`,
    );
    otherSize = ENTERPRISE_SIZE_LABELS[ENTERPRISE_SIZES.find((size) => size !== rows[0]!.size)!];
  });
  after(() => platform?.close());

  async function createEvent(
    staff: Page,
    title: string,
    audience: string,
    fill: () => Promise<void>,
  ): Promise<void> {
    await staff.goto('/events');
    await staff.getByTestId('event-create').click();
    await staff.getByTestId('event-drawer').waitFor();
    await staff.getByTestId('event-title').fill(title);
    await staff.getByTestId('event-audience').getByText(audience).click();
    await fill();
    await staff.getByTestId('event-session-0-start').fill('2026-12-18T14:00');
    await staff.getByTestId('event-session-0-end').fill('2026-12-18T16:00');
    await staff.getByTestId('event-save').click();
    await staff.waitForURL(/\/events\/[0-9a-f-]{36}$/);
    await staff.getByTestId('page-title').getByText(title).waitFor();
  }

  it('an invited list reaches the enterprise chosen; conditions it does not meet do not', async () => {
    const staff = await platform.newPage();
    await screenshotOnFailure(staff, 'event-audience-staff', async () => {
      await signInThroughPage(staff, 'staff', DEMO_PASSWORD);
      await staff.getByTestId('app-layout').waitFor();
      await createEvent(staff, INVITED, '邀请名单', async () => {
        await chooseOption(staff, staff.locator('#event-invitees'), ENTERPRISE, ENTERPRISE);
        await staff.getByTestId('event-title').click();
      });
      await staff.getByText('邀请名单').first().waitFor();
      await createEvent(staff, NOT_FOR_THEM, '符合条件的会员企业', async () => {
        await chooseOption(staff, staff.getByTestId('event-sizes'), otherSize);
        // The choice is in the field before the form goes on (under load the dropdown is slow to let go).
        await staff.getByTestId('event-sizes').getByText(otherSize).first().waitFor();
        await staff.getByTestId('event-title').click();
        await staff.getByTestId('event-industry').fill('C');
      });
    });

    const context = await platform.browser.newContext({
      baseURL: platform.baseUrl,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const contact = await context.newPage();
    contact.setDefaultTimeout(15_000);
    await screenshotOnFailure(contact, 'event-audience-contact', async () => {
      await contact.goto('/m/login');
      await contact.getByTestId('phone-login-username').fill('member');
      await contact.getByTestId('phone-login-password').fill(DEMO_PASSWORD);
      await contact.getByTestId('phone-login-submit').tap();
      await contact.getByTestId('phone-tab-tabEvents').tap();
      await contact.getByTestId(`phone-event-${INVITED}`).waitFor();
      if ((await contact.getByTestId(`phone-event-${NOT_FOR_THEM}`).count()) > 0)
        throw new Error('the contact sees an event whose conditions their enterprise does not meet');
    });
    const { rows } = await platform.t.database.pool.query<{
      audience: string;
      conditions: { sizes?: string[] };
    }>(`SELECT audience, audience_conditions AS conditions FROM events WHERE title = $1`, [NOT_FOR_THEM]);
    assert.equal(rows[0]?.audience, 'conditions', 'the second event was made for conditions');
    assert.equal(rows[0]?.conditions.sizes?.length, 1);
  });
});
