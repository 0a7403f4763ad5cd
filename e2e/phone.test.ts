// The enterprise side on a phone (issue 10 item 2), at 390 × 844 with touch: a contact opens the appeal form
// signed out and signs in on the phone's page, raises an appeal with a photo from the "camera", finds it in
// their appeals; staff and the department resolve it through the API; the contact rates it on the phone.
// A desktop address sends the contact to the phone side. No page scrolls sideways.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import {
  APPEAL_ACTION_WORDS,
  APPEAL_STATE_WORDS,
  CHAMBER_MEMBER_ROLE_LABELS,
  MEMBERSHIP_STATUS_LABELS,
  SATISFACTION_LABELS,
  type AppealView,
  type ChannelView,
} from '@qinqing/shared';
import { DEMO_PASSWORD } from '../apps/server/src/test/harness.ts';
import { CHAMBER_ROLE_WORDS, MEMBERSHIP_WORDS, SATISFACTION_WORDS } from '../apps/web/src/phone/labels.ts';
import { assertNoSidewaysScroll, screenshotOnFailure, startPlatform, type Platform } from './harness.ts';

const DEPARTMENT = '人力资源社会保障局';

/** A small real PNG (a 24 × 16 red and white stripe), as a camera would hand over a file. */
function stripePng(): Buffer {
  const width = 24;
  const height = 16;
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([length, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // truecolour
  const rows = Array.from({ length: height }, (_, y) =>
    Buffer.concat([
      Buffer.from([0]),
      Buffer.from(Array.from({ length: width }, () => (y % 4 < 2 ? [184, 20, 28] : [255, 255, 255])).flat()),
    ]),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function apiAs(platform: Platform, username: string) {
  const cookie = await platform.t.signIn(username, DEMO_PASSWORD);
  return async (method: 'GET' | 'POST', url: string, body?: unknown) => {
    const response = await platform.t.request({
      method,
      url,
      body: method === 'GET' ? undefined : (body ?? {}),
      cookie,
    });
    assert.ok(response.statusCode < 300, `${method} ${url} → ${response.statusCode} ${response.body}`);
    return response.json() as { appeal: AppealView } & { items: ChannelView[] };
  };
}

describe('the enterprise side on a phone', { timeout: 240_000 }, () => {
  let platform: Platform;
  before(async () => {
    platform = await startPlatform();
  });
  after(() => platform?.close());

  it("keeps the phone's own words equal to the shared labels", () => {
    const chinese = (table: Record<string, { zh: string }>) =>
      Object.fromEntries(Object.entries(table).map(([code, word]) => [code, word.zh]));
    assert.deepEqual(chinese(SATISFACTION_WORDS), SATISFACTION_LABELS);
    assert.deepEqual(chinese(MEMBERSHIP_WORDS), MEMBERSHIP_STATUS_LABELS);
    assert.deepEqual(chinese(CHAMBER_ROLE_WORDS), CHAMBER_MEMBER_ROLE_LABELS);
  });

  it('a contact raises an appeal with a photo, follows it and rates it, all at 390 px', async () => {
    const page = await platform.newPhonePage();
    const title = `手机旅程：厂区门前道路破损 ${randomUUID().slice(0, 8)}`;
    let appealId = '';

    await screenshotOnFailure(page, 'phone-raise', async () => {
      // Signed out, the appeal form asks for sign-in first and comes back to it.
      await page.goto('/m/appeals/new');
      await page.waitForURL(/\/m\/login\?redirect=%2Fappeals%2Fnew$/);
      await assertNoSidewaysScroll(page, 'sign-in');
      await page.getByTestId('phone-login-username').fill('member');
      await page.getByTestId('phone-login-password').fill(DEMO_PASSWORD);
      await page.getByTestId('phone-login-submit').tap();
      await page.waitForURL(/\/m\/appeals\/new$/);
      await page.locator('[data-testid="phone-appeal-form"][data-ready="true"]').waitFor();
      // Every control a thumb uses is at least 44 px tall.
      for (const id of ['phone-appeal-category', 'phone-appeal-title', 'phone-appeal-submit']) {
        const box = await page.getByTestId(id).boundingBox();
        assert.ok(box && box.height >= 44, `${id} is ${box?.height} px tall`);
      }
      await page.getByTestId('phone-appeal-category').selectOption('employment');
      await page.getByTestId('phone-appeal-title').fill(title);
      await page
        .getByTestId('phone-appeal-description')
        .fill('厂区门前市政道路破损严重，货车进出困难，希望协调修复。');
      await page
        .getByTestId('phone-appeal-camera')
        .setInputFiles({ name: 'road.png', mimeType: 'image/png', buffer: stripePng() });
      await page.getByTestId('phone-appeal-photos').locator('img').waitFor();
      await assertNoSidewaysScroll(page, 'appeal form');
      await page.getByTestId('phone-appeal-submit').tap();
      await page.waitForURL(/\/m\/appeals\/[0-9a-f-]{36}$/);
      appealId = page.url().split('/').pop()!;
      await page.getByTestId('phone-appeal-state').getByText(APPEAL_STATE_WORDS.submitted.zh).waitFor();
      await page.getByTestId('phone-appeal-attachments').locator('img').waitFor();
      await assertNoSidewaysScroll(page, 'appeal page');

      // Every tab in one row at 390 px: a second row would wrap under the first and cover the page.
      const tabTops = await page
        .locator('.m-tabs > a')
        .evaluateAll((tabs) => tabs.map((tab) => Math.round(tab.getBoundingClientRect().top)));
      assert.ok(tabTops.length >= 6, `the tabs: ${tabTops.length}`);
      assert.equal(new Set(tabTops).size, 1, `the tabs' tops: ${tabTops.join(', ')}`);
      await page.getByTestId('phone-tab-tabAppeals').tap();
      const item = page.getByTestId('phone-appeal-item').filter({ hasText: title });
      await item.getByText(APPEAL_STATE_WORDS.submitted.zh).waitFor();
      // The demo's own appeals are there too, in other states.
      await page
        .getByTestId('phone-appeal-item')
        .filter({ hasText: '国有厂房租金减免' })
        .getByText(APPEAL_STATE_WORDS.confirmed.zh)
        .waitFor();
      await assertNoSidewaysScroll(page, 'my appeals');
    });

    // The photo is stored on the appeal as the PNG it is.
    const staffApi = await apiAs(platform, 'staff');
    let { appeal } = await staffApi('GET', `/api/appeals/${appealId}`);
    assert.equal(appeal.source, 'self_service');
    assert.deepEqual(
      appeal.attachments.map((a) => a.mediaType),
      ['image/png'],
    );

    // Staff take it in and forward it; the department takes it on and resolves it; staff confirm.
    const { items: channels } = await staffApi('GET', '/api/channels');
    const department = channels.find((channel) => channel.department.name === DEPARTMENT)!.department;
    ({ appeal } = await staffApi('POST', `/api/appeals/${appealId}/transitions`, {
      action: 'mark_valid',
      version: appeal.version,
    }));
    ({ appeal } = await staffApi('POST', `/api/appeals/${appealId}/transitions`, {
      action: 'forward',
      version: appeal.version,
      departmentIds: [department.id],
    }));
    const liaisonApi = await apiAs(platform, 'liaison');
    ({ appeal } = await liaisonApi('POST', `/api/appeals/${appealId}/transitions`, {
      action: 'accept',
      version: appeal.version,
    }));
    ({ appeal } = await liaisonApi('POST', `/api/appeals/${appealId}/transitions`, {
      action: 'resolve',
      version: appeal.version,
      note: '已协调市政部门，本周内修复。',
    }));
    await staffApi('POST', `/api/appeals/${appealId}/transitions`, {
      action: 'confirm',
      version: appeal.version,
    });

    await screenshotOnFailure(page, 'phone-rate', async () => {
      // A desktop address (a notification's link) opens the same appeal on the phone side.
      await page.goto(`/appeals/${appealId}`);
      await page.waitForURL(new RegExp(`/m/appeals/${appealId}$`));
      await page.getByTestId('phone-appeal-state').getByText(APPEAL_STATE_WORDS.confirmed.zh).waitFor();
      await page.getByTestId('phone-appeal-answers').getByText('已协调市政部门，本周内修复。').waitFor();
      await assertNoSidewaysScroll(page, 'appeal to rate');
      await page.getByTestId('phone-rate-satisfied').tap();
      await page.getByTestId('phone-rate-submit').tap();
      await page.getByTestId('phone-toast').getByText(APPEAL_ACTION_WORDS.rate.done.zh).waitFor();
      await page.getByTestId('phone-appeal-state').getByText(APPEAL_STATE_WORDS.closed.zh).waitFor();
      await page.getByTestId('phone-appeal-satisfaction').getByText(SATISFACTION_LABELS.satisfied).waitFor();

      await page.getByTestId('phone-tab-tabNotifications').tap();
      await page.getByTestId('phone-notifications').getByText(title).first().waitFor();
      await assertNoSidewaysScroll(page, 'notifications');
      await page.getByTestId('phone-tab-tabEnterprise').tap();
      await page.getByTestId('phone-enterprise').getByText('示例区东湖智能科技有限公司').waitFor();
      await assertNoSidewaysScroll(page, 'my enterprise');
    });

    ({ appeal } = await staffApi('GET', `/api/appeals/${appealId}`));
    assert.equal(appeal.state, 'closed');
    assert.equal(appeal.satisfaction, 'satisfied');
    assert.equal(appeal.ratedVia, 'self_service');
  });
});
