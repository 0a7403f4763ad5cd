// Browser journey of configured event kinds (issue 16: "kind … — configurable") and the phone's registry
// picker: district staff find the demo's own kind (同心大讲堂) on the 活动类型 tab, add one (亲清会客厅, after 培训班) and retire
// a built-in one (招聘会); the create form offers the new kind and not the retired one; the event list filters
// by the new kind and shows its name. On a phone the enterprise contact registers one of their enterprise's
// registry people for it: picking the person fills in the name, and the registration names them.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import {
  assertNoSidewaysScroll,
  dialogOpened,
  overlaySettled,
  screenshotOnFailure,
  signInOnPhone,
  signInThroughPage,
  startPlatform,
  type Platform,
} from './harness.ts';

const KIND = '亲清会客厅';
const TITLE = '亲清会客厅：第一期';

describe('event kinds journey', { timeout: 120_000 }, () => {
  let platform: Platform;

  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it('staff configure the kinds; an event of the new kind; a contact registers a registry person on a phone', async () => {
    const staff = await platform.newPage();
    await screenshotOnFailure(staff, 'event-kinds-configure', async () => {
      await signInThroughPage(staff, 'staff', DEMO_PASSWORD);
      await staff.getByTestId('app-layout').waitFor();
      await staff.goto('/events?tab=kinds');
      const table = staff.getByTestId('event-kinds-table');
      // The demo district's own kind, set at its level.
      await table.locator('tr').filter({ hasText: '同心大讲堂' }).getByText('本级设置').waitFor();

      await staff.getByTestId('event-kind-add').click();
      await dialogOpened(staff);
      await staff.getByTestId('event-kind-label').fill(KIND);
      // Placed after 培训班 (20): early in the create form's list.
      await staff.locator('.ant-modal .ant-input-number-input').fill('25');
      await staff.getByTestId('event-kind-save').click();
      await staff.locator('.ant-modal').waitFor({ state: 'hidden' });
      const added = table.locator('tr').filter({ hasText: KIND });
      await added.getByText('本级设置').waitFor();
      await added.getByText('25', { exact: true }).waitFor();

      await staff.getByTestId('event-kind-edit-job_fair').click();
      await dialogOpened(staff);
      await staff.getByTestId('event-kind-active').click();
      await staff.getByTestId('event-kind-save').click();
      await staff.locator('.ant-modal').waitFor({ state: 'hidden' });
      await table.locator('tr').filter({ hasText: '招聘会' }).getByText('已停用').waitFor();
    });

    let eventPath = '';
    await screenshotOnFailure(staff, 'event-kinds-create', async () => {
      await staff.goto('/events');
      await staff.getByTestId('event-create').click();
      await staff.getByTestId('event-drawer').waitFor();
      await staff.getByTestId('event-title').fill(TITLE);
      await staff.getByTestId('event-kind').click();
      await overlaySettled(staff, '.ant-select-dropdown');
      const options = staff.locator('.ant-select-dropdown .ant-select-item-option');
      await options.filter({ hasText: '同心大讲堂' }).first().waitFor();
      assert.equal(await options.filter({ hasText: '招聘会' }).count(), 0, 'a retired kind is not offered');
      await options.filter({ hasText: KIND }).first().click();
      await staff.getByTestId('event-kind').filter({ hasText: KIND }).waitFor();
      await staff.getByTestId('event-session-0-start').fill('2026-11-30T09:00');
      await staff.getByTestId('event-session-0-end').fill('2026-11-30T11:30');
      await staff.getByTestId('event-save').click();
      await staff.waitForURL(/\/events\/[0-9a-f-]{36}$/);
      eventPath = new URL(staff.url()).pathname;
      await staff.getByText(KIND).first().waitFor();

      // The list filtered by the new kind: this event, under the kind's name.
      const { items } = (await (await staff.request.get('/api/event-kinds')).json()) as {
        items: { code: string; label: string }[];
      };
      const code = items.find((k) => k.label === KIND)?.code;
      assert.ok(code, 'the new kind is listed by the API');
      await staff.goto(`/events?kind=${code}`);
      const row = staff.getByTestId('events-table').locator('.ant-table-row').filter({ hasText: TITLE });
      await row.getByRole('cell', { name: KIND, exact: true }).waitFor();
      assert.equal(await staff.getByTestId('events-table').locator('.ant-table-row').count(), 1);
    });

    const contact = await platform.newPhonePage();
    await screenshotOnFailure(contact, 'event-kinds-phone-picker', async () => {
      await signInOnPhone(contact, 'member', DEMO_PASSWORD);
      await contact.getByTestId('phone-tab-tabEvents').tap();
      await contact.getByTestId(`phone-event-${TITLE}`).tap();
      const picker = contact.getByTestId('phone-register-person');
      await picker.locator('option').nth(1).waitFor({ state: 'attached' });
      const [value, label] = await picker
        .locator('option')
        .nth(1)
        .evaluate((option: HTMLOptionElement) => [option.value, option.textContent ?? '']);
      const name = label!.split(' · ')[0]!.trim();
      await picker.selectOption(value!);
      assert.equal(
        await contact.getByTestId('phone-register-name').inputValue(),
        name,
        'the name is filled in',
      );
      await contact.getByTestId('phone-register-submit').tap();
      await contact.getByTestId('phone-registrations').getByText(name).waitFor();
      await assertNoSidewaysScroll(contact, 'my events');
    });
    await contact.context().close();

    // The registration names the registry person, counted on the event's page.
    await screenshotOnFailure(staff, 'event-kinds-registered', async () => {
      await staff.goto(eventPath);
      const eventId = eventPath.split('/').pop()!;
      const registrations = (await (
        await staff.request.get(`/api/events/${eventId}/registrations`)
      ).json()) as { items: { personId: string | null; personName: string }[] };
      assert.equal(registrations.items.length, 1);
      assert.ok(registrations.items[0]!.personId, 'registered as the registry person');
    });
  });
});
