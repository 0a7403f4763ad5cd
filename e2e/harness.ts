// Browser journeys: the real app on a free port (its own database, demo data) and Debian's Chromium
// driven by playwright-core. Never downloads a browser.
import fs from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { setupTestApp, type TestApp } from '../apps/server/src/test/harness.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Platform {
  t: TestApp;
  baseUrl: string;
  browser: Browser;
  newPage(options?: { locale?: string }): Promise<Page>;
  /** A page in a phone's own context (390 × 844, touch), on the app's clock. */
  newPhonePage(): Promise<Page>;
  close(): Promise<void>;
}

/** The phone the enterprise side is made for: 390 px wide. */
export const PHONE = { width: 390, height: 844 };

export async function startPlatform(options: { env?: Record<string, string> } = {}): Promise<Platform> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  const t = await setupTestApp({ env: { QINQING_LOGIN_RATE_LIMIT: '0', ...options.env } });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const address = t.app.server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  return {
    t,
    baseUrl,
    browser,
    async newPage(pageOptions = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: pageOptions.locale ?? 'zh-CN',
        viewport: { width: 1366, height: 800 },
      });
      // The browser reads the app's clock: the pages' default periods are those of the app's today.
      await context.clock.install({ time: t.ctx.clock.now() });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async newPhonePage() {
      const context = await browser.newContext({
        baseURL: baseUrl,
        locale: 'zh-CN',
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
      });
      await context.clock.install({ time: t.ctx.clock.now() });
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      return page;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** Nothing wider than the phone's screen: the page never scrolls sideways. */
export async function assertNoSidewaysScroll(page: Page, where: string): Promise<void> {
  const width = (await page.evaluate('document.documentElement.scrollWidth')) as number;
  if (width > PHONE.width) throw new Error(`${where}: the page is ${width} px wide`);
}

/** Signs in on the phone side's login page (/m/login) as a contact would. */
export async function signInOnPhone(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/m/login');
  await page.getByTestId('phone-login-username').fill(username);
  await page.getByTestId('phone-login-password').fill(password);
  await page.getByTestId('phone-login-submit').tap();
}

/** Signs in through the login page as a person would. */
export async function signInThroughPage(page: Page, username: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  // Until the answer: a page.goto right after the click would race the session cookie (CI, loaded machine).
  await page.waitForFunction(
    () => !location.pathname.startsWith('/login') || document.querySelector('.ant-alert-error') !== null,
  );
}

/**
 * Waits until the overlay matching `selector` (a dialog, a dropdown) is shown and has finished its opening
 * animation: on a loaded machine a click during antd's animation can land before the overlay takes it
 * (CI: a type chosen in a dialog, a menu item in the account dropdown).
 */
export async function overlaySettled(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((css) => {
    const overlay = document.querySelector(css);
    return overlay !== null && !/-(appear|enter)(-|\b)/.test(overlay.className);
  }, selector);
}

/**
 * Picks an enterprise in the EnterprisePicker inside `scope` by typing `typed` (its name unless said): waits
 * for the search of the whole text to answer before clicking its option, and checks that the choice took,
 * trying again when it did not. CI: typed with the search debounced, a click landed on the options of a
 * shorter text while they were replaced, nothing was chosen, and the form was saved without an enterprise.
 */
export async function pickEnterprise(page: Page, scope: Locator, name: string, typed = name): Promise<void> {
  const picker = scope.getByTestId('enterprise-picker');
  for (let attempt = 1; ; attempt++) {
    // The first search of the text goes to the server; a second try reads it from the page's cache.
    const searched =
      attempt === 1
        ? page.waitForResponse(
            (response) =>
              new URL(response.url()).pathname === '/api/enterprises' &&
              new URL(response.url()).searchParams.get('q') === typed.trim(),
          )
        : Promise.resolve();
    await picker.click();
    await page.keyboard.type(typed);
    await searched;
    await page.locator('.ant-select-item-option').filter({ hasText: name }).first().click();
    try {
      // Chosen: the select shows the enterprise's name (the search text is an input's value, not its text).
      await picker.filter({ hasText: name }).waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
      await page.keyboard.press('Escape');
    }
  }
}

/** overlaySettled for the dialog on the page. */
export function dialogOpened(page: Page): Promise<void> {
  return overlaySettled(page, '.ant-modal');
}

/**
 * Chooses the option `text` in the antd Select `select` (its root or its search input), typing `typed` into
 * its search first when given: opens it, waits for its list to finish opening, clicks the option and checks
 * that the choice took — the select shows it — trying again when it did not. CI (a loaded machine): a click
 * on an option during the list's opening animation was not taken, and a form was saved without it.
 */
export async function chooseOption(page: Page, select: Locator, text: string, typed?: string): Promise<void> {
  const root = select.locator(
    'xpath=ancestor-or-self::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  // The option in the list that is shown (other selects' lists may linger in the page, hidden or leaving).
  const option = page
    .locator('.ant-select-dropdown:not([class*="-leave"]) .ant-select-item-option:visible')
    .filter({ hasText: text })
    .first();
  for (let attempt = 1; ; attempt++) {
    // Open unless a click it did not take left it open; a reopened search is typed again.
    if (attempt === 1 || !/\bant-select-open\b/.test((await root.getAttribute('class')) ?? '')) {
      await select.click();
      if (typed !== undefined) await page.keyboard.type(typed);
    }
    await option.waitFor();
    // Its list done opening: a click during the animation is not taken. Asked of the option found afresh each
    // time: the answer to the typed search replaces the options, and a handle taken before would wait on a
    // detached element for ever (CI, a loaded machine: the list stood open and settled, the wait timed out).
    for (const deadline = Date.now() + 15_000; ;) {
      const settled = await option.evaluate((element) => {
        const list = element.closest('.ant-select-dropdown');
        return !!list && !/-(appear|enter)(-|\b)/.test(list.className);
      });
      if (settled) break;
      if (Date.now() > deadline) throw new Error(`the list of the option ${text} did not finish opening`);
      await page.waitForTimeout(50);
    }
    await option.click();
    try {
      // A single select shows its value, a multiple one a tag (the search text is neither).
      await root
        .locator('.ant-select-content-has-value, .ant-select-selection-item')
        .filter({ hasText: text })
        .first()
        .waitFor({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 3) throw error;
    }
  }
}

/** Saves a screenshot under .tmp/e2e-screenshots when a journey fails, to look at afterwards. */
export async function screenshotOnFailure(page: Page, name: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    fs.mkdirSync('.tmp/e2e-screenshots', { recursive: true });
    await page
      .screenshot({ path: `.tmp/e2e-screenshots/${name}.png`, fullPage: true })
      .catch(() => undefined);
    // What the page said when the journey stopped, for a log read without the screenshot.
    const notices = await page
      .locator('.ant-message-notice, .ant-alert, .ant-form-item-explain-error')
      .allInnerTexts()
      .catch(() => [] as string[]);
    console.error(`[e2e] ${name} stopped at ${page.url()}; notices: ${JSON.stringify(notices)}`);
    throw error;
  }
}

/** Opens the action's dialog on the appeal page, optionally writes its text, and confirms. */
export async function act(page: Page, action: string, text?: string): Promise<void> {
  await page.getByTestId(`appeal-action-${action}`).click();
  const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('appeal-dialog-confirm') });
  await dialog.waitFor();
  // Its opening animation over: a click on 确定 during it was not taken (CI, a loaded machine).
  const opened = await dialog.elementHandle();
  await page.waitForFunction((element) => !/-(appear|enter)(-|\b)/.test(element!.className), opened);
  if (text !== undefined) await dialog.getByTestId('appeal-dialog-text').fill(text);
  await page.getByTestId('appeal-dialog-confirm').click();
  await dialog.waitFor({ state: 'hidden' });
}
