// On a phone (390 px): the header stays on one line, nothing scrolls sideways, the home page shows
// what a clinician can do, and a clinician gets from home to a saved need in well under two minutes.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BASE_URL, CLINICIAN, launch, login, logout, newPage } from './lib.mjs';

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

describe('phone', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser.close();
  });

  it('a clinician saves a need from the home page on a 390 px phone', async () => {
    const page = await newPage(browser, PHONE);
    const started = Date.now();
    await login(page, CLINICIAN);

    const header = await page.locator('.app-header').boundingBox();
    assert.ok(header && header.height <= 64, `header height ${header?.height}`);
    const brand = await page.locator('.app-name').boundingBox();
    assert.ok(brand && brand.height < 24, `brand wraps: ${brand?.height}`);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);

    const guide = page.getByTestId('home-guide');
    assert.match(await guide.innerText(), /臨床ニーズを投稿する[\s\S]*受信箱[\s\S]*契約[\s\S]*利益相反の申告/);
    await guide.getByRole('link', { name: '臨床ニーズを投稿する' }).click();
    await page.waitForURL(/\/exchange\/needs\/new$/);

    // One column: each field's label sits above its input, inputs use the card's width.
    const title = page.getByTestId('need-title');
    const box = await title.boundingBox();
    assert.ok(box && box.width > 250, `title input width ${box?.width}`);
    const post = await page.getByTestId('need-post').boundingBox();
    assert.ok(post && post.height >= 40, `post button height ${post?.height}`);

    const unique = `スマホからのニーズ ${Date.now()}`;
    await title.fill(unique);
    await page.getByTestId('need-problem').fill('夜間の巡回で点滴の漏れに気づくのが遅れる');
    await page.getByTestId('need-save-draft').click();
    await page.waitForURL(/\/exchange\/needs\/[^/]+$/);
    await page.getByText(unique).first().waitFor();
    assert.ok(Date.now() - started < 120_000);
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), 0);

    await logout(page); // the icon-only logout button keeps its accessible name
    assert.match(page.url(), new RegExp(`^${BASE_URL}/login`));
    await page.context().close();
  });
});
