// Story (d): the language a person chooses is remembered on the server, not only in the browser.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { ADMIN, BASE_URL, currentLanguage, it, launch, login, logout, newPage, switchLanguage } from './lib.mjs';

describe('language', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    // Leave the demo admin in Japanese for the other stories, whatever happened above.
    const page = await newPage(browser);
    await login(page, ADMIN);
    if ((await currentLanguage(page)) !== 'ja') await switchLanguage(page, 'ja');
    await browser.close();
  });

  it('the admin switches to English, logs out and in again (in a fresh browser), and the UI is in English', async () => {
    const page = await newPage(browser);
    await login(page, ADMIN);
    if ((await currentLanguage(page)) !== 'ja') await switchLanguage(page, 'ja');
    assert.match(await page.locator('.app-sider').innerText(), /人員/);

    const saved = page.waitForResponse((response) => response.url().endsWith('/api/me') && response.request().method() === 'PATCH');
    await switchLanguage(page, 'en');
    assert.equal((await saved).status(), 200);
    assert.equal(await page.getByTestId('greeting').innerText(), 'Welcome, System Administrator');
    assert.match(await page.locator('.app-sider').innerText(), /People/);
    await logout(page);
    await page.context().close();

    // A new browser profile has no localStorage: the login page is Japanese (the default)...
    const fresh = await newPage(browser);
    await fresh.goto(`${BASE_URL}/login`);
    assert.equal(await currentLanguage(fresh), 'ja');
    // ...and after login the UI follows the language saved for this person.
    await login(fresh, ADMIN);
    await fresh.waitForFunction(() => document.documentElement.lang === 'en');
    assert.equal(await fresh.getByTestId('greeting').innerText(), 'Welcome, System Administrator');
    const menu = await fresh.locator('.app-sider').innerText();
    assert.match(menu, /People/);
    assert.match(menu, /Organisations/);
    assert.match(menu, /Audit log/);
    assert.match(await fresh.locator('.app-header').innerText(), /Log out/);
    await fresh.context().close();
  });
});
