// Screenshots of the pages a clinician and the office use, on a phone (390 px) and a desktop
// (1440 px), in Japanese and English: the menu drawer, lists as cards, detail pages with long
// titles, the day grid, the declaration. For looking at, not for asserting (the crawl asserts).
//   RENKEI_E2E_URL=http://127.0.0.1:18512 SCREENSHOT_DIR=/tmp/shots node tests/e2e/phone-shots.mjs [page-name ...]
import path from 'node:path';
import { BASE_URL, CLINICIAN, currentLanguage, login, newPage, switchLanguage } from './lib.mjs';
import { screenshotRun } from './shots.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
const only = process.argv.slice(2);
const { dir, browser, saved, problems, finish } = await screenshotRun();

const DEVICES = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: { width: 1440, height: 900 } },
};

/** Settled: nothing spinning, the route's page shown, the network quiet. */
async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => {
    const main = document.querySelector('.app-content');
    return !document.querySelector('.ant-spin-spinning, .ant-skeleton, .full-page-center') && (!main || main.dataset.path === location.pathname);
  });
}

/** Each page: how to get there from a signed-in page. */
const PAGES = [
  { name: 'home', who: CLINICIAN, go: (page) => page.goto(`${BASE_URL}/`) },
  {
    name: 'menu',
    who: CLINICIAN,
    phoneOnly: true,
    go: async (page) => {
      await page.goto(`${BASE_URL}/`);
      await page.getByTestId('menu-button').click();
      await page.locator('.app-menu-drawer').waitFor();
    },
    fullPage: false,
  },
  { name: 'inbox', who: CLINICIAN, go: (page) => page.goto(`${BASE_URL}/inbox`) },
  { name: 'projects', who: CLINICIAN, go: (page) => page.goto(`${BASE_URL}/projects`) },
  {
    name: 'project',
    who: CLINICIAN,
    go: async (page) => {
      await page.goto(`${BASE_URL}/projects`);
      await page
        .getByRole('link', { name: /ウェアラブル|wearable/i })
        .first()
        .click();
      await page.getByTestId('project-title').waitFor();
    },
  },
  {
    name: 'project-reports',
    who: CLINICIAN,
    go: async (page) => {
      await page.goto(`${BASE_URL}/projects`);
      await page
        .getByRole('link', { name: /ウェアラブル|wearable/i })
        .first()
        .click();
      await page.getByTestId('project-title').waitFor();
      await page.goto(`${page.url()}/reports`);
    },
  },
  { name: 'exchange', who: CLINICIAN, go: (page) => page.goto(`${BASE_URL}/exchange`) },
  {
    name: 'need',
    who: CLINICIAN,
    go: async (page) => {
      await page.goto(`${BASE_URL}/exchange`);
      await page.locator('a[href^="/exchange/needs/"]:not([href$="/new"])').first().click();
      await page.getByTestId('detail-title').waitFor();
    },
  },
  {
    name: 'seed',
    who: CLINICIAN,
    go: async (page) => {
      await page.goto(`${BASE_URL}/exchange`);
      await page.locator('a[href^="/exchange/seeds/"]:not([href$="/new"])').first().click();
      await page.getByTestId('detail-title').waitFor();
    },
  },
  {
    name: 'interest',
    who: CLINICIAN,
    fullPage: false,
    go: async (page) => {
      // From the clinician's own need to a seed suggested for it, then 興味あり: the need is chosen.
      await page.goto(`${BASE_URL}/exchange`);
      await page.getByRole('switch').first().click();
      await page.locator('a[href^="/exchange/needs/"]:not([href$="/new"])').first().click();
      await page.getByTestId('suggested-seeds').locator('a[href^="/exchange/seeds/"]').first().click();
      await page.getByTestId('detail-title').waitFor();
      const interested = page.getByTestId('interested');
      if (await interested.isVisible()) {
        await interested.click();
        await page.getByTestId('interest-via').waitFor();
      }
    },
  },
  { name: 'introductions', who: CLINICIAN, go: (page) => page.goto(`${BASE_URL}/introductions`) },
  { name: 'building', who: CLINICIAN, go: (page) => page.goto(`${BASE_URL}/building`) },
  { name: 'events', who: CLINICIAN, go: (page) => page.goto(`${BASE_URL}/events`) },
  { name: 'declaration', who: CLINICIAN, go: (page) => page.goto(`${BASE_URL}/coi/declaration`) },
  { name: 'contracts', who: OFFICE, go: (page) => page.goto(`${BASE_URL}/contracts`) },
  {
    name: 'contract',
    who: OFFICE,
    go: async (page) => {
      await page.goto(`${BASE_URL}/contracts`);
      await page.getByTestId('contract-link').first().click();
      await page.waitForURL(/\/contracts\/[^/]+$/);
    },
  },
  { name: 'templates', who: OFFICE, go: (page) => page.goto(`${BASE_URL}/contracts/templates`) },
  { name: 'portfolio', who: OFFICE, go: (page) => page.goto(`${BASE_URL}/portfolio`) },
  { name: 'coi-management', who: OFFICE, go: (page) => page.goto(`${BASE_URL}/coi/management`) },
  { name: 'audit', who: OFFICE, go: (page) => page.goto(`${BASE_URL}/audit`) },
];

try {
  for (const [device, options] of Object.entries(DEVICES)) {
    for (const language of ['ja', 'en']) {
      const pages = new Map(); // one signed-in page per person
      for (const spec of PAGES) {
        if (only.length && !only.includes(spec.name)) continue;
        if (spec.phoneOnly && device !== 'phone') continue;
        let page = pages.get(spec.who.email);
        if (!page) {
          page = await newPage(browser, { ...options, reducedMotion: 'reduce' });
          page.on('console', (m) => {
            // (The 401 of the signed-out check before the login is expected.)
            if (m.type() === 'error' && !/401/.test(m.text())) problems.push(`${device}/${language}: ${m.text().slice(0, 200)}`);
          });
          await login(page, spec.who);
          if ((await currentLanguage(page)) !== language) await switchLanguage(page, language);
          pages.set(spec.who.email, page);
        }
        await spec.go(page);
        await settle(page);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        if (overflow > 0) problems.push(`${device}/${language}/${spec.name}: ${overflow}px wider than the screen`);
        const file = path.join(dir, `${device}-${language}-${spec.name}.png`);
        await page.screenshot({ path: file, fullPage: spec.fullPage ?? true });
        saved.push(file);
        if (device === 'phone' && spec.fullPage !== false) {
          // What the phone shows first, without scrolling.
          const top = path.join(dir, `${device}-${language}-${spec.name}-top.png`);
          await page.screenshot({ path: top });
          saved.push(top);
        }
        if (spec.name === 'menu' || spec.name === 'interest') await page.keyboard.press('Escape');
      }
      for (const page of pages.values()) {
        if (language === 'en') await switchLanguage(page, 'ja'); // leave the demo people in Japanese
        await page.context().close();
      }
    }
  }
} finally {
  await finish();
}
