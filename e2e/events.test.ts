// Browser journey of 教育培训 (issue 16): staff create a training class with two sessions open to the
// 东湖街道商会's members; the enterprise contact registers two people on a phone; on a phone an attendee checks
// in by the first session's QR page and a staff phone ticks the other; the second session's QR page checks in
// one of them; the event shows 3 人次, 2 people, 1 enterprise, and the chamber's duty for the month is met.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  assertNoSidewaysScroll,
  chooseOption,
  dialogOpened,
  type Platform,
  screenshotOnFailure,
  signInThroughPage,
  startPlatform,
} from './harness.ts';

const TITLE = '东湖商会企业家培训班';
const CHAMBER = '东湖街道商会';

describe('events journey', { timeout: 120_000 }, () => {
  let platform: Platform;

  before(async () => {
    platform = await startPlatform();
    // The contact's enterprise belongs to the chamber the class is open to.
    await platform.t.database.pool.query(
      `INSERT INTO chamber_memberships (chamber_id, enterprise_id)
       SELECT c.id, u.enterprise_id FROM org_units c, users u WHERE c.name = $1 AND u.username = 'member'
       ON CONFLICT DO NOTHING`,
      [CHAMBER],
    );
  });
  after(() => platform?.close());

  /** The check-in page's address the session's QR code encodes, as the staff's screen shows it. */
  async function checkInLink(staff: Page, seq: number): Promise<string> {
    await staff.getByTestId(`session-${seq}-qr`).click();
    await dialogOpened(staff);
    await staff.getByTestId('check-in-qr').locator('svg').waitFor();
    const href = (await staff.getByTestId('check-in-link').getAttribute('href'))!;
    await staff.keyboard.press('Escape');
    await staff.locator('.ant-modal').waitFor({ state: 'hidden' });
    return href;
  }

  it('a training class from creation to 3 人次, 2 people, 1 enterprise and the chamber’s month met', async () => {
    const staff = await platform.newPage();
    let eventPath = '';
    await screenshotOnFailure(staff, 'events-staff-create', async () => {
      await signInThroughPage(staff, 'staff', DEMO_PASSWORD);
      await staff.getByTestId('app-layout').waitFor();
      await staff.goto('/events');
      await staff.getByTestId('event-create').click();
      await staff.getByTestId('event-drawer').waitFor();
      await staff.getByTestId('event-title').fill(TITLE);
      await staff.getByTestId('event-audience').getByText('商会会员').click();
      await chooseOption(staff, staff.locator('#event-chamber'), CHAMBER, CHAMBER);
      await staff.getByTestId('event-session-0-start').fill('2026-11-30T09:00');
      await staff.getByTestId('event-session-0-end').fill('2026-11-30T11:30');
      await staff.getByTestId('event-add-session').click();
      await staff.getByTestId('event-session-1-start').fill('2026-11-30T14:00');
      await staff.getByTestId('event-session-1-end').fill('2026-11-30T16:30');
      await staff.getByTestId('event-save').click();
      await staff.waitForURL(/\/events\/[0-9a-f-]{36}$/);
      eventPath = new URL(staff.url()).pathname;
      await staff.getByText(TITLE).first().waitFor();
    });

    const contact = await platform.newPhonePage();
    await screenshotOnFailure(contact, 'events-contact-register', async () => {
      await contact.goto('/m/login');
      await contact.getByTestId('phone-login-username').fill('member');
      await contact.getByTestId('phone-login-password').fill(DEMO_PASSWORD);
      await contact.getByTestId('phone-login-submit').tap();
      await contact.getByTestId('phone-tab-tabEvents').tap();
      await contact.getByTestId(`phone-event-${TITLE}`).tap();
      for (const [name, mobile] of [
        ['王明', '13900001001'],
        ['李华', '13900001002'],
      ] as const) {
        await contact.getByTestId('phone-register-name').fill(name);
        await contact.getByTestId('phone-register-mobile').fill(mobile);
        await contact.getByTestId('phone-register-submit').tap();
        await contact.getByTestId('phone-registrations').getByText(name).waitFor();
      }
      await assertNoSidewaysScroll(contact, 'my events');
    });

    await staff.reload();
    const first = await checkInLink(staff, 1);
    const attendee = await platform.newPhonePage();
    await screenshotOnFailure(attendee, 'events-attendee-check-in', async () => {
      await attendee.goto(first);
      await attendee.getByTestId('check-in-event').getByText(TITLE).waitFor();
      await attendee.getByTestId('check-in-mobile').fill('13900001001');
      await attendee.getByTestId('check-in-submit').tap();
      await attendee.getByTestId('check-in-done').getByText('王明').waitFor();
      await assertNoSidewaysScroll(attendee, 'check-in');
    });

    const staffPhone = await platform.newPhonePage();
    await screenshotOnFailure(staffPhone, 'events-staff-phone-tick', async () => {
      await signInThroughPage(staffPhone, 'staff', DEMO_PASSWORD);
      await staffPhone.getByTestId('app-layout').waitFor();
      await staffPhone.goto(first);
      await staffPhone.getByTestId('phone-tick-李华').tap();
      await staffPhone.getByTestId('tick-list').getByText('已签到').nth(1).waitFor();
      await assertNoSidewaysScroll(staffPhone, 'staff check-in');
    });

    const second = await checkInLink(staff, 2);
    await screenshotOnFailure(attendee, 'events-attendee-second', async () => {
      await attendee.goto(second);
      await attendee.getByTestId('check-in-mobile').fill('13900001001');
      await attendee.getByTestId('check-in-submit').tap();
      await attendee.getByTestId('check-in-done').waitFor();
    });

    await screenshotOnFailure(staff, 'events-staff-figures', async () => {
      await staff.goto(eventPath);
      await staff.getByTestId('event-person-times').getByText('3', { exact: true }).waitFor();
      await staff.getByTestId('event-persons').getByText('2', { exact: true }).waitFor();
      await staff.getByTestId('event-enterprises').getByText('1', { exact: true }).waitFor();
      await staff.getByTestId('checked-李华-1').waitFor();
      await staff.goto('/events/duty');
      const november = staff.getByTestId(`duty-${CHAMBER}-11`);
      await november.waitFor();
      assert.equal(await november.getAttribute('data-state'), 'met');
    });
  });
});
