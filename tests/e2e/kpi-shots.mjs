// Screenshots of the KPI page (/kpi) as the office, ja + en, desktop (1366 px) and phone (390 px),
// with the funnel's table printed so a run shows the demo's figures.
//   RENKEI_E2E_URL=http://127.0.0.1:18091 SCREENSHOT_DIR=/tmp/kpi-shots node tests/e2e/kpi-shots.mjs
import { BASE_URL, login, newPage, switchLanguage } from './lib.mjs';
import { screenshotRun } from './shots.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
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
      await login(page, OFFICE, { resume: true, language });
      await page.goto(`${BASE_URL}/kpi`);
      await page.getByTestId('kpi-funnel-table').waitFor();
      await page.getByTestId('kpi-activity').waitFor();
      const rows = await page.getByTestId('kpi-funnel-table').locator('tr').allInnerTexts();
      console.log(`${device}/${language}:\n  ${rows.map((r) => r.replace(/\s+/g, ' | ')).join('\n  ')}`);
      await shot(page, `${device}-${language}-kpi`);
      if (language === 'en') await switchLanguage(page, 'ja');
      await page.context().close();
    }
  }
} finally {
  await finish();
}
