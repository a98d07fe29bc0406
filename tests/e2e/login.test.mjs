// Stories (a) and (b): a clinician signs in through the Japanese UI; a wrong password is refused clearly.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, CLINICIAN, it, launch, login, newPage, submitLogin } from './lib.mjs';

describe('login', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('a clinician logs in and sees the Japanese home page with name, organisation and role', async () => {
    const page = await newPage(browser);
    await page.goto(`${BASE_URL}/`);
    await page.waitForURL(/\/login$/); // not signed in yet: sent to the login page
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'ja');
    await login(page, CLINICIAN);

    assert.equal(await page.getByTestId('greeting').innerText(), '田中 健二 さん、ようこそ');
    const organisation = await page.getByTestId('home-organisation').innerText();
    assert.match(organisation, /循環器内科学教室/);
    assert.match(await page.getByTestId('home-roles').innerText(), /臨床医・医学研究者/);
    assert.match(await page.getByTestId('current-user').innerText(), /田中 健二/);

    // Only pages a clinician can use are offered.
    const menu = await page.locator('.app-sider').innerText();
    assert.match(menu, /ホーム/);
    assert.match(menu, /アカウント設定/);
    assert.doesNotMatch(menu, /人員|組織|監査ログ/);
    await page.context().close();
  });

  it('a wrong password shows the clear Japanese message and stays on the login page', async () => {
    const page = await newPage(browser);
    await page.goto(`${BASE_URL}/login`);
    await submitLogin(page, { email: CLINICIAN.email, password: 'not-the-password' });
    const alert = page.getByTestId('login-error');
    await alert.waitFor();
    assert.match(await alert.innerText(), /メールアドレスまたはパスワードが正しくありません/);
    assert.match(page.url(), /\/login$/);
    await page.context().close();
  });
});
