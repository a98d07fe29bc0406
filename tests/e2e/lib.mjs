// Shared helpers for the end-to-end tests: a headless system Chromium (never downloaded)
// pointed at a running `renkei serve` whose base URL is in RENKEI_E2E_URL.
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { it as nodeIt } from 'node:test';

// playwright-core is a devDependency of the web UI; load it from web/node_modules.
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

export const BASE_URL = (process.env.RENKEI_E2E_URL ?? 'http://127.0.0.1:18080').replace(/\/$/, '');

export const ADMIN = { email: 'admin@renkei.example', password: 'renkei-admin-2026' };
export const CLINICIAN = { email: 'tanaka.kenji@renkei.example', password: 'renkei-demo-2026' };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** A fresh browser profile (no cookies, no localStorage), Japanese, in Tokyo. */
export async function newPage(browser, options = {}) {
  const context = await browser.newContext({
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    viewport: { width: 1366, height: 860 },
    ...options,
  });
  // A ceiling for a hung page, not a speed test: a busy 2-core machine (argon2id sign-ins, builds
  // beside the tests) can take well over 15 s for one step.
  context.setDefaultTimeout(60_000);
  context.setDefaultNavigationTimeout(60_000);
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error('page error:', error.message));
  // What a failing step's log needs and a passing run never prints: the page's own errors (not the
  // browser's line for each 4xx, which tests provoke on purpose), a server error, and a change
  // that never reached the server.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) console.error('console error:', m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 500) console.error('server error:', r.status(), r.request().method(), r.url());
  });
  page.on('requestfailed', (r) => {
    if (r.method() !== 'GET') console.error('request failed:', r.method(), r.url(), r.failure()?.errorText);
  });
  watch(page);
  return page;
}

// A failing test explains itself: `it` (use this one, not node:test's) describes each page still
// open when its test fails (address, the messages and errors on screen, its last API calls) and
// saves it as a screenshot, so that a failure seen only in CI says what the browser showed.
const openPages = new Map(); // page → its last API calls
const FAILURES = path.join(process.env.RENKEI_E2E_ARTIFACTS ?? path.join(os.tmpdir(), 'renkei-e2e-artifacts'), 'failures');
let described = 0;

function watch(page) {
  const calls = [];
  openPages.set(page, calls);
  page.context().on('close', () => openPages.delete(page));
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (!url.pathname.startsWith('/api/')) return;
    calls.push(`${new Date().toISOString().slice(11, 23)} ${r.request().method()} ${url.pathname}${url.search} ${r.status()}`);
    if (calls.length > 12) calls.shift();
  });
}

async function describePage(page, calls) {
  const shown = await page
    .locator('.ant-message-notice, .ant-notification-notice, .ant-alert, .ant-form-item-explain-error, .ant-modal-title, .ant-result-title')
    .allInnerTexts()
    .catch(() => []);
  const file = path.join(FAILURES, `${path.basename(process.argv[1] ?? 'e2e', '.test.mjs')}-${++described}.png`);
  await mkdir(FAILURES, { recursive: true });
  const saved = await page.screenshot({ path: file, fullPage: true }).then(
    () => file,
    () => 'no screenshot',
  );
  console.error(
    [
      `a page open when the test failed: ${page.url()} (${saved})`,
      `  on screen: ${shown.map((t) => JSON.stringify(t.trim())).join(', ') || 'no message, alert or error'}`,
      '  its last API calls:',
      ...calls.map((c) => `    ${c}`),
    ].join('\n'),
  );
}

/** node:test's `it`, which on a failure first describes the pages still open (see above). */
export function it(name, ...rest) {
  const fn = rest.pop();
  return nodeIt(name, ...rest, async (t) => {
    try {
      await fn(t);
    } catch (error) {
      for (const [page, calls] of openPages) if (!page.isClosed()) await describePage(page, calls).catch(() => {});
      throw error;
    }
  });
}

/** Fills the login form (in whichever language it shows) and submits it. */
export async function submitLogin(page, { email, password }) {
  if (!page.url().includes('/login')) await page.goto(`${BASE_URL}/login`);
  await page.locator('input[type="email"]').fill(email);
  await page.locator('input[type="password"]').fill(password);
  await page.locator('form button[type="submit"]').click();
}

// The session cookies of each person this test file has signed in as (email → cookies), for
// `login(…, { resume: true })`. A session lives on the server until its person logs out.
const sessions = new Map();

/**
 * Logs in and waits for the home page greeting. With `language`, then switches the UI to it (a
 * person's saved language could be another). With `resume`, a person this file has already signed
 * in as is not signed in again (argon2id is slow on purpose): the page's fresh context gets that
 * session's cookie and opens the home page. For steps that are not about signing in; the first
 * login of a person in a file, or one run alone, signs in through the form as always.
 */
