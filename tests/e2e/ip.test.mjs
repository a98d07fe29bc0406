// Story (Japanese UI, SPEC §5 intellectual property, docs/ip.md), in the demo's ECG patch project:
// 1. a project member (the PI) discloses an invention from the project's 知財 tab, the inventors
//    prefilled from the project's members with even shares;
// 2. the same inventor registers a talk at the centre's symposium before any filing: the guard
//    「出願前の発表です」 is in his inbox;
// 3. the office takes the disclosure up, decides to file, records the company's consent (JSR
//    co-owns it under the joint research agreement) and the Japanese application: the talk is
//    cleared and the legal deadlines appear;
// 4. the office records a licence and its revenue; the inventor sees the reward due.
// Each run discloses a new invention (unique title), so the shared demo database is never assumed
// clean and the test can run again.
import assert from 'node:assert/strict';
import { after, before, describe } from 'node:test';
import { BASE_URL, CLINICIAN, apiLogin, clickOption, it, launch, login, newPage, openDialog, tokyoDate } from './lib.mjs';

const OFFICE = { email: 'nakamura.yumi@renkei.example', password: 'renkei-demo-2026' };

describe('intellectual property', () => {
  let browser, projectId, inventionId;
  const stamp = Date.now();
  const title = `E2E 電極配置の発明 ${stamp}`;
  const talk = `E2E 学会発表 ${stamp}`;

  before(async () => {
    browser = await launch();
    const doctor = await apiLogin(CLINICIAN);
    const projects = (await doctor('GET', '/api/projects?mine=true')).json.items;
    const ecg = projects.find((p) => p.title_ja.startsWith('貼付型ウェアラブル心電図'));
    assert.ok(ecg, 'the demo ECG project, with the clinician as its PI');
    projectId = ecg.id;
  });
  after(async () => {
    await browser?.close();
  });

  it('a project member discloses from the project with the inventors prefilled, and a talk before filing raises the guard', async () => {
    const page = await newPage(browser);
    await login(page, CLINICIAN, { language: 'ja' });
    await page.goto(`${BASE_URL}/projects/${projectId}/ip`);
    await page.getByTestId('ip-disclose').click();
    const dialog = await openDialog(page);
    // The project's academic members, 50 % each; the company lead is not an inventor by default.
    const rows = dialog.getByTestId('ip-inventor-row');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 2);
    await dialog.getByText('田中 健二').waitFor();
    assert.equal(await dialog.getByText('清水 光').count(), 0);
    await dialog.getByTestId('ip-share-total').getByText(/100/).waitFor();
    await dialog.getByTestId('ip-title-input').fill(title);
    await dialog.getByTestId('ip-disclose-ok').click();
    await page.waitForURL(/\/ip\/inventions\/[^/?]+/);
    inventionId = new URL(page.url()).pathname.split('/').pop();
    await page.getByTestId('ip-title').getByText(title).waitFor();

    // The talk at the symposium, from the project's tab.
    await page.goto(`${BASE_URL}/projects/${projectId}/ip`);
    await page.getByTestId('ip-publication-add').click();
    const form = await openDialog(page);
    await form.getByTestId('ip-publication-kind').getByText('講演').click();
    await form.getByTestId('ip-publication-title').fill(talk);
    await form.getByTestId('ip-publication-event').click();
    await clickOption(page, 'シンポジウム');
    await form.getByRole('combobox').last().click();
    await clickOption(page, title);
    await form.getByTestId('ip-publication-ok').click();
    await page.getByTestId('ip-publication-list').getByText(talk).waitFor();
    // The guard, in the inventor's inbox.
    await page.goto(`${BASE_URL}/inbox`);
    await page.getByText(`出願前の発表です: 出願するか、発明を含まないことを確認: ${talk}`).waitFor();
    await page.context().close();
  });

  it('the office decides to file, records the consent and the application, and the guard is lifted', async () => {
    const page = await newPage(browser);
    await login(page, OFFICE, { language: 'ja' });
    await page.goto(`${BASE_URL}/ip/inventions/${inventionId}`);
    await page.getByRole('tab', { name: '評価・決定' }).click();
    await page.getByTestId('ip-start-evaluation').click();
    await page.getByTestId('ip-decision-choice').getByText('出願する').click();
    await page.getByTestId('ip-decision-submit').click();
    // JSR co-owns it (the agreement's 50 %): its consent first.
    const consent = page.getByTestId('ip-consent');
    await consent.waitFor();
    await consent.getByTestId('ip-consent-submit').click();
    await page.getByTestId('ip-consent-given').waitFor();
    await page.getByRole('tab', { name: '出願・期限' }).click();
    await page.getByTestId('ip-filing-add').click();
    await page.getByTestId('ip-filing-number').fill(`特願2026-${stamp % 1000000}`);
    await page.getByTestId('ip-filing-save').click();
    await page
      .getByTestId('ip-filings')
      .getByText(`特願2026-${stamp % 1000000}`)
      .waitFor();
    // The Paris priority year and the examination request, with their sources.
    const deadlines = page.getByTestId('ip-invention-deadlines');
    await deadlines.getByText('パリ優先期限').waitFor();
    await deadlines.getByText('審査請求期限').waitFor();
    await deadlines.getByText(/特許法 第48条の3第1項/).waitFor();
    await page.getByTestId('ip-publications-tab').click();
    await page.getByTestId('ip-publication-list').getByText(talk).waitFor();
    assert.equal(await page.getByTestId('ip-publication-clear').count(), 0, 'filed before the talk: nothing to confirm');
    await page.context().close();
  });

  it('after licence revenue is recorded, the inventor sees the reward due', async () => {
    const office = await apiLogin(OFFICE);
    const licensed = await office('POST', `/api/ip/inventions/${inventionId}/licences`, {
      licensee: 'JSR株式会社',
      exclusive: false,
      signed_on: tokyoDate(0),
    });
    assert.equal(licensed.status, 201, JSON.stringify(licensed.json));
    const licenceId = licensed.json.licences.at(-1).id;
    const paid = await office('POST', `/api/ip/inventions/${inventionId}/licences/${licenceId}/revenue`, {
      received_on: tokyoDate(0),
      amount_yen: 1_000_000,
    });
    assert.equal(paid.status, 201, JSON.stringify(paid.json));
    const rules = (await office('GET', '/api/ip/reward-rules')).json;
    // The inventor's half of the inventors' part of ¥1,000,000.
    const due = Math.floor((((1_000_000 * rules.revenue_percent) / 100) * 50) / 100);

    const page = await newPage(browser);
    await login(page, CLINICIAN, { language: 'ja' });
    await page.goto(`${BASE_URL}/ip/rewards`);
    const row = page.getByRole('row').filter({ hasText: title }).filter({ hasText: '実施補償' });
    await row.first().waitFor();
    await row.first().getByText(due.toLocaleString('ja-JP'), { exact: false }).waitFor();
    await page.context().close();
  });
});
