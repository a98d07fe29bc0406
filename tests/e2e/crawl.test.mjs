// The crawl (issue 12): for every role of the demo, every page of the menu is visited in menu order,
// in reverse order and by a direct load, on a desktop (1440×900) and on a phone (390×844). A visit
// fails on a page error, a console error, a failed request (except the expected ones below), a main
// area that shows nothing or an error, or text that sticks out of the viewport sideways. Screenshots
// of the phone pages (and of any failing visit) are saved as artifacts in $RENKEI_E2E_ARTIFACTS/crawl
// (default: the system temp directory), never in the repository.
//
// It waits for content, never for a fixed time: a visit is settled when no request is in flight and
// the page has shown the same content, without spinners, for a few consecutive frames.
import assert from 'node:assert/strict';
import { mkdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe } from 'node:test';
import { BASE_URL, it, launch, login, newPage } from './lib.mjs';

const DEMO = 'renkei-demo-2026';
// The roles with the most pages first: the crawl runs several at a time, and the long ones
// started last would finish alone.
const ROLES = [
  { name: 'admin', email: 'admin@renkei.example', password: 'renkei-admin-2026' },
  { name: 'office', email: 'nakamura.yumi@renkei.example', password: DEMO },
  { name: 'committee', email: 'sato.seiichi@renkei.example', password: DEMO },
  { name: 'coi-committee', email: 'takahashi.hiroshi@renkei.example', password: DEMO },
  { name: 'clinician', email: 'tanaka.kenji@renkei.example', password: DEMO },
  { name: 'company-researcher', email: 'shimizu.hikaru@renkei.example', password: DEMO },
  { name: 'researcher', email: 'kimura.takuya@renkei.example', password: DEMO },
].filter((role) => !process.env.RENKEI_CRAWL_ROLES || process.env.RENKEI_CRAWL_ROLES.split(',').includes(role.name));

// One context per role, resized between the two: the layout follows the width (the phone's menu
// is a drawer below 768 px). Screenshots of every phone page; of desktop pages only when they fail.
const DEVICES = [
  { name: 'desktop', viewport: { width: 1440, height: 900 }, screenshots: false },
  { name: 'phone', viewport: { width: 390, height: 844 }, screenshots: true },
];

/**
 * Requests that may fail, each with its reason. A failure matches by method, path and status
 * (or network error text).
 */
const EXPECTED_FAILURES = [
  {
    // Before signing in, the app asks who is signed in; 401 means "nobody", and the login page shows.
    match: (f) => f.method === 'GET' && f.path === '/api/me' && f.status === 401 && !f.signedIn,
    reason: 'the signed-out check on the login page',
  },
  {
    // A full page load (the direct visits) cancels what the previous document still had in flight,
    // e.g. the inbox count it polls; Chromium reports those as aborted, at times only after the
    // new document has loaded (so "during the goto" alone missed some: a request the previous
    // document issued before the load began is that document's, whenever its failure arrives).
    match: (f) => f.error === 'net::ERR_ABORTED' && (f.duringGoto || f.previousDocument),
    reason: 'requests of the previous document cancelled by a direct load',
  },
];

const ARTIFACTS = path.join(process.env.RENKEI_E2E_ARTIFACTS ?? path.join(os.tmpdir(), 'renkei-e2e-artifacts'), 'crawl');

/** In the page: what the main area shows. */
function pageState() {
  const main = document.querySelector('.app-content');
  return {
    text: main ? main.innerText.trim() : null,
    error: !!document.querySelector('[data-testid="page-error"], .ant-result-error, .ant-result-403, .ant-result-404, .ant-result-500'),
  };
}

/**
 * In the page: waits until the page of the current URL shows something, settled (no spinner, no
 * animation) and unchanged for `frames` animation frames. After `patienceMs` it gives up and says
 * what was wrong (the crawl reports it: a page that never arrives, keeps spinning or stays empty).
 */
