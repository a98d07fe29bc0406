// Story: the office prepares an NDA for a project (Japanese UI), fills in its term, downloads the
// generated Word draft (a real .docx with the contract's title and parties in it), then moves it
// through internal review and negotiation (recording a round); a colleague approves (four eyes);
// the office records the signature. The office also
// sees the turnaround table with median days per stage over the demo's contracts.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, describe } from 'node:test';
import { BASE_URL, clickOption, fillDate, it, launch, login, newPage, openDialog } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };
// Approval takes a second pair of eyes: another member of the office.
const OFFICE2 = { email: 'kobayashi.naoko@renkei.example', password: 'renkei-demo-2026' };

/** Picks an option of an Ant Design select found by its form label: types `text`, clicks the option
 *  whose text starts with it (or is exactly it, when `exact`). */
async function choose(dialog, page, label, text, exact = false) {
  const box = dialog.getByLabel(label, { exact: true });
  await box.click();
  await box.fill(text);
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(exact ? `^${escaped}$` : `^${escaped}`);
  await clickOption(page, pattern);
}

/** The text of word/document.xml inside a .docx (python3's zipfile; any unzip would do). */
function documentXml(path) {
  return execFileSync('python3', ['-c', 'import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode())', path], {
    encoding: 'utf8',
  });
}

describe('contracts: an NDA from draft to signed', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('the office creates an NDA for a project, downloads the draft and moves it to signed', async () => {
    const title = `緑内障AI解析の秘密保持契約 ${Date.now()}`;
    const page = await newPage(browser, { acceptDownloads: true });
    await login(page, OFFICE, { language: 'ja' });
    await page.locator('.app-sider').getByText('契約', { exact: true }).click();
    await page.waitForURL(/\/contracts$/);

    // 1. A new NDA for the glaucoma project, between Keio and the device company.
    await page.getByTestId('contract-new').click();
    const dialog = await openDialog(page);
    await dialog.getByLabel('件名').fill(title);
    await choose(dialog, page, 'プロジェクト', '眼底OCT画像');
    await choose(dialog, page, '甲（大学・病院側）', '慶應義塾大学', true);
    await choose(dialog, page, '乙（企業側）', '信濃町メディテック');
    await dialog.getByTestId('new-submit').click();
    await page.waitForURL(/\/contracts\/[a-z0-9]{16}$/);
    await page.getByTestId('contract-title').getByText(title).waitFor();
    assert.equal(await page.getByTestId('contract-status').first().innerText(), '起案');

    // 2. The key terms: purpose and term.
    await page.getByTestId('term-purpose').fill('OCT画像解析アルゴリズムの共同検討');
    await fillDate(page.getByTestId('term-starts_on'), '2026-04-01');
    await fillDate(page.getByTestId('term-ends_on'), '2028-03-31');
    await page.getByTestId('terms-save').click();
    await page.getByText('保存しました').waitFor();

    // 3. The Word draft: a real .docx with the title, the parties and the term filled in.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('draft-download').click()]);
    assert.match(download.suggestedFilename(), /\.docx$/);
    const xml = documentXml(await download.path());
    assert.ok(xml.includes(title), 'the title is in the draft');
    assert.ok(xml.includes('慶應義塾大学（以下「甲」という。）'), 'party A is in the draft');
    assert.ok(xml.includes('信濃町メディテック株式会社（以下「乙」という。）'), 'party B is in the draft');
    assert.ok(xml.includes('2026年4月1日'), 'the term is in the draft');
    assert.ok(!xml.includes('{{party_a_name}}'), 'no merge field is left');

    // 4. Internal review → negotiation (one round recorded) → approval → signed.
    await page.getByTestId('move-internal_review').click();
    await page.getByTestId('contract-status').first().getByText('学内審査').waitFor();
    await page.getByTestId('move-negotiating').click();
    await page.getByTestId('contract-status').first().getByText('交渉中').waitFor();
    await page.getByLabel('変更した条項（読点区切り）').fill('第2条（秘密情報の範囲）、第5条（有効期間）');
    await page.getByTestId('round-add').click();
    await page.getByTestId('round').first().getByText('第2条（秘密情報の範囲）').waitFor();
    // Approval through the chain (稟議): the office asks; who prepared it does not approve it.
    assert.equal(await page.getByTestId('move-approved').count(), 0, 'no direct move to approved');
    await page.getByTestId('approval-start').click();
    await page.getByTestId('approval-status').getByText('承認待ち').waitFor();
    assert.equal(await page.getByTestId('approval-approve').count(), 0, 'who prepared it does not approve it');
    const contractUrl = page.url();
    const colleague = await newPage(browser);
    await login(colleague, OFFICE2, { language: 'ja' });
    await colleague.goto(contractUrl);
    await colleague.getByTestId('approval-comment-input').fill('条項を確認しました');
    await colleague.getByTestId('approval-approve').click();
    await colleague.getByTestId('contract-status').first().getByText('承認済').waitFor();
    await colleague.getByTestId('approval-comment').getByText('条項を確認しました').waitFor();
    await colleague.context().close();
    await page.reload();
    await page.getByTestId('contract-status').first().getByText('承認済').waitFor();
    await fillDate(page.getByTestId('signed-on'), '2026-03-25');
    await page.getByTestId('move-signed').click();
    await page.getByTestId('contract-status').first().getByText('締結済').waitFor();
    await page.getByText('2026-03-25').first().waitFor();

    // 5. The list shows it signed.
    await page.goto(`${BASE_URL}/contracts?q=${encodeURIComponent(title)}`);
    await page.getByTestId('contract-link').getByText(title).waitFor();

    // 6. Turnaround: median days per stage for every type over the demo's history.
    await page.goto(`${BASE_URL}/contracts/turnaround`);
    const table = page.getByTestId('turnaround-table');
    await table.getByText('共同研究契約').waitFor();
    const rows = await table.locator('tbody tr.ant-table-row').count();
    assert.equal(rows, 6, 'one row per contract type');
    await page.context().close();
  });
});
