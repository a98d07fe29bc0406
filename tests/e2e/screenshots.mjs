// Saves PNG screenshots of the main pages in Japanese and English into $SCREENSHOT_DIR.
//   RENKEI_E2E_URL=http://127.0.0.1:18080 SCREENSHOT_DIR=/tmp/shots node tests/e2e/screenshots.mjs
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ADMIN, BASE_URL, currentLanguage, launch, login, newPage, switchLanguage } from './lib.mjs';

const dir = process.env.SCREENSHOT_DIR;
if (!dir) {
  console.error('set SCREENSHOT_DIR to the directory for the PNG files');
  process.exit(2);
}
await mkdir(dir, { recursive: true });

const browser = await launch();
const saved = [];
const problems = [];
async function shot(page, name, fullPage = true) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300); // let Ant Design finish its transitions
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  saved.push(file);
}

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
  await browser.close();
}
console.log(saved.join('\n'));
if (problems.length) console.log(`browser console:\n${[...new Set(problems)].join('\n')}`);