function waitStable({ frames, patienceMs }) {
  const started = performance.now();
  return new Promise((resolve) => {
    let last = '';
    let same = 0;
    const tick = () => {
      const main = document.querySelector('.app-content');
      const busy = !!document.querySelector('.ant-spin-spinning, .ant-skeleton, .full-page-center, [class*="-motion-"]');
      // The shell marks the route its page belongs to; until a navigation commits, the old page shows.
      const committed = !!main && main.dataset.path === location.pathname;
      const content = !!main && main.innerText.trim() !== '';
      const now = `${location.pathname}|${main ? main.innerHTML.length : -1}`;
      const ready = !busy && committed && content;
      const waitedEnough = performance.now() - started > patienceMs;
      if ((ready || waitedEnough) && now === last) same++;
      else same = 0;
      last = now;
      if (same >= frames) resolve({ busy, committed, content });
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/**
 * In the page: text that sticks out of the viewport sideways. Text inside a horizontally
 * scrollable box that itself fits (a wide table, the day grid) or cut with an ellipsis is fine;
 * text cut off by a box at the viewport's edge, or reaching past it, is not.
 */
function overflowingText() {
  const width = document.documentElement.clientWidth;
  const found = [];
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth > width + 1) found.push(`the page is ${scrollWidth - width}px wider than the viewport`);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  while (walker.nextNode() && found.length < 8) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (!text) continue;
    const element = node.parentElement;
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    if (rect.right <= width + 1 && rect.left >= -1) continue;
    if (!element.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
    if (element.closest('[aria-hidden="true"], .ant-tabs-nav-list, .ant-select-selection-overflow, .ant-tooltip, .ant-popover')) continue;
    let fine = false;
    for (let box = element; box && box !== document.body && box !== document.documentElement; box = box.parentElement) {
      const style = getComputedStyle(box);
      if (style.overflowX === 'visible') continue;
      const boxRect = box.getBoundingClientRect();
      if (boxRect.right > width + 1) continue; // the box overflows too: is something further out holding it?
      const scrolls = style.overflowX === 'auto' || style.overflowX === 'scroll';
      // A box that scrolls sideways, or cuts with an ellipsis or well inside the viewport, holds the text;
      // a box cutting it off at the viewport's edge does not.
      fine = scrolls || style.textOverflow === 'ellipsis' || boxRect.right < width - 2;
      break;
    }
    if (!fine) {
      const where = element.closest('[data-testid]')?.getAttribute('data-testid') ?? element.className ?? element.tagName;
      found.push(`text "${text.slice(0, 40)}" reaches ${Math.round(rect.right)}px of ${width}px (${String(where).slice(0, 60)})`);
    }
  }
  return found;
}

/** Everything one role's crawl watches and does, on one page (one browser context). */
function crawler(page, role) {
  const problems = [];
  const state = { step: 'login', device: DEVICES[0], signedIn: false, duringGoto: false, visits: 0, loads: 0 };
  // Which full page load each request was issued under (see EXPECTED_FAILURES), and in which order.
  const issuedUnder = new WeakMap();
  const issuedAt = new WeakMap();
  let issued = 0;
  // Aborted requests, judged once the page has settled: the app cancels a request it asks again
  // (a refetch cancels the one in flight), which is no failure if the same request then succeeds.
  const keyOf = (request) => `${request.method()} ${request.url()}`;
  const lastSucceeded = new Map();
  const aborted = [];
  const problem = (text) => problems.push(`[${state.step}] ${text}`);

  page.on('pageerror', (error) => problem(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    // Chromium also logs each failed request; those are judged as requests below.
    if (/^Failed to load resource/.test(message.text())) return;
    problem(`console error: ${message.text().slice(0, 300)}`);
  });

  // Requests in flight, and who waits for there to be none.
  const inflight = new Set();
  const idleWaiters = [];
  const finished = (request) => {
    inflight.delete(request);
    if (!inflight.size) for (const resolve of idleWaiters.splice(0)) resolve();
  };
  const judge = (request, status, error) => {
    const url = new URL(request.url());
    const previousDocument = (issuedUnder.get(request) ?? state.loads) < state.loads;
    const failure = { method: request.method(), path: url.pathname, status, error, signedIn: state.signedIn, duringGoto: state.duringGoto, previousDocument };
    if (EXPECTED_FAILURES.some((expected) => expected.match(failure))) return;
    if (error === 'net::ERR_ABORTED') {
      aborted.push({ key: keyOf(request), at: issuedAt.get(request) ?? issued, step: state.step, text: `${failure.method} ${url.pathname}${url.search}` });
      return;
    }
    problem(`request failed: ${failure.method} ${url.pathname}${url.search} → ${status ?? error}`);
  };
  page.on('request', (request) => {
    inflight.add(request);
    issuedUnder.set(request, state.loads);
    issuedAt.set(request, ++issued);
  });
  page.on('requestfinished', async (request) => {
    finished(request);
    const response = await request.response();
    if (response && response.status() >= 400) judge(request, response.status(), null);
    else if (response) lastSucceeded.set(keyOf(request), Math.max(lastSucceeded.get(keyOf(request)) ?? 0, issuedAt.get(request) ?? 0));
  });
  page.on('requestfailed', (request) => {
    finished(request);
    judge(request, null, request.failure()?.errorText ?? 'failed');
  });

  /** Until nothing is in flight and the page has settled; again if settling started requests. */
  async function settle() {
    for (;;) {
      if (inflight.size) await new Promise((resolve) => idleWaiters.push(resolve));
      const shown = await page.evaluate(waitStable, { frames: 3, patienceMs: 60_000 });
      if (!inflight.size) return shown;
    }
  }

  async function screenshot(name, failed) {
    // PNG for every shot: the reviewers' file viewer shows PNG only, and a failure needs every pixel.
    const file = path.join(ARTIFACTS, `${role.name}-${state.device.name}-${name}${failed ? '-FAILED' : ''}.png`);
    // The whole page, up to a few screens (the audit log's cards run to ten thousand pixels).
    const height = await page.evaluate(() => document.documentElement.scrollHeight).catch(() => 0);
    const clip = { x: 0, y: 0, width: state.device.viewport.width, height: Math.min(Math.max(height, 1), 4000) };
    await page.screenshot({ path: file, type: 'png', fullPage: true, clip }).catch(() => {});
  }

  /** Settles, then judges the page shown; a screenshot on a phone's direct load and on any failure. */
  async function check(label, shotName) {
    state.step = `${state.device.name} ${label}`;
    state.visits++;
    const settled = await settle();
    const before = problems.length;
    for (const a of aborted.splice(0)) {
      if ((lastSucceeded.get(a.key) ?? 0) < a.at) problems.push(`[${a.step}] request failed: ${a.text} → net::ERR_ABORTED, and not asked again`);
    }
    const shown = await page.evaluate(pageState);
    if (!settled.committed) problem(`the page of ${new URL(page.url()).pathname} never showed`);
    if (settled.busy) problem('the page still shows a spinner after a minute');
    if (!shown.text) problem('the main area is empty');
    if (shown.error) problem(`the main area shows an error: ${shown.text?.slice(0, 200)}`);
    for (const text of await page.evaluate(overflowingText)) problem(text);
    const failed = problems.length > before;
    if (failed || (state.device.screenshots && shotName)) await screenshot(shotName ?? label.replace(/[^a-z0-9]+/gi, '_'), failed);
  }

  /** The menu (on a phone a drawer, opened first). */
  async function openMenu() {
    const button = page.getByTestId('menu-button');
    if (!(await button.isVisible())) return page.locator('.app-sider .app-menu');
    await button.click();
    const menu = page.locator('.app-menu-drawer .app-menu');
    await menu.waitFor();
    return menu;
  }

  return {
    problems,
    state,
    check,
    screenshot,
    /** The paths of the menu's pages, in menu order. */
    async menuPaths() {
      const menu = await openMenu();
      await menu.locator('a[href]').first().waitFor();
      const paths = await menu.locator('a[href]').evaluateAll((links) => links.map((link) => new URL(link.href).pathname));
      if (await page.getByTestId('menu-button').isVisible()) {
        await page.keyboard.press('Escape');
        await page.locator('.app-menu-drawer').waitFor({ state: 'hidden' });
      }
      return paths;
    },
    async viaMenu(to, label) {
      const menu = await openMenu();
      await menu.locator(`a[href="${to}"]`).click();
      await page.waitForURL((url) => url.pathname === to);
      await check(label);
    },
    async direct(to, label, shotName) {
      state.duringGoto = true;
      state.loads += 1;
      await page.goto(`${BASE_URL}${to}`);
      state.duringGoto = false;
      await page.waitForURL((url) => url.pathname === to);
      await check(label, shotName);
    },
  };
}

// Four roles at a time: most of a visit is waiting (for the server, for the browser to lay out,
// for the round trips between this process and the browser), so even 2 cores keep four busy.
const CONCURRENCY = Number(process.env.RENKEI_CRAWL_CONCURRENCY ?? 4);

describe('crawl: every menu page of every role, desktop and phone', { concurrency: CONCURRENCY }, () => {
  let browser;
  before(async () => {
    browser = await launch();
    await rm(ARTIFACTS, { recursive: true, force: true });
    await mkdir(ARTIFACTS, { recursive: true });
  });
  after(async () => {
    await browser?.close();
    console.log(`crawl screenshots: ${ARTIFACTS}`);
  });

  for (const role of ROLES) {
    it(`${role.name}: menu order, reverse order and direct loads, desktop and phone`, async () => {
      const started = Date.now();
      // Reduced motion: the app then turns Ant Design's animations off, so nothing is caught mid-way.
      const page = await newPage(browser, { viewport: DEVICES[0].viewport, reducedMotion: 'reduce' });
      const crawl = crawler(page, role);
      try {
        await page.goto(`${BASE_URL}/login`);
        await login(page, role);
        crawl.state.signedIn = true;

        for (const device of DEVICES) {
          crawl.state.device = device;
          await page.setViewportSize(device.viewport); // the page shown turns into the device's layout
          await crawl.check(`resized ${new URL(page.url()).pathname}`);
          const paths = await crawl.menuPaths();
          assert.ok(paths.length >= 8 && paths[0] === '/', `the menu: ${paths.join(' ')}`);

          for (const [i, to] of paths.entries()) await crawl.viaMenu(to, `menu ${i + 1} ${to}`);
          for (const [i, to] of [...paths].reverse().entries()) await crawl.viaMenu(to, `reverse ${i + 1} ${to}`);
          for (const [i, to] of paths.entries()) {
            await crawl.direct(to, `direct ${to}`, `${String(i + 1).padStart(2, '0')}${to.replace(/\//g, '_') || '_home'}`);
          }
        }
      } catch (error) {
        await crawl.screenshot(`stopped-${crawl.state.step.replace(/[^a-z0-9]+/gi, '_')}`, true);
        throw new Error(`${role.name} stopped at [${crawl.state.step}]: ${error.message}\n${crawl.problems.join('\n')}`, { cause: error });
      } finally {
        await page.context().close();
      }
      console.log(`crawl ${role.name}: ${crawl.state.visits} visits in ${Math.round((Date.now() - started) / 1000)} s`);
      assert.deepEqual(crawl.problems, [], `${crawl.problems.length} problems:\n${crawl.problems.join('\n')}`);
    });
  }
});
