// The admin grows the organisation tree and retires a branch; the audit log shows what changed.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { ADMIN, clickOption, currentLanguage, it, launch, login, newPage, openDialog, switchLanguage } from './lib.mjs';

describe('organisation administration and audit log', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('adds a department under 医学部, deactivates it, and finds both changes in the audit log', async () => {
    const nameJa = `再生医療学教室 ${Date.now()}`;
    const page = await newPage(browser);
    await login(page, ADMIN);
    if ((await currentLanguage(page)) !== 'ja') await switchLanguage(page, 'ja');

    await page.locator('.app-sider').getByText('組織', { exact: true }).click();
    const faculty = page.locator('.ant-table-row', { has: page.getByText('医学部', { exact: true }) });
    await faculty.getByRole('button', { name: '下位組織を追加' }).click();
    const dialog = await openDialog(page);
    assert.match(await dialog.locator('.ant-modal-title').innerText(), /「医学部」の下に組織を追加/);
    // The likely kind of a faculty's child is preselected.
    assert.match(await dialog.locator('.ant-form-item', { hasText: '種別' }).innerText(), /教室・学科/);
    await dialog.getByLabel('名称（日本語）').fill(nameJa);
    await dialog.getByLabel('名称（英語）').fill('Department of Regenerative Medicine');
    await dialog.getByRole('button', { name: '作成' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const row = page.locator('.ant-table-row', { hasText: nameJa });
    await row.waitFor();
    // Nested one level deeper than the faculty.
    const indent = async (locator) => Number((await locator.locator('.ant-table-row-indent').first().getAttribute('class')).match(/indent-level-(\d+)/)[1]);
    assert.equal(await indent(row), (await indent(faculty)) + 1);

    await row.getByRole('button', { name: '無効にする' }).click();
    await page.locator('.ant-popover:visible').getByRole('button', { name: '無効にする' }).click();
    await row.waitFor({ state: 'detached' });
    await page.getByText('無効な組織も表示').click();
    await row.waitFor();
    assert.match(await row.innerText(), /無効/);

    await page.locator('.app-sider').getByText('監査ログ', { exact: true }).click();
    await page.locator('.ant-select', { hasText: '対象の種類' }).click();
    await clickOption(page, /^組織$/);
    const newest = page.locator('.ant-table-row').first();
    await newest.filter({ hasText: nameJa }).waitFor();
    assert.match(await newest.innerText(), /無効化/);
    assert.match(await newest.innerText(), /システム管理者/);
    assert.match(await page.locator('.ant-table-row').nth(1).innerText(), /作成/);

    await newest.locator('.ant-table-row-expand-icon').click();
    const changed = page.locator('.audit-diff tr[data-changed="true"]');
    await changed.first().waitFor();
    const keys = await changed.evaluateAll((rows) => rows.map((tr) => tr.getAttribute('data-key')));
    assert.ok(keys.includes('active'), `changed keys: ${keys}`);
    assert.ok(!keys.includes('name_ja'), `name_ja did not change: ${keys}`);
    await page.context().close();
  });
});
