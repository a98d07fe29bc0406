// Screenshots of the home page and the clinician's need form, ja + en, desktop (1366 px) and phone (390 px).
//   RENKEI_E2E_URL=http://127.0.0.1:18512 SCREENSHOT_DIR=/tmp/shots node tests/e2e/polish-shots.mjs
import { BASE_URL, CLINICIAN, currentLanguage, login, newPage, switchLanguage } from './lib.mjs';
import { screenshotRun } from './shots.mjs';

const { browser, problems, shot, finish } = await screenshotRun();
const widths = { desktop: { width: 1366, height: 860 }, phone: { width: 390, height: 844 } };
try {
  for (const [device, viewport] of Object.entries(widths)) {
    for (const language of ['ja', 'en']) {
      const page = await newPage(browser, { viewport, ...(device === 'phone' ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`${device}/${language}: ${m.text().slice(0, 200)}`);
      });
      await page.goto(`${BASE_URL}/login`);
      await login(page, CLINICIAN);
      if ((await currentLanguage(page)) !== language) await switchLanguage(page, language);
      const header = await page.locator('.app-header').boundingBox();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      console.log(`${device}/${language}: header height ${header?.height}, horizontal overflow ${overflow}px`);
      await shot(page, `${device}-${language}-home`);
      if (device === 'phone') await shot(page, `${device}-${language}-home-top`, false);
      await page.goto(`${BASE_URL}/exchange/needs/new`);
      await page.getByTestId('need-title').waitFor();
      await shot(page, `${device}-${language}-need`);
      if (device === 'phone') {
        // What the phone really shows: the top of the form, then scrolled to the end (sticky buttons).
        await shot(page, `${device}-${language}-need-top`, false);
        await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
        await shot(page, `${device}-${language}-need-end`, false);
      }
      const sizes = await page.evaluate(() =>
        [...document.querySelectorAll('.ex-form-actions button, .ex-area-radio label')].map((b) => {
          const r = b.getBoundingClientRect();
          return `${Math.round(r.width)}x${Math.round(r.height)}`;
        }),
      );
      console.log(`${device}/${language}: need form targets ${sizes.join(' ')}`);
      if (language === 'en') await switchLanguage(page, 'ja'); // leave the demo clinician in Japanese
      await page.context().close();
    }
  }
} finally {
  await finish();
}