export async function login(page, credentials, { language, resume = false } = {}) {
  const saved = resume ? sessions.get(credentials.email) : undefined;
  if (saved) {
    await page.context().addCookies(saved);
    await page.goto(`${BASE_URL}/`);
  } else {
    await submitLogin(page, credentials);
  }
  await page.getByTestId('greeting').waitFor();
  if (!saved) sessions.set(credentials.email, await page.context().cookies());
  if (language) await switchLanguage(page, language);
}

export async function logout(page) {
  const ending = JSON.stringify(await page.context().cookies());
  await page
    .locator('.app-header')
    .getByRole('button', { name: /ログアウト|Log out/ })
    .click();
  await page.waitForURL(/\/login$/);
  // The session is gone on the server; forget it here too.
  for (const [email, cookies] of sessions) if (JSON.stringify(cookies) === ending) sessions.delete(email);
}

/** Switches the UI language with the header (or login page) switch and waits for it. */
export async function switchLanguage(page, language) {
  const label = language === 'ja' ? '日本語' : 'English';
  await page.getByTestId('language-switch').first().getByText(label, { exact: true }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language);
}

export async function currentLanguage(page) {
  return page.evaluate(() => document.documentElement.lang);
}

/** The open dialog, once its opening animation has finished (clicks during the zoom can go astray). */
export async function openDialog(page) {
  const dialog = page.locator('.ant-modal:visible');
  await dialog.waitFor();
  await page.waitForFunction(() => !document.querySelector('.ant-modal[class*="zoom-appear"], .ant-modal[class*="zoom-enter"]'));
  return dialog;
}

/**
 * Waits until the open select dropdown has finished its opening motion and returns it. Ant Design
 * shows a dropdown at opacity 0 while it slides in; a click in that moment is lost (seen under
 * load: the option was clicked, the select stayed empty), so every pick waits for this first.
 */
export async function openDropdown(page) {
  await page.waitForFunction(() => {
    const open = [...document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')];
    return open.length > 0 && open.every((d) => !/-(appear|enter|leave)(-active)?(\s|$)/.test(d.className));
  });
  return page.locator('.ant-select-dropdown:visible');
}

/** Clicks the option of the open select dropdown that shows `text` (a string or a RegExp). */
export async function clickOption(page, text) {
  const dropdown = await openDropdown(page);
  await dropdown.locator('.ant-select-item-option').filter({ hasText: text }).first().click();
}

/**
 * Picks an option of a single-value searchable select: types `typed`, clicks the option that shows
 * `optionText`, and checks that the select now holds a value. Under load the option list can be
 * replaced between the search response and the click (a stale, shorter search answering late);
 * the pick is then made again, up to three times.
 */
export async function pickInSearchSelect(page, select, typed, optionText) {
  const empty = (await select.textContent()) ?? '';
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await page.keyboard.type(typed);
    await clickOption(page, optionText);
    try {
      // Chosen: the select shows a value instead of its placeholder.
      await page.waitForFunction(([el, before]) => el.textContent !== before && el.textContent !== '', [await select.elementHandle(), empty], {
        timeout: 10_000,
      });
      return;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Types a date into one of the app's date fields (Ant Design's picker, YYYY-MM-DD) and presses
 * Enter, which takes the date and closes the calendar (it would otherwise cover what is below).
 */
export async function fillDate(field, value) {
  await field.fill(value);
  await field.press('Enter');
  await field.page().waitForFunction(() => !document.querySelector('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)'));
}

/**
 * A minimal API client for a test's setup: signs in and returns `(method, path, body)` → `{status,
 * json}`, sending the session cookie and the CSRF token as the UI does.
 */
export async function apiLogin({ email, password }) {
  const r = await fetch(`${BASE_URL}/api/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (r.status !== 200) throw new Error(`login ${email}: ${r.status}`);
  const cookie = r.headers.get('set-cookie').split(';')[0];
  const { csrf_token: csrf } = await r.json();
  return async (method, path, body) => {
    const res = await fetch(`${BASE_URL}${path}`, {
      method,
      headers: { Cookie: cookie, 'X-CSRF-Token': csrf, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, json: text ? JSON.parse(text) : null };
  };
}

/** Calls the API with the page's session (and its CSRF token for changes); fails on an error status. */
export async function pageCall(page, method, path, body) {
  const me = await (await page.request.get(`${BASE_URL}/api/me`)).json();
  const response = await page.request.fetch(`${BASE_URL}${path}`, {
    method,
    headers: { 'X-CSRF-Token': me.csrf_token ?? '', 'Content-Type': 'application/json' },
    data: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Tokyo's date `days` from today, YYYY-MM-DD. */
export const tokyoDate = (days = 0) => new Date(Date.now() + 9 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
