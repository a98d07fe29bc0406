// What the screenshot scripts (screenshots.mjs, polish-shots.mjs, phone-shots.mjs) share: the
// output directory from $SCREENSHOT_DIR, one browser, the list of files saved and of problems seen,
// and the summary printed at the end. For looking at pages, not for asserting (the tests assert).
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { launch } from './lib.mjs';

export async function screenshotRun() {
  const dir = process.env.SCREENSHOT_DIR;
  if (!dir) {
    console.error('set SCREENSHOT_DIR to the directory for the PNG files');
    process.exit(2);
  }
  await mkdir(dir, { recursive: true });
  const browser = await launch();
  const saved = [];
  const problems = [];
  return {
    dir,
    browser,
    saved,
    problems,
    /** Saves `name`.png once the network is quiet and Ant Design has finished its transitions. */
    async shot(page, name, fullPage = true) {
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const file = path.join(dir, `${name}.png`);
      await page.screenshot({ path: file, fullPage });
      saved.push(file);
    },
    /** Closes the browser and prints the files saved and any problems seen. */
    async finish() {
      await browser.close();
      console.log(saved.join('\n'));
      if (problems.length) console.log(`problems:\n${[...new Set(problems)].join('\n')}`);
    },
  };
}
