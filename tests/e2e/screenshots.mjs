// Saves PNG screenshots of the main pages in Japanese and English into $SCREENSHOT_DIR.
//   RENKEI_E2E_URL=http://127.0.0.1:18080 SCREENSHOT_DIR=/tmp/shots node tests/e2e/screenshots.mjs
import { ADMIN, BASE_URL, currentLanguage, login, newPage, switchLanguage } from './lib.mjs';
import { screenshotRun } from './shots.mjs';

const { browser, problems, shot, finish } = await screenshotRun();

try {
  for (const language of ['ja', 'en']) {
    const page = await newPage(browser);
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${language}: ${message.text().slice(0, 300)}`);
    });
    await page.goto(`${BASE_URL}/login`);
    if (language === 'en') await switchLanguage(page, 'en');
    await shot(page, `${language}-login`);

    await login(page, ADMIN);
    if ((await currentLanguage(page)) !== language) await switchLanguage(page, language);
    await shot(page, `${language}-home`);

    for (const name of ['people', 'organisations', 'audit']) {
      await page.goto(`${BASE_URL}/${name}`);
      await page.locator('.ant-table-row').first().waitFor();
      if (name === 'audit') {
        // The first entry whose record is named (a redacted one, e.g. a person's inbox item, has no diff).
        await page.locator('.ant-table-row:has(td a[href^="/contracts/"]) .ant-table-row-expand-icon').first().click();
        await page.locator('.audit-diff').first().waitFor();
      }
      await shot(page, `${language}-${name}`);
      if (name === 'people') {
        await page.locator('.page-title button').click();
        await page.locator('.ant-modal:visible').waitFor();
        await page.locator('.ant-modal:visible .ant-modal-footer .ant-btn-primary').click(); // empty form: shows the field errors
        await page.locator('.ant-form-item-explain-error').first().waitFor();
        await shot(page, `${language}-people-new`, false);
        await page.keyboard.press('Escape');
      }
    }
    await page.goto(`${BASE_URL}/account`);
    await shot(page, `${language}-account`);
    if (language === 'en') await switchLanguage(page, 'ja'); // leave the admin as the demo had it
    await page.context().close();
  }
} finally {
  await finish();
}
