// A person's account over time: edited by the admin, password reset, own password changed,
// deactivated (and then unable to log in), reactivated.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { ADMIN, BASE_URL, currentLanguage, it, launch, login, logout, newPage, openDialog, submitLogin, switchLanguage } from './lib.mjs';

/** Creates a person through the API with the admin's session (setup, not the behaviour under test). */
async function createPerson(page, person) {
  const me = await (await page.request.get(`${BASE_URL}/api/me`)).json();
  const response = await page.request.post(`${BASE_URL}/api/people`, {
    headers: { 'X-CSRF-Token': me.csrf_token },
    data: { organisation_id: null, roles: ['researcher'], ...person },
  });
  assert.equal(response.status(), 201, await response.text());
  return response.json();
}

async function rowOf(page, email) {
  await page.goto(`${BASE_URL}/people`);
  const row = page.locator('.ant-table-row', { hasText: email });
  await row.waitFor();
  return row;
}

describe('a person account over time', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('admin edits, resets the password, the person changes it, admin deactivates and reactivates', async () => {
    const email = `kondo.yui.${Date.now()}@renkei.example`;
    const admin = await newPage(browser);
    await login(admin, ADMIN);
    if ((await currentLanguage(admin)) !== 'ja') await switchLanguage(admin, 'ja');
    await createPerson(admin, { email, name_ja: '近藤 唯', name_kana: 'コンドウ ユイ', name_en: 'Yui Kondo', password: 'kondo-first-2026' });

    // Edit: the name changes, the rest stays.
    let row = await rowOf(admin, email);
    await row.getByRole('button', { name: '編集' }).click();
    let dialog = await openDialog(admin);
    assert.equal(await dialog.getByLabel('メールアドレス').inputValue(), email);
    await dialog.getByLabel('氏名（漢字）').fill('近藤 結衣');
    await dialog.getByRole('button', { name: '保存' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await row.filter({ hasText: '近藤 結衣' }).waitFor();

    // Reset the password.
    await row.getByRole('button', { name: 'パスワード再設定' }).click();
    dialog = await openDialog(admin);
    await dialog.getByLabel('新しいパスワード').fill('short');
    await dialog.getByRole('button', { name: '再設定' }).click();
    await dialog.getByText('パスワードは 8 文字以上にしてください').waitFor();
    await dialog.getByLabel('新しいパスワード').fill('kondo-reset-2026');
    await dialog.getByRole('button', { name: '再設定' }).click();
    await admin.locator('.ant-message', { hasText: 'パスワードを再設定しました' }).waitFor();

    // The person logs in with the reset password and changes it on the account page.
    const person = await newPage(browser);
    await login(person, { email, password: 'kondo-reset-2026' });
    assert.equal(await person.getByTestId('greeting').innerText(), '近藤 結衣 さん、ようこそ');
    await person.locator('.app-sider').getByText('アカウント設定', { exact: true }).click();
    await person.getByLabel('現在のパスワード').fill('wrong-password');
    await person.getByLabel('新しいパスワード', { exact: true }).fill('kondo-own-2026');
    await person.getByLabel('新しいパスワード（確認）').fill('kondo-own-2026');
    await person.getByRole('button', { name: 'パスワードを変更' }).click();
    await person.getByText('現在のパスワードが正しくありません').waitFor(); // the server's 422 on current_password
    await person.getByLabel('現在のパスワード').fill('kondo-reset-2026');
    await person.getByRole('button', { name: 'パスワードを変更' }).click();
    await person.locator('.ant-message', { hasText: 'パスワードを変更しました' }).waitFor();
    await logout(person);
    await login(person, { email, password: 'kondo-own-2026' });
    await logout(person);

    // Deactivated: gone from the default list, and can no longer log in.
    row = await rowOf(admin, email);
    await row.getByRole('button', { name: '無効にする' }).click();
    await admin.locator('.ant-popover:visible').getByRole('button', { name: '無効にする' }).click();
    await row.waitFor({ state: 'detached' });
    await submitLogin(person, { email, password: 'kondo-own-2026' });
    await person.getByTestId('login-error').waitFor();

    // Reactivated from the "無効" filter: can log in again.
    await admin.locator('.ant-segmented-item', { hasText: '無効' }).click();
    row = admin.locator('.ant-table-row', { hasText: email });
    await row.getByRole('button', { name: '有効に戻す' }).click();
    await admin.locator('.ant-popover:visible').getByRole('button', { name: '有効に戻す' }).click();
    await row.waitFor({ state: 'detached' });
    await login(person, { email, password: 'kondo-own-2026' });
    await person.context().close();
    await admin.context().close();
  });
});
