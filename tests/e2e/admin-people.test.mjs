// Story (c): the admin registers a person through the Japanese UI; that person can then log in.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { ADMIN, BASE_URL, clickOption, currentLanguage, it, launch, login, logout, newPage, openDialog, openDropdown, switchLanguage } from './lib.mjs';

/** Picks an organisation in an Ant Design TreeSelect by typing part of its name. */
async function chooseOrganisation(page, field, name) {
  await field.locator('.ant-select').click();
  await field.locator('input').fill(name);
  await (await openDropdown(page)).locator('.ant-select-tree-title', { hasText: name }).first().click();
  await closeDropdowns(page);
}

/** Clicks the dialog title, away from any open dropdown, and waits for the dropdowns to close. */
async function closeDropdowns(page) {
  await page.locator('.ant-modal:visible .ant-modal-title').click();
  await page
    .locator('.ant-select-dropdown:visible')
    .waitFor({ state: 'detached' })
    .catch(() => {});
  await page.waitForFunction(() => document.querySelectorAll('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').length === 0);
}

async function chooseRole(page, field, label) {
  await field.locator('.ant-select').click();
  await clickOption(page, new RegExp(`^${label}$`));
  await closeDropdowns(page);
}

async function openPeople(page) {
  await page.locator('.app-sider').getByText('人員', { exact: true }).click();
  await page.waitForURL(/\/people$/);
  await page.locator('.ant-table-row').first().waitFor();
}

async function signInAsAdminInJapanese(page) {
  await login(page, ADMIN);
  if ((await currentLanguage(page)) !== 'ja') await switchLanguage(page, 'ja');
}

describe('people administration', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('the admin creates a person, logs out, and the new person logs in to their home page', async () => {
    const email = `sasaki.shota.${Date.now()}@renkei.example`;
    const password = 'sasaki-first-2026';
    const page = await newPage(browser);
    await signInAsAdminInJapanese(page);
    await openPeople(page);

    await page.getByRole('button', { name: '人員を追加' }).click();
    const dialog = await openDialog(page);
    await dialog.getByLabel('メールアドレス').fill(email);
    await dialog.getByLabel('氏名（漢字）').fill('佐々木 翔太');
    await dialog.getByLabel('フリガナ').fill('ササキ ショウタ');
    await dialog.getByLabel('氏名（ローマ字）').fill('Shota Sasaki');
    await chooseOrganisation(page, dialog.locator('.ant-form-item', { hasText: '所属組織' }), '循環器内科学教室');
    await chooseRole(page, dialog.locator('.ant-form-item', { hasText: '役割' }), '研究者');
    await dialog.getByLabel('初期パスワード').fill(password);
    await dialog.getByRole('button', { name: '登録' }).click();

    await page.locator('.ant-message', { hasText: '佐々木 翔太 さんを登録しました' }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-row', { hasText: email });
    await row.waitFor();
    assert.match(await row.innerText(), /佐々木 翔太/);
    assert.match(await row.innerText(), /循環器内科学教室/);

    await logout(page);
    await login(page, { email, password });
    assert.equal(await page.getByTestId('greeting').innerText(), '佐々木 翔太 さん、ようこそ');
    assert.match(await page.getByTestId('home-organisation').innerText(), /循環器内科学教室/);
    assert.equal(await page.getByTestId('home-roles').innerText(), '研究者');
    await page.context().close();
  });

  it('a duplicate email is shown on the email field', async () => {
    const page = await newPage(browser);
    await signInAsAdminInJapanese(page);
    await openPeople(page);
    await page.getByRole('button', { name: '人員を追加' }).click();
    const dialog = await openDialog(page);
    await dialog.getByLabel('メールアドレス').fill('tanaka.kenji@renkei.example');
    await dialog.getByLabel('氏名（漢字）').fill('田中 重複');
    await dialog.getByLabel('氏名（ローマ字）').fill('Duplicate Tanaka');
    await dialog.getByLabel('初期パスワード').fill('duplicate-2026');
    await dialog.getByRole('button', { name: '登録' }).click();
    const emailItem = dialog.locator('.ant-form-item', { hasText: 'メールアドレス' });
    await emailItem.locator('.ant-form-item-explain-error', { hasText: 'このメールアドレスは既に登録されています' }).waitFor();
    await page.context().close();
  });
});
