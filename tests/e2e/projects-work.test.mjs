// Story: the company lead of a running project uploads a document (the size limit is shown and
// enforced before sending), uploads a second version, and writes the one-minute progress report;
// the PI acknowledges the report in one click from the inbox, and the report shows it.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, it, launch, login, newPage } from './lib.mjs';

const LEAD = { email: 'shimizu.hikaru@renkei.example', password: 'renkei-demo-2026' };
const PI = { email: 'hayashi.mariko@renkei.example', password: 'renkei-demo-2026' };
const PROJECT = 'iPS細胞由来心筋シートのための合成高分子足場材料';

describe('projects: documents and progress reports', () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  it('lead uploads a document and a new version, reports progress; the PI acknowledges from the inbox', async () => {
    const stamp = Date.now();
    const lead = await newPage(browser);
    await login(lead, LEAD, { language: 'ja' });
    await lead.goto(`${BASE_URL}/projects`);
    await lead.getByRole('link', { name: PROJECT }).click();
    await lead.waitForURL(/\/projects\/[^/]+$/);
    const projectUrl = lead.url();

    // Documents: the limit is shown; a too-large file is refused before sending.
    await lead.getByRole('tab', { name: '文書' }).click();
    assert.match(await lead.getByTestId('document-limits').innerText(), /900 KB/);
    await lead.getByTestId('document-file').setInputFiles({ name: 'big.pdf', mimeType: 'application/pdf', buffer: Buffer.alloc(1024 * 1024) });
    await lead.getByText('ファイルが大きすぎます（上限 900 KB）').waitFor();
    const docTitle = `評価プロトコル ${stamp}`;
    await lead.getByTestId('document-file').setInputFiles({ name: 'protocol.txt', mimeType: 'text/plain', buffer: Buffer.from('評価プロトコル v1') });
    await lead.getByTestId('document-title').fill(docTitle);
    await lead.getByTestId('document-upload').click();
    const row = lead.getByRole('row').filter({ hasText: docTitle });
    await row.waitFor();
    assert.match(await row.innerText(), /v1/);
    const chooser = lead.waitForEvent('filechooser');
    await row.getByRole('button', { name: '新しい版' }).click();
    await (await chooser).setFiles({ name: 'protocol-v2.txt', mimeType: 'text/plain', buffer: Buffer.from('評価プロトコル v2') });
    await row.getByRole('cell', { name: 'v2', exact: true }).waitFor();
    await row.getByText('protocol-v2.txt', { exact: false }).waitFor();

    // The one-minute report, with the previous report beside it.
    await lead.getByRole('tab', { name: '進捗報告' }).click();
    const done = `足場材料の耐久試験を完了 ${stamp}`;
    await lead.getByTestId('report-done').fill(done);
    await lead.getByTestId('report-next').fill('細胞播種条件の最適化');
    await lead.getByTestId('report-submit').click();
    await lead.getByText('報告しました。研究責任者と企業側責任者に確認を依頼しました').waitFor();
    await lead.getByText(done).first().waitFor();
    await lead.context().close();

    // The PI acknowledges it in one click from the inbox.
    const pi = await newPage(browser);
    await login(pi, PI, { language: 'ja' });
    await pi.getByTestId('inbox-badge').click();
    await pi.waitForURL(/\/inbox$/);
    // One click per report waiting for the PI on this project (the demo leaves one unacknowledged too).
    const items = pi.getByTestId('inbox-item-projects.report_ack').filter({ hasText: PROJECT });
    await items.first().waitFor();
    for (let left = await items.count(); left > 0; left -= 1) {
      await items.first().getByRole('button', { name: '確認しました' }).click();
      await pi.waitForFunction(
        ([n, title]) =>
          [...document.querySelectorAll('[data-testid="inbox-item-projects.report_ack"]')].filter((e) => e.textContent.includes(title)).length < n,
        [left, PROJECT],
      );
    }
    await pi.goto(`${projectUrl}/reports`);
    const report = pi.getByTestId('report-item').filter({ hasText: done });
    await report.waitFor();
    await report.getByText(/林 真理子 確認/).waitFor();
    await pi.context().close();
  });
});
